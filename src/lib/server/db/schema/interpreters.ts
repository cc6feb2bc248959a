import { sql } from 'drizzle-orm';
import {
	boolean,
	check,
	index,
	integer,
	pgEnum,
	pgTable,
	text,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { createdAt, id, instant } from './common';
import { booking, visitLocation } from './bookings';
import { schoolRef } from './schools';
import { staff } from './staff';

/** Who interprets: a colleague who speaks the language, a volunteer, or a professional service. */
export const interpreterSource = pgEnum('interpreter_source', ['staff', 'volunteer', 'service']);

/** The people and services a school calls on. Never deleted while a request names them: retired. */
export const interpreter = pgTable(
	'interpreter',
	{
		id: id(),
		schoolId: schoolRef(),
		name: text('name').notNull(),
		kind: interpreterSource('kind').notNull(),
		/** Language codes, as the families' form offers them (booking/choices.ts). */
		languages: text('languages')
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		phone: text('phone'),
		email: text('email'),
		/** The language their invites are written in. */
		mailLanguage: text('mail_language').notNull().default('nl'),
		/** For a colleague: their staff account, so their week shows the visits they interpret at. */
		staffId: uuid('staff_id').references(() => staff.id, { onDelete: 'set null' }),
		active: boolean('active').notNull().default(true),
		createdAt: createdAt()
	},
	(t) => [index('interpreter_school_idx').on(t.schoolId, t.name)]
);

export const interpreterRequestStatus = pgEnum('interpreter_request_status', [
	'requested',
	'arranged',
	'cancelled'
]);
export const interpreterMode = pgEnum('interpreter_mode', ['in_person', 'phone']);

/**
 * A family's "please arrange an interpreter" for one booked visit, and what the office did with
 * it. At most one is open per visit (`interpreter_request_one_open`); a change of language
 * cancels it and opens another, so the history stays. The visit's time and place are copied in,
 * kept in step when the visit moves, so the exclusion constraint `interpreter_no_overlap`
 * (migration 0012) can refuse one interpreter at two visits at once: `[blocked_from, blocked_until)`,
 * which for an interpreter who comes in person includes the round's travel time.
 */
export const interpreterRequest = pgTable(
	'interpreter_request',
	{
		id: id(),
		schoolId: schoolRef(),
		bookingId: uuid('booking_id')
			.notNull()
			.references(() => booking.id, { onDelete: 'cascade' }),
		language: text('language').notNull(),
		status: interpreterRequestStatus('status').notNull().default('requested'),
		startsAt: instant('starts_at').notNull(),
		endsAt: instant('ends_at').notNull(),
		location: visitLocation('location').notNull(),
		interpreterId: uuid('interpreter_id').references(() => interpreter.id, {
			onDelete: 'restrict'
		}),
		mode: interpreterMode('mode'),
		/** The person a service sends, when the office knows: name and phone for the teacher. */
		contactName: text('contact_name'),
		contactPhone: text('contact_phone'),
		/** What an arranged interpreter's time holds: the visit, with half the round's travel time
		 * before and after it when they come in person (so two in-person visits are a whole travel
		 * time apart, and a phone call right after a visit still fits). */
		/**
		 * Whether the arrangement holds one person's time. A service sends whoever is free, so two
		 * of its visits may overlap; a colleague or a volunteer is one person and may not.
		 */
		exclusive: boolean('exclusive').notNull().default(true),
		blockedFrom: instant('blocked_from'),
		blockedUntil: instant('blocked_until'),
		/** Raised whenever the interpreter's invite changes: their calendar reads it as SEQUENCE. */
		sequence: integer('sequence').notNull().default(0),
		arrangedAt: instant('arranged_at'),
		arrangedByStaffId: uuid('arranged_by_staff_id').references(() => staff.id, {
			onDelete: 'set null'
		}),
		cancelledAt: instant('cancelled_at'),
		/** When the family was told an interpreter will be there: once per request, never again. */
		familyToldAt: instant('family_told_at'),
		createdAt: createdAt(),
		updatedAt: instant('updated_at').notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('interpreter_request_one_open')
			.on(t.bookingId)
			.where(sql`${t.status} <> 'cancelled'`),
		index('interpreter_request_school_idx').on(t.schoolId, t.status, t.startsAt),
		check(
			'interpreter_request_arranged_has_who',
			sql`${t.status} <> 'arranged' or (${t.interpreterId} is not null and ${t.mode} is not null and ${t.blockedFrom} is not null and ${t.blockedUntil} is not null)`
		),
		check(
			'interpreter_request_blocks_the_visit',
			sql`(${t.blockedFrom} is null or ${t.blockedFrom} <= ${t.startsAt}) and (${t.blockedUntil} is null or ${t.blockedUntil} >= ${t.endsAt})`
		)
	]
);
