/**
 * The families asking for another time, for the staff who can make one: a teacher sees her own
 * families' requests, the office every family's of the school (policy.ts: acting for a family).
 */
import { and, asc, count, countDistinct, eq, inArray, type SQL } from 'drizzle-orm';
import type { Database } from '../db';
import { booking, family, familyRequest, group, guardian, pupil, slot } from '../db/schema';
import { seesWholeSchool, type Viewer } from '../auth/policy';
import { childrenOfFamilies } from '../roster/family-children';
import { bookedOnly, openFamilyRequest } from '../db/partial';

export interface RequestForStaff {
	id: string;
	familyId: string;
	days: string[];
	parts: string[];
	note: string;
	askedAt: Date;
	language: string;
	/** The children's groups, and their names. */
	groups: string;
	children: string;
	/** How the family can be told of a time: no address and no phone means a call or a note. */
	reachable: 'email' | 'sms' | 'none';
}

export async function openRequestsForTeacher(
	db: Database,
	me: Viewer,
	roundId: string
): Promise<RequestForStaff[]> {
	const mine: SQL[] = seesWholeSchool(me) ? [] : [eq(family.visitingStaffId, me.id)];
	const rows = await db
		.select({
			id: familyRequest.id,
			familyId: familyRequest.familyId,
			days: familyRequest.days,
			parts: familyRequest.parts,
			note: familyRequest.note,
			askedAt: familyRequest.createdAt,
			language: familyRequest.language
		})
		.from(familyRequest)
		.innerJoin(family, eq(family.id, familyRequest.familyId))
		.where(
			and(
				eq(familyRequest.schoolId, me.schoolId),
				eq(familyRequest.roundId, roundId),
				eq(familyRequest.kind, 'other_time'),
				openFamilyRequest,
				...mine
			)
		)
		.orderBy(asc(familyRequest.createdAt));
	if (rows.length === 0) return [];
	const ids = rows.map((r) => r.familyId);
	const [childrenOf, guardians] = await Promise.all([
		childrenOfFamilies(db, ids),
		db
			.select({ familyId: guardian.familyId, email: guardian.email, phone: guardian.phone })
			.from(guardian)
			.where(inArray(guardian.familyId, ids))
	]);
	return rows.map((r) => {
		const label = childrenOf(r.familyId);
		const own = guardians.filter((g) => g.familyId === r.familyId);
		return {
			...r,
			groups: label.label,
			children: label.names,
			reachable: own.some((g) => g.email?.trim())
				? 'email'
				: own.some((g) => g.phone?.trim())
					? 'sms'
					: 'none'
		};
	});
}

/** How many of this person's families (the office: the school's) ask for another time, in any round. */
export async function otherTimeAskedCount(db: Database, me: Viewer): Promise<number> {
	const mine: SQL[] = seesWholeSchool(me) ? [] : [eq(family.visitingStaffId, me.id)];
	const [row] = await db
		.select({ n: count() })
		.from(familyRequest)
		.innerJoin(family, eq(family.id, familyRequest.familyId))
		.where(
			and(
				eq(familyRequest.schoolId, me.schoolId),
				eq(familyRequest.kind, 'other_time'),
				openFamilyRequest,
				...mine
			)
		);
	return row?.n ?? 0;
}

/**
 * The groups of each family's children ("3B, 1A"): how a week names a time made for one family
 * without naming a child. Groups only, so it tells nothing to someone who may not see the family.
 */
export async function familyGroups(
	db: Database,
	schoolId: string,
	familyIds: string[]
): Promise<Map<string, string>> {
	if (familyIds.length === 0) return new Map();
	const rows = await db
		.select({ familyId: pupil.familyId, group: group.name })
		.from(pupil)
		.innerJoin(group, eq(group.id, pupil.groupId))
		.where(and(inArray(pupil.familyId, familyIds), eq(pupil.schoolId, schoolId)))
		.orderBy(asc(pupil.birthDate));
	const out = new Map<string, string>();
	for (const id of new Set(familyIds)) {
		const groups = [...new Set(rows.filter((r) => r.familyId === id).map((r) => r.group))];
		out.set(id, groups.join(', ') || '—');
	}
	return out;
}

export interface RequestFigures {
	/** Families who booked a time made for them after "none of these times fit". */
	servedByMadeTime: number;
	/** Families who asked to be called instead of booking. */
	callMeAsked: number;
}

/** The evaluation's count of the two other ways to an appointment. */
export async function requestFigures(
	db: Database,
	schoolId: string,
	roundId: string
): Promise<RequestFigures> {
	const [served] = await db
		.select({ n: countDistinct(booking.familyId) })
		.from(booking)
		.innerJoin(slot, eq(slot.id, booking.slotId))
		.where(
			and(
				eq(booking.schoolId, schoolId),
				eq(booking.roundId, roundId),
				bookedOnly,
				eq(slot.reservedForFamilyId, booking.familyId)
			)
		);
	const [called] = await db
		.select({ n: countDistinct(familyRequest.familyId) })
		.from(familyRequest)
		.where(
			and(
				eq(familyRequest.schoolId, schoolId),
				eq(familyRequest.roundId, roundId),
				eq(familyRequest.kind, 'call_me')
			)
		);
	return { servedByMadeTime: served?.n ?? 0, callMeAsked: called?.n ?? 0 };
}
