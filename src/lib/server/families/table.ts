/**
 * The families table of a round: one page of rows and the counts behind it, for a school of a
 * thousand families, in one statement: every row of the page carries the counts per status
 * (window aggregates over every listed family), which the status filter shows and whose total
 * pages the table. Only when a page comes back empty does a second statement count. Children,
 * guardians and names are built only for the page's rows.
 *
 * Who is listed is the caller's `staffId`, from policy.ts `familiesListedFor`: a teacher's own
 * families (they visit them or go along), or one visitor's, or the whole school (null).
 */
import { sql, type SQL } from 'drizzle-orm';
import { jsonOf, rowsOf, type Database } from '../db';
import { fullNameSql } from '../roster/names';
import { familiesInRound, pupilInRound } from './overview';
import { foldSql, matchesAllSql, searchTerms } from './search';
import { PAGE_SIZE, tableStatuses, type TableSort, type TableStatus } from '../../families-table';

export interface TableQuery {
	schoolId: string;
	/** A round of this school (the caller checks). */
	roundId: string;
	/** Only the families this person visits or goes along to; null: the whole school. */
	staffId: string | null;
	status: TableStatus | null;
	/** A group of this school (the caller checks): families with a child in it. */
	groupId: string | null;
	q: string;
	sort: TableSort;
	desc: boolean;
	page: number;
	/** The school's week, Monday 00:00 to the next Monday 00:00 on its clock, for `this_week`. */
	week: { from: Date; to: Date };
}

/** Where a family stands: no answer yet, a booked visit and where, or no meeting. */
export type RowStatus = 'not_answered' | 'home' | 'school' | 'neutral' | 'declined';

export interface FamilyRow {
	familyId: string;
	/** Eldest first, as the school's lists put them. */
	children: { name: string; group: string | null }[];
	guardians: string[];
	visitor: string | null;
	secondStaff: string | null;
	status: RowStatus;
	/** Why not at home (or no meeting), a code from the family's form. */
	notHomeReason: string | null;
	startsAt: Date | null;
	endsAt: Date | null;
	placeName: string | null;
	/** The school arranges an interpreter for this language. */
	interpreterLanguage: string | null;
	/** The family brings its own interpreter for this language. */
	ownInterpreterLanguage: string | null;
}

export interface FamiliesTable {
	rows: FamilyRow[];
	/** Families matching every filter, the status too. */
	total: number;
	/** The page shown: the one asked for, or the last one when that is past the end. */
	page: number;
	/** Per status, the families matching the other filters (search, group, visitor). */
	counts: Record<TableStatus | 'all', number>;
}

/**
 * The round's families this person may list, with their answer and their eldest child's name and
 * group (a family is known by them: the order), searched and filtered by group.
 *
 * Shaped for a planner without statistics: PGlite has no autovacuum, so it guesses every table
 * small and picks nested loops. One pass over the school's pupils decides who is in the round and
 * yields the eldest child, the group filter and the search text; the rest are lookups by key.
 * `lateral … limit 1` keeps a lookup a lookup: joined plainly, a family, its answer or its slot
 * was found by scanning them all once per family (1 s at 1,000 families).
 */
function listed(query: TableQuery): SQL {
	const terms = searchTerms(query.q);
	const eldestFirst = sql`order by p.birth_date nulls last, p.first_name, p.id`;
	const text = foldSql(
		sql`concat_ws(' ', kids.text, (select string_agg(concat_ws(' ', g.name, g.email), ' ') from guardian g where g.family_id = f.id))`
	);
	return sql`
		select f.id, f.visiting_staff_id, a.status, a.location, a.neutral_place_id, a.interpreter_language, a.own_interpreter_language,
			a.not_home_reason, s.starts_at, s.ends_at, s.second_staff_id,
			kids.first_name, kids.last_name, kids.group_id
		from (
			select p.family_id,
				(array_agg(p.first_name ${eldestFirst}))[1] as first_name,
				(array_agg(p.last_name ${eldestFirst}))[1] as last_name,
				(array_agg(p.group_id ${eldestFirst}))[1] as group_id
				${terms.length > 0 ? sql`, string_agg(concat_ws(' ', p.first_name, p.infix, p.last_name, p.pupil_number), ' ') as text` : sql``}
			from pupil p where p.school_id = ${query.schoolId}
			group by p.family_id
			having bool_or(${pupilInRound(query.roundId)})
				${query.groupId ? sql`and bool_or(p.group_id = ${query.groupId})` : sql``}
		) kids
		cross join lateral (
			select f.id, f.visiting_staff_id from family f
			where f.id = kids.family_id and f.school_id = ${query.schoolId} limit 1
		) f
		left join lateral (
			select status, location, neutral_place_id, interpreter_language, own_interpreter_language, not_home_reason, slot_id from booking
			where booking.family_id = f.id and booking.round_id = ${query.roundId} and booking.status <> 'cancelled' limit 1
		) a on true
		left join lateral (select starts_at, ends_at, second_staff_id from slot where slot.id = a.slot_id limit 1) s on true
		where true
		  ${query.staffId ? sql`and (f.visiting_staff_id = ${query.staffId} or s.second_staff_id = ${query.staffId})` : sql``}
		  ${terms.length > 0 ? sql`and ${matchesAllSql(text, terms)}` : sql``}`;
}

/** Each status as a condition on a row of `listed` (alias l). */
function statusSql(status: TableStatus, week: TableQuery['week']): SQL {
	switch (status) {
		case 'not_answered':
			return sql`l.status is null`;
		case 'booked':
			return sql`l.status = 'booked'`;
		case 'home':
		case 'school':
		case 'neutral':
			return sql`(l.status = 'booked' and l.location = ${status})`;
		case 'rather_not_home':
			// As the home page counts it: a visit elsewhere than at home, or no meeting, with or
			// without a reason (the reason is optional for parents).
			return sql`(l.status = 'declined' or (l.status = 'booked' and l.location <> 'home'))`;
		case 'declined':
			return sql`l.status = 'declined'`;
		case 'interpreter':
			// The school's work: a family that brings its own interpreter is not counted.
			return sql`l.interpreter_language is not null`;
		case 'this_week':
			return sql`(l.status = 'booked' and l.starts_at >= ${week.from.toISOString()}::timestamptz and l.starts_at < ${week.to.toISOString()}::timestamptz)`;
	}
}

/** Not answered first (the office's work), then home, school, neutral, then no meeting. */
const statusRank = sql`case when l.status is null then 0 when l.status = 'declined' then 4
	when l.location = 'home' then 1 when l.location = 'school' then 2 else 3 end`;

// Only the visitor order looks the name up for every family; the page's rows join it.
const visitorName = sql`(select name from staff where staff.id = l.visiting_staff_id)`;

function orderSql(sort: TableSort, desc: boolean): SQL {
	const dir = sql.raw(desc ? 'desc' : 'asc');
	// Surname first, as school lists sort; accents folded, so Özdemir sorts among the O's.
	const family = sql`${foldSql(sql`l.last_name`)}, ${foldSql(sql`l.first_name`)}`;
	const byFamily = sql`${foldSql(sql`l.last_name`)} ${dir}, ${foldSql(sql`l.first_name`)} ${dir}`;
	switch (sort) {
		case 'family':
			return sql`${byFamily}, l.id`;
		case 'group':
			return sql`(select year from school_group where id = l.group_id) ${dir} nulls last,
				(select name from school_group where id = l.group_id) ${dir} nulls last, ${family}, l.id`;
		case 'visitor':
			return sql`${foldSql(visitorName)} ${dir} nulls last, ${family}, l.id`;
		case 'status':
			return sql`${statusRank} ${dir}, ${family}, l.id`;
		case 'time':
			return sql`l.starts_at ${dir} nulls last, ${family}, l.id`;
	}
}

const counted = ['all', ...tableStatuses] as const;

/** Every status's count as a column; `over ()` makes them window aggregates beside each row. */
function countColumns(query: TableQuery, window: SQL) {
	return sql.join(
		counted.map(
			(k) =>
				sql`count(*) ${k === 'all' ? sql`` : sql`filter (where ${statusSql(k, query.week)})`} ${window} as ${sql.identifier(`n_${k}`)}`
		),
		sql`, `
	);
}

function countsOf(row: Record<string, unknown> | undefined): FamiliesTable['counts'] {
	return Object.fromEntries(
		counted.map((k) => [k, Number(row?.[`n_${k}`] ?? 0)])
	) as FamiliesTable['counts'];
}

/** The counts alone: for a page that came back empty (nothing matches, or past the end). */
async function countRows(db: Database, query: TableQuery): Promise<FamiliesTable['counts']> {
	const [row] = rowsOf<Record<string, unknown>>(
		await db.execute(sql`with l as (${listed(query)}) select ${countColumns(query, sql``)} from l`)
	);
	return countsOf(row);
}

/**
 * One page of rows, each carrying the counts (window aggregates over every listed family, before
 * the status filter): one statement per page. Only the page's 50 rows get their children,
 * guardians and names built.
 */
async function pageRows(db: Database, query: TableQuery, page: number) {
	const wanted = query.status
		? sql`coalesce(${statusSql(query.status, query.week)}, false)`
		: sql`true`;
	const result = await db.execute(sql`
		with l as (${listed(query)}),
		ranked as (
			select l.*, ${wanted} as wanted, ${countColumns(query, sql`over ()`)},
				row_number() over (partition by ${wanted} order by ${orderSql(query.sort, query.desc)}) as ord
			from l
		),
		page as (select * from ranked where wanted order by ord limit ${PAGE_SIZE} offset ${(page - 1) * PAGE_SIZE})
		select page.*, v.name as visitor, s2.name as second_staff, np.name as place_name,
			(select json_agg(json_build_object('name', ${fullNameSql('p')}, 'group', sg.name) order by p.birth_date nulls last, p.first_name, p.id)
			   from pupil p left join school_group sg on sg.id = p.group_id where p.family_id = page.id) as children,
			(select json_agg(g.name order by g.created_at, g.id) from guardian g where g.family_id = page.id) as guardians
		from page
		left join staff v on v.id = page.visiting_staff_id
		left join staff s2 on s2.id = page.second_staff_id
		left join neutral_place np on np.id = page.neutral_place_id
		order by page.ord`);
	const found = rowsOf<Record<string, unknown>>(result);
	const rows = found.map((r): FamilyRow => ({
		familyId: r.id as string,
		children: jsonOf<FamilyRow['children']>(r.children) ?? [],
		guardians: jsonOf<string[]>(r.guardians) ?? [],
		visitor: (r.visitor as string | null) ?? null,
		secondStaff: (r.second_staff as string | null) ?? null,
		status:
			r.status === 'booked'
				? ((r.location as RowStatus | null) ?? 'home')
				: r.status === 'declined'
					? 'declined'
					: 'not_answered',
		notHomeReason: (r.not_home_reason as string | null) ?? null,
		startsAt: r.starts_at ? new Date(r.starts_at as string) : null,
		endsAt: r.ends_at ? new Date(r.ends_at as string) : null,
		placeName: (r.place_name as string | null) ?? null,
		interpreterLanguage: (r.interpreter_language as string | null) ?? null,
		ownInterpreterLanguage: (r.own_interpreter_language as string | null) ?? null
	}));
	return { rows, counts: found.length > 0 ? countsOf(found[0]) : null };
}

export async function familiesTable(db: Database, query: TableQuery): Promise<FamiliesTable> {
	const asked = await pageRows(db, query, query.page);
	const counts = asked.counts ?? (await countRows(db, query));
	const total = query.status ? counts[query.status] : counts.all;
	const last = Math.max(1, Math.ceil(total / PAGE_SIZE));
	if (asked.rows.length > 0 || query.page <= last)
		return { rows: asked.rows, total, page: query.page, counts };
	// A page past the end (an old link, a list that shrank) shows the last page instead.
	return { rows: (await pageRows(db, query, last)).rows, total, page: last, counts };
}

export interface Choice {
	id: string;
	name: string;
}

/** The school's rounds, newest first, for the round filter. */
export async function roundsOfSchool(db: Database, schoolId: string): Promise<Choice[]> {
	return rowsOf<Choice>(
		await db.execute(
			sql`select id, name from visit_round where school_id = ${schoolId} order by starts_on desc, name`
		)
	);
}

/** Groups with a child in one of the round's families, in school order (year, then name). */
export async function groupsOfRound(
	db: Database,
	schoolId: string,
	roundId: string
): Promise<Choice[]> {
	return rowsOf<Choice>(
		await db.execute(sql`
			select sg.id, sg.name from school_group sg
			where sg.school_id = ${schoolId} and sg.id in (
				select p.group_id from pupil p join (${familiesInRound(roundId)}) fams on fams.family_id = p.family_id)
			order by sg.year nulls last, sg.name`)
	);
}

/**
 * Staff who visit in this round: the visiting teacher of one of its families, or the teacher or
 * second staff member of one of its slots. The office filters by them; nobody else is offered.
 */
export async function visitorsOfRound(
	db: Database,
	schoolId: string,
	roundId: string
): Promise<Choice[]> {
	return rowsOf<Choice>(
		await db.execute(sql`
			select st.id, st.name from staff st
			where st.school_id = ${schoolId} and st.id in (
				select f.visiting_staff_id from family f join (${familiesInRound(roundId)}) fams on fams.family_id = f.id
				where f.school_id = ${schoolId}
				union select staff_id from slot where round_id = ${roundId}
				union select second_staff_id from slot where round_id = ${roundId})
			order by st.name, st.id`)
	);
}
