/**
 * Visit rounds as the office sets them up. Times the office types are wall-clock times in the
 * school's zone; they are stored as instants. A round that has ended is kept, read-only.
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db';
import { group, visitRound, visitRoundGroup } from '../db/schema';
import { recordAudit } from '../audit/record';
import { isUuid, multiLine, singleLine } from '../forms';
import { addDays, fromWallTime, isDate, TIME_PATTERN, toWallTime } from '../time/zone';
import { defaultTalkingPoints, newPupilPoints } from './talking-points';
import { transaction } from '../db/transaction';

export interface RoundInput {
	name: string;
	startsOn: string;
	endsOn: string;
	visitMinutes: number;
	travelMinutes: number;
	opensOn: string;
	opensAt: string;
	closesOn: string;
	closesAt: string;
	changeDeadlineHours: number;
	reminderHoursBefore: number;
	includeNewPupils: boolean;
	newPupilTalkingPoints: string;
	/** groupId → talking points (one a line); only the groups that take part. */
	groups: Record<string, string>;
}

export type RoundProblem =
	| 'name_required'
	| 'invalid_dates'
	| 'end_before_start'
	| 'too_long'
	| 'invalid_length'
	| 'invalid_booking_window'
	| 'invalid_hours'
	| 'no_groups'
	| 'text_too_long'
	| 'ended';

export const MAX_ROUND_DAYS = 120;
const MAX_POINTS_TEXT = 2000;

const inRange = (n: number, min: number, max: number) =>
	Number.isInteger(n) && n >= min && n <= max;

export async function listRounds(db: Database, schoolId: string) {
	return db
		.select({
			id: visitRound.id,
			name: visitRound.name,
			startsOn: visitRound.startsOn,
			endsOn: visitRound.endsOn
		})
		.from(visitRound)
		.where(eq(visitRound.schoolId, schoolId))
		.orderBy(desc(visitRound.startsOn));
}

/** A round with every group of the school: whether it takes part, and its talking points. */
export async function roundForEditing(
	db: Database,
	schoolId: string,
	roundId: string | null,
	timeZone: string,
	today: string
) {
	const groups = await db
		.select({
			id: group.id,
			name: group.name,
			year: group.year,
			isLanguageClass: group.isLanguageClass
		})
		.from(group)
		.where(eq(group.schoolId, schoolId))
		.orderBy(group.name);
	let round: typeof visitRound.$inferSelect | undefined;
	if (roundId) {
		if (!isUuid(roundId)) return null;
		[round] = await db
			.select()
			.from(visitRound)
			.where(and(eq(visitRound.id, roundId), eq(visitRound.schoolId, schoolId)));
		if (!round) return null;
	}
	const chosen = round
		? new Map(
				(await db.select().from(visitRoundGroup).where(eq(visitRoundGroup.roundId, round.id))).map(
					(g) => [g.groupId, g.talkingPoints]
				)
			)
		: null;
	const opens = round ? toWallTime(round.bookingOpensAt, timeZone) : { date: today, time: '08:00' };
	const closes = round
		? toWallTime(round.bookingClosesAt, timeZone)
		: { date: addDays(today, 20), time: '18:00' };
	// A new round: groups 1, 3 and 5 and the language class take part, as in most policies.
	const byDefault = (g: (typeof groups)[number]) =>
		g.isLanguageClass || [1, 3, 5].includes(g.year ?? 0);
	return {
		id: round?.id ?? null,
		/** For the round's public newsletter link (`/n/<code>`). */
		newsletterCode: round?.newsletterCode ?? null,
		ended: round ? round.endsOn < today : false,
		values: {
			name: round?.name ?? '',
			startsOn: round?.startsOn ?? addDays(today, 7),
			endsOn: round?.endsOn ?? addDays(today, 27),
			visitMinutes: round?.visitMinutes ?? 45,
			travelMinutes: round?.travelMinutes ?? 15,
			opensOn: opens.date,
			opensAt: opens.time,
			closesOn: closes.date,
			closesAt: closes.time,
			changeDeadlineHours: round?.changeDeadlineHours ?? 24,
			reminderHoursBefore: round?.reminderHoursBefore ?? 24,
			includeNewPupils: round?.includeNewPupils ?? true,
			newPupilTalkingPoints: round ? round.newPupilTalkingPoints : newPupilPoints.join('\n')
		},
		groups: groups.map((g) => ({
			id: g.id,
			name: g.name,
			takesPart: chosen ? chosen.has(g.id) : byDefault(g),
			talkingPoints: chosen?.get(g.id) ?? defaultTalkingPoints(g).join('\n')
		}))
	};
}

export async function saveRound(
	db: Database,
	schoolId: string,
	actorId: string,
	roundId: string | null,
	input: RoundInput,
	timeZone: string,
	today: string
): Promise<{ ok: true; id: string } | { ok: false; problem: RoundProblem }> {
	const name = singleLine(input.name).slice(0, 200);
	if (!name) return { ok: false, problem: 'name_required' };
	if (name.length > 120) return { ok: false, problem: 'text_too_long' };
	if (!isDate(input.startsOn) || !isDate(input.endsOn))
		return { ok: false, problem: 'invalid_dates' };
	if (input.endsOn < input.startsOn) return { ok: false, problem: 'end_before_start' };
	if (addDays(input.startsOn, MAX_ROUND_DAYS) < input.endsOn)
		return { ok: false, problem: 'too_long' };
	if (!inRange(input.visitMinutes, 10, 240) || !inRange(input.travelMinutes, 0, 120))
		return { ok: false, problem: 'invalid_length' };
	if (!inRange(input.changeDeadlineHours, 0, 336) || !inRange(input.reminderHoursBefore, 0, 168))
		return { ok: false, problem: 'invalid_hours' };
	const opens = TIME_PATTERN.test(input.opensAt)
		? fromWallTime(input.opensOn, input.opensAt, timeZone)
		: null;
	const closes = TIME_PATTERN.test(input.closesAt)
		? fromWallTime(input.closesOn, input.closesAt, timeZone)
		: null;
	if (!opens || !closes || closes <= opens || input.closesOn > input.endsOn)
		return { ok: false, problem: 'invalid_booking_window' };
	const points = Object.fromEntries(
		Object.entries(input.groups).map(([id, text]) => [id, multiLine(text)])
	);
	const newPupilTalkingPoints = multiLine(input.newPupilTalkingPoints);
	if ([...Object.values(points), newPupilTalkingPoints].some((p) => p.length > MAX_POINTS_TEXT))
		return { ok: false, problem: 'text_too_long' };

	const wanted = Object.keys(points).filter(isUuid);
	const groups = wanted.length
		? await db
				.select({ id: group.id })
				.from(group)
				.where(and(eq(group.schoolId, schoolId), inArray(group.id, wanted)))
		: [];
	if (groups.length === 0 && !input.includeNewPupils) return { ok: false, problem: 'no_groups' };

	const values = {
		name,
		startsOn: input.startsOn,
		endsOn: input.endsOn,
		visitMinutes: input.visitMinutes,
		travelMinutes: input.travelMinutes,
		bookingOpensAt: opens,
		bookingClosesAt: closes,
		changeDeadlineHours: input.changeDeadlineHours,
		reminderHoursBefore: input.reminderHoursBefore,
		includeNewPupils: input.includeNewPupils,
		newPupilTalkingPoints
	};
	return transaction(db, async (tx) => {
		let id = roundId;
		if (id) {
			const [existing] = await tx
				.select({ endsOn: visitRound.endsOn })
				.from(visitRound)
				.where(and(eq(visitRound.id, id), eq(visitRound.schoolId, schoolId)))
				.for('update');
			if (!existing) return { ok: false, problem: 'invalid_dates' } as const;
			if (existing.endsOn < today) return { ok: false, problem: 'ended' } as const;
			await tx.update(visitRound).set(values).where(eq(visitRound.id, id));
			await tx.delete(visitRoundGroup).where(eq(visitRoundGroup.roundId, id));
		} else {
			id = (
				await tx
					.insert(visitRound)
					.values({ schoolId, ...values })
					.returning({ id: visitRound.id })
			)[0]!.id;
		}
		if (groups.length)
			await tx
				.insert(visitRoundGroup)
				.values(groups.map((g) => ({ roundId: id!, groupId: g.id, talkingPoints: points[g.id]! })));
		await recordAudit(tx, {
			schoolId,
			actorKind: 'staff',
			actorId,
			action: roundId ? 'round.updated' : 'round.created',
			subjectType: 'visit_round',
			subjectId: id!,
			detail: { groups: groups.length }
		});
		return { ok: true, id: id! } as const;
	});
}
