import { openedFamily } from './family';
import type { PageServerLoad } from './$types';
import { renderOnly } from '$lib/render-only';

// The family's answer and open requests came with the layout's family (the hook's one query).
export const load: PageServerLoad = async ({ parent, isDataRequest }) =>
	renderOnly({ isDataRequest }, openedFamily(await parent()));
