import type { FormRead } from '$lib/forms';
import { field } from '$lib/server/forms';
import { fromWallTime, minutesOfDay, timeOfMinutes } from '$lib/server/time/zone';

/** Both forms ask again before they touch a booked time; the second time they send `confirmed`. */
export const isConfirmed = (form: FormData) => field(form, 'confirmed') === 'yes';

export interface MoveValues {
	date: string;
	start: string;
}

/** A new day and start for a slot that keeps its length. `when`: the date and the time together. */
export function readMove(
	form: FormData,
	minutes: number,
	timeZone: string
): FormRead<{ startsAt: Date; endsAt: Date; confirmed: boolean }, MoveValues, 'when'> {
	const values: MoveValues = {
		date: field(form, 'date').trim().slice(0, 10),
		start: field(form, 'start').trim().slice(0, 5)
	};
	const startsAt = fromWallTime(values.date, values.start, timeZone);
	const endMinutes = minutesOfDay(values.start) + minutes;
	const endsAt =
		endMinutes < 24 * 60 ? fromWallTime(values.date, timeOfMinutes(endMinutes), timeZone) : null;
	if (!startsAt || !endsAt)
		return { ok: false, errors: { when: 'slots.errors.invalid_times' }, values };
	return { ok: true, value: { startsAt, endsAt, confirmed: isConfirmed(form) }, values };
}
