/**
 * Moving and deleting a slot. A booked slot changes only after the person confirms, and the
 * booking then records that the school changed it; the family is mailed in the same transaction
 * (when it has an address). The slot row is locked meanwhile so a parent who books at that
 * moment either books before the change or sees it.
 *
 * A move is tried before it is confirmed: the first, unconfirmed attempt writes the new times
 * and rolls back, so an overlap (the database's exclusion constraint decides) is refused before
 * anyone is asked "are you sure?", not after they said yes.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../db';
import { booking, outbox, slot, slotStaff, visitRound } from '../db/schema';
import { attempt, Refusal } from '../db/transaction';
import { recordAudit } from '../audit/record';
import { toWallTime } from '../time/zone';
import type { SlotTime } from './plan';
import { lockStaffForSlots } from './lock-staff';
import { queueVisitMessages, visitState } from '../booking/visit-messages';
import { recordAnswerEvent } from '../booking/audit';
import { mayChangeSlot, type Viewer } from '../auth/policy';
import { bookedOnly } from '../db/partial';

export type Actor = Viewer;

export type SlotChangeProblem =
	'not_found' | 'needs_confirmation' | 'overlap' | 'in_past' | 'outside_round';
/**
 * `booked`: a family had booked the slot. `mailedIn`: the family was mailed about the change, in
 * this language (the family's); null when nobody in it has an e-mail address, so that somebody
 * still has to tell them.
 */
export type SlotChangeResult =
	{ ok: true; booked: boolean; mailedIn: string | null } | { ok: false; reason: SlotChangeProblem };

/** The slot, locked, if this person may change it: its own teacher, or an admin of the school. */
async function lockSlot(tx: Database, actor: Actor, slotId: string) {
	const [row] = await tx
		.select({
			id: slot.id,
			staffId: slot.staffId,
			roundId: slot.roundId,
			startsAt: slot.startsAt,
			endsAt: slot.endsAt
		})
		.from(slot)
		.where(and(eq(slot.id, slotId), eq(slot.schoolId, actor.schoolId)))
		.for('update');
	if (!row || !mayChangeSlot(actor, { schoolId: actor.schoolId, staffId: row.staffId }))
		throw new Refusal<SlotChangeProblem>('not_found');
	const [booked] = await tx
		.select({ id: booking.id })
		.from(booking)
		.where(and(eq(booking.slotId, slotId), bookedOnly));
	return { slot: row, bookingId: booked?.id ?? null };
}

/** Two slots of one person that overlap: the database refuses the second. */
export const overlapConstraint = { slot_staff_no_overlap: 'overlap' } as const;

type Changed = { booked: boolean; mailedIn: string | null };

async function inTransaction(
	db: Database,
	work: (tx: Database) => Promise<Changed>
): Promise<SlotChangeResult> {
	const result = await attempt<Changed, SlotChangeProblem>(db, work, overlapConstraint);
	return result.ok ? { ok: true, ...result.value } : { ok: false, reason: result.problem };
}

/** The language of the family's mail about this change, if one was queued just now. */
async function familyMailLanguage(
	tx: Database,
	bookingId: string,
	kind: 'visit_changed' | 'visit_cancelled',
	now: Date
): Promise<string | null> {
	const [mail] = await tx
		.select({ language: outbox.language })
		.from(outbox)
		.where(and(eq(outbox.bookingId, bookingId), eq(outbox.kind, kind), eq(outbox.createdAt, now)))
		.limit(1);
	return mail?.language ?? null;
}

export function deleteSlot(
	db: Database,
	actor: Actor,
	slotId: string,
	confirmed: boolean,
	now: Date
): Promise<SlotChangeResult> {
	return inTransaction(db, async (tx) => {
		const { slot: row, bookingId } = await lockSlot(tx, actor, slotId);
		if (bookingId && !confirmed) throw new Refusal<SlotChangeProblem>('needs_confirmation');
		if (bookingId) {
			const before = await visitState(tx, bookingId);
			await tx
				.update(booking)
				.set({
					status: 'cancelled',
					cancelledAt: now,
					updatedAt: now,
					familyNotice: 'cancelled',
					sequence: sql`${booking.sequence} + 1`
				})
				.where(eq(booking.id, bookingId));
			// Before the slot goes: the messages name the people who were coming.
			await queueVisitMessages(tx, bookingId, { event: 'cancelled', by: 'school', before }, now);
			await recordAnswerEvent(tx, {
				schoolId: actor.schoolId,
				bookingId,
				event: 'cancelled',
				actor: { kind: 'staff', staffId: actor.id },
				at: now,
				detail: { slotId: row.id, slotDeleted: true }
			});
		}
		const mailedIn = bookingId
			? await familyMailLanguage(tx, bookingId, 'visit_cancelled', now)
			: null;
		await tx.delete(slot).where(eq(slot.id, row.id));
		await recordAudit(tx, {
			schoolId: actor.schoolId,
			actorKind: 'staff',
			actorId: actor.id,
			action: 'slot.deleted',
			subjectType: 'slot',
			subjectId: row.id,
			detail: { booked: Boolean(bookingId) }
		});
		return { booked: Boolean(bookingId), mailedIn };
	});
}

export function moveSlot(
	db: Database,
	actor: Actor,
	slotId: string,
	to: SlotTime,
	confirmed: boolean,
	timeZone: string,
	now: Date
): Promise<SlotChangeResult> {
	return inTransaction(db, async (tx) => {
		const { slot: row, bookingId } = await lockSlot(tx, actor, slotId);
		if (to.startsAt.getTime() <= now.getTime()) throw new Refusal<SlotChangeProblem>('in_past');
		const [round] = await tx
			.select({ startsOn: visitRound.startsOn, endsOn: visitRound.endsOn })
			.from(visitRound)
			.where(eq(visitRound.id, row.roundId));
		const day = toWallTime(to.startsAt, timeZone).date;
		if (!round || day < round.startsOn || day > round.endsOn)
			throw new Refusal<SlotChangeProblem>('outside_round');
		const before = bookingId ? await visitState(tx, bookingId) : null;
		const people = await tx
			.select({ id: slotStaff.staffId })
			.from(slotStaff)
			.where(eq(slotStaff.slotId, row.id));
		await lockStaffForSlots(
			tx,
			people.map((p) => p.id)
		);
		await tx
			.update(slot)
			.set({ startsAt: to.startsAt, endsAt: to.endsAt })
			.where(eq(slot.id, row.id));
		await tx
			.update(slotStaff)
			.set({ startsAt: to.startsAt, endsAt: to.endsAt })
			.where(eq(slotStaff.slotId, row.id));
		// The new times are written: an overlap has failed by now. Unconfirmed, roll it back and ask.
		if (bookingId && !confirmed) throw new Refusal<SlotChangeProblem>('needs_confirmation');
		let mailedIn: string | null = null;
		if (bookingId) {
			await tx
				.update(booking)
				.set({ updatedAt: now, familyNotice: 'moved', sequence: sql`${booking.sequence} + 1` })
				.where(eq(booking.id, bookingId));
			await queueVisitMessages(tx, bookingId, { event: 'booked', by: 'school', before }, now);
			mailedIn = await familyMailLanguage(tx, bookingId, 'visit_changed', now);
			await recordAnswerEvent(tx, {
				schoolId: actor.schoolId,
				bookingId,
				event: 'moved',
				actor: { kind: 'staff', staffId: actor.id },
				at: now,
				detail: { slotId: row.id }
			});
		}
		await recordAudit(tx, {
			schoolId: actor.schoolId,
			actorKind: 'staff',
			actorId: actor.id,
			action: 'slot.moved',
			subjectType: 'slot',
			subjectId: row.id,
			detail: { booked: Boolean(bookingId) }
		});
		return { booked: Boolean(bookingId), mailedIn };
	});
}
