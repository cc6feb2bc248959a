import { error, redirect } from '@sveltejs/kit';
import { requireAdmin } from '$lib/server/auth/guard';
import { renewNewsletterCode } from '$lib/server/families/newsletter';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params }) => redirect(303, `/staff/rounds/${params.id}`);

export const actions: Actions = {
	// A newsletter link that went where it should not: the old one stops working at once.
	default: async (event) => {
		const me = requireAdmin(event);
		if (!(await renewNewsletterCode(event.locals.db, me.schoolId, event.params.id)))
			error(404, { message: 'rounds.not_found' });
		redirect(303, `/staff/rounds/${event.params.id}?newsletter`);
	}
};
