import { familyHeadOf, familyPageOf, showsOpenedHead } from '$lib/server/families/page';
import { schoolWords } from '$lib/server/school/words';
import { translatorFor } from '$lib/server/i18n';
import { retiredFamilyLink } from '$lib/server/families/links';
import { now } from '$lib/server/clock';
import { parentPhase } from '$lib/server/booking/phase';
import type { LayoutServerLoad } from './$types';
import { renderOnly } from '$lib/render-only';

// The token is the family's key: never cached, never indexed, never sent to another site (Referrer-Policy: same-origin).
export const load: LayoutServerLoad = async ({
	locals,
	params,
	request,
	setHeaders,
	isDataRequest
}) => {
	setHeaders({ 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex' });
	// The hook resolved the token once, to choose the family's language, with the page's head and
	// answer. A form's action may have changed them since: a page shown after one reads them again.
	const link = locals.familyLink;
	const lang = locals.language.code;
	const opened =
		link && !showsOpenedHead(request.method)
			? await familyHeadOf(locals.db, link.familyId, link.roundId)
			: link;
	const family = opened
		? await familyPageOf(
				locals.db,
				opened,
				schoolWords(locals.db, opened.head.schoolId, lang, translatorFor(lang).t)
			)
		: null;
	if (!family) {
		// No family: each page below refuses (see family.ts), and its error page still shows in
		// this layout, without script, naming the school only for a link we retired.
		// No family: no visit, no times to show.
		return renderOnly(
			{ isDataRequest },
			{
				family: null,
				phase: null,
				retired: await retiredFamilyLink(locals.db, params.token, now()),
				timeZone: 'UTC'
			}
		);
	}
	return renderOnly(
		{ isDataRequest },
		{ family, phase: parentPhase(family, now()), retired: null, timeZone: family.timeZone }
	);
};
