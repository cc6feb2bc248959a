import type { RequestEvent } from '@sveltejs/kit';
import { isUuid } from '$lib/server/forms';
import { requireStaff } from '$lib/server/auth/guard';
import { familiesListedFor } from '$lib/server/auth/policy';
import { schoolToday } from '$lib/server/clock';
import { currentRound } from '$lib/server/school/overview';
import type { AnswerStatus, OverviewFilter } from '$lib/server/families/overview';

const statuses: AnswerStatus[] = ['booked', 'declined', 'open'];

/** Who asks, for which round, with which filter: teachers see their own families, admins choose. */
export async function overviewRequest(event: RequestEvent) {
	const me = requireStaff(event);
	const round = await currentRound(event.locals.db, me.schoolId, schoolToday(me.timeZone));
	const q = event.url.searchParams;
	const status = statuses.find((s) => s === q.get('status'));
	const groupId = isUuid(q.get('group')) ? q.get('group')! : undefined;
	const whose = familiesListedFor(me, isUuid(q.get('staff')) ? q.get('staff')! : null);
	const filter: OverviewFilter = { staffId: whose, status, groupId };
	return { me, round, filter };
}
