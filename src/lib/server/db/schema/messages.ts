import {
	bigserial,
	boolean,
	check,
	index,
	integer,
	jsonb,
	pgEnum,
	pgTable,
	text,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, id, instant } from './common';
import { visitRound } from './rounds';
import { schoolRef } from './schools';
import { bytea, staff } from './staff';
import type { MessagePayloads } from '../../mail/payloads';

/**
 * `skipped`: dropped at sending time because it no longer applies (a reminder for a visit that
 * was cancelled or moved meanwhile). `failed`: the retries ran out; the admin can resend.
 */
export const outboxStatus = pgEnum('outbox_status', ['pending', 'sent', 'failed', 'skipped']);
/** `sms`: a text message to a phone number (E.164 in `to_address`) through the SMS provider. */
export const outboxChannel = pgEnum('outbox_channel', ['email', 'sms']);
export const waveKind = pgEnum('wave_kind', ['invitation', 'nudge']);

/** The admin's invitation or nudge to many families at once; its messages point back to it. */
export const mailWave = pgTable(
	'mail_wave',
	{
		id: id(),
		schoolId: schoolRef(),
		roundId: uuid('round_id')
			.notNull()
			.references(() => visitRound.id, { onDelete: 'cascade' }),
		kind: waveKind('kind').notNull(),
		createdBy: uuid('created_by').references(() => staff.id, { onDelete: 'set null' }),
		/** Families reached by e-mail, and those without an address (they need a letter). */
		families: integer('families').notNull(),
		withoutEmail: integer('without_email').notNull(),
		createdAt: createdAt()
	},
	(t) => [index('mail_wave_round_idx').on(t.roundId, t.createdAt)]
);

/**
 * Every kind of message the portal sends. The database refuses any other (`outbox_kind_known`);
 * mail/payloads.ts maps each to the payload it carries, and mail/compose.ts to its composer.
 */
export const messageKinds = [
	'family_link',
	'invitation',
	'nudge',
	'visit_booked',
	'visit_changed',
	'visit_cancelled',
	'visit_reminder',
	'answer_declined',
	'staff_visit_booked',
	'staff_visit_changed',
	'staff_visit_cancelled',
	'interpreter_request',
	'interpreter_visit',
	'interpreter_arranged',
	'staff_invite',
	'password_reset',
	'report_follow_up',
	'text_link',
	'time_offered'
] as const;
export type MessageKind = (typeof messageKinds)[number];

/**
 * Messages are written here in the same transaction as the change that causes them, and sent
 * later by a worker: a rolled-back change sends nothing, and a mail outage loses nothing.
 * A worker claims a row by pushing `next_attempt_at` into the future (a lease) under
 * `FOR UPDATE SKIP LOCKED`, so two workers never hold the same message.
 */
export const outbox = pgTable(
	'outbox',
	{
		id: id(),
		schoolId: schoolRef(),
		kind: text('kind').notNull().$type<MessageKind>(),
		channel: outboxChannel('channel').notNull().default('email'),
		toAddress: text('to_address').notNull(),
		toName: text('to_name').notNull().default(''),
		language: text('language').notNull().default('nl'),
		payload: jsonb('payload').notNull().$type<MessagePayloads[MessageKind]>(),
		status: outboxStatus('status').notNull().default('pending'),
		attempts: integer('attempts').notNull().default(0),
		nextAttemptAt: instant('next_attempt_at').notNull().defaultNow(),
		lastError: text('last_error'),
		/** The visit a message is about (no foreign key: the log outlives a deleted booking). */
		bookingId: uuid('booking_id'),
		/**
		 * The family and the round a message is about, named when it is queued (taken from the
		 * visit when there is one): erasure removes a family's messages by `family_id`, never by
		 * address (two families may share one), and retention a round's by `round_id`.
		 */
		familyId: uuid('family_id'),
		roundId: uuid('round_id'),
		waveId: uuid('wave_id').references(() => mailWave.id, { onDelete: 'set null' }),
		/** Set for messages that must exist once only, such as `reminder:<booking>:<start>`. */
		dedupeKey: text('dedupe_key'),
		createdAt: createdAt(),
		sentAt: instant('sent_at')
	},
	(t) => [
		index('outbox_due_idx').on(t.status, t.nextAttemptAt),
		index('outbox_school_idx').on(t.schoolId, t.createdAt),
		index('outbox_wave_idx').on(t.waveId),
		index('outbox_family_idx').on(t.familyId),
		index('outbox_round_idx').on(t.roundId),
		uniqueIndex('outbox_dedupe_key')
			.on(t.dedupeKey)
			.where(sql`${t.dedupeKey} is not null`),
		check(
			'outbox_kind_known',
			sql.raw(`"kind" in (${messageKinds.map((k) => `'${k}'`).join(', ')})`)
		)
	]
);

/** Every delivery attempt: when, by which transport, and the server's answer or the error. */
export const outboxAttempt = pgTable(
	'outbox_attempt',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		outboxId: uuid('outbox_id')
			.notNull()
			.references(() => outbox.id, { onDelete: 'cascade' }),
		ok: boolean('ok').notNull(),
		transport: text('transport').notNull(),
		/** The SMTP reply or error text; never the message itself. */
		response: text('response').notNull().default(''),
		ms: integer('ms').notNull(),
		createdAt: createdAt()
	},
	(t) => [index('outbox_attempt_outbox_idx').on(t.outboxId)]
);

/**
 * A teacher's private calendar subscription (`/cal/<token>.ics`). Only the token's SHA-256 is
 * kept; a new one revokes the old, so a leaked address can be shut at once.
 */
export const calendarFeed = pgTable(
	'calendar_feed',
	{
		id: id(),
		staffId: uuid('staff_id')
			.notNull()
			.references(() => staff.id, { onDelete: 'cascade' }),
		tokenHash: bytea('token_hash').notNull(),
		createdAt: createdAt(),
		revokedAt: instant('revoked_at')
	},
	(t) => [
		uniqueIndex('calendar_feed_hash_key').on(t.tokenHash),
		uniqueIndex('calendar_feed_active_key')
			.on(t.staffId)
			.where(sql`${t.revokedAt} is null`)
	]
);
