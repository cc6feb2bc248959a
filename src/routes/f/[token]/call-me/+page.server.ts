import { redirect } from '@sveltejs/kit';
import { now } from '$lib/server/clock';
import { failWith } from '$lib/server/forms';
import { askCallMe, withdrawRequest } from '$lib/server/requests/ask';
import { readCallMe, type CallMeValues } from '$lib/server/requests/form';
import { openedFamily, refuseLink } from '../family';
import type { Actions, PageServerLoad } from './$types';
import { renderOnly } from '$lib/render-only';

export const load: PageServerLoad = async ({ parent, params, locals, isDataRequest }) => {
	const { family, phase } = openedFamily(await parent());
	if (phase !== 'open') redirect(303, `/f/${params.token}`);
	const asked = family.requests.find((r) => r.kind === 'call_me');
	const initial: CallMeValues = asked
		? { phone: asked.phone ?? '', note: asked.note }
		: { phone: '', note: '' };
	return renderOnly({ isDataRequest }, { family, initial, language: locals.language.code });
};

export const actions: Actions = {
	ask: async ({ locals, request, params }) => {
		const link = locals.familyLink ?? (await refuseLink(locals.db, params.token));
		const read = readCallMe(await request.formData());
		if (!read.ok) return failWith(400, read.errors, read.values);
		const result = await askCallMe(locals.db, link, read.value, locals.language.code, now());
		if (!result.ok)
			return failWith(409, { form: `family.problems.${result.problem}` }, read.values);
		redirect(303, `/f/${params.token}?saved=call_me`);
	},
	withdraw: async ({ locals, params }) => {
		const link = locals.familyLink ?? (await refuseLink(locals.db, params.token));
		await withdrawRequest(locals.db, link, 'call_me', now());
		redirect(303, `/f/${params.token}?saved=call_me_withdrawn`);
	}
};
