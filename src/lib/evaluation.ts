/** What came of interpreter requests in a round, in the order the evaluation lists it (server and page alike). */
export const interpretingKeys = ['staff', 'volunteer', 'service', 'notArranged', 'own'] as const;
export type InterpretingFigures = Record<(typeof interpretingKeys)[number], number>;
