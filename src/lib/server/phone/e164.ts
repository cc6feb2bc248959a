/**
 * Phone numbers as the roster holds them ("06-12345678", "(010) 123 45 67", "+32 470 12 34 56")
 * made into E.164 ("+31612345678"), the one form an SMS provider and wa.me take. Small on
 * purpose: Dutch and Belgian numbers are checked closely (their length after the country code is
 * fixed), any other country's number is taken as typed when it starts with + or 00 and has 8 to
 * 15 digits. No number plan library: the schools are in the Netherlands and Belgium.
 */
export type Country = 'NL' | 'BE';

export type PhoneProblem = 'empty' | 'not_a_number' | 'too_short' | 'too_long';

export type PhoneResult =
	| {
			ok: true;
			e164: string;
			/** NL or BE when the number is one; null for another country's. */
			country: Country | null;
			/** Whether a text can reach it: a Dutch 06 or a Belgian 04x; true for other countries, where we cannot tell. */
			mobile: boolean;
	  }
	| { ok: false; problem: PhoneProblem };

const CODES: Record<Country, string> = { NL: '31', BE: '32' };
/** What people put between digits: spaces, dashes, dots, slashes, brackets. */
const SEPARATORS = /[\s\-./()\u00a0]/g;
const MAX_INPUT = 40;

/** A school's country follows its clock: one in Brussels is Belgian, any other Dutch. */
export const countryOfTimeZone = (timeZone: string): Country =>
	timeZone === 'Europe/Brussels' ? 'BE' : 'NL';

/**
 * The number after the country code (without the trunk 0) as each plan has it: in the
 * Netherlands always 9 digits; in Belgium 9 for mobiles (4xx), 8 for every other number.
 */
function national(country: Country, digits: string): PhoneResult {
	if (digits.startsWith('0')) return { ok: false, problem: 'not_a_number' };
	const expected = country === 'NL' ? [9] : digits.startsWith('4') ? [9] : [8];
	if (digits.length < Math.min(...expected)) return { ok: false, problem: 'too_short' };
	if (digits.length > Math.max(...expected)) return { ok: false, problem: 'too_long' };
	const mobile = country === 'NL' ? digits.startsWith('6') : /^4[5-9]/.test(digits);
	return { ok: true, e164: `+${CODES[country]}${digits}`, country, mobile };
}

export function toE164(raw: string, defaultCountry: Country): PhoneResult {
	const typed = raw.trim();
	if (typed === '') return { ok: false, problem: 'empty' };
	if (typed.length > MAX_INPUT) return { ok: false, problem: 'too_long' };
	// "+31 (0)6 …": the bracketed trunk zero is not dialled from abroad.
	const compact = typed.replace(/\(0\)/g, '').replace(SEPARATORS, '');
	if (!/^(\+|00)?\d+$/.test(compact)) return { ok: false, problem: 'not_a_number' };

	const international = compact.startsWith('+')
		? compact.slice(1)
		: compact.startsWith('00')
			? compact.slice(2)
			: null;
	if (international !== null) {
		for (const country of Object.keys(CODES) as Country[]) {
			const code = CODES[country];
			if (international.startsWith(code))
				// "+310612345678": the trunk zero kept after the country code, a common slip.
				return national(country, international.slice(code.length).replace(/^0/, ''));
		}
		if (international.startsWith('0')) return { ok: false, problem: 'not_a_number' };
		if (international.length < 8) return { ok: false, problem: 'too_short' };
		if (international.length > 15) return { ok: false, problem: 'too_long' };
		return { ok: true, e164: `+${international}`, country: null, mobile: true };
	}
	// A national number: "06 1234 5678", or the same without its 0 ("612345678").
	return national(defaultCountry, compact.startsWith('0') ? compact.slice(1) : compact);
}

/** wa.me wants the number as digits only, no plus. */
export const waDigits = (e164: string) => e164.replace(/^\+/, '');
