/**
 * Reading form fields safely: every value is a string of bounded length, in NFC, without control
 * characters; and refusing a form in the one shape every page reads (see `$lib/forms`).
 */
import { fail } from '@sveltejs/kit';
import type { FormErrors } from '../forms';

// Every C0 control (tab, CR and LF too), DEL, C1 controls, and Unicode line/paragraph separators.
const BREAKS =
	// eslint-disable-next-line no-control-regex -- matching control characters is the point
	/\s*[\u0000-\u001F\u007F-\u009F\u2028\u2029][\s\u0000-\u001F\u007F-\u009F\u2028\u2029]*/g;
// The same without tab and newline, which longer text keeps.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

export function field(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === 'string' ? value : '';
}

/**
 * One line of text: a run of controls and line breaks becomes one space, so "Jan\rde Vries"
 * stays two words instead of becoming "Jande Vries"; spaces trimmed.
 */
export function singleLine(value: string): string {
	return value.normalize('NFC').replace(BREAKS, ' ').trim();
}

/** Longer text: line breaks kept (as \n, a lone CR too), every other control a space. */
export function multiLine(value: string): string {
	return value
		.normalize('NFC')
		.replace(/\r\n?|[\u2028\u2029]/g, '\n')
		.replace(CONTROL, ' ')
		.trim();
}

export const EMAIL_MAX = 254;

/** A plausible address: one @, no spaces or angle brackets, a dot in the domain. Mail will tell the rest. */
export function isEmail(value: string): boolean {
	return (
		value.length <= EMAIL_MAX &&
		/^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\]+$/.test(value)
	);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * An id the database can compare: anything else (a tampered form, a guessed URL) would make
 * PostgreSQL throw `invalid input syntax for type uuid` instead of simply finding nothing.
 */
export const isUuid = (value: unknown): value is string =>
	typeof value === 'string' && UUID.test(value);

/**
 * A refused form: `fail(status, { errors, values })`, the only way a route action says no.
 * `const` keeps an `action: 'move'` literal, so a page with several forms can tell them apart.
 */
export function failWith<const Values extends object>(
	status: number,
	errors: FormErrors,
	values: Values
) {
	return fail(status, { errors, values });
}
