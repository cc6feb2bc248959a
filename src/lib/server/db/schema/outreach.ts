import { sql } from 'drizzle-orm';
import { check, index, pgEnum, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, instant } from './common';
import { visitRound } from './rounds';
import { family } from './roster';
import { slot } from './bookings';
import { schoolRef } from './schools';
import { staff } from './staff';

/** How staff tried to reach a family that has not answered. */
export const contactChannel = pgEnum('contact_channel', [
	'phone',
	'letter',
	'gate',
	'door',
	'colleague',
	'text'
]);
export const contactChannels = contactChannel.enumValues;

/** What came of it. `booked_for_them`: the caller booked a time for the family there and then. */
export const contactOutcome = pgEnum('contact_outcome', [
	'no_answer',
	'will_book',
	'booked_for_them',
	'wants_school',
	'declines',
	'wrong_number'
]);
export const contactOutcomes = contactOutcome.enumValues;

/**
 * One try to reach a family for a round: a phone call, a letter handed over at the gate, a
 * colleague who sees the parent. The trail the office keeps today on paper; the evaluation
 * counts how many tries it took, by channel.
 */
export const contactAttempt = pgTable(
	'contact_attempt',
	{
		id: id(),
		schoolId: schoolRef(),
		roundId: uuid('round_id')
			.notNull()
			.references(() => visitRound.id, { onDelete: 'cascade' }),
		familyId: uuid('family_id')
			.notNull()
			.references(() => family.id, { onDelete: 'cascade' }),
		staffId: uuid('staff_id').references(() => staff.id, { onDelete: 'set null' }),
		channel: contactChannel('channel').notNull(),
		outcome: contactOutcome('outcome').notNull(),
		note: text('note').notNull().default(''),
		createdAt: createdAt()
	},
	(t) => [
		index('contact_attempt_family_idx').on(t.roundId, t.familyId, t.createdAt),
		check('contact_attempt_note_short', sql`char_length(${t.note}) <= 500`)
	]
);

/**
 * What a parent asks for instead of booking: `call_me` (phone me, in my language) or
 * `other_time` (none of the offered times fits; here is when I could). `done` once staff acted:
 * called, or made a time for this family only (`slot_id`).
 */
export const familyRequestKind = pgEnum('family_request_kind', ['call_me', 'other_time']);
export const familyRequestStatus = pgEnum('family_request_status', ['open', 'done', 'withdrawn']);

/** Weekdays and parts of the day a parent can offer for another time. */
export const wishDays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export const wishParts = ['morning', 'afternoon', 'evening'] as const;

export const familyRequest = pgTable(
	'family_request',
	{
		id: id(),
		schoolId: schoolRef(),
		roundId: uuid('round_id')
			.notNull()
			.references(() => visitRound.id, { onDelete: 'cascade' }),
		familyId: uuid('family_id')
			.notNull()
			.references(() => family.id, { onDelete: 'cascade' }),
		kind: familyRequestKind('kind').notNull(),
		status: familyRequestStatus('status').notNull().default('open'),
		/** For `other_time`: weekday codes (`wishDays`) and parts of the day (`wishParts`). */
		days: text('days')
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		parts: text('parts')
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		/** The parent's own words; shown to staff only. */
		note: text('note').notNull().default(''),
		/** For `call_me`: the number to call, E.164, when the parent gave one. */
		phone: text('phone'),
		/** The language the parent wrote in and wants to be answered in. */
		language: text('language').notNull().default('nl'),
		/** The time made for this family in answer to `other_time`. */
		slotId: uuid('slot_id').references(() => slot.id, { onDelete: 'set null' }),
		handledBy: uuid('handled_by').references(() => staff.id, { onDelete: 'set null' }),
		handledAt: instant('handled_at'),
		createdAt: createdAt()
	},
	(t) => [
		// One open request of a kind per family and round: asking again updates it.
		uniqueIndex('family_request_one_open')
			.on(t.familyId, t.roundId, t.kind)
			.where(sql`${t.status} = 'open'`),
		index('family_request_round_idx').on(t.roundId, t.status),
		// The office's home page counts its school's open requests on every load.
		index('family_request_school_idx').on(t.schoolId, t.status),
		check('family_request_note_short', sql`char_length(${t.note}) <= 500`),
		check(
			'family_request_days_known',
			sql`${t.days} <@ array['mon','tue','wed','thu','fri','sat']::text[]`
		),
		check(
			'family_request_parts_known',
			sql`${t.parts} <@ array['morning','afternoon','evening']::text[]`
		)
	]
);
