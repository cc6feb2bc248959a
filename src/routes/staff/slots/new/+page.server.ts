import { redirect } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guard';
import { slotsShownFor } from '$lib/server/auth/policy';
import { now, schoolToday } from '$lib/server/clock';
import { failWith } from '$lib/server/forms';
import { currentRound } from '$lib/server/school/overview';
import { activeStaff } from '$lib/server/staff/people';
import { planSlots } from '$lib/server/slots/plan';
import { createSlots } from '$lib/server/slots/create';
import { mondayOf } from '$lib/server/slots/calendar';
import { toWallTime } from '$lib/server/time/zone';
import { log } from '$lib/server/log';
import { readNewSlots } from './form';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** Whose slots: one's own, or (admins) a colleague's of the same school. */
async function forWhom(event: RequestEvent | Parameters<PageServerLoad>[0]) {
	const me = requireStaff(event);
	const people = await activeStaff(event.locals.db, me.schoolId);
	const shown = slotsShownFor(me, event.url.searchParams.get('staff'));
	const person = people.find((p) => p.id === shown) ?? people.find((p) => p.id === me.id)!;
	return { me, people, person };
}

export const load: PageServerLoad = async (event) => {
	const { me, people, person } = await forWhom(event);
	const round = await currentRound(event.locals.db, me.schoolId, schoolToday(me.timeZone));
	return {
		person: { id: person.id, name: person.name, isMe: person.id === me.id },
		colleagues: people.filter((p) => p.id !== person.id),
		round: round
			? {
					name: round.name,
					startsOn: round.startsOn,
					endsOn: round.endsOn,
					visitMinutes: round.visitMinutes,
					travelMinutes: round.travelMinutes
				}
			: null
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { me, person } = await forWhom(event);
		const db = event.locals.db;
		const read = readNewSlots(await event.request.formData());
		if (!read.ok) return failWith(400, read.errors, read.values);
		const { value, values } = read;
		const round = await currentRound(db, me.schoolId, schoolToday(me.timeZone));
		if (!round) return failWith(400, { form: 'slots.errors.no_round' }, values);

		const timeZone = me.timeZone;
		const plan = planSlots(value.pattern, timeZone);
		if (!plan.ok) return failWith(400, { form: `slots.errors.${plan.problem}` }, values);

		const result = await createSlots(
			db,
			{
				schoolId: me.schoolId,
				roundId: round.id,
				staffId: person.id,
				secondStaffId: value.secondStaffId,
				allowsHome: value.allowsHome,
				allowsSchool: value.allowsSchool,
				allowsNeutral: value.allowsNeutral,
				times: plan.slots
			},
			timeZone,
			now()
		);
		if (!result.ok)
			return failWith(
				result.reason === 'overlap' ? 409 : 400,
				{ form: `slots.errors.${result.reason}` },
				values
			);

		log.info('slots_created', { count: result.ids.length });
		const week = mondayOf(toWallTime(plan.slots[0]!.startsAt, timeZone).date);
		redirect(
			303,
			`/staff/slots?week=${week}&created=${result.ids.length}${person.id === me.id ? '' : `&staff=${person.id}`}`
		);
	}
};
