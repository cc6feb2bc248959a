/** Slots as staff see them: one person's week (as teacher or second staff member), or one slot. */
import { and, asc, eq, gte, lt, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '../db';
import { booking, slot, slotStaff, staff } from '../db/schema';
import { mayChangeSlot, type Viewer } from '../auth/policy';
import { visitsInSlots, type SlotVisit } from './visits';
import { recordContactViews } from '../audit/record';
import { interpretingOf, type InterpretingVisit } from './interpreting';
import { familyGroups } from '../requests/for-teacher';
import { bookedOnly } from '../db/partial';

export interface WeekSlot {
	id: string;
	staffId: string;
	startsAt: Date;
	endsAt: Date;
	teacher: string;
	secondStaff: string | null;
	allowsHome: boolean;
	allowsSchool: boolean;
	allowsNeutral: boolean;
	booked: boolean;
	/** A time made for one family only (after "none of these times fit"). */
	reservedForFamilyId?: string | null;
}

/** Slots with their teacher, second staff member and whether a family booked them. */
async function slotsWhere(
	db: Database,
	where: SQL | undefined,
	byPerson: string | null
): Promise<WeekSlot[]> {
	const second = alias(staff, 'second_staff');
	const base = db
		.select({
			id: slot.id,
			staffId: slot.staffId,
			startsAt: slot.startsAt,
			endsAt: slot.endsAt,
			teacher: staff.name,
			secondStaff: second.name,
			allowsHome: slot.allowsHome,
			allowsSchool: slot.allowsSchool,
			allowsNeutral: slot.allowsNeutral,
			reservedForFamilyId: slot.reservedForFamilyId,
			bookingId: booking.id
		})
		.from(slot)
		.innerJoin(staff, eq(staff.id, slot.staffId))
		.leftJoin(second, eq(second.id, slot.secondStaffId))
		.leftJoin(booking, and(eq(booking.slotId, slot.id), bookedOnly))
		.$dynamic();
	// Through slot_staff: a person's slots whichever role they have in them.
	const query = byPerson
		? base.innerJoin(slotStaff, and(eq(slotStaff.slotId, slot.id), eq(slotStaff.staffId, byPerson)))
		: base;
	const rows = await query.where(where).orderBy(asc(slot.startsAt));
	return rows.map(({ bookingId, ...r }) => ({ ...r, booked: bookingId !== null }));
}

const startingBetween = (schoolId: string, from: Date, to: Date) =>
	and(eq(slot.schoolId, schoolId), gte(slot.startsAt, from), lt(slot.startsAt, to));

export function slotsOfPerson(
	db: Database,
	schoolId: string,
	staffId: string,
	from: Date,
	to: Date
): Promise<WeekSlot[]> {
	return slotsWhere(db, startingBetween(schoolId, from, to), staffId);
}

/** Every teacher's slots of the school that start between `from` and `to`. */
export function slotsOfSchool(
	db: Database,
	schoolId: string,
	from: Date,
	to: Date
): Promise<WeekSlot[]> {
	return slotsWhere(db, startingBetween(schoolId, from, to), null);
}

export interface SlotWithVisit extends WeekSlot {
	visit: SlotVisit;
}

/**
 * The booked ones of `slots` with their visit, in the same order, leaving out the families `me`
 * may not see (visits.ts): what a day sheet and the school's list of visits show.
 */
export async function withVisits(
	db: Database,
	me: Viewer,
	slots: WeekSlot[]
): Promise<SlotWithVisit[]> {
	const booked = slots.filter((s) => s.booked);
	const visits = await visitsInSlots(
		db,
		me,
		booked.map((s) => s.id)
	);
	return booked.flatMap((s) => {
		const visit = visits.get(s.id);
		return visit ? [{ ...s, visit }] : [];
	});
}

export interface WeekEntry extends WeekSlot {
	/** The booked visit, when there is one and this person may see the family; else null. */
	visit: SlotVisit | null;
	/** Another teacher's visit this person interprets at: read-only, without the family. */
	interpreting: InterpretingVisit | null;
	/** For a free time made for one family: that family's groups, as the week names it. */
	reservedFor: string | null;
}

/**
 * The visits a person interprets at, as entries of their week between their own slots. A visit in
 * one of their own slots is already there (and keeps one entry per slot).
 */
export function withInterpreting(own: WeekEntry[], interpreting: InterpretingVisit[]): WeekEntry[] {
	const ids = new Set(own.map((s) => s.id));
	const extra = interpreting
		.filter((v) => !ids.has(v.slotId))
		.map((v): WeekEntry => ({
			id: v.slotId,
			staffId: v.teacherId,
			startsAt: v.startsAt,
			endsAt: v.endsAt,
			teacher: v.teacher,
			secondStaff: null,
			allowsHome: false,
			allowsSchool: false,
			allowsNeutral: false,
			booked: true,
			reservedForFamilyId: null,
			visit: null,
			interpreting: v,
			reservedFor: null
		}));
	return [...own, ...extra].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

/**
 * A person's slots with the visits booked in them, as `me` may see them. A home visit shows the
 * family's address, a contact detail: the view is logged, one entry per family.
 */
export async function weekOfPerson(
	db: Database,
	me: Viewer,
	staffId: string,
	from: Date,
	to: Date
): Promise<WeekEntry[]> {
	const slots = await slotsOfPerson(db, me.schoolId, staffId, from, to);
	const visits = await visitsInSlots(
		db,
		me,
		slots.filter((s) => s.booked).map((s) => s.id)
	);
	await recordContactViews(db, {
		schoolId: me.schoolId,
		staffId: me.id,
		familyIds: [...visits.values()].filter((v) => v.location === 'home').map((v) => v.familyId),
		page: 'week'
	});
	const interpreting = await interpretingOf(db, me, staffId, from, to, 'week');
	const reserved = await familyGroups(
		db,
		me.schoolId,
		slots.filter((s) => !s.booked && s.reservedForFamilyId).map((s) => s.reservedForFamilyId!)
	);
	return withInterpreting(
		slots.map((s) => ({
			...s,
			visit: visits.get(s.id) ?? null,
			interpreting: null,
			reservedFor:
				(!s.booked && s.reservedForFamilyId && reserved.get(s.reservedForFamilyId)) || null
		})),
		interpreting
	);
}

/** One slot for its detail page, if this person may change it (policy.ts). */
export async function slotForChange(
	db: Database,
	me: Viewer,
	slotId: string
): Promise<WeekSlot | null> {
	const [row] = await slotsWhere(
		db,
		and(eq(slot.id, slotId), eq(slot.schoolId, me.schoolId)),
		null
	);
	return row && mayChangeSlot(me, { schoolId: me.schoolId, staffId: row.staffId }) ? row : null;
}
