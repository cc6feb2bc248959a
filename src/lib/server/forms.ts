/** Reading form fields safely: every value is a string of bounded length, in NFC, without control characters. */

// C0 controls except tab and newline, DEL, C1 controls, and Unicode line/paragraph separators.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029]/g;

export function field(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === 'string' ? value : '';
}

/** One line of text: controls and line breaks removed, spaces trimmed. */
export function singleLine(value: string): string {
	return value.normalize('NFC').replace(CONTROL, '').replace(/[\r\n\t]+/g, ' ').trim();
}

/** Longer text: line breaks kept (as \n), other controls removed. */
export function multiLine(value: string): string {
	return value.normalize('NFC').replace(/\r\n?/g, '\n').replace(CONTROL, '').trim();
}

export const EMAIL_MAX = 254;

/** A plausible address: one @, no spaces or angle brackets, a dot in the domain. Mail will tell the rest. */
export function isEmail(value: string): boolean {
	return value.length <= EMAIL_MAX && /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\]+$/.test(value);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * An id the database can compare: anything else (a tampered form, a guessed URL) would make
 * PostgreSQL throw `invalid input syntax for type uuid` instead of simply finding nothing.
 */
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);
