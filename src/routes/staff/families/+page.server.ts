import { requireStaff } from '$lib/server/auth/guard';
import { seesWholeSchool } from '$lib/server/auth/policy';
import { schoolToday } from '$lib/server/clock';
import { familiesTablePage } from '$lib/server/families/table-page';
import { formatWhen, languageName } from '$lib/format';
import { PAGE_SIZE, readTableParams, type TableParams } from '$lib/families-table';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const me = requireStaff(event);
	const lang = event.locals.language.code;
	const done =
		(['booked', 'unchanged', 'declined', 'cancelled'] as const).find(
			(d) => d === event.url.searchParams.get('done')
		) ?? null;
	const isAdmin = seesWholeSchool(me);
	const found = await familiesTablePage(
		event.locals.db,
		me,
		readTableParams(event.url.searchParams),
		schoolToday(me.timeZone)
	);
	if (!found) return { round: null, isAdmin, done };
	const { table, params } = found;
	return {
		round: found.round,
		// A school with one round needs no choice of round.
		rounds: found.rounds.length > 1 ? found.rounds : [],
		isAdmin,
		done,
		params,
		groups: found.groups,
		visitors: found.visitors,
		counts: table.counts,
		total: table.total,
		first: table.total === 0 ? 0 : (table.page - 1) * PAGE_SIZE + 1,
		last: Math.min(table.total, table.page * PAGE_SIZE),
		pages: Math.max(1, Math.ceil(table.total / PAGE_SIZE)),
		exportQuery: exportQuery(params),
		rows: table.rows.map((r) => ({
			id: r.familyId,
			children: r.children,
			guardians: r.guardians.join(', '),
			visitor: r.visitor,
			second: r.secondStaff,
			status: r.status,
			reason: r.notHomeReason,
			when: r.startsAt ? formatWhen(r.startsAt, r.endsAt, lang, me.timeZone) : null,
			place: r.placeName,
			// The language, and whether the family brings the interpreter itself.
			interpreter: r.interpreterLanguage
				? { language: languageName(r.interpreterLanguage, lang), own: false }
				: r.ownInterpreterLanguage
					? { language: languageName(r.ownInterpreterLanguage, lang), own: true }
					: null
		}))
	};
};

/** The CSV export reads the older filter: the statuses it knows (open, booked, declined), the group and the teacher. */
function exportQuery(params: TableParams): string {
	const query = new URLSearchParams();
	const status =
		params.status === 'not_answered'
			? 'open'
			: params.status === 'booked' || params.status === 'declined'
				? params.status
				: null;
	if (status) query.set('status', status);
	if (params.groupId) query.set('group', params.groupId);
	if (params.visitorId) query.set('staff', params.visitorId);
	return query.size > 0 ? `?${query}` : '';
}
