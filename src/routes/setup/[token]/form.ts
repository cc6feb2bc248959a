import type { FormRead } from '$lib/forms';
import { field } from '$lib/server/forms';

/** A new password, typed twice. The password itself is checked where it is set; it never comes back to the page. */
export function readNewPassword(
	form: FormData
): FormRead<string, Record<string, never>, 'confirm'> {
	const password = field(form, 'password');
	if (password !== field(form, 'confirm'))
		return { ok: false, errors: { confirm: 'setup.mismatch' }, values: {} };
	return { ok: true, value: password, values: {} };
}
