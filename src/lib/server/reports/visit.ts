/**
 * A visit that has taken place (or was to), with what the report form needs: the children,
 * the parents on file, the talking points of the children's groups and the report so far.
 */
import { sql, type SQL } from 'drizzle-orm';
import { jsonOf, rowsOf, type Database } from '../db';
import { isUuid } from '../forms';
import { mayReadReport, type Viewer } from '../auth/policy';
import { fullNameSql } from '../roster/names';

export interface ReportDraft {
	id: string;
	held: boolean;
	notHeldReason: 'no_show' | 'cancelled_late' | 'moved' | null;
	heldAt: Date;
	location: 'home' | 'school' | 'neutral' | null;
	staffIds: string[];
	parentsPresent: string[];
	otherPresent: string;
	childPresent: boolean;
	siblingsPresent: boolean;
	interpreter: 'none' | 'professional' | 'staff' | 'family' | 'other';
	interpreterName: string;
	mainPoints: string;
	followUp: 'none' | 'care_coordinator' | 'director';
	updatedAt: Date;
}

export interface VisitForReport {
	/** Null once the retention job removed the booking and kept the report for the pupil file. */
	bookingId: string | null;
	roundId: string;
	roundName: string;
	familyId: string;
	startsAt: Date;
	endsAt: Date;
	location: 'home' | 'school' | 'neutral' | null;
	interpreterLanguage: string | null;
	/** Who interpreted as far as the portal knows, to prefill a new report: see `interpreterOnRecord`. */
	interpreterOnRecord: { kind: ReportDraft['interpreter']; name: string } | null;
	/** The teacher and the second person of the slot. */
	slotStaffIds: string[];
	children: { firstName: string; name: string; group: string | null }[];
	guardians: string[];
	talkingPoints: string[];
	report: ReportDraft | null;
}

/** Both drivers hand back Postgres arrays as arrays, from a table row and from `row_to_json` alike. */
const list = (value: unknown): string[] => (Array.isArray(value) ? (value as string[]) : []);

export function draftOf(r: Record<string, unknown>): ReportDraft {
	return {
		id: r.id as string,
		held: Boolean(r.held),
		notHeldReason: (r.not_held_reason as ReportDraft['notHeldReason']) ?? null,
		heldAt: new Date(r.held_at as string),
		location: (r.location as ReportDraft['location']) ?? null,
		staffIds: list(r.staff_ids),
		parentsPresent: list(r.parents_present),
		otherPresent: (r.other_present as string) ?? '',
		childPresent: Boolean(r.child_present),
		siblingsPresent: Boolean(r.siblings_present),
		interpreter: (r.interpreter as ReportDraft['interpreter']) ?? 'none',
		interpreterName: (r.interpreter_name as string) ?? '',
		mainPoints: (r.main_points as string) ?? '',
		followUp: (r.follow_up as ReportDraft['followUp']) ?? 'none',
		updatedAt: new Date(r.updated_at as string)
	};
}

/**
 * The booked visit, if it has begun and `me` may report on it: one of the staff of the slot,
 * someone named in the report, an admin or the care coordinator. Anything else is null, so a
 * guessed id looks the same as a missing one. Once the retention job has removed the booking,
 * the id is the kept report's own (see `keptReport`).
 */
export async function visitForReport(
	db: Database,
	me: Viewer,
	id: string,
	now: Date
): Promise<VisitForReport | null> {
	if (!isUuid(id)) return null;
	return (await bookedVisit(db, me, id, now)) ?? (await keptReport(db, me, id));
}

/** The children with their groups' talking points for the round, and the family's parents. */
const childrenSql = (familyId: SQL, roundId: SQL) => sql`
	(select json_agg(json_build_object('firstName', p.first_name, 'name', ${fullNameSql('p')}, 'group', sg.name,
		'points', case when vrg.round_id is not null then vrg.talking_points when p.is_new and r.include_new_pupils then r.new_pupil_talking_points else '' end) order by p.birth_date nulls last)
	   from pupil p left join school_group sg on sg.id = p.group_id
	   left join visit_round_group vrg on vrg.group_id = p.group_id and vrg.round_id = ${roundId}
	   where p.family_id = ${familyId}) as children,
	(select json_agg(g.name order by g.created_at) from guardian g where g.family_id = ${familyId}) as guardians`;

interface ChildRow {
	firstName: string;
	name: string;
	group: string | null;
	points: string;
}

/** The children as the form shows them, and their groups' talking points once each. */
function childrenOf(row: Record<string, unknown>) {
	const children = jsonOf<ChildRow[]>(row.children) ?? [];
	const points = [
		...new Set(
			children.flatMap((c) =>
				c.points
					.split('\n')
					.map((p) => p.trim())
					.filter(Boolean)
			)
		)
	];
	return {
		children: children.map(({ firstName, name, group }) => ({ firstName, name, group })),
		guardians: jsonOf<string[]>(row.guardians) ?? [],
		talkingPoints: points
	};
}

/**
 * A report whose booking the retention job removed: it stays in the pupil file until its own
 * term, readable and correctable by those it names, the admin and the care coordinator. What
 * the booking held (the slot's time and staff) is gone; the report's own record stands in.
 */
async function keptReport(db: Database, me: Viewer, reportId: string) {
	const [row] = rowsOf<Record<string, unknown>>(
		await db.execute(sql`
			select row_to_json(vr) as report, vr.round_id, r.name as round_name, vr.family_id,
				${childrenSql(sql`vr.family_id`, sql`r.id`)}
			from visit_report vr
			join visit_round r on r.id = vr.round_id
			where vr.id = ${reportId} and vr.booking_id is null and vr.school_id = ${me.schoolId}`)
	);
	if (!row) return null;
	const report = draftOf(jsonOf<Record<string, unknown>>(row.report)!);
	if (
		!mayReadReport(me, { schoolId: me.schoolId, slotStaffIds: [], reportStaffIds: report.staffIds })
	)
		return null;
	return {
		bookingId: null,
		roundId: row.round_id as string,
		roundName: row.round_name as string,
		familyId: row.family_id as string,
		startsAt: report.heldAt,
		endsAt: report.heldAt,
		location: report.location,
		interpreterLanguage: null,
		interpreterOnRecord: null,
		slotStaffIds: [],
		...childrenOf(row),
		report
	} satisfies VisitForReport;
}

async function bookedVisit(
	db: Database,
	me: Viewer,
	bookingId: string,
	now: Date
): Promise<VisitForReport | null> {
	const [row] = rowsOf<Record<string, unknown>>(
		await db.execute(sql`
			select b.id as booking_id, b.round_id, r.name as round_name, b.family_id, b.location, b.interpreter_language,
				s.starts_at, s.ends_at, s.staff_id, s.second_staff_id,
				(select row_to_json(vr) from visit_report vr where vr.booking_id = b.id) as report,
				${childrenSql(sql`b.family_id`, sql`r.id`)},
				b.own_interpreter_language,
				(select json_build_object('kind', i.kind, 'name', i.name, 'contact', ir.contact_name)
				   from interpreter_request ir join interpreter i on i.id = ir.interpreter_id
				   where ir.booking_id = b.id and ir.status = 'arranged') as arranged
			from booking b
			join slot s on s.id = b.slot_id
			join visit_round r on r.id = b.round_id
			where b.id = ${bookingId} and b.school_id = ${me.schoolId} and b.status = 'booked'
			  and s.starts_at <= ${now.toISOString()}::timestamptz`)
	);
	if (!row) return null;
	const report = row.report ? draftOf(jsonOf<Record<string, unknown>>(row.report)!) : null;
	const slotStaffIds = [row.staff_id as string, row.second_staff_id as string | null].filter(
		(id): id is string => Boolean(id)
	);
	if (
		!mayReadReport(me, {
			schoolId: me.schoolId,
			slotStaffIds,
			reportStaffIds: report?.staffIds ?? []
		})
	)
		return null;
	return {
		bookingId: row.booking_id as string,
		roundId: row.round_id as string,
		roundName: row.round_name as string,
		familyId: row.family_id as string,
		startsAt: new Date(row.starts_at as string),
		endsAt: new Date(row.ends_at as string),
		location: row.location as VisitForReport['location'],
		interpreterLanguage: (row.interpreter_language as string | null) ?? null,
		interpreterOnRecord: interpreterOnRecord(
			jsonOf<ArrangedInterpreter>(row.arranged),
			Boolean(row.own_interpreter_language)
		),
		slotStaffIds,
		...childrenOf(row),
		report
	};
}

interface ArrangedInterpreter {
	kind: 'staff' | 'volunteer' | 'service';
	name: string;
	contact: string | null;
}

/**
 * The report's "who interpreted", from what the office arranged (a service's own interpreter by
 * name when the office noted one) or the family's "we bring someone". The writer corrects it
 * if the day went otherwise; a report already written keeps its own answer.
 */
export function interpreterOnRecord(
	arranged: ArrangedInterpreter | null,
	familyBrought: boolean
): VisitForReport['interpreterOnRecord'] {
	if (arranged) {
		const kind = ({ service: 'professional', staff: 'staff', volunteer: 'other' } as const)[
			arranged.kind
		];
		const name = arranged.contact ? `${arranged.contact} (${arranged.name})` : arranged.name;
		return { kind, name };
	}
	return familyBrought ? { kind: 'family', name: '' } : null;
}

/**
 * Who the form offers as "from school": everyone active, and anyone the report already names
 * who has left since, so that saving again does not drop them from the record.
 */
export async function reportPeople(
	db: Database,
	schoolId: string,
	named: string[]
): Promise<{ id: string; name: string }[]> {
	const ids = named.filter(isUuid);
	return rowsOf<{ id: string; name: string }>(
		await db.execute(sql`select id, name from staff where school_id = ${schoolId}
			and (active ${
				ids.length
					? sql`or id in (${sql.join(
							ids.map((id) => sql`${id}`),
							sql`, `
						)})`
					: sql``
			}) order by name`)
	);
}
