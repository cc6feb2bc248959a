import { error } from '@sveltejs/kit';
import { requireAdmin } from '$lib/server/auth/guard';
import { isUuid } from '$lib/server/forms';
import { findWave } from '$lib/server/visit-rounds/waves';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const me = requireAdmin(event);
	const { id, wave: waveId } = event.params;
	const wave =
		isUuid(id) && isUuid(waveId) ? await findWave(event.locals.db, me.schoolId, id, waveId) : null;
	if (!wave) error(404, { message: 'mailbox.not_found' });
	return { wave, roundId: id, timeZone: me.timeZone };
};
