/**
 * The school's outgoing messages for the admin's Mailbox page: each one composed exactly as its
 * reader gets it (subject, text, invite), with its delivery state. Failed ones come first,
 * with a resend button on the page.
 */
import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import type { Database } from '../db';
import { outbox, outboxAttempt, school } from '../db/schema';
import { isUuid } from '../forms';
import { composeMessage, type ComposeContext } from './compose';
import { schoolSender } from './address';

export interface MailboxSettings {
	origin: URL;
	fromAddress: string;
}

async function context(db: Database, schoolId: string, settings: MailboxSettings): Promise<ComposeContext> {
	const [row] = await db.select({ name: school.name, mailFromName: school.mailFromName }).from(school).where(eq(school.id, schoolId));
	const from = schoolSender(row, settings.fromAddress);
	return { origin: settings.origin, organizer: { name: from?.name ?? 'Huisbezoek', email: from?.address ?? settings.fromAddress } };
}

const columns = { id: outbox.id, kind: outbox.kind, toAddress: outbox.toAddress, toName: outbox.toName, language: outbox.language, payload: outbox.payload, status: outbox.status, attempts: outbox.attempts, lastError: outbox.lastError, nextAttemptAt: outbox.nextAttemptAt, createdAt: outbox.createdAt, sentAt: outbox.sentAt };

export async function mailbox(db: Database, schoolId: string, settings: MailboxSettings, limit = 100) {
	const ctx = await context(db, schoolId, settings);
	const [failed, recent] = await Promise.all([
		db.select(columns).from(outbox).where(and(eq(outbox.schoolId, schoolId), eq(outbox.status, 'failed'))).orderBy(desc(outbox.createdAt)).limit(limit),
		db.select(columns).from(outbox).where(and(eq(outbox.schoolId, schoolId), ne(outbox.status, 'failed'))).orderBy(desc(outbox.createdAt)).limit(limit)
	]);
	const show = (rows: typeof failed) =>
		rows.map(({ payload, ...row }) => {
			const message = composeMessage({ ...row, payload }, ctx);
			return { ...row, message: message && { lang: message.lang, dir: message.dir, subject: message.subject, text: message.text }, hasCalendar: Boolean(message?.calendar) };
		});
	return { failed: show(failed), recent: show(recent) };
}

export async function failedCount(db: Database, schoolId: string): Promise<number> {
	const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(outbox).where(and(eq(outbox.schoolId, schoolId), eq(outbox.status, 'failed')));
	return row?.n ?? 0;
}

/** One message as sent: for the HTML view and the invite download. */
export async function mailboxMessage(db: Database, schoolId: string, outboxId: string, settings: MailboxSettings) {
	if (!isUuid(outboxId)) return null;
	const [row] = await db.select(columns).from(outbox).where(and(eq(outbox.id, outboxId), eq(outbox.schoolId, schoolId)));
	if (!row) return null;
	const attempts = await db.select({ ok: outboxAttempt.ok, transport: outboxAttempt.transport, response: outboxAttempt.response, ms: outboxAttempt.ms, createdAt: outboxAttempt.createdAt }).from(outboxAttempt).where(eq(outboxAttempt.outboxId, outboxId)).orderBy(asc(outboxAttempt.createdAt));
	return { ...row, composed: composeMessage(row, await context(db, schoolId, settings)), attempts };
}
