import { config } from '$lib/server/config';
import { loadRound } from '../load';
import { saveRoundAction } from '../save';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const data = await loadRound(event, event.params.id);
	const code = data.round.newsletterCode;
	return { ...data, newsletterUrl: code ? new URL(`/n/${code}`, config().origin).toString() : null, newsletterRenewed: event.url.searchParams.has('newsletter') };
};
export const actions: Actions = { default: (event) => saveRoundAction(event, event.params.id) };
