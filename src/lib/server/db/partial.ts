/**
 * The conditions of the partial indexes (on `booking`, `family_request`, `interpreter_request`),
 * for queries to state. Written out, never as a parameter: every statement is prepared
 * (db/index.ts), and once PostgreSQL plans one for any parameters (a generic plan, after five
 * runs) it uses a partial index only where the query itself states the index's condition. `status <> $1` proves nothing about 'cancelled', so the
 * family's answer was found through the round's bookings and a booked slot's through all of them.
 */
import { and, eq, sql } from 'drizzle-orm';
import { booking, familyRequest, interpreterRequest } from './schema';

/** booking_one_per_slot: a slot's booked visit. */
export const bookedOnly = sql`${booking.status} = 'booked'`;

/** booking_one_answer_per_family: a family's answer in a round. */
export const notCancelled = sql`${booking.status} <> 'cancelled'`;

/** The answer of the family `familyId` in the round `roundId` (placeholders of a prepared query). */
export const answerOfFamily = and(
	eq(booking.familyId, sql.placeholder('familyId')),
	eq(booking.roundId, sql.placeholder('roundId')),
	notCancelled
);

/** family_request_one_open: a family's open request of a kind in a round. */
export const openFamilyRequest = sql`${familyRequest.status} = 'open'`;

/**
 * interpreter_request_one_open: a booking's interpreter request that still counts. Without it
 * written out, the booking's own transaction read it by scanning every school's requests.
 */
export const liveInterpreterRequest = sql`${interpreterRequest.status} <> 'cancelled'`;

/** An arranged interpreter: implies liveInterpreterRequest, so the same index serves it. */
export const arrangedInterpreter = sql`${interpreterRequest.status} = 'arranged'`;
