import { error, fail, redirect } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guard';
import { config } from '$lib/server/config';
import { now } from '$lib/server/clock';
import { field, isUuid } from '$lib/server/forms';
import { slotForChange } from '$lib/server/slots/week';
import { deleteSlot, moveSlot } from '$lib/server/slots/change';
import { mondayOf } from '$lib/server/slots/calendar';
import { fromWallTime, minutesOfDay, timeOfMinutes, toWallTime } from '$lib/server/time/zone';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const me = requireStaff(event);
	const found = isUuid(event.params.id) ? await slotForChange(event.locals.db, me, event.params.id) : null;
	if (!found) error(404, { message: 'slots.not_found' });
	const timeZone = config().schoolTimeZone;
	const start = toWallTime(found.startsAt, timeZone);
	return {
		slot: {
			id: found.id,
			date: start.date,
			start: start.time,
			end: toWallTime(found.endsAt, timeZone).time,
			teacher: found.teacher,
			secondStaff: found.secondStaff,
			allowsHome: found.allowsHome,
			allowsSchool: found.allowsSchool,
			allowsNeutral: found.allowsNeutral,
			booked: found.booked
		}
	};
};

function weekLink(date: string, done: string) {
	return `/staff/slots?week=${mondayOf(date)}&done=${done}`;
}

export const actions: Actions = {
	move: async (event) => {
		const me = requireStaff(event);
		const db = event.locals.db;
		if (!isUuid(event.params.id)) error(404, { message: 'slots.not_found' });
		const current = await slotForChange(db, me, event.params.id);
		if (!current) error(404, { message: 'slots.not_found' });

		const form = await event.request.formData();
		const values = { date: field(form, 'date').trim().slice(0, 10), start: field(form, 'start').trim().slice(0, 5) };
		const confirmed = field(form, 'confirmed') === 'yes';
		const timeZone = config().schoolTimeZone;
		const length = (current.endsAt.getTime() - current.startsAt.getTime()) / 60_000;
		const startsAt = fromWallTime(values.date, values.start, timeZone);
		const endMinutes = minutesOfDay(values.start) + length;
		const endsAt = endMinutes < 24 * 60 ? fromWallTime(values.date, timeOfMinutes(endMinutes), timeZone) : null;
		if (!startsAt || !endsAt) return fail(400, { action: 'move' as const, error: 'slots.errors.invalid_times', values });

		const result = await moveSlot(db, me, current.id, { startsAt, endsAt }, confirmed, timeZone, now());
		if (!result.ok) {
			if (result.reason === 'not_found') error(404, { message: 'slots.not_found' });
			if (result.reason === 'needs_confirmation') return fail(409, { action: 'move' as const, confirm: true, values });
			return fail(result.reason === 'overlap' ? 409 : 400, { action: 'move' as const, error: `slots.errors.${result.reason}`, values });
		}
		redirect(303, weekLink(values.date, result.familyToBeTold ? 'moved_tell' : 'moved'));
	},

	delete: async (event) => {
		const me = requireStaff(event);
		if (!isUuid(event.params.id)) error(404, { message: 'slots.not_found' });
		const form = await event.request.formData();
		const current = await slotForChange(event.locals.db, me, event.params.id);
		if (!current) error(404, { message: 'slots.not_found' });
		const result = await deleteSlot(event.locals.db, me, current.id, field(form, 'confirmed') === 'yes', now());
		if (!result.ok) {
			if (result.reason === 'needs_confirmation') return fail(409, { action: 'delete' as const, confirm: true });
			error(404, { message: 'slots.not_found' });
		}
		redirect(303, weekLink(toWallTime(current.startsAt, config().schoolTimeZone).date, result.familyToBeTold ? 'deleted_tell' : 'deleted'));
	}
};
