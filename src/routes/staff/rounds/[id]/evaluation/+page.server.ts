import { config } from '$lib/server/config';
import { evaluationRequest } from './figures';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { current, previous } = await evaluationRequest(event);
	return { current, previous, timeZone: config().schoolTimeZone };
};
