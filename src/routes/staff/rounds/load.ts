import { error, type RequestEvent } from '@sveltejs/kit';
import { requireAdmin } from '$lib/server/auth/guard';
import { config } from '$lib/server/config';
import { schoolToday } from '$lib/server/clock';
import { roundForEditing } from '$lib/server/visit-rounds/manage';

export async function loadRound(event: RequestEvent, roundId: string | null) {
	const me = requireAdmin(event);
	const timeZone = config().schoolTimeZone;
	const round = await roundForEditing(event.locals.db, me.schoolId, roundId, timeZone, schoolToday());
	if (!round) error(404, { message: 'rounds.not_found' });
	return { round, saved: event.url.searchParams.has('saved') };
}
