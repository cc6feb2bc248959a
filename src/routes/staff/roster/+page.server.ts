import { redirect } from '@sveltejs/kit';
import { requireAdmin } from '$lib/server/auth/guard';
import { failWith } from '$lib/server/forms';
import { schoolCounts } from '$lib/server/school/overview';
import { parseCsv, MAX_BYTES } from '$lib/server/roster/csv';
import { saveUpload } from '$lib/server/roster/uploads';
import { readRosterFile } from './form';
import type { Actions, PageServerLoad } from './$types';

// Whole megabytes, as the office reads them ("at most 5 MB").
const MAX_MB = Math.floor(MAX_BYTES / (1024 * 1024));

// adapter-node stops reading a body over BODY_SIZE_LIMIT with a 413 error (on its own, or as the cause).
const statusOf = (error: unknown) => (error as { status?: unknown } | null | undefined)?.status;
const tooLarge = (error: unknown) =>
	statusOf(error) === 413 ||
	statusOf((error as { cause?: unknown } | null | undefined)?.cause) === 413;

export const load: PageServerLoad = async (event) => {
	const me = requireAdmin(event);
	return { counts: await schoolCounts(event.locals.db, me.schoolId), maxMb: MAX_MB };
};

export const actions: Actions = {
	default: async (event) => {
		const me = requireAdmin(event);
		const form = await event.request
			.formData()
			.catch((error: unknown) => (tooLarge(error) ? ('too_large' as const) : new FormData()));
		const read = readRosterFile(form);
		if (!read.ok)
			return failWith(
				read.errors.file === 'roster.errors.too_large' ? 413 : 400,
				read.errors,
				read.values
			);
		const file = read.value;
		const content = new Uint8Array(await file.arrayBuffer());
		const parsed = parseCsv(content);
		if (!parsed.ok) return failWith(400, { form: `roster.errors.${parsed.problem}` }, read.values);
		const id = await saveUpload(
			event.locals.db,
			me.schoolId,
			me.id,
			file.name || 'leerlingen.csv',
			content
		);
		redirect(303, `/staff/roster/${id}`);
	}
};
