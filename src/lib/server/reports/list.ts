/** Visits that have begun, with whether their report is written: the teacher's to-do list. */
import { sql } from 'drizzle-orm';
import { jsonOf, rowsOf, type Database } from '../db';
import { isUuid } from '../forms';
import { reportReadableSql, type Viewer } from '../auth/policy';

export interface VisitToReport {
	/** What the report's page is found by: the booking, or the report itself once retention removed the booking. */
	id: string;
	bookingId: string | null;
	roundName: string;
	startsAt: Date;
	children: string[];
	reportId: string | null;
	held: boolean | null;
	followUp: 'none' | 'care_coordinator' | 'director' | null;
}

export interface VisitListFilter {
	roundId?: string;
	/** Only visits without a report yet. */
	open?: boolean;
	/** Only reports asking this follow-up (the care coordinator's or director's list). */
	followUp?: 'care_coordinator' | 'director';
}

/**
 * Begun visits with their reports, and the reports whose booking the retention job has removed:
 * a report is kept for the pupil file after the round's bookings go, and must stay readable by
 * the people who could read it before (those it names, the admin, the care coordinator).
 */
export async function visitsToReport(
	db: Database,
	me: Viewer,
	now: Date,
	filter: VisitListFilter = {}
): Promise<VisitToReport[]> {
	const round = isUuid(filter.roundId) ? filter.roundId : null;
	const rows = rowsOf<Record<string, unknown>>(
		await db.execute(sql`
			with visits as (
				select b.id as booking_id, b.family_id, r.name as round_name, s.starts_at, vr.id as report_id, vr.held, vr.follow_up
				from booking b
				join slot s on s.id = b.slot_id
				join visit_round r on r.id = b.round_id
				left join visit_report vr on vr.booking_id = b.id
				where b.school_id = ${me.schoolId} and b.status = 'booked' and s.starts_at <= ${now.toISOString()}::timestamptz
				  and ${reportReadableSql(me, { schoolId: sql`b.school_id`, slotStaffId: sql`s.staff_id`, secondStaffId: sql`s.second_staff_id`, reportStaffIds: sql`vr.staff_ids` })}
				  ${round ? sql`and b.round_id = ${round}` : sql``}
				  ${filter.open ? sql`and vr.id is null` : sql``}
				  ${filter.followUp ? sql`and vr.follow_up = ${filter.followUp}` : sql``}
				union all
				select null, vr.family_id, r.name, vr.held_at, vr.id, vr.held, vr.follow_up
				from visit_report vr
				join visit_round r on r.id = vr.round_id
				where vr.booking_id is null and vr.school_id = ${me.schoolId}
				  and ${reportReadableSql(me, { schoolId: sql`vr.school_id`, slotStaffId: sql`null`, secondStaffId: sql`null`, reportStaffIds: sql`vr.staff_ids` })}
				  ${round ? sql`and vr.round_id = ${round}` : sql``}
				  ${filter.open ? sql`and false` : sql``}
				  ${filter.followUp ? sql`and vr.follow_up = ${filter.followUp}` : sql``}
			)
			select v.*,
				(select json_agg(p.first_name || coalesce(' (' || sg.name || ')', '') order by p.birth_date nulls last)
				   from pupil p left join school_group sg on sg.id = p.group_id where p.family_id = v.family_id) as children
			from visits v
			order by (v.report_id is null) desc, v.starts_at desc
			limit 500`)
	);
	return rows.map((r) => ({
		id: (r.booking_id ?? r.report_id) as string,
		bookingId: (r.booking_id as string | null) ?? null,
		roundName: r.round_name as string,
		startsAt: new Date(r.starts_at as string),
		children: jsonOf<string[]>(r.children) ?? [],
		reportId: (r.report_id as string | null) ?? null,
		held: r.held == null ? null : Boolean(r.held),
		followUp: (r.follow_up as VisitToReport['followUp']) ?? null
	}));
}

/** How many begun visits of this person still lack a report: the dashboard's reminder. */
export async function openReportCount(db: Database, me: Viewer, now: Date): Promise<number> {
	const [row] = rowsOf<{ n: number | string }>(
		await db.execute(sql`
			select count(*) as n from booking b join slot s on s.id = b.slot_id
			where b.school_id = ${me.schoolId} and b.status = 'booked' and s.starts_at <= ${now.toISOString()}::timestamptz
			  and ${me.id}::uuid in (s.staff_id, s.second_staff_id)
			  and not exists (select 1 from visit_report vr where vr.booking_id = b.id)`)
	);
	return Number(row?.n ?? 0);
}
