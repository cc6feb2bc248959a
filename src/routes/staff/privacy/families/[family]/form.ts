import type { FormRead } from '$lib/forms';
import { field } from '$lib/server/forms';

/** Erasing a family is done only with the box ticked that says the office means it. */
export function readErase(form: FormData): FormRead<true, Record<string, never>, 'confirmed'> {
	if (field(form, 'confirmed') !== 'yes')
		return { ok: false, errors: { confirmed: 'privacy.erase_needs_confirm' }, values: {} };
	return { ok: true, value: true, values: {} };
}
