import { error, fail, redirect } from '@sveltejs/kit';
import { requireAdmin } from '$lib/server/auth/guard';
import { field } from '$lib/server/forms';
import { eraseFamily, familySummary } from '$lib/server/privacy/family-data';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const me = requireAdmin(event);
	const family = await familySummary(event.locals.db, me.schoolId, event.params.family);
	if (!family) error(404, { message: 'privacy.not_found' });
	return { family };
};

export const actions: Actions = {
	erase: async (event) => {
		const me = requireAdmin(event);
		if (field(await event.request.formData(), 'confirmed') !== 'yes') return fail(400, { error: 'privacy.erase_needs_confirm' });
		const removed = await eraseFamily(event.locals.db, me.schoolId, event.params.family, me.id);
		if (!removed) error(404, { message: 'privacy.not_found' });
		redirect(303, '/staff/privacy?done=erased');
	}
};
