/** The fixed lists a family chooses from, and the slots still open to a family. */
import { and, asc, eq, gt, isNull, or, sql, type Placeholder, type SQLWrapper } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { isUuid } from '../forms';
import { jsonOf, type Database } from '../db';
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

/** openSlots, built once per database: the staff's family page runs it, and a form's page. */
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
	return openSlotsSelect(db, {
		roundId: placeholder('roundId'),
		schoolId: placeholder('schoolId'),
		staffId: placeholder('staffId'),
		familyId: sql`${placeholder('familyId')}::uuid`,
		ownSlotId: sql`${placeholder('ownSlotId')}::uuid`,
		now: placeholder('now'),
		deadlineHours: sql`(${deadlineHours})`
	})
		.orderBy(sql`${slot.reservedForFamilyId} is null`, asc(slot.startsAt))
		.prepare('open_slots');
});

/** What openSlotsSelect needs: values of a prepared query, or columns of the query around it. */
interface OpenSlotsOf {
	roundId: SQLWrapper | Placeholder;
	schoolId: SQLWrapper | Placeholder;
	staffId: SQLWrapper | Placeholder;
	/** A uuid or null: a time made for this family is offered to it. */
	familyId: SQLWrapper;
	/** A uuid or null: the family's booked time, offered though it is booked. */
	ownSlotId: SQLWrapper;
	/** The moment the page is read, as an ISO text (it is cast to timestamptz). */
	now: SQLWrapper | Placeholder;
	/** The round's change deadline in hours: null offers nothing. */
	deadlineHours: SQLWrapper;
}

/**
 * The open slots as one select, the rule of openSlots written once: run alone (openSlotsQuery),
 * or inside the query that opens a family's link, for the choose-a-time page (openSlotsJson).
 * Its columns are named, so the JSON can name them: `made_for_family`, `second_staff`.
 */
function openSlotsSelect(db: Database, of: OpenSlotsOf) {
	const second = alias(staff, 'second_staff');
	return db
		.select({
			id: slot.id,
			startsAt: slot.startsAt,
			endsAt: slot.endsAt,
			allowsHome: slot.allowsHome,
			allowsSchool: slot.allowsSchool,
			allowsNeutral: slot.allowsNeutral,
			secondStaff: sql<string | null>`${second.name}`.as('second_staff'),
			madeForFamily: sql<boolean>`${slot.reservedForFamilyId} is not null`.as('made_for_family')
		})
		.from(slot)
		.leftJoin(booking, and(eq(booking.slotId, slot.id), bookedOnly))
		.leftJoin(second, eq(second.id, slot.secondStaffId))
		.where(
			and(
				eq(slot.roundId, of.roundId),
				eq(slot.schoolId, of.schoolId),
				eq(slot.staffId, of.staffId),
				gt(slot.startsAt, sql`${of.now}::timestamptz + ${of.deadlineHours} * interval '1 hour'`),
				// A time made for one family is offered to that family only (null: to nobody).
				or(isNull(slot.reservedForFamilyId), eq(slot.reservedForFamilyId, of.familyId)),
				// Booked times are not offered, except the family's own (null: none).
				or(isNull(booking.id), eq(slot.id, of.ownSlotId))
			)
		);
}

export type OpenSlot = Awaited<ReturnType<typeof openSlots>>[number];

/**
 * openSlots as a JSON column of a query around it, which gives the round, the school, the family
 * and its teacher as columns of its own (families/page.ts: the query that opens a family's link,
 * so the choose-a-time page needs no query of its own). Read it with openSlotsOfJson.
 */
export function openSlotsJson(db: Database, of: OpenSlotsOf) {
	return sql<unknown>`(select json_agg(json_build_object('id', o.id, 'startsAt', o.starts_at,
		'endsAt', o.ends_at, 'allowsHome', o.allows_home, 'allowsSchool', o.allows_school,
		'allowsNeutral', o.allows_neutral, 'secondStaff', o.second_staff,
		'madeForFamily', o.made_for_family) order by not o.made_for_family, o.starts_at)
		from (${openSlotsSelect(db, of)}) o)`;
}

/** openSlotsJson's column as openSlots gives its rows: times as dates, none as an empty list. */
export function openSlotsOfJson(value: unknown): OpenSlot[] {
	const rows =
		jsonOf<(Omit<OpenSlot, 'startsAt' | 'endsAt'> & { startsAt: string; endsAt: string })[]>(
			value
		) ?? [];
	return rows.map((r) => ({ ...r, startsAt: new Date(r.startsAt), endsAt: new Date(r.endsAt) }));
}
