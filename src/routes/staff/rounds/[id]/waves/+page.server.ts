import { error, redirect } from '@sveltejs/kit';
import { requireAdmin } from '$lib/server/auth/guard';
import { isUuid } from '$lib/server/forms';
import { sendWave, type WaveKind } from '$lib/server/visit-rounds/waves';
import { now } from '$lib/server/clock';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = ({ params }) => redirect(303, `/staff/rounds/${params.id}`);

async function send(event: RequestEvent, kind: WaveKind) {
	const me = requireAdmin(event);
	if (!isUuid(event.params.id)) error(404, { message: 'rounds.not_found' });
	const result = await sendWave(event.locals.db, me.schoolId, event.params.id, kind, me.id, now());
	if (!result.ok && result.reason === 'not_found') error(404, { message: 'rounds.not_found' });
	if (!result.ok) redirect(303, `/staff/rounds/${event.params.id}?nobody=${kind}#mail-heading`);
	redirect(303, `/staff/rounds/${event.params.id}/waves/${result.waveId}`);
}

export const actions: Actions = {
	invitation: (event) => send(event, 'invitation'),
	nudge: (event) => send(event, 'nudge')
};
