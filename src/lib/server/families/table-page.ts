/**
 * What the families page shows for one request: the round, the choices its filters offer, and
 * the table, for this person. The parameters come from the link as `readTableParams` read them;
 * an id that is not one of this school's (a round, a group, a visitor) is dropped here, as any
 * unknown value is, so another school's id shows nothing of that school.
 */
import type { Database } from '../db';
import { familiesListedFor, seesWholeSchool, type Viewer } from '../auth/policy';
import { currentRound } from '../school/overview';
import { addDays, fromWallTime, weekdayOf } from '../time/zone';
import type { TableParams } from '../../families-table';
import {
	familiesTable,
	groupsOfRound,
	roundsOfSchool,
	visitorsOfRound,
	type Choice,
	type FamiliesTable
} from './table';

export interface FamiliesTablePage {
	round: Choice;
	/** Every round of the school, newest first. */
	rounds: Choice[];
	groups: Choice[];
	/** Whom the office may filter by; empty for a teacher. */
	visitors: Choice[];
	/** The parameters in force: unknown ids dropped, the page the one shown. */
	params: TableParams;
	table: FamiliesTable;
}

/** Monday 00:00 to the next Monday 00:00 on the school's clock, around `today` (YYYY-MM-DD). */
export function schoolWeek(today: string, timeZone: string) {
	const monday = addDays(today, 1 - weekdayOf(today));
	return {
		from: fromWallTime(monday, '00:00', timeZone)!,
		to: fromWallTime(addDays(monday, 7), '00:00', timeZone)!
	};
}

/** Null when the school has no round yet. `today` is the school's date. */
export async function familiesTablePage(
	db: Database,
	me: Viewer & { timeZone: string },
	asked: TableParams,
	today: string
): Promise<FamiliesTablePage | null> {
	const [rounds, running] = await Promise.all([
		roundsOfSchool(db, me.schoolId),
		currentRound(db, me.schoolId, today)
	]);
	// By default the round staff work on now: the running one, else the next, else the last (currentRound).
	const round = rounds.find((r) => r.id === asked.roundId) ?? running;
	if (!round) return null;
	const [groups, visitors] = await Promise.all([
		groupsOfRound(db, me.schoolId, round.id),
		seesWholeSchool(me) ? visitorsOfRound(db, me.schoolId, round.id) : Promise.resolve([])
	]);
	const params: TableParams = {
		...asked,
		roundId: asked.roundId === round.id ? round.id : null,
		groupId: groups.some((g) => g.id === asked.groupId) ? asked.groupId : null,
		// The visitor filter is the office's: a teacher's list is their own, whatever the link says.
		visitorId: visitors.some((v) => v.id === asked.visitorId) ? asked.visitorId : null
	};
	const table = await familiesTable(db, {
		schoolId: me.schoolId,
		roundId: round.id,
		staffId: familiesListedFor(me, params.visitorId),
		status: params.status,
		groupId: params.groupId,
		q: params.q,
		sort: params.sort,
		desc: params.desc,
		page: params.page,
		week: schoolWeek(today, me.timeZone)
	});
	return {
		round: { id: round.id, name: round.name },
		rounds,
		groups,
		visitors,
		params: { ...params, page: table.page },
		table
	};
}
