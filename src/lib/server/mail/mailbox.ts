/**
 * The school's outgoing messages for the admin's Mailbox page: each one composed exactly as its
 * reader gets it (subject, text, invite), with its delivery state and the family it is about
 * (which page of which messages: mailbox-list.ts). Failed ones come first, with
 * the reason in the office's words where we know it, and a resend button when resending can help.
 * Showing a message never throws: one odd row must not take the page down, least of all the
 * failed one it is there to show.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../db';
import { outbox, outboxAttempt, school } from '../db/schema';
import { isUuid } from '../forms';
import { schoolWordsForMail, withSchoolWords } from '../school/words';
import { log, errorFields } from '../log';
import {
	composeMessage,
	type ComposeContext,
	type ComposedMessage,
	type Recipient
} from './compose';
import { mailAddress, schoolSender } from './address';
import { familyKinds, type MessageKind } from './payloads';
import { asMessage } from './outbox';
import type { MailboxFilter } from './mailbox-filter';
import { familyNames, listMessages, mailboxColumns } from './mailbox-list';
import { smsText } from '../sms/text';

export interface MailboxSettings {
	origin: URL;
	fromAddress: string;
}

async function context(
	db: Database,
	schoolId: string,
	settings: MailboxSettings
): Promise<ComposeContext & { senderOk: boolean }> {
	const [row] = await db
		.select({ name: school.name, mailFromName: school.mailFromName })
		.from(school)
		.where(eq(school.id, schoolId));
	const from = schoolSender(row, settings.fromAddress);
	return {
		origin: settings.origin,
		organizer: { name: from?.name ?? 'Huisbezoek', email: from?.address ?? settings.fromAddress },
		senderOk: from !== null
	};
}

function composeSafely(
	row: Recipient & { id: string },
	ctx: ComposeContext
): ComposedMessage | null {
	try {
		return composeMessage(row, ctx);
	} catch (error) {
		// The id and kind only: the error text may quote the address.
		log.warn('mailbox_compose_failed', { outboxId: row.id, kind: row.kind, ...errorFields(error) });
		return null;
	}
}

/** A text message as the phone shows it: no subject, no HTML, the words alone. */
function textSafely(
	row: Recipient & { id: string },
	ctx: ComposeContext
): Pick<ComposedMessage, 'lang' | 'dir' | 'subject' | 'text'> | null {
	try {
		return { ...smsText(row, row.language, ctx), subject: '' };
	} catch (error) {
		log.warn('mailbox_compose_failed', { outboxId: row.id, kind: row.kind, ...errorFields(error) });
		return null;
	}
}

/**
 * Why a failed message did not go, when the mail's own data says it (the worker's rules, not its
 * English error text): `mailbox.reason.<key>`. Null: the mail server's answer is all we have.
 */
export type FailureReason = 'family_address' | 'staff_address' | 'sender_address';

function failureReason(
	row: { status: string; kind: MessageKind; channel: string; toName: string; toAddress: string },
	senderOk: boolean
): FailureReason | null {
	// A text has no mail address or sender: the provider's answer says why.
	if (row.status !== 'failed' || row.channel === 'sms') return null;
	if (!mailAddress(row.toName, row.toAddress))
		return familyKinds.has(row.kind) ? 'family_address' : 'staff_address';
	return senderOk ? null : 'sender_address';
}

/**
 * Whose link the worker erased from this message once it was out (`linkErased` in its payload):
 * a family's, made anew on the family page, or a colleague's, made anew under Staff. The
 * Mailbox says so in the office's words, where the link stood.
 */
export function linkErased(kind: MessageKind, payload: unknown): 'family' | 'staff' | null {
	if ((payload as { linkErased?: unknown } | null)?.linkErased !== true) return null;
	return familyKinds.has(kind) ? 'family' : 'staff';
}

export async function mailbox(
	db: Database,
	schoolId: string,
	settings: MailboxSettings,
	filter: MailboxFilter
) {
	const [ctx, listed] = await Promise.all([
		context(db, schoolId, settings),
		listMessages(db, schoolId, filter)
	]);
	const [names, familyName, words] = await Promise.all([
		familyNames(db, [...new Set(listed.rows.map((r) => r.familyId).filter((id) => id !== null))]),
		filter.familyId && listed.ofSchoolFamily
			? familyNames(db, [filter.familyId]).then((n) => n.get(filter.familyId!) ?? null)
			: null,
		// As the worker writes them: the round's and the place's names in the reader's words.
		schoolWordsForMail(
			db,
			listed.rows.map((r) => ({ schoolId, language: r.language }))
		)
	]);
	const messages = listed.rows.map(({ payload: stored, familyId, ...row }) => {
		const payload = withSchoolWords(stored, words(schoolId, row.language));
		const sms = row.channel === 'sms';
		const message = sms
			? textSafely(asMessage({ ...row, payload }), ctx)
			: composeSafely(asMessage({ ...row, payload }), ctx);
		const reason = failureReason(row, ctx.senderOk);
		return {
			linkErased: linkErased(row.kind, stored),
			...row,
			sms,
			family: familyId ? { id: familyId, names: names.get(familyId) ?? '' } : null,
			message: message && {
				lang: message.lang,
				dir: message.dir,
				subject: message.subject,
				text: message.text
			},
			hasCalendar: Boolean(message && 'calendar' in message && message.calendar),
			reason,
			// The same address fails the same way: the address has to change first.
			canResend:
				(row.status === 'failed' || row.status === 'skipped') &&
				reason !== 'family_address' &&
				reason !== 'staff_address'
		};
	});
	return {
		total: listed.total,
		page: listed.page,
		pages: listed.pages,
		messages,
		familyName
	};
}

export async function failedCount(db: Database, schoolId: string): Promise<number> {
	const [row] = await db
		.select({ n: sql<number>`count(*)::int` })
		.from(outbox)
		.where(and(eq(outbox.schoolId, schoolId), eq(outbox.status, 'failed')));
	return row?.n ?? 0;
}

/** One message as sent: for the HTML view and the invite download. */
export async function mailboxMessage(
	db: Database,
	schoolId: string,
	outboxId: string,
	settings: MailboxSettings
) {
	if (!isUuid(outboxId)) return null;
	const [row] = await db
		.select(mailboxColumns)
		.from(outbox)
		.where(and(eq(outbox.id, outboxId), eq(outbox.schoolId, schoolId)));
	if (!row) return null;
	const attempts = await db
		.select({
			ok: outboxAttempt.ok,
			transport: outboxAttempt.transport,
			response: outboxAttempt.response,
			ms: outboxAttempt.ms,
			createdAt: outboxAttempt.createdAt
		})
		.from(outboxAttempt)
		.where(eq(outboxAttempt.outboxId, outboxId))
		.orderBy(asc(outboxAttempt.createdAt));
	const [ctx, words] = await Promise.all([
		context(db, schoolId, settings),
		schoolWordsForMail(db, [{ schoolId, language: row.language }])
	]);
	const payload = withSchoolWords(row.payload, words(schoolId, row.language));
	return { ...row, composed: composeSafely(asMessage({ ...row, payload }), ctx), attempts };
}
