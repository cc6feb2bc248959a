import type { FormRead } from '$lib/forms';
import { field, isUuid } from '$lib/server/forms';
import type { SlotPattern } from '$lib/server/slots/plan';

export interface NewSlotsForm {
	pattern: SlotPattern;
	/** Who goes along, if anyone: a colleague of the school, checked when the times are made. */
	secondStaffId: string | null;
	allowsHome: boolean;
	allowsSchool: boolean;
	allowsNeutral: boolean;
}

/** The values as typed, to show the form again after a refusal. */
export type NewSlotsValues = Record<
	'from' | 'to' | 'startTime' | 'endTime' | 'visitMinutes' | 'travelMinutes' | 'secondStaffId',
	string
> & {
	weekdays: number[];
	places: string[];
};

/**
 * The times to make. The pattern's dates and numbers are checked by `planSlots`; here only what
 * the pattern does not hold: a second person that is no id at all (the list offers colleagues
 * only) cannot be anyone, and is refused as an unknown colleague.
 */
export function readNewSlots(
	form: FormData
): FormRead<NewSlotsForm, NewSlotsValues, 'secondStaffId'> {
	const text = (name: string) => field(form, name).trim().slice(0, 20);
	const weekdays = form
		.getAll('weekday')
		.map((v) => (typeof v === 'string' ? Number(v) : NaN))
		.filter((n) => Number.isInteger(n));
	const places = form.getAll('place').filter((v): v is string => typeof v === 'string');
	const second = text('secondStaffId').length
		? field(form, 'secondStaffId').trim().slice(0, 40)
		: '';
	const values: NewSlotsValues = {
		from: text('from'),
		to: text('to'),
		startTime: text('startTime'),
		endTime: text('endTime'),
		visitMinutes: text('visitMinutes'),
		travelMinutes: text('travelMinutes'),
		secondStaffId: second,
		weekdays,
		places
	};
	if (second && !isUuid(second))
		return { ok: false, errors: { secondStaffId: 'slots.errors.unknown_staff' }, values };
	const minutes = (v: string) => (/^\d{1,3}$/.test(v) ? Number(v) : NaN);
	return {
		ok: true,
		values,
		value: {
			pattern: {
				from: values.from,
				to: values.to,
				weekdays,
				startTime: values.startTime,
				endTime: values.endTime,
				visitMinutes: minutes(values.visitMinutes),
				travelMinutes: minutes(values.travelMinutes)
			},
			secondStaffId: second || null,
			allowsHome: places.includes('home'),
			allowsSchool: places.includes('school'),
			allowsNeutral: places.includes('neutral')
		}
	};
}
