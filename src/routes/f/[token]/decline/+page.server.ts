import { fail, redirect } from '@sveltejs/kit';
import { now } from '$lib/server/clock';
import { declineRound, parentActor } from '$lib/server/booking/answer';
import { notHomeReasons } from '$lib/server/booking/choices';
import { readDecline } from '$lib/server/booking/form';
import { openedFamily, refuseLink } from '../family';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, params }) => {
	const { family, phase } = openedFamily(await parent());
	if (phase !== 'open') redirect(303, `/f/${params.token}`);
	return { family, reasons: notHomeReasons };
};

export const actions: Actions = {
	default: async ({ locals, request, params }) => {
		const link = locals.familyLink ?? (await refuseLink(locals.db, params.token));
		const { reason, reasonText, problems } = readDecline(await request.formData());
		if (problems.length > 0) return fail(400, { reason, reasonText, problems, problem: null });
		const result = await declineRound(locals.db, link.schoolId, link.roundId, link.familyId, { code: reason || null, text: reasonText || null }, parentActor(params.token, locals.language.code), now());
		if (!result.ok) return fail(409, { reason, reasonText, problems: [], problem: result.problem });
		redirect(303, `/f/${params.token}?saved=declined`);
	}
};
