/**
 * Reading a parent's "another time" and "call me" forms. A day or part of the day the form never
 * offered (a tampered post) is refused, not dropped: the parent would otherwise think they had
 * said it. Too long is refused with the text kept, as everywhere on the parents' pages.
 */
import type { FormRead } from '../../forms';
import { field, multiLine, singleLine } from '../forms';
import { wishDays, wishParts } from '../db/schema';

export const REQUEST_NOTE_MAX = 500;
export type WishDay = (typeof wishDays)[number];
export type WishPart = (typeof wishParts)[number];

export interface OtherTimeWish {
	days: WishDay[];
	parts: WishPart[];
	note: string;
}

export interface CallMeWish {
	/** As the parent typed it, trimmed; null when they gave none (the school has the roster's). */
	phone: string | null;
	note: string;
}

export interface OtherTimeValues {
	days: string[];
	parts: string[];
	note: string;
}

export interface CallMeValues {
	phone: string;
	note: string;
}

const all = (form: FormData, name: string) =>
	form
		.getAll(name)
		.filter((v): v is string => typeof v === 'string')
		.slice(0, 10)
		.map((v) => v.slice(0, 20));

const isDay = (v: string): v is WishDay => (wishDays as readonly string[]).includes(v);
const isPart = (v: string): v is WishPart => (wishParts as readonly string[]).includes(v);

const note = (form: FormData) => multiLine(field(form, 'note')).slice(0, REQUEST_NOTE_MAX * 2);

export function readOtherTime(
	form: FormData
): FormRead<OtherTimeWish, OtherTimeValues, 'days' | 'parts' | 'note'> {
	const values: OtherTimeValues = {
		days: all(form, 'days'),
		parts: all(form, 'parts'),
		note: note(form)
	};
	if (!values.days.every(isDay))
		return { ok: false, errors: { days: 'other_time.errors.unknown_day' }, values };
	if (!values.parts.every(isPart))
		return { ok: false, errors: { parts: 'other_time.errors.unknown_part' }, values };
	if (values.note.length > REQUEST_NOTE_MAX)
		return { ok: false, errors: { note: 'other_time.errors.note_too_long' }, values };
	if (values.days.length === 0 && values.parts.length === 0 && !values.note)
		return { ok: false, errors: { form: 'other_time.errors.say_something' }, values };
	const days = wishDays.filter((d) => values.days.includes(d));
	const parts = wishParts.filter((p) => values.parts.includes(p));
	return { ok: true, values, value: { days, parts, note: values.note } };
}

/**
 * A phone number a person can dial: digits with the usual separators and an optional leading +,
 * 8 to 15 digits (a Dutch or Belgian number, or any E.164 one). It is stored as typed (trimmed);
 * turning it into E.164 is the texting side's job, which knows the school's country.
 */
export function isDialable(phone: string): boolean {
	if (!/^\+?[0-9 ()./-]+$/.test(phone)) return false;
	const digits = phone.replace(/\D/g, '').length;
	return digits >= 8 && digits <= 15;
}

export function readCallMe(form: FormData): FormRead<CallMeWish, CallMeValues, 'phone' | 'note'> {
	const values: CallMeValues = {
		phone: singleLine(field(form, 'phone')).slice(0, 40),
		note: note(form)
	};
	if (values.phone && !isDialable(values.phone))
		return { ok: false, errors: { phone: 'call_me.errors.phone_invalid' }, values };
	if (values.note.length > REQUEST_NOTE_MAX)
		return { ok: false, errors: { note: 'call_me.errors.note_too_long' }, values };
	return { ok: true, values, value: { phone: values.phone || null, note: values.note } };
}
