/**
 * The staff home page: the running rounds with the office's figures, and each person's own
 * progress with the families they still have to call. Showing those phone numbers is a view of
 * the families' contact details, so it goes to the audit log, one entry per family shown.
 */
import type { Database } from '../db';
import { familiesListedFor, runsSchool, type Viewer } from '../auth/policy';
import { recordContactViews } from '../audit/record';
import { mondayOf, weekBounds } from '../slots/calendar';
import { toWallTime } from '../time/zone';
import type { RoundSummary } from '../school/overview';
import {
	familiesToCall,
	interpretersToArrange,
	roundProgress,
	runningRounds,
	schoolAndOwnProgress,
	type FamilyToCall,
	type RoundProgress
} from './progress';

/** A teacher visits some 30 families: the list to call stays short enough for a phone. */
export const TO_CALL_LIMIT = 60;

export interface StaffHome {
	rounds: RoundSummary[];
	/** The office's figures per round (empty for teachers). */
	school: RoundProgress[];
	/** Their own figures per round: always for a teacher, for an admin only when they visit families. */
	mine: { progress: RoundProgress; toCall: { total: number; families: FamilyToCall[] } }[];
	/** The office's interpreter requests still to arrange (null for teachers). */
	interpretersToArrange: number | null;
}

export async function staffHome(
	db: Database,
	me: Viewer & { timeZone: string },
	now: Date
): Promise<StaffHome> {
	const office = runsSchool(me);
	const today = toWallTime(now, me.timeZone).date;
	const rounds = await runningRounds(db, me.schoolId, now, today);
	const ids = rounds.map((r) => r.id);
	const scope = { now, week: weekBounds(mondayOf(today), me.timeZone) };
	// My own list: the families I visit or go along to, whatever my role.
	const mine = familiesListedFor(me, me.id) ?? me.id;
	const [{ school, own }, toArrange] = await Promise.all([
		office
			? schoolAndOwnProgress(db, me.schoolId, ids, scope, mine)
			: roundProgress(db, me.schoolId, ids, { ...scope, staffId: mine }).then((own) => ({
					school: [],
					own
				})),
		office ? interpretersToArrange(db, me.schoolId, now) : null
	]);
	const shown = own.filter((p) => !office || p.invited > 0);
	const toCall = await Promise.all(
		shown.map((p) => familiesToCall(db, me, p.roundId, mine, TO_CALL_LIMIT))
	);
	await recordContactViews(db, {
		schoolId: me.schoolId,
		staffId: me.id,
		familyIds: toCall.flatMap((list) =>
			list.families.filter((f) => f.guardians.some((g) => g.phone)).map((f) => f.familyId)
		),
		page: 'home'
	});
	return {
		rounds,
		school,
		mine: shown.map((progress, i) => ({ progress, toCall: toCall[i]! })),
		interpretersToArrange: toArrange
	};
}
