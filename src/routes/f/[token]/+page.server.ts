import { error } from '@sveltejs/kit';
import { resolveFamilyLink } from '$lib/server/families/links';
import { familyPage } from '$lib/server/families/page';
import { config } from '$lib/server/config';
import type { PageServerLoad } from './$types';

// The token is the family's key: never sent on as a referrer, never cached, never indexed.
export const load: PageServerLoad = async ({ locals, params, setHeaders }) => {
	setHeaders({ 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex' });
	const link = await resolveFamilyLink(locals.db, params.token);
	const page = link ? await familyPage(locals.db, link.familyId, link.roundId) : null;
	if (!page) error(404, { message: 'family.link_invalid' });
	// Only what the page shows: first names and groups, the teacher, the round.
	return { family: page, timeZone: config().schoolTimeZone };
};
