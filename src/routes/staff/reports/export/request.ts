/** The export page and its CSV read the same choice of round and group. */
import type { RequestEvent } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guard';
import { listRounds } from '$lib/server/visit-rounds/manage';
import { groupsOfSchool } from '$lib/server/staff/manage';
import { reportsForGroup } from '$lib/server/reports/export';
import { recordAudit } from '$lib/server/audit/record';

export async function exportRequest(event: RequestEvent) {
	const me = requireStaff(event);
	const db = event.locals.db;
	const [rounds, groups] = await Promise.all([
		listRounds(db, me.schoolId),
		groupsOfSchool(db, me.schoolId)
	]);
	const round =
		rounds.find((r) => r.id === event.url.searchParams.get('round')) ?? rounds[0] ?? null;
	const group = groups.find((g) => g.id === event.url.searchParams.get('group')) ?? null;
	const rows = round && group ? await reportsForGroup(db, me, round.id, group.id) : [];
	// Reading reports is logged, whether on screen or as a file.
	if (rows.length > 0) {
		await recordAudit(db, {
			schoolId: me.schoolId,
			actorKind: 'staff',
			actorId: me.id,
			action: 'reports.exported',
			subjectType: 'visit_round',
			subjectId: round!.id,
			detail: {
				group: group!.id,
				reports: rows.length,
				as: event.url.pathname.endsWith('/csv') ? 'csv' : 'text'
			}
		});
	}
	return { me, rounds, groups, round, group, rows };
}
