/**
 * A family erased at its request may still have visits ahead with an interpreter arranged. The
 * visit goes with the family, so the interpreter must hear it is off, or they travel to a door
 * nobody expects them at. The CANCEL names only the time: the family's address and children are
 * being erased, so they do not go into a new message either.
 */
import { and, eq, gt } from 'drizzle-orm';
import type { Database } from '../db';
import { booking, interpreterRequest } from '../db/schema';
import { interpreterInvite, type ArrangedRequest } from './invite';
import { arrangedInterpreter } from '../db/partial';

/** Queues a CANCEL for every arranged interpreter of the family's visits still ahead; returns how many. */
export async function cancelInterpretersOfErasedFamily(
	tx: Database,
	familyId: string,
	now: Date
): Promise<number> {
	const arranged = await tx
		.select({ request: interpreterRequest })
		.from(interpreterRequest)
		.innerJoin(booking, eq(booking.id, interpreterRequest.bookingId))
		.where(
			and(eq(booking.familyId, familyId), arrangedInterpreter, gt(interpreterRequest.startsAt, now))
		);
	for (const { request } of arranged)
		await interpreterInvite(
			tx,
			{ ...request, sequence: request.sequence + 1 } as ArrangedRequest,
			'CANCEL',
			now,
			{ withoutFamily: true }
		);
	return arranged.length;
}
