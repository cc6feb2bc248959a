/**
 * Addresses as nodemailer takes them: `{ name, address }`, never a string we glued together.
 * A name loses line breaks, controls and the characters that delimit addresses, so text a
 * parent or the office typed can never add a header or a second recipient.
 */
import { isEmail, singleLine } from '../forms';

export interface MailAddress {
	name: string;
	address: string;
}

// eslint-disable-next-line no-control-regex -- removing control characters is the point
const UNSAFE_IN_NAME = /[\u0000-\u001F\u007F-\u009F\u2028\u2029<>"\\;,:@]/g;

export function safeName(name: string): string {
	return singleLine(name).replace(UNSAFE_IN_NAME, ' ').replace(/\s+/g, ' ').trim().slice(0, 100);
}

// The HTML standard's "valid e-mail address": ASCII only (SMTP servers without SMTPUTF8 refuse
// "jösé@…"), and a host name of letters, digits and inner hyphens. `ics` checks invite attendees
// with this very pattern, so an address that passes here never breaks a calendar invite.
const PLAIN_ADDRESS =
	/^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/**
 * The address lower-cased and checked; null for anything that is not one plain address. This is
 * the one rule for "can the portal mail this address": the worker sends only what passes, and the
 * roster import leaves out what does not.
 */
export function mailAddress(name: string, address: string): MailAddress | null {
	if (/[\r\n]/.test(address)) return null;
	const clean = address.trim().toLowerCase();
	if (!isEmail(clean) || !PLAIN_ADDRESS.test(clean)) return null;
	return { name: safeName(name), address: clean };
}

/** Each address once (compared lower-cased), in the given order; people without one are left out. */
export function distinctRecipients(
	people: { name: string; email: string | null }[]
): { name: string; email: string }[] {
	const seen = new Set<string>();
	const out: { name: string; email: string }[] = [];
	for (const person of people) {
		const email = person.email?.trim().toLowerCase();
		if (!email || seen.has(email)) continue;
		seen.add(email);
		out.push({ name: person.name, email });
	}
	return out;
}

/** The sender of a school's mail: its mail name (or its name) on the portal's sending address. */
export function schoolSender(
	school: { name: string; mailFromName: string | null } | undefined,
	fromAddress: string
): MailAddress | null {
	return mailAddress(school?.mailFromName || school?.name || 'Huisbezoek', fromAddress);
}
