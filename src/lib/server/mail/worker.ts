/**
 * The mail worker. It claims due messages with `FOR UPDATE SKIP LOCKED` and a lease (their
 * `next_attempt_at` moves five minutes ahead), so several workers never take the same message;
 * a worker that dies mid-send leaves its messages to be picked up when the lease runs out.
 * Failures are retried with growing pauses over about sixteen hours; an SMTP 5xx answer (a
 * refused address) fails at once. Every attempt is logged in `outbox_attempt`.
 *
 * Text messages (`channel = 'sms'`) take the same queue, leases and retries, through the SMS
 * provider instead of the mail transport: a number the provider refuses (4xx) fails at once.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf, type Database } from '../db';
import { booking, outbox, outboxAttempt, school, slot } from '../db/schema';
import { log, errorFields } from '../log';
import { mailAddress, schoolSender } from './address';
import { composeMessage, type ComposedMessage } from './compose';
import { pictogramImagesFor } from './pictograms';
import { schoolWordsForMail, withSchoolWords, type InReadersWords } from '../school/words';
import { kindsWithSecret, type MessageKind, type MessagePayloads } from './payloads';
import { asMessage } from './outbox';
import type { Transport } from './transport';
import { mailboxSms, SmsError, type SmsProvider } from '../sms/provider';
import { smsText } from '../sms/text';
import { bookedOnly } from '../db/partial';

const MINUTE = 60_000;
export const LEASE_MS = 5 * MINUTE;
/** Pause after the n-th failed attempt; after the last one the message is marked failed. */
export const BACKOFF_MINUTES = [1, 5, 15, 30, 60, 120, 240, 480];
export const MAX_ATTEMPTS = BACKOFF_MINUTES.length + 1;

export interface WorkerDeps {
	db: Database;
	transport: Transport;
	origin: URL;
	/** The address all mail is sent from; each school puts its own name on it. */
	fromAddress: string;
	/** Where text messages go; without one they are kept in the Mailbox. */
	sms?: SmsProvider;
	now: () => Date;
	batchSize?: number;
	concurrency?: number;
	/** Awaited before each message is written: lets the server's requests go first (jobs/runner.ts). */
	pause?: () => Promise<void>;
}

interface Claimed {
	id: string;
	school_id: string;
	kind: MessageKind;
	channel: 'email' | 'sms';
	to_address: string;
	to_name: string;
	language: string;
	payload: MessagePayloads[MessageKind];
	attempts: number;
	booking_id: string | null;
}

export interface RunResult {
	claimed: number;
	sent: number;
	retried: number;
	failed: number;
	skipped: number;
}

async function claim(db: Database, now: Date, limit: number): Promise<Claimed[]> {
	return rowsOf<Claimed>(
		await db.execute(sql`
			update outbox o set next_attempt_at = ${new Date(now.getTime() + LEASE_MS).toISOString()}::timestamptz, attempts = o.attempts + 1
			from (
				select id from outbox
				where status = 'pending' and next_attempt_at <= ${now.toISOString()}::timestamptz
				order by next_attempt_at
				limit ${limit}
				for update skip locked
			) due
			where o.id = due.id
			returning o.id, o.school_id, o.kind, o.channel, o.to_address, o.to_name, o.language, o.payload, o.attempts, o.booking_id`)
	);
}

/** A reminder goes only for a visit that is still booked at the time it names, and still ahead. */
async function reminderStillApplies(db: Database, message: Claimed, now: Date): Promise<boolean> {
	const reminder = asMessage(message);
	if (!message.booking_id || reminder.kind !== 'visit_reminder') return false;
	const [row] = await db
		.select({ startsAt: slot.startsAt })
		.from(booking)
		.innerJoin(slot, eq(slot.id, booking.slotId))
		.where(and(eq(booking.id, message.booking_id), bookedOnly));
	return Boolean(
		row && row.startsAt.toISOString() === reminder.payload.startsAt && row.startsAt > now
	);
}

const shortError = (error: unknown) =>
	(error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').slice(0, 500);
const isPermanent = (error: unknown) => {
	if (error instanceof SmsError) return error.permanent;
	const code = (error as { responseCode?: number }).responseCode;
	return typeof code === 'number' && code >= 500 && code < 600;
};

async function finish(
	db: Database,
	id: string,
	values: Parameters<ReturnType<Database['update']>['set']>[0],
	attempt: { ok: boolean; transport: string; response: string; ms: number },
	now: Date
) {
	// One statement: the message's new state and the attempt's line in the log, together or not
	// at all, in one round trip (every mail ends here). drizzle puts the update in brackets.
	const updated = db
		.update(outbox)
		.set(values)
		.where(eq(outbox.id, id))
		.returning({ id: outbox.id });
	await db.execute(sql`
		with updated as ${updated}
		insert into ${outboxAttempt} (outbox_id, ok, transport, response, ms, created_at)
		select updated.id, ${attempt.ok}::boolean, ${attempt.transport}::text, ${attempt.response}::text,
			${attempt.ms}::integer, ${now.toISOString()}::timestamptz
		from updated`);
}

async function deliverOne(
	deps: WorkerDeps,
	message: Claimed,
	schools: Map<string, { name: string; mailFromName: string | null; replyTo: string | null }>,
	words: (schoolId: string, language: string) => InReadersWords,
	result: RunResult
) {
	const { db, transport } = deps;
	await deps.pause?.();
	const now = deps.now();
	if (message.kind === 'visit_reminder' && !(await reminderStillApplies(db, message, now))) {
		await finish(
			db,
			message.id,
			{ status: 'skipped', lastError: null },
			{
				ok: true,
				transport: transport.name,
				response: 'skipped: the visit was cancelled or moved',
				ms: 0
			},
			now
		);
		result.skipped++;
		return;
	}
	if (message.channel === 'sms') return deliverSms(deps, message, result);
	const sender = schools.get(message.school_id);
	const to = mailAddress(message.to_name, message.to_address);
	const from = schoolSender(sender, deps.fromAddress);
	let composed: ComposedMessage | null = null;
	try {
		composed =
			to && from
				? composeMessage(
						{
							...asMessage({
								...message,
								payload: withSchoolWords(
									message.payload,
									words(message.school_id, message.language)
								)
							}),
							language: message.language,
							toAddress: to.address,
							toName: to.name
						},
						{ origin: deps.origin, organizer: { name: from.name, email: from.address } }
					)
				: null;
	} catch (error) {
		// A message that cannot be written now never can: fail it, rather than retry it for ever.
		log.error('mail_compose_failed', {
			outboxId: message.id,
			kind: message.kind,
			...errorFields(error)
		});
	}
	if (!to || !from || !composed) {
		const reason = !to
			? 'invalid recipient address'
			: !from
				? 'invalid MAIL_FROM address'
				: `could not compose a ${message.kind} message`;
		await finish(
			db,
			message.id,
			{ status: 'failed', lastError: reason },
			{ ok: false, transport: transport.name, response: reason, ms: 0 },
			now
		);
		result.failed++;
		return;
	}
	const started = performance.now();
	try {
		const response = await transport.send({
			from,
			replyTo: sender?.replyTo ? mailAddress(from.name, sender.replyTo) : null,
			to,
			subject: composed.subject,
			text: composed.text,
			html: composed.html,
			calendar: composed.calendar,
			images: pictogramImagesFor(composed.pictograms),
			messageId: message.id
		});
		const ms = Math.round(performance.now() - started);
		const payload = withoutSecret(message.kind);
		await finish(
			db,
			message.id,
			{ status: 'sent', sentAt: deps.now(), lastError: null, ...(payload && { payload }) },
			{ ok: true, transport: transport.name, response: response.slice(0, 500), ms },
			deps.now()
		);
		result.sent++;
	} catch (error) {
		await attemptFailed(deps, message, transport.name, error, started, now, result);
	}
}

/**
 * Once a message is out, the personal link in it has no business in our database: sent through
 * a server or provider, or kept in the Mailbox, where anyone who reads it could otherwise pass
 * for the family (or the colleague). The office makes a fresh link on the family page instead.
 * `linkErased` tells the Mailbox that a link was there, so it says so rather than leave a gap.
 */
function withoutSecret(kind: MessageKind) {
	if (!kindsWithSecret.has(kind)) return undefined;
	return sql<Record<string, unknown>>`case
		when ${outbox.payload} ? 'path' or ${outbox.payload} ? 'url'
		then (${outbox.payload} - 'path' - 'url') || '{"linkErased": true}'::jsonb
		else ${outbox.payload} end`;
}

/** A failed try: again later with a longer pause, or failed for good (a refusal, or the last try). */
async function attemptFailed(
	deps: WorkerDeps,
	message: Claimed,
	transportName: string,
	error: unknown,
	started: number,
	now: Date,
	result: RunResult
) {
	const ms = Math.round(performance.now() - started);
	const giveUp = isPermanent(error) || message.attempts >= MAX_ATTEMPTS;
	const pause = BACKOFF_MINUTES[Math.min(message.attempts, BACKOFF_MINUTES.length) - 1]! * MINUTE;
	await finish(
		deps.db,
		message.id,
		giveUp
			? { status: 'failed', lastError: shortError(error) }
			: { nextAttemptAt: new Date(now.getTime() + pause), lastError: shortError(error) },
		{ ok: false, transport: transportName, response: shortError(error), ms },
		now
	);
	// Ids and codes only: the error text may hold an address or a number.
	log.warn('mail_attempt_failed', {
		outboxId: message.id,
		kind: message.kind,
		channel: message.channel,
		attempt: message.attempts,
		gaveUp: giveUp,
		code:
			(error as { responseCode?: number }).responseCode ??
			(error instanceof SmsError ? error.status : null) ??
			(error as { code?: string }).code ??
			null
	});
	if (giveUp) result.failed++;
	else result.retried++;
}

/** A text message: its words in the reader's language, through the SMS provider. */
async function deliverSms(deps: WorkerDeps, message: Claimed, result: RunResult) {
	const { db } = deps;
	const provider = deps.sms ?? mailboxSms();
	const transportName = `sms:${provider.name}`;
	const now = deps.now();
	let text: string | null = null;
	try {
		text = smsText(asMessage(message), message.language, { origin: deps.origin }).text;
	} catch (error) {
		log.error('sms_compose_failed', {
			outboxId: message.id,
			kind: message.kind,
			...errorFields(error)
		});
	}
	if (!text || !/^\+\d{8,15}$/.test(message.to_address)) {
		const reason = text ? 'invalid phone number' : `could not compose a ${message.kind} text`;
		await finish(
			db,
			message.id,
			{ status: 'failed', lastError: reason },
			{ ok: false, transport: transportName, response: reason, ms: 0 },
			now
		);
		result.failed++;
		return;
	}
	const started = performance.now();
	try {
		const response = await provider.send({ to: message.to_address, text, reference: message.id });
		const ms = Math.round(performance.now() - started);
		const payload = withoutSecret(message.kind);
		await finish(
			db,
			message.id,
			{ status: 'sent', sentAt: deps.now(), lastError: null, ...(payload && { payload }) },
			{ ok: true, transport: transportName, response: response.slice(0, 500), ms },
			deps.now()
		);
		result.sent++;
	} catch (error) {
		await attemptFailed(deps, message, transportName, error, started, now, result);
	}
}

/** Claims and sends one batch; returns what happened. */
export async function deliverDue(deps: WorkerDeps): Promise<RunResult> {
	const result: RunResult = { claimed: 0, sent: 0, retried: 0, failed: 0, skipped: 0 };
	const batch = await claim(deps.db, deps.now(), deps.batchSize ?? 50);
	result.claimed = batch.length;
	if (batch.length === 0) return result;
	const schoolIds = [...new Set(batch.map((m) => m.school_id))];
	const rows = await deps.db
		.select({
			id: school.id,
			name: school.name,
			mailFromName: school.mailFromName,
			replyTo: school.replyTo
		})
		.from(school)
		.where(inArray(school.id, schoolIds));
	const schools = new Map(rows.map((r) => [r.id, r]));
	const words = await schoolWordsForMail(
		deps.db,
		batch.map((m) => ({ schoolId: m.school_id, language: m.language }))
	);
	const queue = [...batch];
	const lanes = Array.from({ length: Math.min(deps.concurrency ?? 8, queue.length) }, async () => {
		for (let message = queue.shift(); message; message = queue.shift()) {
			try {
				await deliverOne(deps, message, schools, words, result);
			} catch (error) {
				// The database failed while recording: the lease brings the message back later.
				log.error('mail_record_failed', { outboxId: message.id, ...errorFields(error) });
			}
		}
	});
	await Promise.all(lanes);
	return result;
}

/** Sends until nothing is due (used by tests, the bench and `cli worker --once`). */
export async function drainOutbox(deps: WorkerDeps): Promise<RunResult> {
	const total: RunResult = { claimed: 0, sent: 0, retried: 0, failed: 0, skipped: 0 };
	for (;;) {
		const run = await deliverDue(deps);
		for (const key of Object.keys(total) as (keyof RunResult)[]) total[key] += run[key];
		if (run.claimed === 0) return total;
	}
}

/** The admin's resend: a failed or skipped message goes back in the queue, with fresh attempts. */
export async function resendMessage(
	db: Database,
	schoolId: string,
	outboxId: string,
	now: Date
): Promise<boolean> {
	const rows = await db
		.update(outbox)
		.set({ status: 'pending', attempts: 0, nextAttemptAt: now, lastError: null })
		.where(
			and(
				eq(outbox.id, outboxId),
				eq(outbox.schoolId, schoolId),
				inArray(outbox.status, ['failed', 'skipped'])
			)
		)
		.returning({ id: outbox.id });
	return rows.length === 1;
}
