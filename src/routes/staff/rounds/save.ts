import { redirect, type RequestEvent } from '@sveltejs/kit';
import { requireAdmin } from '$lib/server/auth/guard';
import { schoolToday } from '$lib/server/clock';
import { failWith } from '$lib/server/forms';
import { saveRound } from '$lib/server/visit-rounds/manage';
import { readRound } from './form';

/** The one action behind both "new round" and "edit round". */
export async function saveRoundAction(event: RequestEvent, roundId: string | null) {
	const me = requireAdmin(event);
	const input = readRound(await event.request.formData());
	const timeZone = me.timeZone;
	const result = await saveRound(
		event.locals.db,
		me.schoolId,
		me.id,
		roundId,
		input,
		timeZone,
		schoolToday(me.timeZone)
	);
	if (!result.ok) return failWith(400, { form: `rounds.errors.${result.problem}` }, input);
	redirect(303, `/staff/rounds/${result.id}?saved=1`);
}
