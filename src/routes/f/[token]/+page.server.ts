import { openedFamily } from './family';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent }) => openedFamily(await parent());
