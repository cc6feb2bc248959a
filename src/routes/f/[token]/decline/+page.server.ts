import { redirect } from '@sveltejs/kit';
import { now } from '$lib/server/clock';
import { failWith } from '$lib/server/forms';
import { declineRound, parentActor } from '$lib/server/booking/answer';
import { notHomeReasons } from '$lib/server/booking/choices';
import { readDecline } from '$lib/server/booking/form';
import { openedFamily, refuseLink } from '../family';
import type { Actions, PageServerLoad } from './$types';
import { renderOnly } from '$lib/render-only';

export const load: PageServerLoad = async ({ parent, params, isDataRequest }) => {
	const { family, phase } = openedFamily(await parent());
	if (phase !== 'open') redirect(303, `/f/${params.token}`);
	return renderOnly({ isDataRequest }, { family, reasons: notHomeReasons });
};

export const actions: Actions = {
	default: async ({ locals, request, params }) => {
		const link = locals.familyLink ?? (await refuseLink(locals.db, params.token));
		const read = readDecline(await request.formData());
		if (!read.ok) return failWith(400, read.errors, read.values);
		const result = await declineRound(
			locals.db,
			link.schoolId,
			link.roundId,
			link.familyId,
			read.value,
			parentActor(params.token, locals.language.code),
			now()
		);
		if (!result.ok)
			return failWith(409, { form: `family.problems.${result.problem}` }, read.values);
		redirect(303, `/f/${params.token}?saved=declined`);
	}
};
