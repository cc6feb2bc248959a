/**
 * How far a visit round has come, for the staff home page: the office's figures per running
 * round, a teacher's own, and the families a teacher still has to call. Every figure is counted
 * in the database (one query for all rounds), never by loading the families: a school of 1,000
 * pupils opens this page many times a day.
 *
 * The figures add up, and each one is exactly what the families list shows for its filter
 * (`/staff/families?round=…&status=…`):
 * - invited: the round's families (a child in one of its groups, or a new pupil when it includes them);
 * - an answer is a family's booking that is not cancelled (at most one: `booking_one_answer_per_family`);
 * - booked = home + school + neutral; no meeting = declined; not answered = invited − answered;
 * - rather not at home: booked at school or at a neutral place, or no meeting at all (with or
 *   without a reason: the reason is optional for parents);
 * - interpreters: booked visits with an interpreter asked for;
 * - this week: booked visits from Monday 00:00 to the next Monday on the school's clock;
 * - reports to write: booked visits of the round that have begun and have no report yet;
 * - interpreters to arrange (the office's, for the school, not per round): requests still open
 *   for visits from now on.
 */
import { sql, type SQL } from 'drizzle-orm';
import { jsonOf, rowsOf, type Database } from '../db';
import { fullNameSql } from '../roster/names';
import { mayViewFamily, type Viewer } from '../auth/policy';
import { currentRound, type RoundSummary } from '../school/overview';
import { transaction } from '../db/transaction';

/**
 * Runs a counting query, on the embedded database with hash joins only. PGlite has no autovacuum,
 * so its tables are never analysed: without statistics its planner takes a thousand families for
 * a handful and joins them in nested loops (3 s instead of 0.15 s for one round). PostgreSQL
 * plans these well from its own statistics, and worse with the switch, so it is left alone there.
 */
function withoutNestedLoops<T>(db: Database, query: (tx: Database) => Promise<T>): Promise<T> {
	return transaction(db, async (tx) => {
		await tx.execute(
			sql`select set_config('enable_nestloop', 'off', true) where version() like '%PGlite%'`
		);
		return query(tx);
	});
}

/** Rounds whose booking has opened or whose visits have begun, and whose last visit day has not passed. */
export async function runningRounds(
	db: Database,
	schoolId: string,
	now: Date,
	today: string
): Promise<RoundSummary[]> {
	const rows = rowsOf<Record<string, unknown>>(
		await db.execute(sql`
			select id, name, starts_on, ends_on, booking_opens_at, booking_closes_at, visit_minutes, travel_minutes
			from visit_round
			where school_id = ${schoolId} and ends_on >= ${today}
			  and (booking_opens_at <= ${now.toISOString()}::timestamptz or starts_on <= ${today})
			order by starts_on, name`)
	);
	if (rows.length === 0) {
		// Between rounds the page still shows one: the next to start, else the last that ended.
		const round = await currentRound(db, schoolId, today);
		return round ? [round] : [];
	}
	return rows.map((r) => ({
		id: r.id as string,
		name: r.name as string,
		startsOn: String(r.starts_on),
		endsOn: String(r.ends_on),
		bookingOpensAt: new Date(r.booking_opens_at as string),
		bookingClosesAt: new Date(r.booking_closes_at as string),
		visitMinutes: Number(r.visit_minutes),
		travelMinutes: Number(r.travel_minutes)
	}));
}

export const progressFigures = [
	'invited',
	'notAnswered',
	'booked',
	'home',
	'school',
	'neutral',
	'ratherNotHome',
	'declined',
	'interpreter',
	'thisWeek',
	'reportsToWrite'
] as const;
export type ProgressFigure = (typeof progressFigures)[number];
export type RoundProgress = { roundId: string } & Record<ProgressFigure, number>;

export interface ProgressScope {
	now: Date;
	/** This week on the school's clock: [from, to). */
	week: { from: Date; to: Date };
	/**
	 * Null: the whole school. A staff id: the families that person visits or goes along to (as
	 * `familiesListedFor` in auth/policy.ts decides), and the visits they go to for reports.
	 */
	staffId: string | null;
}

export const idList = (ids: readonly string[]): SQL =>
	sql.join(
		ids.map((id) => sql`${id}::uuid`),
		sql`, `
	);

/**
 * Each round's families (round_id, family_id): a child in one of its groups, or a new pupil when
 * the round includes them. Joins and a union, not `group_id in (…) or is_new`: that form costs
 * a subplan per pupil.
 */
export const familiesOfRounds = (schoolId: string, roundIds: readonly string[]): SQL => sql`
		select r.id as round_id, p.family_id
		from visit_round r
		join visit_round_group g on g.round_id = r.id
		join pupil p on p.group_id = g.group_id
		where r.school_id = ${schoolId} and r.id in (${idList(roundIds)})
		union
		select r.id, p.family_id
		from visit_round r join pupil p on p.school_id = r.school_id and p.is_new
		where r.school_id = ${schoolId} and r.id in (${idList(roundIds)}) and r.include_new_pupils`;

/**
 * The round's families as the families list counts them, with their answer (if any). `mine`
 * marks the families `ownOf` visits or goes along to (always false without one).
 */
const answersOf = (
	schoolId: string,
	roundIds: readonly string[],
	staffId: string | null,
	ownOf: string | null
): SQL => sql`
	select fams.round_id, b.id as booking_id, b.status, b.location, b.interpreter_language, s.starts_at,
		${ownOf ? sql`(f.visiting_staff_id = ${ownOf} or s.second_staff_id is not distinct from ${ownOf})` : sql`false`} as mine
	from (
		${familiesOfRounds(schoolId, roundIds)}
	) fams
	join family f on f.id = fams.family_id
	left join booking b on b.family_id = fams.family_id and b.round_id = fams.round_id and b.status <> 'cancelled'
	left join slot s on s.id = b.slot_id
	where f.school_id = ${schoolId}
	  ${staffId ? sql`and (f.visiting_staff_id = ${staffId} or s.second_staff_id = ${staffId})` : sql``}`;

/** Each figure but the reports as the condition an answer row (`answersOf`) meets to count. */
const answerFigures = (week: ProgressScope['week']): [ProgressFigure, SQL][] => [
	['invited', sql`true`],
	['notAnswered', sql`status is null`],
	['booked', sql`status = 'booked'`],
	['home', sql`status = 'booked' and location = 'home'`],
	['school', sql`status = 'booked' and location = 'school'`],
	['neutral', sql`status = 'booked' and location = 'neutral'`],
	['ratherNotHome', sql`status = 'declined' or (status = 'booked' and location <> 'home')`],
	['declined', sql`status = 'declined'`],
	['interpreter', sql`status = 'booked' and interpreter_language is not null`],
	[
		'thisWeek',
		sql`status = 'booked' and starts_at >= ${week.from.toISOString()}::timestamptz
			and starts_at < ${week.to.toISOString()}::timestamptz`
	]
];

/** Column names of the counting query: `booked`, and `own_booked` for the figures of `ownOf`. */
const column = (figure: ProgressFigure, own: boolean) =>
	(own ? 'own_' : '') + figure.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase());

/**
 * Counts each round's figures in one query: those of `scope.staffId` (null: the whole school),
 * and, with `ownOf`, also those of one staff member among them, from the same pass over the
 * round's families. The office home of an admin who visits families needs both.
 */
async function countProgress(
	db: Database,
	schoolId: string,
	roundIds: readonly string[],
	scope: ProgressScope,
	ownOf: string | null
): Promise<{ counted: RoundProgress[]; own: RoundProgress[] }> {
	if (roundIds.length === 0) return { counted: [], own: [] };
	const now = scope.now.toISOString();
	const counts = answerFigures(scope.week).flatMap(([figure, where]) => [
		sql`count(*) filter (where ${where})::int as ${sql.raw(column(figure, false))}`,
		...(ownOf
			? [sql`count(*) filter (where (${where}) and mine)::int as ${sql.raw(column(figure, true))}`]
			: [])
	]);
	const rows = rowsOf<Record<string, unknown>>(
		await withoutNestedLoops(db, (tx) =>
			tx.execute(sql`
			with a as (${answersOf(schoolId, roundIds, scope.staffId, ownOf)}),
			counted as (
				select round_id, ${sql.join(counts, sql`, `)}
				from a group by round_id
			),
			reports as (
				select b.round_id, count(*)::int as n,
					${ownOf ? sql`count(*) filter (where ${ownOf}::uuid in (s.staff_id, s.second_staff_id))::int` : sql`0`} as own_n
				from booking b join slot s on s.id = b.slot_id
				where b.school_id = ${schoolId} and b.round_id in (${idList(roundIds)}) and b.status = 'booked'
				  and s.starts_at <= ${now}::timestamptz
				  ${scope.staffId ? sql`and ${scope.staffId}::uuid in (s.staff_id, s.second_staff_id)` : sql``}
				  and not exists (select 1 from visit_report vr where vr.booking_id = b.id)
				group by b.round_id
			)
			select r.id as round_id, counted.*, coalesce(reports.n, 0) as reports_to_write,
				coalesce(reports.own_n, 0) as own_reports_to_write
			from visit_round r
			left join counted on counted.round_id = r.id
			left join reports on reports.round_id = r.id
			where r.school_id = ${schoolId} and r.id in (${idList(roundIds)})`)
		)
	);
	const inOrder = (own: boolean) => {
		const byRound = new Map(
			rows.map((r): [string, RoundProgress] => {
				const figures = Object.fromEntries(
					progressFigures.map((f) => [f, Number(r[column(f, own)] ?? 0)])
				) as Record<ProgressFigure, number>;
				return [r.round_id as string, { roundId: r.round_id as string, ...figures }];
			})
		);
		return roundIds.flatMap((id) => byRound.get(id) ?? []);
	};
	return { counted: inOrder(false), own: ownOf ? inOrder(true) : [] };
}

/** The figures of each round asked for, in the order asked; a round of another school gets none. */
export async function roundProgress(
	db: Database,
	schoolId: string,
	roundIds: readonly string[],
	scope: ProgressScope
): Promise<RoundProgress[]> {
	return (await countProgress(db, schoolId, roundIds, scope, null)).counted;
}

/**
 * The whole school's figures and those of one staff member, as `roundProgress` gives each, in
 * one query: at a thousand families a round, the second pass over them doubled the office home's
 * cost for an admin who also visits.
 */
export async function schoolAndOwnProgress(
	db: Database,
	schoolId: string,
	roundIds: readonly string[],
	scope: Omit<ProgressScope, 'staffId'>,
	staffId: string
): Promise<{ school: RoundProgress[]; own: RoundProgress[] }> {
	const { counted, own } = await countProgress(
		db,
		schoolId,
		roundIds,
		{ ...scope, staffId: null },
		staffId
	);
	return { school: counted, own };
}

/**
 * Interpreter requests the office still has to arrange, for visits from `now` on: the school's
 * whole list, whatever the round (the interpreters page lists them the same way).
 */
export async function interpretersToArrange(
	db: Database,
	schoolId: string,
	now: Date
): Promise<number> {
	const [row] = rowsOf<{ n: number }>(
		await db.execute(sql`
			select count(*)::int as n from interpreter_request
			where school_id = ${schoolId} and status = 'requested'
			  and starts_at >= ${now.toISOString()}::timestamptz`)
	);
	return Number(row?.n ?? 0);
}

export interface FamilyToCall {
	familyId: string;
	children: { name: string; group: string | null }[];
	guardians: { name: string; phone: string | null }[];
}

/**
 * The families a staff member visits in a round that have not answered yet, with the guardians'
 * phone numbers: the teacher's list to call. At most `limit`; `total` says how many there are.
 * Only families the viewer may see are returned, whatever `staffId` asks for.
 */
export async function familiesToCall(
	db: Database,
	me: Viewer,
	roundId: string,
	staffId: string,
	limit: number
): Promise<{ total: number; families: FamilyToCall[] }> {
	const rows = rowsOf<Record<string, unknown>>(
		await withoutNestedLoops(db, (tx) =>
			tx.execute(sql`
			select f.id, f.school_id, f.visiting_staff_id, count(*) over () as total,
				(select json_agg(json_build_object('name', ${fullNameSql('p')}, 'group', sg.name) order by p.birth_date nulls last, p.id)
				   from pupil p left join school_group sg on sg.id = p.group_id where p.family_id = f.id) as children,
				(select json_agg(json_build_object('name', g.name, 'phone', nullif(trim(g.phone), '')) order by g.created_at, g.name, g.id)
				   from guardian g where g.family_id = f.id) as guardians,
				(select ${fullNameSql('p')} from pupil p where p.family_id = f.id order by p.birth_date nulls last, p.id limit 1) as eldest
			from family f
			where f.school_id = ${me.schoolId} and f.visiting_staff_id = ${staffId}
			  and f.id in (select fr.family_id from (${familiesOfRounds(me.schoolId, [roundId])}) fr)
			  and not exists (select 1 from booking b where b.family_id = f.id and b.round_id = ${roundId} and b.status <> 'cancelled')
			order by eldest, f.id
			limit ${limit}`)
		)
	);
	const families = rows
		.filter((r) =>
			mayViewFamily(me, {
				schoolId: r.school_id as string,
				visitingStaffId: (r.visiting_staff_id as string | null) ?? null
			})
		)
		.map((r) => ({
			familyId: r.id as string,
			children: jsonOf<FamilyToCall['children']>(r.children) ?? [],
			guardians: jsonOf<FamilyToCall['guardians']>(r.guardians) ?? []
		}));
	return { total: families.length === 0 ? 0 : Number(rows[0]?.total ?? 0), families };
}
