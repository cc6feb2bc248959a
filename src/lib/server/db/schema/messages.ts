import { index, integer, jsonb, pgEnum, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, id, instant } from './common';
import { schoolRef } from './schools';

export const outboxStatus = pgEnum('outbox_status', ['pending', 'sent', 'failed']);

/**
 * Messages are written here in the same transaction as the change that causes them, and sent
 * later by a worker: a rolled-back change sends nothing, and a mail outage loses nothing.
 */
export const outbox = pgTable(
	'outbox',
	{
		id: id(),
		schoolId: schoolRef(),
		kind: text('kind').notNull(),
		toAddress: text('to_address').notNull(),
		toName: text('to_name').notNull().default(''),
		language: text('language').notNull().default('nl'),
		payload: jsonb('payload').notNull().$type<Record<string, unknown>>(),
		status: outboxStatus('status').notNull().default('pending'),
		attempts: integer('attempts').notNull().default(0),
		nextAttemptAt: instant('next_attempt_at').notNull().defaultNow(),
		lastError: text('last_error'),
		createdAt: createdAt(),
		sentAt: instant('sent_at')
	},
	(t) => [index('outbox_due_idx').on(t.status, t.nextAttemptAt)]
);
