/**
 * The retention job: what the school said it keeps, it keeps; the rest goes. Runs daily from
 * the background worker and on demand (`npm run cli -- retention`). Every removal is written
 * to the audit log as counts, never as what was removed.
 */
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import { affectedRows as count, jsonOf, rowsOf, type Database } from '../db';
import { school, visitRound } from '../db/schema';
import { recordAudit } from '../audit/record';
import { liveFigures } from '../evaluation/figures';
import { toWallTime } from '../time/zone';
import { bookingDataKeptUntil, monthsBefore, type RetentionPolicy } from './policy';
import { housekeeping, type HousekeepingCounts } from './housekeeping';
import { transaction } from '../db/transaction';

export interface RoundRemoval {
	bookings: number;
	links: number;
	messages: number;
	waves: number;
}

/**
 * Freezes a round's evaluation figures, then removes its personal data: the bookings (with the
 * parents' questions, reasons and corrected addresses), the family links, the invitation waves
 * and every message about them. Reports stay: they follow their own retention.
 */
/** Null when there was nothing to do: another run got there first, or the round is not this school's. */
export async function removeRoundData(
	db: Database,
	schoolId: string,
	roundId: string,
	now: Date
): Promise<RoundRemoval | null> {
	return transaction(db, async (tx) => {
		// Several servers may run the job at once: the round's row lock lets one do it, and the
		// other then finds it done instead of freezing the figures of an emptied round.
		const [round] = rowsOf<{ removed: boolean }>(
			await tx.execute(
				sql`select personal_data_removed_at is not null as removed from visit_round where id = ${roundId} and school_id = ${schoolId} for update`
			)
		);
		if (!round || round.removed) return null;
		const figures = await liveFigures(tx, schoolId, roundId, now);
		if (!figures) return null;
		await tx
			.update(visitRound)
			.set({ evaluation: { ...figures, frozenAt: now.toISOString() }, personalDataRemovedAt: now })
			.where(and(eq(visitRound.id, roundId), eq(visitRound.schoolId, schoolId)));
		const messages = count(
			await tx.execute(
				sql`delete from outbox where school_id = ${schoolId} and round_id = ${roundId}`
			)
		);
		const bookings = count(
			await tx.execute(
				sql`delete from booking where round_id = ${roundId} and school_id = ${schoolId}`
			)
		);
		const links = count(await tx.execute(sql`delete from family_link where round_id = ${roundId}`));
		// Which families the round was for: counted into the frozen figures, not needed after.
		await tx.execute(
			sql`delete from visit_round_family where round_id = ${roundId} and school_id = ${schoolId}`
		);
		// The tries to reach families carry staff's notes about them, and the parents' requests
		// their own words and phone numbers; the evaluation keeps the counts of both.
		await tx.execute(
			sql`delete from contact_attempt where round_id = ${roundId} and school_id = ${schoolId}`
		);
		await tx.execute(
			sql`delete from family_request where round_id = ${roundId} and school_id = ${schoolId}`
		);
		const waves = count(
			await tx.execute(
				sql`delete from mail_wave where round_id = ${roundId} and school_id = ${schoolId}`
			)
		);
		const removed = { bookings, links, messages, waves };
		await recordAudit(tx, {
			schoolId,
			actorKind: 'system',
			actorId: null,
			action: 'retention.round_data_removed',
			subjectType: 'visit_round',
			subjectId: roundId,
			detail: removed
		});
		return removed;
	});
}

export interface RetentionRun {
	rounds: number;
	bookings: number;
	reports: number;
	housekeeping: HousekeepingCounts;
}

export async function applyRetention(db: Database, now: Date): Promise<RetentionRun> {
	const run: RetentionRun = {
		rounds: 0,
		bookings: 0,
		reports: 0,
		housekeeping: await housekeeping(db, now)
	};
	const schools = await db
		.select({
			id: school.id,
			timeZone: school.timeZone,
			schoolYearEnds: school.schoolYearEnds,
			bookingRetentionDays: school.bookingRetentionDays,
			reportRetentionMonths: school.reportRetentionMonths
		})
		.from(school);
	for (const s of schools) {
		const policy: RetentionPolicy = s;
		// A day ends at midnight on the school's own clock.
		const today = toWallTime(now, s.timeZone).date;
		const rounds = await db
			.select({ id: visitRound.id, endsOn: visitRound.endsOn })
			.from(visitRound)
			.where(
				and(
					eq(visitRound.schoolId, s.id),
					isNull(visitRound.personalDataRemovedAt),
					lt(visitRound.endsOn, today)
				)
			);
		for (const round of rounds) {
			if (bookingDataKeptUntil(round.endsOn, policy) >= today) continue;
			const removed = await removeRoundData(db, s.id, round.id, now);
			if (removed === null) continue;
			run.rounds++;
			run.bookings += removed.bookings;
		}
		const reports = count(
			await db.execute(
				sql`delete from visit_report where school_id = ${s.id} and held_at < ${monthsBefore(now, policy.reportRetentionMonths).toISOString()}::timestamptz`
			)
		);
		if (reports > 0) {
			run.reports += reports;
			await recordAudit(db, {
				schoolId: s.id,
				actorKind: 'system',
				actorId: null,
				action: 'retention.reports_removed',
				detail: { reports }
			});
		}
	}
	return run;
}

/** When each round's personal data goes, for the settings page. */
export async function roundRemovalDates(db: Database, schoolId: string, policy: RetentionPolicy) {
	const rounds = await db
		.select({
			id: visitRound.id,
			name: visitRound.name,
			endsOn: visitRound.endsOn,
			removedAt: visitRound.personalDataRemovedAt
		})
		.from(visitRound)
		.where(eq(visitRound.schoolId, schoolId))
		.orderBy(sql`${visitRound.startsOn} desc`);
	return rounds.map((r) => ({ ...r, keptUntil: bookingDataKeptUntil(r.endsOn, policy) }));
}

/** What the privacy page's log lists: the job's removals and the office's erasures. */
export type RetentionLogAction =
	'retention.round_data_removed' | 'retention.reports_removed' | 'family.erased';

/** The job's recent removals at this school, from the audit log. */
export async function retentionLog(db: Database, schoolId: string) {
	return rowsOf<{
		action: RetentionLogAction;
		detail: Record<string, number> | string | null;
		created_at: string;
	}>(
		await db.execute(sql`select action, detail, created_at from audit_event
			where school_id = ${schoolId} and action in ('retention.round_data_removed', 'retention.reports_removed', 'family.erased') order by created_at desc limit 20`)
	).map((r) => ({
		action: r.action,
		detail: jsonOf<Record<string, number>>(r.detail) ?? {},
		at: new Date(r.created_at)
	}));
}
