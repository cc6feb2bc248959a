import { error, redirect } from '@sveltejs/kit';
import { requireAdmin } from '$lib/server/auth/guard';
import { failWith } from '$lib/server/forms';
import { eraseFamily, familySummary } from '$lib/server/privacy/family-data';
import { now } from '$lib/server/clock';
import { readErase } from './form';
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
		const read = readErase(await event.request.formData());
		if (!read.ok) return failWith(400, read.errors, read.values);
		const removed = await eraseFamily(
			event.locals.db,
			me.schoolId,
			event.params.family,
			me.id,
			now()
		);
		if (!removed) error(404, { message: 'privacy.not_found' });
		redirect(303, '/staff/privacy?done=erased');
	}
};
