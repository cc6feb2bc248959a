import type { FormRead } from '$lib/forms';
import { field, isUuid } from '$lib/server/forms';
import {
	letterSets,
	type LetterCursor,
	type LetterScope,
	type LetterSet
} from '$lib/server/families/letters';

/** The choice as the page shows it again: the set and the group, as sent. */
export interface LetterChoice {
	scope: LetterSet;
	group: string;
}

/** A form's fields or an address's query: both answer `get`. */
type Fields = { get(name: string): unknown };

const read = (fields: Fields, name: string) => {
	const value = fields.get(name);
	return typeof value === 'string' ? value : '';
};

/**
 * Which families: a set of the round's (all, without an e-mail address, not answered), within one
 * group or all of them. Read from the count's address (a GET) and from the print's form alike.
 * An id that is not one of the round's groups is left to the domain: it finds no families.
 */
export function readLetterChoice(fields: Fields): LetterChoice | null {
	const scope = read(fields, 'scope');
	const group = read(fields, 'group');
	if (!letterSets.includes(scope as LetterSet)) return null;
	return { scope: scope as LetterSet, group: isUuid(group) ? group : '' };
}

export const scopeOf = (choice: LetterChoice): LetterScope => ({
	set: choice.scope,
	groupId: choice.group || null
});

export interface LetterPrint {
	scope: LetterScope;
	after: LetterCursor | null;
	printed: number;
	replaceLinks: boolean;
}

/**
 * A print's batch: one family's letter (from its page), or the next batch of a choice, after the
 * family the batch before ended with. `replace` (off unless ticked) stops the earlier office links.
 */
export function readLetterPrint(
	form: FormData
): FormRead<LetterPrint, Partial<LetterChoice>, 'scope'> {
	const familyId = field(form, 'familyId');
	const replaceLinks = field(form, 'replace') === 'yes';
	if (isUuid(familyId))
		return {
			ok: true,
			value: { scope: { familyId }, after: null, printed: 0, replaceLinks },
			values: {}
		};
	const choice = readLetterChoice(form);
	if (!choice) return { ok: false, errors: { scope: 'families.letters_choose' }, values: {} };
	const afterFamily = field(form, 'afterFamily');
	const after = isUuid(afterFamily)
		? // The sort key exactly as the batch before gave it: not trimmed, or the order would shift.
			{ familyId: afterFamily, children: read(form, 'afterChildren').slice(0, 2000) }
		: null;
	// Only for the numbers on the page ("letters 51–100"): a tampered count misnumbers, nothing more.
	const printed = Math.min(Math.max(0, Math.floor(Number(read(form, 'printed')) || 0)), 1_000_000);
	return {
		ok: true,
		value: { scope: scopeOf(choice), after, printed, replaceLinks },
		values: choice
	};
}
