/**
 * Rows of the file, through the office's column mapping, into pupil records with per-row errors.
 * A pupil number on more than one row is not an error of the row: duplicates.ts settles it.
 */
import { isEmail, singleLine } from '../forms';
import { mailAddress } from '../mail/address';
import { homeLanguageCode } from './home-language';
import type { ParsedCsv } from './csv';
import type { Mapping, RosterField } from './mapping';

export interface RosterRecord {
	/** Line in the file (the header is line 1), to point the office at it. */
	line: number;
	pupilNumber: string;
	firstName: string;
	infix: string;
	lastName: string;
	group: string;
	birthDate: string | null;
	isNew: boolean;
	guardians: {
		name: string;
		relation: string | null;
		email: string | null;
		phone: string | null;
	}[];
	street: string;
	postalCode: string;
	city: string;
	language: string;
}

export type RowProblem =
	'required' | 'invalid_date' | 'invalid_email' | 'too_long' | 'invalid_yes_no';

export interface RowError {
	line: number;
	field: RosterField;
	problem: RowProblem;
}

/**
 * An e-mail address that looks like one but that the portal's mail cannot use ("jösé@…"): the
 * row is imported without it rather than refused. The address is real, the office may not be able
 * to change it today, and one parent's address must not hold up a whole school's import; the
 * family gets a printed letter, as families without an address do.
 */
export interface RowWarning {
	line: number;
	field: RosterField;
	problem: 'unsendable_email';
	value: string;
}

const LIMITS: Partial<Record<RosterField, number>> = {
	pupilNumber: 32,
	group: 32,
	postalCode: 16,
	guardian1Phone: 32,
	guardian2Phone: 32,
	guardian1Relation: 40,
	guardian2Relation: 40,
	guardian1Email: 254,
	guardian2Email: 254
};
const DEFAULT_LIMIT = 200;

/** 14-03-2021, 14/3/2021, 14.03.2021 or 2021-03-14 → 2021-03-14; anything else is null. */
export function parseDutchDate(value: string): string | null | 'invalid' {
	const v = value.trim();
	if (!v) return null;
	let y: number, m: number, d: number;
	let match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(v);
	if (match) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
	else if ((match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v)))
		[y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
	else return 'invalid';
	const date = new Date(Date.UTC(y, m - 1, d));
	if (
		date.getUTCFullYear() !== y ||
		date.getUTCMonth() !== m - 1 ||
		date.getUTCDate() !== d ||
		y < 1990 ||
		y > 2100
	)
		return 'invalid';
	return date.toISOString().slice(0, 10);
}

function parseYesNo(value: string): boolean | 'invalid' {
	const v = value.trim().toLowerCase();
	if (['', 'nee', 'n', 'no', '0', 'onwaar', 'false'].includes(v)) return false;
	if (['ja', 'j', 'yes', 'y', '1', 'waar', 'true', 'x'].includes(v)) return true;
	return 'invalid';
}

export function readRecords(
	csv: ParsedCsv,
	mapping: Mapping
): { records: RosterRecord[]; errors: RowError[]; warnings: RowWarning[] } {
	const records: RosterRecord[] = [];
	const errors: RowError[] = [];
	const warnings: RowWarning[] = [];
	csv.rows.forEach((cells, index) => {
		const line = index + 2;
		const rowErrors: RowError[] = [];
		const rowWarnings: RowWarning[] = [];
		const cell = (field: RosterField) => {
			const column = mapping[field];
			const raw = column === undefined ? '' : singleLine(cells[column] ?? '');
			if (raw.length > (LIMITS[field] ?? DEFAULT_LIMIT))
				rowErrors.push({ line, field, problem: 'too_long' });
			return raw.slice(0, LIMITS[field] ?? DEFAULT_LIMIT);
		};
		const required = (field: RosterField) => {
			const v = cell(field);
			if (!v) rowErrors.push({ line, field, problem: 'required' });
			return v;
		};
		const email = (field: RosterField) => {
			const v = cell(field).toLowerCase();
			if (!v) return null;
			if (!isEmail(v)) rowErrors.push({ line, field, problem: 'invalid_email' });
			else if (!mailAddress('', v)) {
				rowWarnings.push({ line, field, problem: 'unsendable_email', value: v });
				return null;
			}
			return v;
		};

		const pupilNumber = required('pupilNumber');
		const firstName = required('firstName');
		const lastName = required('lastName');
		const group = required('group');
		const birth = parseDutchDate(cell('birthDate'));
		if (birth === 'invalid') rowErrors.push({ line, field: 'birthDate', problem: 'invalid_date' });
		const isNew = parseYesNo(cell('isNew'));
		if (isNew === 'invalid') rowErrors.push({ line, field: 'isNew', problem: 'invalid_yes_no' });
		const guardians = [
			{
				name: cell('guardian1Name'),
				relation: cell('guardian1Relation') || null,
				email: email('guardian1Email'),
				phone: cell('guardian1Phone') || null
			},
			{
				name: cell('guardian2Name'),
				relation: cell('guardian2Relation') || null,
				email: email('guardian2Email'),
				phone: cell('guardian2Phone') || null
			}
		].filter((g) => g.name || g.email || g.phone);

		if (rowErrors.length > 0) {
			errors.push(...rowErrors);
			return;
		}
		warnings.push(...rowWarnings);
		records.push({
			line,
			pupilNumber,
			firstName,
			infix: cell('infix'),
			lastName,
			group,
			birthDate: birth === 'invalid' ? null : birth,
			isNew: isNew === true,
			guardians: guardians.map((g) => ({ ...g, name: g.name || g.email || '' })),
			street: cell('street'),
			postalCode: cell('postalCode').toUpperCase(),
			city: cell('city'),
			language: homeLanguageCode(cell('homeLanguage'))
		});
	});
	return { records, errors, warnings };
}
