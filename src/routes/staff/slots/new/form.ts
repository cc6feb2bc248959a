import { field, isUuid } from '$lib/server/forms';
import type { SlotPattern } from '$lib/server/slots/plan';

export interface NewSlotsForm {
	pattern: SlotPattern;
	secondStaffId: string | null;
	allowsHome: boolean;
	allowsSchool: boolean;
	allowsNeutral: boolean;
}

/** The values as typed, to show the form again after a refusal. */
export type NewSlotsValues = Record<'from' | 'to' | 'startTime' | 'endTime' | 'visitMinutes' | 'travelMinutes' | 'secondStaffId', string> & {
	weekdays: number[];
	places: string[];
};

export function parseNewSlots(form: FormData): { value: NewSlotsForm; values: NewSlotsValues } {
	const text = (name: string) => field(form, name).trim().slice(0, 20);
	const weekdays = form
		.getAll('weekday')
		.map((v) => (typeof v === 'string' ? Number(v) : NaN))
		.filter((n) => Number.isInteger(n));
	const places = form.getAll('place').filter((v): v is string => typeof v === 'string');
	const second = text('secondStaffId').length ? field(form, 'secondStaffId').trim().slice(0, 40) : '';
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
	const minutes = (v: string) => (/^\d{1,3}$/.test(v) ? Number(v) : NaN);
	return {
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
			// An id that is not a UUID cannot be a colleague; createSlots answers "unknown staff".
			secondStaffId: second ? (isUuid(second) ? second : '00000000-0000-0000-0000-000000000000') : null,
			allowsHome: places.includes('home'),
			allowsSchool: places.includes('school'),
			allowsNeutral: places.includes('neutral')
		}
	};
}
