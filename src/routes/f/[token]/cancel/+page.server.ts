import { redirect } from '@sveltejs/kit';
import { now } from '$lib/server/clock';
import { failWith } from '$lib/server/forms';
import { cancelAnswer, parentActor } from '$lib/server/booking/answer';
import { openedFamily, refuseLink } from '../family';
import type { Actions, PageServerLoad } from './$types';
import { renderOnly } from '$lib/render-only';

export const load: PageServerLoad = async ({ parent, params, isDataRequest }) => {
	const { phase, family } = openedFamily(await parent());
	if (phase !== 'open' || family.answer?.status !== 'booked') redirect(303, `/f/${params.token}`);
	return renderOnly({ isDataRequest }, { family, visit: family.answer });
};

export const actions: Actions = {
	default: async ({ locals, params }) => {
		const link = locals.familyLink ?? (await refuseLink(locals.db, params.token));
		const result = await cancelAnswer(
			locals.db,
			link.schoolId,
			link.roundId,
			link.familyId,
			parentActor(params.token, locals.language.code),
			now()
		);
		if (!result.ok) return failWith(409, { form: `family.problems.${result.problem}` }, {});
		redirect(303, `/f/${params.token}?saved=cancelled`);
	}
};
