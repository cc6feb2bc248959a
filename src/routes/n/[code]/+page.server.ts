import { error } from '@sveltejs/kit';
import { config } from '$lib/server/config';
import { now } from '$lib/server/clock';
import { failWith } from '$lib/server/forms';
import { requestFamilyLink, roundByNewsletterCode } from '$lib/server/families/newsletter';
import { clientAddress } from '$lib/server/auth/client-address';
import { readLinkRequest } from './form';
import type { Actions, PageServerLoad } from './$types';
import { renderOnly } from '$lib/render-only';

export const load: PageServerLoad = async ({ locals, params, setHeaders, isDataRequest }) => {
	setHeaders({ 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex' });
	const round = await roundByNewsletterCode(locals.db, params.code);
	if (!round) error(404, { message: 'newsletter.unknown' });
	return renderOnly(
		{ isDataRequest },
		{
			round: {
				schoolName: round.schoolName,
				roundName: round.roundName,
				startsOn: round.startsOn,
				endsOn: round.endsOn
			},
			timeZone: round.timeZone
		}
	);
};

export const actions: Actions = {
	default: async (event) => {
		const { locals, params, request } = event;
		const round = await roundByNewsletterCode(locals.db, params.code);
		if (!round) error(404, { message: 'newsletter.unknown' });
		const read = readLinkRequest(await request.formData());
		if (!read.ok) return failWith(400, read.errors, read.values);
		const result = await requestFamilyLink(
			locals.db,
			round,
			read.value,
			clientAddress(event),
			config().origin,
			now()
		);
		if (result === 'rate_limited')
			return failWith(429, { form: 'newsletter.rate_limited' }, read.values);
		// The same answer for a known and an unknown address.
		return { sent: true, email: read.value };
	}
};
