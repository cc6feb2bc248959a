import type { FormRead } from '$lib/forms';
import { field, isEmail, singleLine } from '$lib/server/forms';

/** A parent's address, to send the family's link to. */
export function readLinkRequest(form: FormData): FormRead<string, { email: string }, 'email'> {
	const email = singleLine(field(form, 'email')).slice(0, 300);
	if (!isEmail(email))
		return { ok: false, errors: { email: 'newsletter.invalid_email' }, values: { email } };
	return { ok: true, value: email, values: { email } };
}
