import { openRequestsOf } from '$lib/server/requests/ask';
import { openedFamily } from './family';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, locals }) => {
	const data = openedFamily(await parent());
	const requests = await openRequestsOf(locals.db, {
		schoolId: data.family.schoolId,
		roundId: data.family.round.id,
		familyId: locals.familyLink!.familyId
	});
	return { ...data, requests };
};
