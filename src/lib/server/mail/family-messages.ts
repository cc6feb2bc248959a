/**
 * Which messages are a family's. The outbox has no family column: a message belongs to the
 * family whose visit it is about (`booking_id`, or a staff copy's link to the family), or, for a
 * family's own mail without a visit (invitation, reminder, link), to the family whose guardian
 * has the address it went to. The Mailbox's family filter, the family's page and the privacy
 * page's access request and erasure all ask this one rule.
 */
import { inArray, sql, type SQL } from 'drizzle-orm';
import { outbox } from '../db/schema';
import { familyKinds } from './payloads';

/** Where a staff copy links to the family it is about. */
export const STAFF_FAMILY_PATH = '/staff/families/';

/** A condition on `outbox` (not aliased): the message is about or to this family. */
export function messagesOfFamily(familyId: string): SQL {
	return sql`(${outbox.bookingId} in (select b.id from booking b where b.family_id = ${familyId})
		or ${outbox.payload}->>'familyPath' = ${STAFF_FAMILY_PATH + familyId}
		or (${inArray(outbox.kind, [...familyKinds])} and lower(${outbox.toAddress}) in
			(select lower(g.email) from guardian g where g.family_id = ${familyId} and g.email is not null)))`;
}
