/**
 * A family's "please arrange an interpreter" as a request with a state, kept in step with the
 * visit it belongs to. Every change to a family's answer (booking/visit-messages.ts) calls
 * `syncInterpreterRequest` inside its transaction; it compares what the visit needs now with the
 * open request and writes what follows:
 *
 * | the visit now                          | the open request            | the office is told | the interpreter gets |
 * | -------------------------------------- | --------------------------- | ------------------ | -------------------- |
 * | asks for one, none open                | a new request               | new                | —                    |
 * | no longer asks (cancelled, declined,   | cancelled                   | withdrawn          | CANCEL, if arranged  |
 * |   "no interpreter", "we bring someone")|                             |                    |                      |
 * | another language                       | cancelled, a new one opened | language changed   | CANCEL, if arranged  |
 * | another time or place                  | moved along                 | moved from X to Y  | REQUEST, SEQUENCE+1  |
 * | another time the interpreter can't do  | back to requested           | moved, arrange again | CANCEL             |
 * | nothing the request depends on         | unchanged                   | nothing            | nothing              |
 *
 * So a family that moves its visit gives the office one "moved" mail, never a second request,
 * and a re-post that changes nothing gives nothing.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../db';
import { preparedQuery } from '../db/prepared';
import { booking, interpreter, interpreterRequest, school, slot, visitRound } from '../db/schema';
import { attempt, inOrder } from '../db/transaction';
import { enqueue } from '../mail/outbox';
import type { InterpreterPayload, Location } from '../mail/payloads';
import { officeDesk } from './office-desk';
import { interpreterInvite, type ArrangedRequest } from './invite';
import { liveInterpreterRequest } from '../db/partial';

const MINUTE = 60_000;

/** A request the office arranged, back to "requested": nobody, no mode, no time blocked. */
export const unarranged = {
	status: 'requested',
	interpreterId: null,
	mode: null,
	contactName: null,
	contactPhone: null,
	blockedFrom: null,
	blockedUntil: null,
	arrangedAt: null,
	arrangedByStaffId: null
} as const;

/** What a visit needs of an interpreter right now, and the facts its messages carry. */
async function visitNeeds(tx: Database, bookingId: string) {
	const [row] = await visitNeedsQuery(tx).execute({ bookingId });
	return row ?? null;
}

/** Read in every booking's transaction: built once. */
const visitNeedsQuery = preparedQuery((db) =>
	db
		.select({
			schoolId: booking.schoolId,
			familyId: booking.familyId,
			status: booking.status,
			location: booking.location,
			language: booking.interpreterLanguage,
			startsAt: slot.startsAt,
			endsAt: slot.endsAt,
			travelMinutes: visitRound.travelMinutes,
			visitAddress: booking.visitAddress,
			neutralPlaceId: booking.neutralPlaceId,
			schoolName: school.name,
			timeZone: school.timeZone
		})
		.from(booking)
		.innerJoin(school, eq(school.id, booking.schoolId))
		.innerJoin(visitRound, eq(visitRound.id, booking.roundId))
		.leftJoin(slot, eq(slot.id, booking.slotId))
		.where(eq(booking.id, sql.placeholder('bookingId')))
		.prepare('interpreter_visit_needs')
);

/**
 * The time an arranged interpreter's visit holds: the visit itself by phone; in person, half the
 * round's travel time before and after, so two in-person visits lie a whole travel time apart
 * while a phone call may follow a visit closely.
 */
export function blockedTime(
	visit: { startsAt: Date; endsAt: Date },
	mode: 'in_person' | 'phone',
	travelMinutes: number
) {
	const half = mode === 'in_person' ? (travelMinutes * MINUTE) / 2 : 0;
	return {
		blockedFrom: new Date(visit.startsAt.getTime() - half),
		blockedUntil: new Date(visit.endsAt.getTime() + half)
	};
}

export async function openRequest(tx: Database, bookingId: string) {
	const [row] = await openRequestQuery(tx).execute({ bookingId });
	return row ?? null;
}

const openRequestQuery = preparedQuery((db) =>
	db
		.select()
		.from(interpreterRequest)
		.where(
			and(eq(interpreterRequest.bookingId, sql.placeholder('bookingId')), liveInterpreterRequest)
		)
		.for('update')
		.prepare('interpreter_open_request')
);
export type OpenRequest = NonNullable<Awaited<ReturnType<typeof openRequest>>>;

async function interpreterName(tx: Database, id: string | null) {
	if (!id) return '';
	const [row] = await tx
		.select({ name: interpreter.name })
		.from(interpreter)
		.where(eq(interpreter.id, id));
	return row?.name ?? '';
}

/** Where a visit is, in the booking's own terms: enough to see that the place changed. */
export interface VisitPlace {
	location: Location | null;
	visitAddress: string | null;
	neutralPlaceId: string | null;
}

const samePlace = (a: VisitPlace, b: VisitPlace) =>
	a.location === b.location &&
	(a.visitAddress ?? '') === (b.visitAddress ?? '') &&
	(a.neutralPlaceId ?? '') === (b.neutralPlaceId ?? '');

/**
 * Brings the visit's interpreter request in step with the visit. Call inside the change's
 * transaction, with where the visit was before the change (`placeBefore`), so an interpreter who
 * comes in person gets an updated invite when only the address or the neutral place changed.
 */
export async function syncInterpreterRequest(
	tx: Database,
	bookingId: string,
	now: Date,
	placeBefore?: VisitPlace
): Promise<void> {
	// Both reads in one round trip: this runs inside every booking's transaction.
	const [visit, open] = await inOrder([visitNeeds(tx, bookingId), openRequest(tx, bookingId)]);
	if (!visit) return;
	const wanted =
		visit.status === 'booked' && visit.language && visit.startsAt && visit.endsAt && visit.location
			? {
					language: visit.language,
					startsAt: visit.startsAt,
					endsAt: visit.endsAt,
					location: visit.location
				}
			: null;
	const base = {
		schoolName: visit.schoolName,
		timeZone: visit.timeZone,
		familyPath: `/staff/families/${visit.familyId}`,
		requestsPath: '/staff/interpreters'
	};
	const tell = (payload: InterpreterPayload) =>
		tellOffice(tx, visit.schoolId, bookingId, payload, now);

	if (!open && !wanted) return;
	if (!open && wanted) {
		await tx.insert(interpreterRequest).values({
			schoolId: visit.schoolId,
			bookingId,
			...wanted,
			createdAt: now,
			updatedAt: now
		});
		await tell({ ...base, ...facts(wanted), change: 'new' });
		return;
	}
	const request = open!;
	const arrangedName =
		request.status === 'arranged' ? await interpreterName(tx, request.interpreterId) : '';
	const arranged = (keeps: boolean) =>
		arrangedName ? { arranged: { name: arrangedName, keeps } } : {};

	if (!wanted || wanted.language !== request.language) {
		await closeRequest(tx, request, now);
		if (!wanted) {
			await tell({ ...base, ...facts(request), change: 'withdrawn', ...arranged(false) });
			return;
		}
		await tx.insert(interpreterRequest).values({
			schoolId: visit.schoolId,
			bookingId,
			...wanted,
			createdAt: now,
			updatedAt: now
		});
		await tell({
			...base,
			...facts(wanted),
			change: 'language',
			previousLanguage: request.language,
			...(request.startsAt.getTime() !== wanted.startsAt.getTime() && {
				previousStartsAt: request.startsAt.toISOString()
			}),
			...arranged(false)
		});
		return;
	}

	const moved =
		request.startsAt.getTime() !== wanted.startsAt.getTime() ||
		request.endsAt.getTime() !== wanted.endsAt.getTime() ||
		request.location !== wanted.location;
	if (!moved) {
		// Same time, same kind of place, another address (the family corrected it) or another
		// neutral place: the interpreter on their way there needs the new one; the office's view of
		// the request does not change, so it gets no mail.
		if (
			request.status === 'arranged' &&
			request.mode === 'in_person' &&
			placeBefore &&
			!samePlace(placeBefore, visit)
		) {
			const [updated] = await tx
				.update(interpreterRequest)
				.set({ sequence: sql`${interpreterRequest.sequence} + 1`, updatedAt: now })
				.where(eq(interpreterRequest.id, request.id))
				.returning();
			await interpreterInvite(tx, updated as ArrangedRequest, 'REQUEST', now);
		}
		return;
	}
	const previous = {
		previousStartsAt: request.startsAt.toISOString(),
		...(request.location !== wanted.location && { previousLocation: request.location })
	};
	if (request.status !== 'arranged') {
		await tx
			.update(interpreterRequest)
			.set({ ...wanted, updatedAt: now })
			.where(eq(interpreterRequest.id, request.id));
		await tell({ ...base, ...facts(wanted), change: 'moved', ...previous });
		return;
	}
	// Arranged: the interpreter moves along if they are free at the new time (the exclusion
	// constraint decides, in a savepoint); otherwise the request goes back to the office.
	const kept = await attempt(
		tx,
		(sp) =>
			sp
				.update(interpreterRequest)
				.set({
					...wanted,
					...blockedTime(wanted, request.mode!, visit.travelMinutes),
					sequence: sql`${interpreterRequest.sequence} + 1`,
					updatedAt: now
				})
				.where(eq(interpreterRequest.id, request.id))
				.returning(),
		{ interpreter_no_overlap: 'busy' as const }
	);
	if (kept.ok) {
		await interpreterInvite(tx, kept.value[0] as ArrangedRequest, 'REQUEST', now, {
			previousStartsAt: request.startsAt.toISOString()
		});
		await tell({ ...base, ...facts(wanted), change: 'moved', ...previous, ...arranged(true) });
		return;
	}
	await interpreterInvite(
		tx,
		{ ...request, sequence: request.sequence + 1 } as ArrangedRequest,
		'CANCEL',
		now
	);
	await tx
		.update(interpreterRequest)
		.set({
			...wanted,
			...unarranged,
			sequence: request.sequence + 1,
			updatedAt: now
		})
		.where(eq(interpreterRequest.id, request.id));
	await tell({ ...base, ...facts(wanted), change: 'moved', ...previous, ...arranged(false) });
}

const facts = (r: { language: string; startsAt: Date; location: Location }) => ({
	language: r.language,
	startsAt: r.startsAt.toISOString(),
	location: r.location
});

/** Cancels an open request; an arranged interpreter gets a CANCEL for it. */
async function closeRequest(tx: Database, request: OpenRequest, now: Date) {
	const sequence = request.sequence + (request.status === 'arranged' ? 1 : 0);
	if (request.status === 'arranged')
		await interpreterInvite(tx, { ...request, sequence } as ArrangedRequest, 'CANCEL', now);
	await tx
		.update(interpreterRequest)
		.set({ status: 'cancelled', cancelledAt: now, updatedAt: now, sequence })
		.where(eq(interpreterRequest.id, request.id));
}

/** One mail to the office (the office staff, or every admin where nobody has that title). */
async function tellOffice(
	tx: Database,
	schoolId: string,
	bookingId: string,
	payload: InterpreterPayload,
	now: Date
) {
	const desk = await officeDesk(tx, schoolId);
	await enqueue(
		tx,
		'interpreter_request',
		desk.map((s) => ({
			schoolId,
			toAddress: s.email,
			toName: s.name,
			language: s.language,
			bookingId,
			payload
		})),
		{ now }
	);
}
