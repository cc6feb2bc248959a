import { error, redirect } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guard';
import { now } from '$lib/server/clock';
import { failWith } from '$lib/server/forms';
import { recordAudit } from '$lib/server/audit/record';
import { reportPeople, visitForReport } from '$lib/server/reports/visit';
import { readReportForm, type ReportValues } from '$lib/server/reports/form';
import { saveReport } from '$lib/server/reports/save';
import { toWallTime } from '$lib/server/time/zone';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function context(event: RequestEvent | Parameters<PageServerLoad>[0]) {
	const me = requireStaff(event);
	const visit = await visitForReport(event.locals.db, me, event.params.booking, now());
	if (!visit) error(404, { message: 'reports.not_found' });
	// Anyone of the school may have gone along.
	const people = await reportPeople(event.locals.db, me.schoolId, visit.report?.staffIds ?? []);
	return { me, visit, people };
}

export const load: PageServerLoad = async (event) => {
	const { me, visit, people } = await context(event);
	const timeZone = me.timeZone;
	const r = visit.report;
	if (r)
		await recordAudit(event.locals.db, {
			schoolId: me.schoolId,
			actorKind: 'staff',
			actorId: me.id,
			action: 'report.viewed',
			subjectType: 'visit_report',
			subjectId: r.id
		});
	const at = toWallTime(r?.heldAt ?? visit.startsAt, timeZone);
	const values: ReportValues = {
		held: r ? (r.held ? 'yes' : 'no') : '',
		notHeldReason: r?.notHeldReason ?? '',
		date: at.date,
		time: at.time,
		location: r?.location ?? visit.location ?? '',
		staffIds: r?.staffIds ?? visit.slotStaffIds,
		parentsPresent: r?.parentsPresent ?? [],
		otherPresent: r?.otherPresent ?? '',
		childPresent: r?.childPresent ?? false,
		siblingsPresent: r?.siblingsPresent ?? false,
		interpreter: r?.interpreter ?? visit.interpreterOnRecord?.kind ?? 'none',
		interpreterName: r?.interpreterName ?? visit.interpreterOnRecord?.name ?? '',
		mainPoints: r?.mainPoints ?? '',
		followUp: r?.followUp ?? 'none'
	};
	return {
		visit: {
			startsAt: visit.startsAt,
			roundName: visit.roundName,
			children: visit.children,
			guardians: visit.guardians,
			talkingPoints: visit.talkingPoints,
			interpreterLanguage: visit.interpreterLanguage,
			updatedAt: r?.updatedAt ?? null
		},
		people,
		values,
		timeZone
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { me, visit, people } = await context(event);
		const read = readReportForm(
			await event.request.formData(),
			{ staffIds: people.map((p) => p.id), parents: visit.guardians },
			me.timeZone
		);
		if (!read.ok) return failWith(400, read.errors, read.values);
		if (!(await saveReport(event.locals.db, me, visit, read.value, now())))
			error(404, { message: 'reports.not_found' });
		redirect(303, '/staff/reports?done=saved');
	}
};
