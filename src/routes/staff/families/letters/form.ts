import type { FormRead } from '$lib/forms';
import { field, isUuid } from '$lib/server/forms';
import type { LetterScope } from '$lib/server/families/letters';

/** Whose letters: one family's (from its page), or all families, or those without an e-mail address. */
export function readLetterScope(
	form: FormData
): FormRead<LetterScope, Record<string, never>, 'scope'> {
	const familyId = field(form, 'familyId');
	const which = field(form, 'scope');
	const scope: LetterScope | null = isUuid(familyId)
		? { familyId }
		: which === 'all' || which === 'without_email'
			? which
			: null;
	if (!scope) return { ok: false, errors: { scope: 'families.letters_choose' }, values: {} };
	return { ok: true, value: scope, values: {} };
}
