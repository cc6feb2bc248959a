/** The fixed lists a family chooses from, and the slots still open to a family. */
import { and, asc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { isUuid } from '../forms';
import type { Database } from '../db';
import { preparedQuery } from '../db/prepared';
import { booking, family, pupil, slot, staff, visitRound } from '../db/schema';
import { mayActForFamily, mayViewFamily, type Viewer } from '../auth/policy';
import { bookedOnly } from '../db/partial';

/** Why not at home: short and neutral, so that saying no never feels like a black mark. */
export const notHomeReasons = [
	'prefer_school',
	'prefer_neutral',
	'no_space',
	'privacy',
	'no_time',
	'other'
] as const;
export type NotHomeReason = (typeof notHomeReasons)[number];

/**
 * Languages an interpreter is asked for most at Dutch and Flemish primary schools: those of
 * newly arrived families (Arabic, Turkish, Polish, Ukrainian, Tigrinya, Somali, Farsi/Dari,
 * Romanian, Bulgarian, Spanish) and French in Brussels.
 */
export const interpreterLanguages = [
	'ar',
	'tr',
	'pl',
	'uk',
	'en',
	'fr',
	'ti',
	'so',
	'fa',
	'ro',
	'bg',
	'es',
	'ru',
	'de'
] as const;

/**
 * The family, if this person may see it (policy.ts): with `mayAct`, whether they may also book,
 * change or cancel for it. Anyone else gets null, as for a family that does not exist.
 */
export async function familyForStaff(db: Database, me: Viewer, familyId: string) {
	if (!isUuid(familyId)) return null;
	const [row] = await db
		.select({
			id: family.id,
			schoolId: family.schoolId,
			visitingStaffId: family.visitingStaffId,
			street: family.street,
			postalCode: family.postalCode,
			city: family.city
		})
		.from(family)
		.where(and(eq(family.id, familyId), eq(family.schoolId, me.schoolId)));
	if (!row) return null;
	const along = await db
		.select({ id: slot.secondStaffId })
		.from(booking)
		.innerJoin(slot, eq(slot.id, booking.slotId))
		.where(and(eq(booking.familyId, familyId), bookedOnly));
	const ref = {
		schoolId: row.schoolId,
		visitingStaffId: row.visitingStaffId,
		goingAlong: along.map((a) => a.id).filter((id): id is string => Boolean(id))
	};
	if (!mayViewFamily(me, ref)) return null;
	const children = await db
		.select({ firstName: pupil.firstName, infix: pupil.infix, lastName: pupil.lastName })
		.from(pupil)
		.where(eq(pupil.familyId, familyId))
		.orderBy(asc(pupil.birthDate));
	return {
		...row,
		mayAct: mayActForFamily(me, ref),
		children: children.map((c) => [c.firstName, c.infix, c.lastName].filter(Boolean).join(' '))
	};
}

/**
 * Free slots of the family's teacher that can still be booked (after the round's deadline from
 * now), with who comes along. `ownSlotId` is the family's current slot: offered too, so that
 * changing only the interpreter or the place keeps the time. A time made for one family
 * (`reserved_for_family_id`) is offered to that family only, and first (`madeForFamily`).
 */
export async function openSlots(
	db: Database,
	schoolId: string,
	roundId: string,
	staffId: string | null,
	familyId: string | null,
	now: Date,
	ownSlotId: string | null = null
) {
	if (!staffId) return [];
	return openSlotsQuery(db).execute({
		schoolId,
		roundId,
		staffId,
		now: now.toISOString(),
		// Anything but a uuid is no family and no slot (the query would fail on the cast).
		familyId: isUuid(familyId) ? familyId : null,
		ownSlotId: isUuid(ownSlotId) ? ownSlotId : null
	});
}

/** openSlots, built once per database: every choose-a-time page runs it. */
const openSlotsQuery = preparedQuery((db) => {
	const placeholder = sql.placeholder;
	// The round's change deadline inside the same query (one round trip, not two): times closer
	// than it are not offered; a round of another school gives null, so no time at all.
	const deadlineHours = db
		.select({ hours: visitRound.changeDeadlineHours })
		.from(visitRound)
		.where(
			and(
				eq(visitRound.id, placeholder('roundId')),
				eq(visitRound.schoolId, placeholder('schoolId'))
			)
		);
	const second = alias(staff, 'second_staff');
	const familyId = sql`${placeholder('familyId')}::uuid`;
	const ownSlotId = sql`${placeholder('ownSlotId')}::uuid`;
	return db
		.select({
			id: slot.id,
			startsAt: slot.startsAt,
			endsAt: slot.endsAt,
			allowsHome: slot.allowsHome,
			allowsSchool: slot.allowsSchool,
			allowsNeutral: slot.allowsNeutral,
			secondStaff: second.name,
			madeForFamily: sql<boolean>`${slot.reservedForFamilyId} is not null`
		})
		.from(slot)
		.leftJoin(booking, and(eq(booking.slotId, slot.id), bookedOnly))
		.leftJoin(second, eq(second.id, slot.secondStaffId))
		.where(
			and(
				eq(slot.roundId, placeholder('roundId')),
				eq(slot.schoolId, placeholder('schoolId')),
				eq(slot.staffId, placeholder('staffId')),
				gt(
					slot.startsAt,
					sql`${placeholder('now')}::timestamptz + (${deadlineHours}) * interval '1 hour'`
				),
				// A time made for one family is offered to that family only (null: to nobody).
				or(isNull(slot.reservedForFamilyId), eq(slot.reservedForFamilyId, familyId)),
				// Booked times are not offered, except the family's own (null: none).
				or(isNull(booking.id), eq(slot.id, ownSlotId))
			)
		)
		.orderBy(sql`${slot.reservedForFamilyId} is null`, asc(slot.startsAt))
		.prepare('open_slots');
});
