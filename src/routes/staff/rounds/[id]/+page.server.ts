import { config } from '$lib/server/config';
import { requireAdmin } from '$lib/server/auth/guard';
import { loadRound } from '../load';
import { countWaveTargets, wavesOfRound } from '$lib/server/visit-rounds/waves';
import { saveRoundAction } from '../save';
import { slotShortages } from '$lib/server/visit-rounds/shortage';
import { now } from '$lib/server/clock';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const data = await loadRound(event, event.params.id);
	const me = requireAdmin(event);
	const code = data.round.newsletterCode;
	const mail = data.round.id
		? await Promise.all([
				countWaveTargets(event.locals.db, me.schoolId, data.round.id, 'invitation'),
				countWaveTargets(event.locals.db, me.schoolId, data.round.id, 'nudge'),
				wavesOfRound(event.locals.db, me.schoolId, data.round.id)
			])
		: null;
	const shortages = data.round.id
		? await slotShortages(event.locals.db, me.schoolId, [data.round.id], now())
		: [];
	return {
		...data,
		shortages,
		newsletterUrl: code ? new URL(`/n/${code}`, config().origin).toString() : null,
		newsletterRenewed: event.url.searchParams.has('newsletter'),
		mail: mail && {
			invitation: mail[0],
			nudge: mail[1],
			waves: mail[2],
			nobody: event.url.searchParams.get('nobody')
		}
	};
};
export const actions: Actions = { default: (event) => saveRoundAction(event, event.params.id) };
