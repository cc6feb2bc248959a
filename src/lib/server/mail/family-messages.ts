/**
 * Which messages are a family's: those queued with its id (`outbox.family_id`), named when a
 * message is queued, or taken from the visit it is about (mail/outbox.ts). Never by address: two
 * families may share a parent's address. The Mailbox's family filter, the family's page and the
 * privacy page's access request and erasure all ask this one rule.
 */
import { eq, type SQL } from 'drizzle-orm';
import { outbox } from '../db/schema';

/** A condition on `outbox` (not aliased): the message is about or to this family. */
export function messagesOfFamily(familyId: string): SQL {
	return eq(outbox.familyId, familyId);
}
