import { redirect } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guard';
import { now, schoolToday } from '$lib/server/clock';
import { failWith } from '$lib/server/forms';
import { currentRound } from '$lib/server/school/overview';
import { openRequestsForTeacher } from '$lib/server/requests/for-teacher';
import { makeTimeForFamily } from '$lib/server/requests/make-time';
import { log } from '$lib/server/log';
import { readMakeTime } from './form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const me = requireStaff(event);
	const round = await currentRound(event.locals.db, me.schoolId, schoolToday(me.timeZone));
	const requests = round ? await openRequestsForTeacher(event.locals.db, me, round.id) : [];
	const made = event.url.searchParams.get('made');
	const told = (['email', 'sms', 'none'] as const).find((m) => m === made) ?? null;
	return {
		round: round
			? {
					name: round.name,
					startsOn: round.startsOn,
					endsOn: round.endsOn,
					visitMinutes: round.visitMinutes
				}
			: null,
		requests,
		timeZone: me.timeZone,
		made: told
	};
};

export const actions: Actions = {
	default: async (event) => {
		const me = requireStaff(event);
		const read = readMakeTime(await event.request.formData());
		if (!read.ok) return failWith(400, read.errors, read.values);
		const result = await makeTimeForFamily(
			event.locals.db,
			me,
			read.value.requestId,
			read.value.time,
			now()
		);
		if (!result.ok)
			return failWith(
				result.problem === 'not_found' ? 404 : result.problem === 'overlap' ? 409 : 400,
				{ form: `requests.errors.${result.problem}` },
				read.values
			);
		log.info('time_made_for_family', { told: result.told });
		redirect(303, `/staff/requests?made=${result.told}`);
	}
};
