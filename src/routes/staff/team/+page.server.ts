import { fail } from '@sveltejs/kit';
import { requireAdmin } from '$lib/server/auth/guard';
import { config } from '$lib/server/config';
import { field } from '$lib/server/forms';
import { now } from '$lib/server/clock';
import { staffOfSchool } from '$lib/server/school/overview';
import { inviteStaff, titles } from '$lib/server/staff/manage';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const me = requireAdmin(event);
	return { team: await staffOfSchool(event.locals.db, me.schoolId), titles };
};

export const actions: Actions = {
	invite: async (event) => {
		const me = requireAdmin(event);
		const form = await event.request.formData();
		const values = { name: field(form, 'name').slice(0, 200), email: field(form, 'email').slice(0, 300), title: field(form, 'title').slice(0, 40) };
		const result = await inviteStaff(event.locals.db, me.schoolId, me.id, values, now());
		if (!result.ok) return fail(400, { error: `team.errors.${result.reason}`, values });
		// Shown once, to the office, until invitations go by mail.
		return { invited: { name: values.name.trim(), link: new URL(`/setup/${result.token}`, config().origin).toString() } };
	}
};
