/**
 * The school's yearly evaluation of a round: how many families were invited, booked, visited
 * where, declined, or were not reached; interpreters per language, who was arranged and who
 * brought their own; reports written. Per group
 * and per teacher. When the retention job removes a round's bookings it first freezes these
 * figures into `visit_round.evaluation`, so the evaluation survives the personal data.
 */
import { and, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import { transaction } from '../db/transaction';
import { jsonOf, rowsOf, type Database } from '../db';
import { visitRound } from '../db/schema';
import { familiesInRound } from '../families/overview';
import { interpretingKeys, type InterpretingFigures } from '../../evaluation';
import { outreachFigures, type OutreachFigures } from '../outreach/evaluation';
import { requestFigures, type RequestFigures } from '../requests/for-teacher';

export const figureKeys = [
	'invited',
	'booked',
	'home',
	'school',
	'neutral',
	'declinedHome',
	'declined',
	'notReached',
	'visitsPast',
	'reportsWritten',
	'held'
] as const;
export type FigureKey = (typeof figureKeys)[number];
export type FigureRow = { label: string } & Record<FigureKey, number>;

export interface RoundFigures {
	roundId: string;
	roundName: string;
	total: FigureRow;
	groups: FigureRow[];
	teachers: FigureRow[];
	/** Why families chose not to be visited at home, or not to meet at all: code → count. */
	reasons: { code: string; count: number }[];
	interpreters: { language: string; count: number }[];
	/**
	 * What came of those requests, from the round's own bookings and requests: arranged by kind,
	 * never arranged, and the families who brought someone themselves. Missing in figures frozen
	 * before it was counted.
	 */
	interpreting?: InterpretingFigures;
	/** The tries to reach families (outreach/evaluation.ts); missing in figures frozen before. */
	outreach?: OutreachFigures;
	/** Families served by a time made for them, and call-me requests; missing in older frozen figures. */
	requests?: RequestFigures;
	/** Set when the figures were frozen by the retention job. */
	frozenAt: string | null;
}

interface FamilyFact {
	groups: string[];
	teacher: string | null;
	status: 'booked' | 'declined' | null;
	location: 'home' | 'school' | 'neutral' | null;
	reason: string | null;
	interpreter: string | null;
	/** The kind of interpreter the school arranged for a requested one. */
	arranged: 'staff' | 'volunteer' | 'service' | null;
	ownInterpreter: string | null;
	past: boolean;
	reported: boolean;
	held: boolean;
}

const emptyRow = (label: string): FigureRow => ({
	label,
	...(Object.fromEntries(figureKeys.map((k) => [k, 0])) as Record<FigureKey, number>)
});

function add(row: FigureRow, f: FamilyFact) {
	row.invited++;
	if (f.status === 'booked') {
		row.booked++;
		if (f.location) row[f.location]++;
		if (f.location !== 'home') row.declinedHome++;
		if (f.past) row.visitsPast++;
		if (f.reported) row.reportsWritten++;
		if (f.held) row.held++;
	} else if (f.status === 'declined') row.declined++;
	else row.notReached++;
}

const tally = (values: (string | null)[]) =>
	[
		...values
			.filter((v): v is string => Boolean(v))
			.reduce((m, v) => m.set(v, (m.get(v) ?? 0) + 1), new Map<string, number>())
	].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));

/**
 * The round's families with the groups and visiting teacher they had: as recorded when the round
 * ended (`recordRoundMembers`), or from the roster while it runs.
 */
function membersOf(schoolId: string, roundId: string, recorded: boolean): SQL {
	if (recorded)
		return sql`select family_id, teacher_name, groups from visit_round_family where round_id = ${roundId} and school_id = ${schoolId}`;
	return sql`
		select f.id as family_id, st.name as teacher_name,
			coalesce((select jsonb_agg(distinct sg.name) from pupil p join school_group sg on sg.id = p.group_id
			   join visit_round r on r.id = ${roundId}
			   where p.family_id = f.id and (p.group_id in (select group_id from visit_round_group where round_id = r.id) or (r.include_new_pupils and p.is_new))), '[]'::jsonb) as groups
		from family f join (${familiesInRound(roundId)}) fams on fams.family_id = f.id
		left join staff st on st.id = f.visiting_staff_id
		where f.school_id = ${schoolId}`;
}

/**
 * Records which families a round was for, once, so that its figures keep describing that round
 * whatever the roster becomes. Several servers may try at once: the round's row lock lets one.
 */
export async function recordRoundMembers(
	db: Database,
	schoolId: string,
	roundId: string,
	now: Date
): Promise<boolean> {
	return transaction(db, async (tx) => {
		const [round] = rowsOf<{ recorded: boolean }>(
			await tx.execute(
				sql`select members_recorded_at is not null as recorded from visit_round where id = ${roundId} and school_id = ${schoolId} for update`
			)
		);
		if (!round || round.recorded) return false;
		await tx.execute(sql`
			insert into visit_round_family (round_id, family_id, school_id, teacher_name, groups)
			select ${roundId}, m.family_id, ${schoolId}, m.teacher_name, m.groups
			from (${membersOf(schoolId, roundId, false)}) m
			on conflict do nothing`);
		await tx
			.update(visitRound)
			.set({ membersRecordedAt: now })
			.where(and(eq(visitRound.id, roundId), eq(visitRound.schoolId, schoolId)));
		return true;
	});
}

/**
 * Every round, of every school, that ended before today (UTC: a day late rather than early) and
 * whose families are not recorded yet. The daily job calls this; the evaluation page too.
 */
export async function recordEndedRounds(db: Database, now: Date): Promise<number> {
	const due = rowsOf<{ id: string; school_id: string }>(
		await db.execute(sql`
			select id, school_id from visit_round
			where members_recorded_at is null and personal_data_removed_at is null
			  and ends_on < (${now.toISOString()}::timestamptz at time zone 'UTC')::date`)
	);
	let recorded = 0;
	for (const r of due) if (await recordRoundMembers(db, r.school_id, r.id, now)) recorded++;
	return recorded;
}

/** Counts from the live bookings. A teacher row labelled '' holds the families nobody is assigned to. */
export async function liveFigures(
	db: Database,
	schoolId: string,
	roundId: string,
	now: Date
): Promise<RoundFigures | null> {
	const [round] = await db
		.select({ id: visitRound.id, name: visitRound.name, recordedAt: visitRound.membersRecordedAt })
		.from(visitRound)
		.where(and(eq(visitRound.id, roundId), eq(visitRound.schoolId, schoolId)));
	if (!round) return null;
	const facts = rowsOf<Record<string, unknown>>(
		await db.execute(sql`
			with members as (${membersOf(schoolId, roundId, round.recordedAt !== null)}),
			answer as (select * from booking b where b.round_id = ${roundId} and b.status <> 'cancelled')
			select m.family_id, m.teacher_name as teacher, a.status, a.location, a.not_home_reason, a.interpreter_language,
				a.own_interpreter_language,
				(select i.kind from interpreter_request ir join interpreter i on i.id = ir.interpreter_id
				   where ir.booking_id = a.id and ir.status = 'arranged') as arranged_kind,
				s.starts_at <= ${now.toISOString()}::timestamptz as past,
				vr.id is not null as reported, coalesce(vr.held, false) as held,
				m.groups
			from members m
			left join answer a on a.family_id = m.family_id
			left join slot s on s.id = a.slot_id
			left join visit_report vr on vr.booking_id = a.id`)
	).map((r): FamilyFact => ({
		groups: jsonOf<string[]>(r.groups) ?? [],
		teacher: (r.teacher as string | null) ?? null,
		status: (r.status as FamilyFact['status']) ?? null,
		location: (r.location as FamilyFact['location']) ?? null,
		reason: (r.not_home_reason as string | null) ?? null,
		interpreter: r.status === 'booked' ? ((r.interpreter_language as string | null) ?? null) : null,
		arranged: (r.arranged_kind as FamilyFact['arranged']) ?? null,
		ownInterpreter:
			r.status === 'booked' ? ((r.own_interpreter_language as string | null) ?? null) : null,
		past: Boolean(r.past),
		reported: Boolean(r.reported),
		held: Boolean(r.held)
	}));
	const total = emptyRow('');
	const groups = new Map<string, FigureRow>();
	const teachers = new Map<string, FigureRow>();
	for (const f of facts) {
		add(total, f);
		for (const g of f.groups) add(groups.get(g) ?? groups.set(g, emptyRow(g)).get(g)!, f);
		const t = f.teacher ?? '';
		add(teachers.get(t) ?? teachers.set(t, emptyRow(t)).get(t)!, f);
	}
	const byLabel = (a: FigureRow, b: FigureRow) =>
		a.label.localeCompare(b.label, 'nl', { numeric: true });
	return {
		roundId: round.id,
		roundName: round.name,
		total,
		groups: [...groups.values()].sort(byLabel),
		teachers: [...teachers.values()].sort(byLabel),
		reasons: tally(
			facts
				.filter((f) => f.status === 'declined' || (f.status === 'booked' && f.location !== 'home'))
				.map((f) => f.reason)
		).map(([code, count]) => ({ code, count })),
		interpreters: tally(facts.map((f) => f.interpreter)).map(([language, count]) => ({
			language,
			count
		})),
		interpreting: interpretingOf(facts),
		outreach: await outreachFigures(db, schoolId, roundId),
		requests: await requestFigures(db, schoolId, roundId),
		frozenAt: null
	};
}

function interpretingOf(facts: FamilyFact[]): InterpretingFigures {
	const counts = Object.fromEntries(interpretingKeys.map((k) => [k, 0])) as InterpretingFigures;
	for (const f of facts) {
		if (f.interpreter) counts[f.arranged ?? 'notArranged']++;
		if (f.ownInterpreter) counts.own++;
	}
	return counts;
}

/** The figures as the evaluation shows them: frozen ones once the round's data is gone, else live. */
export async function roundFigures(
	db: Database,
	schoolId: string,
	roundId: string,
	now: Date
): Promise<RoundFigures | null> {
	const [round] = await db
		.select({
			evaluation: visitRound.evaluation,
			ended: sql<boolean>`${visitRound.endsOn} < (${now.toISOString()}::timestamptz at time zone 'UTC')::date`,
			recordedAt: visitRound.membersRecordedAt
		})
		.from(visitRound)
		.where(and(eq(visitRound.id, roundId), eq(visitRound.schoolId, schoolId)));
	if (!round) return null;
	if (round.evaluation) return round.evaluation as RoundFigures;
	// A round that ended before the daily job came by: its families are recorded now.
	if (round.ended && !round.recordedAt) await recordRoundMembers(db, schoolId, roundId, now);
	return liveFigures(db, schoolId, roundId, now);
}

/** The round before this one (by start date), for the comparison beside the figures. */
export async function previousRoundId(
	db: Database,
	schoolId: string,
	roundId: string
): Promise<string | null> {
	const [current] = await db
		.select({ startsOn: visitRound.startsOn })
		.from(visitRound)
		.where(and(eq(visitRound.id, roundId), eq(visitRound.schoolId, schoolId)));
	if (!current) return null;
	const [previous] = await db
		.select({ id: visitRound.id })
		.from(visitRound)
		.where(and(eq(visitRound.schoolId, schoolId), lt(visitRound.startsOn, current.startsOn)))
		.orderBy(desc(visitRound.startsOn))
		.limit(1);
	return previous?.id ?? null;
}
