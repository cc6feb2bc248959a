import { requireAdmin } from '$lib/server/auth/guard';
import { listRounds } from '$lib/server/visit-rounds/manage';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const me = requireAdmin(event);
	return { rounds: await listRounds(event.locals.db, me.schoolId) };
};
