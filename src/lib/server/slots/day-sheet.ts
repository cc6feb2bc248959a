/**
 * The day sheet: one person's visits of one day in time order, to take along on paper. Beside
 * what the week shows it has the parents' phone numbers, the talking points of each child's
 * group, and for home visits the route: their order, and the travel time the round reserves
 * between two home visits (a visit at school needs none). Addresses and phone numbers are
 * contact details: every family on the sheet is logged as seen.
 */
import { and, asc, eq, gte, inArray, isNotNull } from 'drizzle-orm';
import type { Database } from '../db';
import {
	booking,
	group,
	guardian,
	slot,
	slotStaff,
	visitRound,
	visitRoundGroup
} from '../db/schema';
import type { Viewer } from '../auth/policy';
import { recordContactViews } from '../audit/record';
import { addDays, fromWallTime, toWallTime } from '../time/zone';
import { defaultTalkingPoints, newPupilPoints } from '../visit-rounds/talking-points';
import { slotsOfPerson, withVisits } from './week';
import type { SlotVisit } from './visits';
import { interpretingOf, type InterpretingVisit } from './interpreting';
import { bookedOnly } from '../db/partial';

export interface TalkingPoints {
	/** The group's name; null for the points for a new pupil. */
	group: string | null;
	points: string[];
}

export interface DaySheetVisit extends SlotVisit {
	start: string;
	end: string;
	/** Who else goes: the second staff member, or the teacher when the sheet is the second's. */
	alongWith: string | null;
	guardians: { name: string; phone: string }[];
	talkingPoints: TalkingPoints[];
	/** 1, 2, 3 … for home visits in the order they are made; null for school and neutral. */
	routeNumber: number | null;
	/** For a home visit after another one: what the round reserves, and the time there is. */
	travel: { reservedMinutes: number; gapMinutes: number } | null;
}

export interface DaySheetInterpreting extends Omit<InterpretingVisit, 'startsAt' | 'endsAt'> {
	start: string;
	end: string;
}

export interface DaySheet {
	visits: DaySheetVisit[];
	/** Other teachers' visits this person interprets at: time, place and language only. */
	interpreting: DaySheetInterpreting[];
	/** Booked slots of families this person may not see (another teacher visits them now). */
	hidden: number;
	/** The next day with a visit after this one, if any. */
	nextVisitDay: string | null;
}

const lines = (text: string) =>
	text
		.split('\n')
		.map((line) => line.trim())
		.filter(Boolean);

export async function daySheet(
	db: Database,
	me: Viewer,
	staffId: string,
	date: string,
	timeZone: string
): Promise<DaySheet> {
	const from = fromWallTime(date, '00:00', timeZone)!;
	const to = fromWallTime(addDays(date, 1), '00:00', timeZone)!;
	const booked = (await slotsOfPerson(db, me.schoolId, staffId, from, to)).filter((s) => s.booked);
	const shown = await withVisits(db, me, booked);
	const familyIds = shown.map((s) => s.visit.familyId);
	const roundIds = [...new Set(shown.map((s) => s.visit.roundId))];
	const groupIds = [
		...new Set(
			shown.flatMap((s) =>
				s.visit.children.map((c) => c.groupId).filter((id): id is string => id !== null)
			)
		)
	];
	const [phones, rounds, roundGroups, groups, next] = await Promise.all([
		guardianPhones(db, familyIds),
		roundIds.length
			? db
					.select({
						id: visitRound.id,
						travelMinutes: visitRound.travelMinutes,
						includeNewPupils: visitRound.includeNewPupils,
						newPupilTalkingPoints: visitRound.newPupilTalkingPoints
					})
					.from(visitRound)
					.where(inArray(visitRound.id, roundIds))
			: [],
		roundIds.length && groupIds.length
			? db
					.select()
					.from(visitRoundGroup)
					.where(
						and(
							inArray(visitRoundGroup.roundId, roundIds),
							inArray(visitRoundGroup.groupId, groupIds)
						)
					)
			: [],
		groupIds.length
			? db
					.select({
						id: group.id,
						name: group.name,
						year: group.year,
						isLanguageClass: group.isLanguageClass
					})
					.from(group)
					.where(inArray(group.id, groupIds))
			: [],
		nextVisit(db, me.schoolId, staffId, to)
	]);

	const talkingPointsOf = (v: SlotVisit): TalkingPoints[] => {
		const round = rounds.find((r) => r.id === v.roundId);
		const result: TalkingPoints[] = [];
		for (const groupId of new Set(v.children.map((c) => c.groupId))) {
			const inRound = roundGroups.find((g) => g.roundId === v.roundId && g.groupId === groupId);
			const g = groups.find((x) => x.id === groupId);
			if (!inRound || !g) continue;
			const own = lines(inRound.talkingPoints);
			result.push({ group: g.name, points: own.length ? own : defaultTalkingPoints(g) });
		}
		if (round?.includeNewPupils && v.children.some((c) => c.isNew)) {
			const own = lines(round.newPupilTalkingPoints);
			result.push({ group: null, points: own.length ? own : newPupilPoints });
		}
		return result;
	};

	let route = 0;
	let lastHomeEnd: Date | null = null;
	const sheet = shown.map(({ visit: v, ...s }): DaySheetVisit => {
		const home = v.location === 'home';
		const travel =
			home && lastHomeEnd
				? {
						reservedMinutes: rounds.find((r) => r.id === v.roundId)?.travelMinutes ?? 0,
						gapMinutes: Math.round((s.startsAt.getTime() - lastHomeEnd.getTime()) / 60_000)
					}
				: null;
		if (home) lastHomeEnd = s.endsAt;
		return {
			...v,
			start: toWallTime(s.startsAt, timeZone).time,
			end: toWallTime(s.endsAt, timeZone).time,
			alongWith: s.staffId === staffId ? s.secondStaff : s.teacher,
			guardians: phones.get(v.familyId) ?? [],
			talkingPoints: talkingPointsOf(v),
			routeNumber: home ? ++route : null,
			travel
		};
	});
	await recordContactViews(db, {
		schoolId: me.schoolId,
		staffId: me.id,
		familyIds: sheet.map((v) => v.familyId),
		page: 'day_sheet'
	});
	const ownSlots = new Set(booked.map((s) => s.id));
	const interpreting = (await interpretingOf(db, me, staffId, from, to, 'day_sheet'))
		.filter((v) => !ownSlots.has(v.slotId))
		.map(({ startsAt, endsAt, ...v }) => ({
			...v,
			start: toWallTime(startsAt, timeZone).time,
			end: toWallTime(endsAt, timeZone).time
		}));
	return {
		visits: sheet,
		interpreting,
		hidden: booked.length - shown.length,
		nextVisitDay: next ? toWallTime(next, timeZone).date : null
	};
}

/** Each family's parents with a phone number, in the order the roster gave them. */
export async function guardianPhones(
	db: Database,
	familyIds: readonly string[]
): Promise<Map<string, { name: string; phone: string }[]>> {
	const phones = new Map<string, { name: string; phone: string }[]>();
	if (familyIds.length === 0) return phones;
	const rows = await db
		.select({ familyId: guardian.familyId, name: guardian.name, phone: guardian.phone })
		.from(guardian)
		.where(and(inArray(guardian.familyId, [...new Set(familyIds)]), isNotNull(guardian.phone)))
		.orderBy(asc(guardian.createdAt));
	for (const r of rows) {
		const phone = r.phone?.trim();
		if (!phone) continue;
		phones.set(r.familyId, [...(phones.get(r.familyId) ?? []), { name: r.name, phone }]);
	}
	return phones;
}

/** When this person's next booked visit after `after` starts. */
async function nextVisit(
	db: Database,
	schoolId: string,
	staffId: string,
	after: Date
): Promise<Date | null> {
	const [row] = await db
		.select({ startsAt: slot.startsAt })
		.from(slot)
		.innerJoin(slotStaff, and(eq(slotStaff.slotId, slot.id), eq(slotStaff.staffId, staffId)))
		.innerJoin(booking, and(eq(booking.slotId, slot.id), bookedOnly))
		.where(and(eq(slot.schoolId, schoolId), gte(slot.startsAt, after)))
		.orderBy(asc(slot.startsAt))
		.limit(1);
	return row?.startsAt ?? null;
}

/** A plain link to an online map search: no tiles, no script, nothing loaded until tapped. */
export const mapLink = (address: string) =>
	`https://www.openstreetmap.org/search?query=${encodeURIComponent(address)}`;

export { telLink } from '../../format';
