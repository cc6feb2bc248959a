import { error, type RequestEvent } from '@sveltejs/kit';
import { requireAdmin } from '$lib/server/auth/guard';
import { schoolToday } from '$lib/server/clock';
import { roundForEditing } from '$lib/server/visit-rounds/manage';

export async function loadRound(event: RequestEvent, roundId: string | null) {
	const me = requireAdmin(event);
	const timeZone = me.timeZone;
	const round = await roundForEditing(
		event.locals.db,
		me.schoolId,
		roundId,
		timeZone,
		schoolToday(me.timeZone)
	);
	if (!round) error(404, { message: 'rounds.not_found' });
	return { round, saved: event.url.searchParams.has('saved') };
}
