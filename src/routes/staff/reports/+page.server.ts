import { requireStaff } from '$lib/server/auth/guard';
import { now } from '$lib/server/clock';
import { readsAllReports } from '$lib/server/auth/policy';
import { visitsToReport, type VisitListFilter } from '$lib/server/reports/list';
import type { PageServerLoad } from './$types';

const shows = ['open', 'all', 'care_coordinator', 'director'] as const;

export const load: PageServerLoad = async (event) => {
	const me = requireStaff(event);
	const asked = event.url.searchParams.get('show');
	const show = shows.find((s) => s === asked) ?? 'open';
	const filter: VisitListFilter =
		show === 'open' ? { open: true } : show === 'all' ? {} : { followUp: show };
	const visits = await visitsToReport(event.locals.db, me, now(), filter);
	return {
		show,
		readsAll: readsAllReports(me),
		timeZone: me.timeZone,
		saved: event.url.searchParams.get('done') === 'saved',
		visits
	};
};
