import { redirect } from '@sveltejs/kit';
import { now } from '$lib/server/clock';
import { failWith } from '$lib/server/forms';
import { askOtherTime, withdrawRequest } from '$lib/server/requests/ask';
import { readOtherTime, type OtherTimeValues } from '$lib/server/requests/form';
import { wishDays, wishParts } from '$lib/server/db/schema';
import { openedFamily, refuseLink } from '../family';
import type { Actions, PageServerLoad } from './$types';
import { renderOnly } from '$lib/render-only';

export const load: PageServerLoad = async ({ parent, params, isDataRequest }) => {
	const { family, phase } = openedFamily(await parent());
	if (phase !== 'open') redirect(303, `/f/${params.token}`);
	const asked = family.requests.find((r) => r.kind === 'other_time');
	// Asking again starts from what the family asked before: one request, updated.
	const initial: OtherTimeValues = asked
		? { days: asked.days, parts: asked.parts, note: asked.note }
		: { days: [], parts: [], note: '' };
	return renderOnly({ isDataRequest }, { family, days: wishDays, parts: wishParts, initial });
};

export const actions: Actions = {
	ask: async ({ locals, request, params }) => {
		const link = locals.familyLink ?? (await refuseLink(locals.db, params.token));
		const read = readOtherTime(await request.formData());
		if (!read.ok) return failWith(400, read.errors, read.values);
		const result = await askOtherTime(locals.db, link, read.value, locals.language.code, now());
		if (!result.ok)
			return failWith(409, { form: `family.problems.${result.problem}` }, read.values);
		redirect(303, `/f/${params.token}?saved=other_time`);
	},
	withdraw: async ({ locals, params }) => {
		const link = locals.familyLink ?? (await refuseLink(locals.db, params.token));
		await withdrawRequest(locals.db, link, 'other_time', now());
		redirect(303, `/f/${params.token}?saved=other_time_withdrawn`);
	}
};
