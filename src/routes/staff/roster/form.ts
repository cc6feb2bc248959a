import type { FormRead } from '$lib/forms';
import { MAX_BYTES } from '$lib/server/roster/csv';

/**
 * The pupil file. `too_large`: the server stopped reading the request at its body size limit,
 * so there is no form to read, only the answer that the file is too large.
 */
export function readRosterFile(
	form: FormData | 'too_large'
): FormRead<File, Record<string, never>, 'file'> {
	if (form === 'too_large')
		return { ok: false, errors: { file: 'roster.errors.too_large' }, values: {} };
	const file = form.get('file');
	if (!(file instanceof File) || file.size === 0)
		return { ok: false, errors: { file: 'roster.errors.no_file' }, values: {} };
	if (file.size > MAX_BYTES)
		return { ok: false, errors: { file: 'roster.errors.too_large' }, values: {} };
	return { ok: true, value: file, values: {} };
}
