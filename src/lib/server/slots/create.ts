/**
 * Publishing slots. The database decides about overlaps (the exclusion constraint on
 * `slot_staff`), so two teachers who add the same intern to overlapping slots at the same moment
 * cannot both succeed; the checks here only turn the common mistakes into clear answers.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db';
import { slot, slotStaff, staff, visitRound } from '../db/schema';
import { attempt } from '../db/transaction';
import { overlapConstraint } from './change';
import { toWallTime } from '../time/zone';
import type { SlotTime } from './plan';
import { lockStaffForSlots } from './lock-staff';
import { now as businessNow } from '../clock';

export interface NewSlots {
	schoolId: string;
	roundId: string;
	staffId: string;
	secondStaffId: string | null;
	allowsHome: boolean;
	allowsSchool: boolean;
	allowsNeutral: boolean;
	times: SlotTime[];
	/** A time made for this family only (after "none of these times fit"): no one else may book it. */
	reservedForFamilyId?: string | null;
}

export type CreateSlotsProblem =
	| 'none'
	| 'no_place'
	| 'unknown_round'
	| 'unknown_staff'
	| 'same_person'
	| 'in_past'
	| 'outside_round'
	| 'overlap';

export type CreateSlotsResult =
	{ ok: true; ids: string[] } | { ok: false; reason: CreateSlotsProblem };

/** The checks that turn common mistakes into clear answers before anything is written. */
export async function checkNewSlots(
	db: Database,
	input: NewSlots,
	timeZone: string,
	now: Date
): Promise<CreateSlotsProblem | null> {
	if (input.times.length === 0) return 'none';
	if (!input.allowsHome && !input.allowsSchool && !input.allowsNeutral) return 'no_place';
	if (input.secondStaffId === input.staffId) return 'same_person';

	const [round] = await db
		.select({ startsOn: visitRound.startsOn, endsOn: visitRound.endsOn })
		.from(visitRound)
		.where(and(eq(visitRound.id, input.roundId), eq(visitRound.schoolId, input.schoolId)));
	if (!round) return 'unknown_round';

	const found = await db
		.select({ id: staff.id })
		.from(staff)
		.where(
			and(
				inArray(staff.id, peopleOf(input)),
				eq(staff.schoolId, input.schoolId),
				eq(staff.active, true)
			)
		);
	if (found.length !== peopleOf(input).length) return 'unknown_staff';

	for (const t of input.times) {
		if (t.startsAt.getTime() <= now.getTime()) return 'in_past';
		const day = toWallTime(t.startsAt, timeZone).date;
		if (day < round.startsOn || day > round.endsOn) return 'outside_round';
	}
	return null;
}

const peopleOf = (input: NewSlots) => [
	input.staffId,
	...(input.secondStaffId ? [input.secondStaffId] : [])
];

/**
 * Writes checked slots inside the caller's transaction, so that a time made for one family and
 * the family's request it answers are written together. An overlap throws the exclusion
 * violation `slot_staff_no_overlap`: the caller's `attempt` maps it (`overlapConstraint`).
 */
export async function insertSlots(tx: Database, input: NewSlots): Promise<string[]> {
	const people = peopleOf(input);
	await lockStaffForSlots(tx, people);
	const rows = await tx
		.insert(slot)
		.values(
			input.times.map((t) => ({
				schoolId: input.schoolId,
				roundId: input.roundId,
				staffId: input.staffId,
				secondStaffId: input.secondStaffId,
				startsAt: t.startsAt,
				endsAt: t.endsAt,
				allowsHome: input.allowsHome,
				allowsSchool: input.allowsSchool,
				allowsNeutral: input.allowsNeutral,
				reservedForFamilyId: input.reservedForFamilyId ?? null
			}))
		)
		.returning({ id: slot.id, startsAt: slot.startsAt, endsAt: slot.endsAt });
	await tx.insert(slotStaff).values(
		rows.flatMap((r) =>
			people.map((staffId) => ({
				slotId: r.id,
				staffId,
				startsAt: r.startsAt,
				endsAt: r.endsAt
			}))
		)
	);
	return rows.map((r) => r.id);
}

export async function createSlots(
	db: Database,
	input: NewSlots,
	timeZone: string,
	now = businessNow()
): Promise<CreateSlotsResult> {
	const problem = await checkNewSlots(db, input, timeZone, now);
	if (problem) return { ok: false, reason: problem };
	const result = await attempt(db, (tx) => insertSlots(tx, input), overlapConstraint);
	return result.ok ? { ok: true, ids: result.value } : { ok: false, reason: result.problem };
}
