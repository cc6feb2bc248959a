import { requireAdmin } from '$lib/server/auth/guard';
import { failWith } from '$lib/server/forms';
import {
	readSchoolForm,
	saveSchoolSettings,
	schoolSettings,
	schoolTimeZones,
	SCHOOL_FIELD_MAX
} from '$lib/server/school/settings';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const me = requireAdmin(event);
	return {
		settings: await schoolSettings(event.locals.db, me.schoolId),
		fieldMax: SCHOOL_FIELD_MAX,
		timeZones: schoolTimeZones
	};
};

export const actions: Actions = {
	default: async (event) => {
		const me = requireAdmin(event);
		const read = readSchoolForm(await event.request.formData());
		if (!read.ok) return failWith(400, read.errors, read.values);
		await saveSchoolSettings(event.locals.db, me.schoolId, me.id, read.value);
		return { saved: true };
	}
};
