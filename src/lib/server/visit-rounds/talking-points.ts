/**
 * Talking points a school starts from, per group, in the words of a Dutch school's published
 * home-visit policy (obs Spitsbergen, Amsterdam: groups 1, 3 and 5, new pupils and the language
 * class). The office edits them per round. Their words are messages (`talking_points.*`), so a
 * parent reads a standard point in their own language; a point the school wrote itself is
 * translated by the school (school/words.ts).
 */
import nl from '../../../../messages/nl.json';

export type TalkingPointKey = keyof typeof nl.talking_points;

const byYear: Record<number, TalkingPointKey[]> = {
	1: ['meet', 'wellbeing', 'parents_role', 'free_time_together', 'toys_at_home'],
	3: ['learning_at_school', 'food_and_drink', 'bedtime', 'free_time'],
	5: ['homework', 'friends', 'hobbies', 'free_time_together']
};

const languageClass: TalkingPointKey[] = ['wellbeing', 'language_teacher', 'language_at_home'];

/** For the years the policies do not cover: a positive conversation, and room for the parents' questions. */
const general: TalkingPointKey[] = ['wellbeing', 'proud', 'free_time_together', 'your_questions'];

const dutch = (keys: TalkingPointKey[]) => keys.map((key) => nl.talking_points[key]);

export const newPupilPoints = dutch(['meet', 'previous_school', 'wellbeing']);

export function defaultTalkingPoints(group: {
	year: number | null;
	isLanguageClass: boolean;
}): string[] {
	if (group.isLanguageClass) return dutch(languageClass);
	return dutch((group.year !== null && byYear[group.year]) || general);
}

const keyOfDutch = new Map(
	Object.entries(nl.talking_points).map(([key, text]) => [text, key as TalkingPointKey])
);

/** The message key of a standard point, found by its Dutch words; none for the school's own. */
export const standardPointKey = (dutchText: string): TalkingPointKey | undefined =>
	keyOfDutch.get(dutchText);
