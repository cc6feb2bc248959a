import { requireAdmin } from '$lib/server/auth/guard';
import { config } from '$lib/server/config';
import { failWith } from '$lib/server/forms';
import { now } from '$lib/server/clock';
import { staffOfSchool } from '$lib/server/school/overview';
import { inviteStaff, titles } from '$lib/server/staff/manage';
import { readInvite } from './form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const me = requireAdmin(event);
	return { team: await staffOfSchool(event.locals.db, me.schoolId), titles };
};

export const actions: Actions = {
	invite: async (event) => {
		const me = requireAdmin(event);
		const values = readInvite(await event.request.formData());
		const result = await inviteStaff(event.locals.db, me.schoolId, me.id, values, now());
		if (!result.ok) return failWith(400, { form: `team.errors.${result.reason}` }, values);
		// Shown once, to the office, until invitations go by mail.
		return {
			invited: {
				name: values.name.trim(),
				link: new URL(`/setup/${result.token}`, config().origin).toString()
			}
		};
	}
};
