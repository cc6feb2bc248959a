import { error } from '@sveltejs/kit';
import { requireAdmin } from '$lib/server/auth/guard';
import { failWith } from '$lib/server/forms';
import { findUpload, markImported } from '$lib/server/roster/uploads';
import type { ImportReport } from '$lib/server/roster/import';
import { previewRoster } from '$lib/server/roster/preview';
import { importRoster } from '$lib/server/roster/import';
import { rosterFields } from '$lib/server/roster/mapping';
import { fullName } from '$lib/server/roster/names';
import { log } from '$lib/server/log';
import { fieldValues, keptLines } from '$lib/server/roster/duplicates';
import type { RosterRecord } from '$lib/server/roster/records';
import type { Actions, PageServerLoad } from './$types';

const PREVIEW_FAMILIES = 25;
const SHOWN_ERRORS = 100;

/** The parents as the import will store them: one per address (or name) across the children. */
function parentsOf(children: RosterRecord[]) {
	const parents = new Map<string, RosterRecord['guardians'][number]>();
	for (const g of children.flatMap((c) => c.guardians))
		parents.set((g.email ?? g.name).toLowerCase(), g);
	return [...parents.values()];
}

export const load: PageServerLoad = async (event) => {
	const me = requireAdmin(event);
	const upload = await findUpload(event.locals.db, me.schoolId, event.params.upload);
	if (!upload) error(404, { message: 'roster.errors.upload_gone' });
	if (upload.report)
		return { fileName: upload.fileName, report: upload.report as ImportReport, preview: null };
	// The mapping travels in the query string: choosing columns changes nothing on the server.
	const result = previewRoster(
		upload.content,
		(name) => event.url.searchParams.get(name),
		!event.url.searchParams.has('mapped'),
		keptLines(event.url.searchParams.getAll('keep'))
	);
	if (!result.ok) error(400, { message: `roster.errors.${result.problem}` });
	const { preview } = result;
	return {
		fileName: upload.fileName,
		report: null,
		preview: {
			csv: preview.csv,
			fields: rosterFields,
			mapping: preview.mapping,
			missing: preview.missing,
			errors: preview.errors.slice(0, SHOWN_ERRORS),
			errorCount: preview.errors.length,
			warnings: preview.warnings.slice(0, SHOWN_ERRORS),
			warningCount: preview.warnings.length,
			samples: preview.samples,
			duplicates: preview.duplicates.slice(0, SHOWN_ERRORS),
			duplicateCount: preview.duplicates.length,
			conflicts: preview.conflicts.map((c) => ({
				pupilNumber: c.pupilNumber,
				name: fullName(c.rows[0]!),
				chosen: c.chosen,
				fields: c.fields,
				rows: c.rows.map((r) => {
					const values = fieldValues(r);
					return { line: r.line, values: c.fields.map((f) => values[f]) };
				})
			})),
			unsettled: preview.conflicts.filter((c) => c.chosen === null).length,
			pupils: preview.records.length,
			familyCount: preview.families.length,
			siblingFamilies: preview.families.filter((f) => f.length > 1).length,
			withoutEmail: preview.families.filter((f) => !f.some((r) => r.guardians.some((g) => g.email)))
				.length,
			families: preview.families.slice(0, PREVIEW_FAMILIES).map((children) => ({
				children: children.map((c) => ({
					number: c.pupilNumber,
					name: fullName(c),
					group: c.group
				})),
				parents: parentsOf(children),
				address: [children[0]!.street, children[0]!.postalCode, children[0]!.city]
					.filter(Boolean)
					.join(', ')
			}))
		}
	};
};

export const actions: Actions = {
	default: async (event) => {
		const me = requireAdmin(event);
		const upload = await findUpload(event.locals.db, me.schoolId, event.params.upload);
		if (!upload || upload.report) return failWith(410, { form: 'roster.errors.upload_gone' }, {});
		// The form is the column mapping, read by the preview as the page's query string is.
		const form = await event.request.formData();
		const get = (name: string) => {
			const v = form.get(name);
			return typeof v === 'string' ? v : null;
		};
		const keep = keptLines(form.getAll('keep').filter((v): v is string => typeof v === 'string'));
		const result = previewRoster(upload.content, get, false, keep);
		if (!result.ok) return failWith(400, { form: `roster.errors.${result.problem}` }, {});
		if (result.preview.missing.length > 0)
			return failWith(400, { form: 'roster.errors.missing_columns' }, {});
		if (result.preview.errors.length > 0)
			return failWith(400, { form: 'roster.errors.rows_with_problems' }, {});
		if (result.preview.conflicts.some((c) => c.chosen === null))
			return failWith(400, { form: 'roster.errors.conflicts_unsettled' }, {});

		const report = await importRoster(
			event.locals.db,
			me.schoolId,
			me.id,
			result.preview.records,
			result.preview.warnings,
			result.preview
		);
		await markImported(event.locals.db, upload.id, report);
		log.info('roster_imported', {
			pupils: result.preview.records.length,
			families: report.families,
			duplicatesSkipped: result.preview.duplicates.length,
			conflictsSettled: result.preview.conflicts.length
		});
		return { report };
	}
};
