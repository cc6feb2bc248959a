/**
 * Which column holds what. Guessed from the Dutch headers ParnasSys, Esis and other pupil
 * administrations write, shown to the office to check and correct before anything is imported.
 */

export const rosterFields = [
	'pupilNumber',
	'firstName',
	'infix',
	'lastName',
	'group',
	'birthDate',
	'isNew',
	'guardian1Name',
	'guardian1Relation',
	'guardian1Email',
	'guardian1Phone',
	'guardian2Name',
	'guardian2Relation',
	'guardian2Email',
	'guardian2Phone',
	'street',
	'postalCode',
	'city',
	'homeLanguage'
] as const;

export type RosterField = (typeof rosterFields)[number];

export const requiredFields: RosterField[] = ['pupilNumber', 'firstName', 'lastName', 'group'];

/** field → column index, or undefined when the file has no such column. */
export type Mapping = Partial<Record<RosterField, number>>;

const synonyms: Record<RosterField, string[]> = {
	pupilNumber: ['leerlingnummer', 'leerlingnr', 'lln nr', 'llnr', 'studentnummer', 'id'],
	firstName: ['roepnaam', 'voornaam', 'voornamen'],
	infix: ['tussenvoegsel', 'tussenvoegsels', 'voorvoegsel'],
	lastName: ['achternaam', 'familienaam', 'naam'],
	group: ['groep', 'klas', 'stamgroep', 'groepsnaam'],
	birthDate: ['geboortedatum', 'geb datum', 'geboren'],
	isNew: ['nieuwe leerling', 'nieuw', 'instromer', 'nieuwkomer'],
	guardian1Name: ['ouder/verzorger 1', 'ouder 1', 'verzorger 1', 'naam ouder 1', 'ouder/verzorger'],
	guardian1Relation: [
		'relatie ouder 1',
		'relatie tot leerling ouder 1',
		'relatie 1',
		'relatie tot leerling',
		'relatie'
	],
	guardian1Email: ['e-mail ouder 1', 'email ouder 1', 'e-mailadres ouder 1', 'e-mail', 'email'],
	guardian1Phone: ['telefoon ouder 1', 'tel ouder 1', 'mobiel ouder 1', 'telefoon', 'mobiel'],
	guardian2Name: ['ouder/verzorger 2', 'ouder 2', 'verzorger 2', 'naam ouder 2'],
	guardian2Relation: ['relatie ouder 2', 'relatie tot leerling ouder 2', 'relatie 2'],
	guardian2Email: ['e-mail ouder 2', 'email ouder 2', 'e-mailadres ouder 2'],
	guardian2Phone: ['telefoon ouder 2', 'tel ouder 2', 'mobiel ouder 2'],
	street: ['straat en huisnummer', 'adres', 'straat', 'straat + huisnummer'],
	postalCode: ['postcode'],
	city: ['plaats', 'woonplaats', 'gemeente'],
	homeLanguage: ['thuistaal', 'taal thuis', 'moedertaal', 'taal']
};

const normalise = (header: string) =>
	header
		.toLowerCase()
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[._]/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();

export function guessMapping(header: string[]): Mapping {
	const mapping: Mapping = {};
	const taken = new Set<number>();
	const names = header.map(normalise);
	// Exact synonyms first, in the order listed, so "e-mail ouder 1" wins over a bare "e-mail".
	for (const field of rosterFields) {
		for (const synonym of synonyms[field]) {
			const index = names.findIndex((name, i) => name === synonym && !taken.has(i));
			if (index >= 0) {
				mapping[field] = index;
				taken.add(index);
				break;
			}
		}
	}
	return mapping;
}

export function missingRequired(mapping: Mapping): RosterField[] {
	return requiredFields.filter((f) => mapping[f] === undefined);
}
