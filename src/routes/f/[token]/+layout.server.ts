import { error } from '@sveltejs/kit';
import { familyPage } from '$lib/server/families/page';
import { config } from '$lib/server/config';
import { now } from '$lib/server/clock';
import { parentPhase } from '$lib/server/booking/phase';
import type { LayoutServerLoad } from './$types';

// The token is the family's key: never cached, never indexed, never sent to another site (Referrer-Policy: same-origin).
export const load: LayoutServerLoad = async ({ locals, setHeaders }) => {
	setHeaders({ 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex' });
	// The hook resolved the token once, to choose the family's language.
	const link = locals.familyLink;
	const family = link ? await familyPage(locals.db, link.familyId, link.roundId) : null;
	if (!link || !family) error(404, { message: 'family.link_invalid' });
	return { family, phase: parentPhase(family, now()), timeZone: config().schoolTimeZone };
};
