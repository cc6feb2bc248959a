/**
 * One shape for a refused form, on every page: `fail(status, { errors, values })`.
 *
 * - `errors` maps the name of the field a message is about to its i18n key, or `form` to a key
 *   about the whole submission. A form's reader names fields; a refusal by the domain (the time was
 *   just taken, too many attempts, a link that no longer works) is about the form. One exception
 *   by design: a change that needs "are you sure?" is keyed `confirmed`, the field that says yes.
 * - `values` is what the page needs to show the form again: what was typed, and on a page with
 *   several forms `action`, the form that was sent, so the failure shows at that form.
 * - A message is a key and nothing more: the values it takes are the page's to give, from its own
 *   data (the school's phone, a size limit) or from `values` (the minutes until a retry).
 *
 * Each form has one reader: `form.ts` beside its route, or its domain area's when the domain owns
 * the rules (`booking/form.ts`, `reports/form.ts`, school and retention settings). An action reads,
 * calls the domain, and turns the domain's typed problem into `failWith`. A reader whose fields a
 * domain function checks itself (a place, an invitation, a round) just returns them; a single
 * field the domain checks (forgot password's address, a family's teacher) is read in the action.
 *
 * Kept out of `$lib/server` because pages use the types too.
 */

import type { MessageKey } from './i18n/translator';

export type FormErrors<Field extends string = string> = Partial<Record<Field | 'form', MessageKey>>;

export interface FormFailure<Values> {
	errors: FormErrors;
	values: Values;
}

/**
 * What every form's reader returns: the checked value, or the errors; and always the values as
 * typed, so that a refusal further on (by the domain) gives the form back filled in too.
 */
export type FormRead<Value, Values, Field extends string = string> =
	| { ok: true; value: Value; values: Values }
	| { ok: false; errors: FormErrors<Field>; values: Values };

/** A refusal's messages as [field, key], in the order they were found: for a page that lists them together. */
export const errorList = (errors: FormErrors | null | undefined): [string, MessageKey][] =>
	Object.entries(errors ?? {}).filter(
		(entry): entry is [string, MessageKey] => typeof entry[1] === 'string'
	);
