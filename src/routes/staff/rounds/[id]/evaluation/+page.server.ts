import { evaluationRequest } from './figures';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { me, current, previous } = await evaluationRequest(event);
	return { current, previous, timeZone: me.timeZone };
};
