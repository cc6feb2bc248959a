import type { FormRead } from '$lib/forms';
import { field, isUuid } from '$lib/server/forms';
import type { TimeToMake } from '$lib/server/requests/make-time';

export interface MakeTimeValues {
	requestId: string;
	date: string;
	startTime: string;
	places: string[];
}

/** The time a teacher makes for one family: the domain checks the date, time and places. */
export function readMakeTime(
	form: FormData
): FormRead<{ requestId: string; time: TimeToMake }, MakeTimeValues> {
	const places = form
		.getAll('place')
		.filter((v): v is string => typeof v === 'string')
		.slice(0, 3);
	const values: MakeTimeValues = {
		requestId: field(form, 'requestId').trim().slice(0, 40),
		date: field(form, 'date').trim().slice(0, 20),
		startTime: field(form, 'startTime').trim().slice(0, 20),
		places
	};
	if (!isUuid(values.requestId))
		return { ok: false, errors: { form: 'requests.errors.not_found' }, values };
	return {
		ok: true,
		values,
		value: {
			requestId: values.requestId,
			time: {
				date: values.date,
				startTime: values.startTime,
				allowsHome: places.includes('home'),
				allowsSchool: places.includes('school'),
				allowsNeutral: places.includes('neutral')
			}
		}
	};
}
