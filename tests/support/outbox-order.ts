import { asc, sql } from 'drizzle-orm';
import { outbox } from '../../src/lib/server/db/schema';

/**
 * Queued mails in the order they were written. A test's steps often run at one fixed moment, so
 * `created_at` ties, and rows that tie come back in whatever order the table gives (a row
 * written after a delete may land before older ones). Then by the id of the transaction that
 * wrote the row (`xmin`): each step writes in a transaction of its own, later than the one before.
 */
export const inWrittenOrder = [asc(outbox.createdAt), sql`${outbox}.xmin::text::bigint`] as const;
