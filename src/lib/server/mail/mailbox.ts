/** The school's outgoing messages, newest first, for the admin's mailbox page. */
import { desc, eq } from 'drizzle-orm';
import type { Database } from '../db';
import { outbox } from '../db/schema';
import { renderMessage } from './render';

export async function mailbox(db: Database, schoolId: string, limit = 100) {
	const rows = await db
		.select({ id: outbox.id, kind: outbox.kind, toAddress: outbox.toAddress, toName: outbox.toName, language: outbox.language, payload: outbox.payload, status: outbox.status, createdAt: outbox.createdAt, sentAt: outbox.sentAt })
		.from(outbox)
		.where(eq(outbox.schoolId, schoolId))
		.orderBy(desc(outbox.createdAt))
		.limit(limit);
	return rows.map(({ payload, ...row }) => ({ ...row, message: renderMessage(row.kind, row.language, payload) }));
}
