import { error } from '@sveltejs/kit';
import { reportsCsv } from '$lib/server/reports/export';
import { translatorFor } from '$lib/server/i18n';
import { exportRequest } from '../request';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { me, round, group, rows } = await exportRequest(event);
	if (!round || !group) error(404, { message: 'reports.no_reports' });
	const { t } = translatorFor(event.locals.language.code);
	const safeName = group.name.replace(/[^\p{L}\p{N}_-]+/gu, '-');
	return new Response(reportsCsv(rows, t, me.timeZone), {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="verslagen-groep-${encodeURIComponent(safeName)}.csv"`,
			'Cache-Control': 'no-store'
		}
	});
};
