import { error, redirect } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guard';
import { now } from '$lib/server/clock';
import { failWith, isUuid } from '$lib/server/forms';
import { slotForChange } from '$lib/server/slots/week';
import { visitsInSlots } from '$lib/server/slots/visits';
import { deleteSlot, moveSlot } from '$lib/server/slots/change';
import { mondayOf } from '$lib/server/slots/calendar';
import { toWallTime } from '$lib/server/time/zone';
import { isConfirmed, readMove } from './form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const me = requireStaff(event);
	const found = isUuid(event.params.id)
		? await slotForChange(event.locals.db, me, event.params.id)
		: null;
	if (!found) error(404, { message: 'slots.not_found' });
	const timeZone = me.timeZone;
	const start = toWallTime(found.startsAt, timeZone);
	// The family is named before anyone confirms a move or a delete (no address here: not logged).
	const visit = found.booked
		? ((await visitsInSlots(event.locals.db, me, [found.id])).get(found.id) ?? null)
		: null;
	return {
		visit: visit && {
			familyId: visit.familyId,
			children: visit.children.map((c) => ({ firstName: c.firstName, group: c.group })),
			location: visit.location,
			placeName: visit.placeName,
			familyLanguage: visit.familyLanguage,
			hasEmail: visit.hasEmail
		},
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

/** Back to the week, saying what was done; `mailedIn`: the family's mail went out in this language. */
function weekLink(
	date: string,
	what: 'moved' | 'deleted',
	result: { booked: boolean; mailedIn: string | null }
) {
	const done = !result.booked ? what : result.mailedIn ? `${what}_told` : `${what}_tell`;
	const language = result.mailedIn ? `&language=${encodeURIComponent(result.mailedIn)}` : '';
	return `/staff/slots?week=${mondayOf(date)}&done=${done}${language}`;
}

// Two forms on one page: `values.action` says which one a refusal belongs to.
export const actions: Actions = {
	move: async (event) => {
		const me = requireStaff(event);
		const db = event.locals.db;
		if (!isUuid(event.params.id)) error(404, { message: 'slots.not_found' });
		const current = await slotForChange(db, me, event.params.id);
		if (!current) error(404, { message: 'slots.not_found' });

		const timeZone = me.timeZone;
		const read = readMove(
			await event.request.formData(),
			(current.endsAt.getTime() - current.startsAt.getTime()) / 60_000,
			timeZone
		);
		const values = { action: 'move', ...read.values } as const;
		if (!read.ok) return failWith(400, read.errors, values);

		const { startsAt, endsAt, confirmed } = read.value;
		const result = await moveSlot(
			db,
			me,
			current.id,
			{ startsAt, endsAt },
			confirmed,
			timeZone,
			now()
		);
		if (!result.ok) {
			if (result.reason === 'not_found') error(404, { message: 'slots.not_found' });
			if (result.reason === 'needs_confirmation')
				return failWith(409, { confirmed: 'slots.confirm_move' }, values);
			return failWith(
				result.reason === 'overlap' ? 409 : 400,
				{ form: `slots.errors.${result.reason}` },
				values
			);
		}
		redirect(303, weekLink(values.date, 'moved', result));
	},

	delete: async (event) => {
		const me = requireStaff(event);
		if (!isUuid(event.params.id)) error(404, { message: 'slots.not_found' });
		const form = await event.request.formData();
		const current = await slotForChange(event.locals.db, me, event.params.id);
		if (!current) error(404, { message: 'slots.not_found' });
		const result = await deleteSlot(event.locals.db, me, current.id, isConfirmed(form), now());
		if (!result.ok) {
			if (result.reason === 'needs_confirmation')
				return failWith(409, { confirmed: 'slots.confirm_delete' }, { action: 'delete' });
			error(404, { message: 'slots.not_found' });
		}
		redirect(303, weekLink(toWallTime(current.startsAt, me.timeZone).date, 'deleted', result));
	}
};
