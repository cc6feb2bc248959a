/**
 * Talking points a school starts from, per group, in the words of a Dutch school's published
 * home-visit policy (obs Spitsbergen, Amsterdam: groups 1, 3 and 5, new pupils and the language
 * class). The office edits them per round.
 */
const byYear: Record<number, string[]> = {
	1: [
		'Kennismaken',
		'Welbevinden van uw kind',
		'De rol van ouders',
		'Vrije tijd samen',
		'Speelmateriaal thuis'
	],
	3: [
		'Wat uw kind leert in de klas en hoe u kunt helpen',
		'Eten en drinken',
		'Bedtijd',
		'Vrije tijd'
	],
	5: ['Huiswerk', 'Vriendjes en vriendinnetjes', 'Hobby’s en vrije tijd', 'Vrije tijd samen']
};

const languageClass = [
	'Welbevinden van uw kind',
	'Samenwerken met de taalleerkracht',
	'Wat ouders doen voor de taalontwikkeling'
];

/** For the years the policies do not cover: a positive conversation, and room for the parents' questions. */
const general = [
	'Welbevinden van uw kind',
	'Waar bent u trots op?',
	'Vrije tijd samen',
	'Uw vragen aan school'
];

export const newPupilPoints = [
	'Kennismaken',
	'De vorige school of opvang',
	'Welbevinden van uw kind'
];

export function defaultTalkingPoints(group: {
	year: number | null;
	isLanguageClass: boolean;
}): string[] {
	if (group.isLanguageClass) return languageClass;
	return (group.year !== null && byYear[group.year]) || general;
}
