/**
 * Which of a school's messages one page of the Mailbox shows: filtered by state, kind and family,
 * failed mail first and then the newest, a bounded page at a time, with the total.
 * Which messages are a family's: family-messages.ts.
 */
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db';
import { family, outbox, pupil } from '../db/schema';
import { fullName } from '../roster/names';
import { messagesOfFamily } from './family-messages';
import { MAILBOX_PAGE_SIZE, type MailboxFilter, type MailState } from './mailbox-filter';

const statusOf: Record<MailState, 'failed' | 'pending' | 'sent'> = {
	failed: 'failed',
	// Waiting, being sent or waiting for its next try: on its way either way.
	queued: 'pending',
	sent: 'sent'
};

/** Per message: the family it is about, when it is one of this school's (still there). */
const familyOfMessage = sql<string | null>`(select f.id from family f
	where f.school_id = ${outbox.schoolId} and f.id = ${outbox.familyId})`;

export const mailboxColumns = {
	id: outbox.id,
	kind: outbox.kind,
	channel: outbox.channel,
	toAddress: outbox.toAddress,
	toName: outbox.toName,
	language: outbox.language,
	payload: outbox.payload,
	status: outbox.status,
	attempts: outbox.attempts,
	lastError: outbox.lastError,
	nextAttemptAt: outbox.nextAttemptAt,
	createdAt: outbox.createdAt,
	sentAt: outbox.sentAt
};

export async function isSchoolFamily(db: Database, schoolId: string, familyId: string) {
	const [row] = await db
		.select({ id: family.id })
		.from(family)
		.where(and(eq(family.id, familyId), eq(family.schoolId, schoolId)));
	return Boolean(row);
}

/** The family's children by name, eldest first: how the office knows a family. */
export async function familyNames(db: Database, familyIds: string[]): Promise<Map<string, string>> {
	if (familyIds.length === 0) return new Map();
	const children = await db
		.select({
			familyId: pupil.familyId,
			firstName: pupil.firstName,
			infix: pupil.infix,
			lastName: pupil.lastName
		})
		.from(pupil)
		.where(inArray(pupil.familyId, familyIds))
		.orderBy(asc(pupil.birthDate), asc(pupil.firstName));
	const names = new Map<string, string[]>();
	for (const c of children) names.set(c.familyId, [...(names.get(c.familyId) ?? []), fullName(c)]);
	return new Map([...names].map(([id, list]) => [id, list.join(', ')]));
}

export async function listMessages(db: Database, schoolId: string, filter: MailboxFilter) {
	if (filter.familyId && !(await isSchoolFamily(db, schoolId, filter.familyId)))
		// Another school's family (or none): nothing, as for a family without mail.
		return { rows: [], total: 0, page: 1, pages: 1, ofSchoolFamily: false };
	const where = and(
		eq(outbox.schoolId, schoolId),
		filter.state ? eq(outbox.status, statusOf[filter.state]) : undefined,
		filter.kind ? eq(outbox.kind, filter.kind) : undefined,
		filter.familyId ? messagesOfFamily(filter.familyId) : undefined
	);
	const [counted] = await db.select({ n: count() }).from(outbox).where(where);
	const total = counted?.n ?? 0;
	const pages = Math.max(1, Math.ceil(total / MAILBOX_PAGE_SIZE));
	// Past the last page (an old link after mail was cleaned up): the last page.
	const page = Math.min(filter.page, pages);
	const rows =
		total === 0
			? []
			: await db
					.select({ ...mailboxColumns, familyId: familyOfMessage })
					.from(outbox)
					.where(where)
					.orderBy(desc(sql`${outbox.status} = 'failed'`), desc(outbox.createdAt), desc(outbox.id))
					.limit(MAILBOX_PAGE_SIZE)
					.offset((page - 1) * MAILBOX_PAGE_SIZE);
	return { rows, total, page, pages, ofSchoolFamily: filter.familyId !== null };
}
