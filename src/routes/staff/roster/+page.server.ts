import { fail, redirect } from '@sveltejs/kit';
import { requireAdmin } from '$lib/server/auth/guard';
import { schoolCounts } from '$lib/server/school/overview';
import { parseCsv, MAX_BYTES } from '$lib/server/roster/csv';
import { saveUpload } from '$lib/server/roster/uploads';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const me = requireAdmin(event);
	return { counts: await schoolCounts(event.locals.db, me.schoolId) };
};

export const actions: Actions = {
	default: async (event) => {
		const me = requireAdmin(event);
		const form = await event.request.formData().catch(() => null);
		const file = form?.get('file');
		if (!(file instanceof File) || file.size === 0) return fail(400, { error: 'roster.errors.no_file' });
		if (file.size > MAX_BYTES) return fail(413, { error: 'roster.errors.too_large' });
		const content = new Uint8Array(await file.arrayBuffer());
		const parsed = parseCsv(content);
		if (!parsed.ok) return fail(400, { error: `roster.errors.${parsed.problem}` });
		const id = await saveUpload(event.locals.db, me.schoolId, me.id, file.name || 'leerlingen.csv', content);
		redirect(303, `/staff/roster/${id}`);
	}
};
