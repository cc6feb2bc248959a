import { loadRound } from '../load';
import { saveRoundAction } from '../save';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => loadRound(event, event.params.id);
export const actions: Actions = { default: (event) => saveRoundAction(event, event.params.id) };
