import { fail } from '@sveltejs/kit';
import { requireAdmin } from '$lib/server/auth/guard';
import { readSchoolForm, saveSchoolSettings, schoolSettings } from '$lib/server/school/settings';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const me = requireAdmin(event);
	return { settings: await schoolSettings(event.locals.db, me.schoolId) };
};

export const actions: Actions = {
	default: async (event) => {
		const me = requireAdmin(event);
		const read = readSchoolForm(await event.request.formData());
		if (!read.ok) return fail(400, { errors: read.errors, values: read.values });
		await saveSchoolSettings(event.locals.db, me.schoolId, me.id, read.values);
		return { saved: true };
	}
};
