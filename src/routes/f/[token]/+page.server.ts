import { openRequestsOf } from '$lib/server/requests/ask';
import { openedFamily } from './family';
import type { PageServerLoad } from './$types';
import { renderOnly } from '$lib/render-only';

export const load: PageServerLoad = async ({ parent, locals, isDataRequest }) => {
	// The link the hook opened names school, round and family: ask for the requests beside the
	// layout's queries, not after them (one round trip less to wait for).
	const link = locals.familyLink;
	const [layout, requests] = await Promise.all([
		parent(),
		link
			? openRequestsOf(locals.db, {
					schoolId: link.schoolId,
					roundId: link.roundId,
					familyId: link.familyId
				})
			: []
	]);
	return renderOnly({ isDataRequest }, { ...openedFamily(layout), requests });
};
