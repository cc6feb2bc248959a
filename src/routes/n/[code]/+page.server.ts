import { error, fail } from '@sveltejs/kit';
import { config } from '$lib/server/config';
import { now } from '$lib/server/clock';
import { field, isEmail, singleLine } from '$lib/server/forms';
import { requestFamilyLink, roundByNewsletterCode } from '$lib/server/families/newsletter';
import { clientAddress } from '$lib/server/auth/client-address';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, setHeaders }) => {
	setHeaders({ 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex' });
	const round = await roundByNewsletterCode(locals.db, params.code);
	if (!round) error(404, { message: 'newsletter.unknown' });
	return { round: { schoolName: round.schoolName, roundName: round.roundName, startsOn: round.startsOn, endsOn: round.endsOn }, timeZone: config().schoolTimeZone };
};

export const actions: Actions = {
	default: async (event) => {
		const { locals, params, request } = event;
		const round = await roundByNewsletterCode(locals.db, params.code);
		if (!round) error(404, { message: 'newsletter.unknown' });
		const email = singleLine(field(await request.formData(), 'email')).slice(0, 300);
		if (!isEmail(email)) return fail(400, { email, problem: 'invalid_email' });
		const result = await requestFamilyLink(locals.db, round, email, clientAddress(event), config().origin, now());
		if (result === 'rate_limited') return fail(429, { email, problem: 'rate_limited' });
		// The same answer for a known and an unknown address.
		return { sent: true, email };
	}
};
