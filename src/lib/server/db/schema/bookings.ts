import { sql } from 'drizzle-orm';
import {
	boolean,
	check,
	index,
	integer,
	pgEnum,
	pgTable,
	primaryKey,
	text,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { createdAt, id, instant } from './common';
import { visitRound } from './rounds';
import { family } from './roster';
import { neutralPlace, schoolRef } from './schools';
import { staff } from './staff';

/** A time in which a teacher (and perhaps a second staff member) can visit one family. */
export const slot = pgTable(
	'slot',
	{
		id: id(),
		schoolId: schoolRef(),
		roundId: uuid('round_id')
			.notNull()
			.references(() => visitRound.id, { onDelete: 'cascade' }),
		staffId: uuid('staff_id')
			.notNull()
			.references(() => staff.id, { onDelete: 'cascade' }),
		secondStaffId: uuid('second_staff_id').references(() => staff.id, { onDelete: 'set null' }),
		startsAt: instant('starts_at').notNull(),
		endsAt: instant('ends_at').notNull(),
		allowsHome: boolean('allows_home').notNull().default(true),
		allowsSchool: boolean('allows_school').notNull().default(true),
		allowsNeutral: boolean('allows_neutral').notNull().default(true),
		/**
		 * A time made for one family whom none of the offered times fitted: no other family sees
		 * it, and the trigger `booking_slot_reserved` (migration 0014) refuses anyone else's booking.
		 */
		reservedForFamilyId: uuid('reserved_for_family_id').references(() => family.id, {
			onDelete: 'cascade'
		}),
		createdAt: createdAt()
	},
	(t) => [
		index('slot_round_staff_idx').on(t.roundId, t.staffId, t.startsAt),
		index('slot_reserved_idx')
			.on(t.reservedForFamilyId)
			.where(sql`${t.reservedForFamilyId} is not null`),
		check('slot_ends_after_start', sql`${t.endsAt} > ${t.startsAt}`),
		check(
			'slot_two_different_staff',
			sql`${t.secondStaffId} is null or ${t.secondStaffId} <> ${t.staffId}`
		)
	]
);

/**
 * Everyone who goes to a slot, the teacher and the second staff member alike, with the slot's
 * times copied in. The exclusion constraint `slot_staff_no_overlap` (migration 0002) makes
 * two overlapping slots for one person impossible, whichever role they have in each.
 */
export const slotStaff = pgTable(
	'slot_staff',
	{
		slotId: uuid('slot_id')
			.notNull()
			.references(() => slot.id, { onDelete: 'cascade' }),
		staffId: uuid('staff_id')
			.notNull()
			.references(() => staff.id, { onDelete: 'cascade' }),
		startsAt: instant('starts_at').notNull(),
		endsAt: instant('ends_at').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.slotId, t.staffId] }),
		index('slot_staff_staff_idx').on(t.staffId, t.startsAt)
	]
);

export const bookingStatus = pgEnum('booking_status', ['booked', 'declined', 'cancelled']);
export const visitLocation = pgEnum('visit_location', ['home', 'school', 'neutral']);
export const bookedBy = pgEnum('booked_by', ['parent', 'staff']);
/** The school changed a booked visit: the family must hear of it (by mail once messages exist). */
export const familyNotice = pgEnum('family_notice', ['moved', 'cancelled']);

/**
 * A family's answer for a round: a booked visit, or "no meeting at all" (declined, no slot).
 * The partial unique indexes are what stop double bookings, not application code.
 */
export const booking = pgTable(
	'booking',
	{
		id: id(),
		schoolId: schoolRef(),
		roundId: uuid('round_id')
			.notNull()
			.references(() => visitRound.id, { onDelete: 'cascade' }),
		familyId: uuid('family_id')
			.notNull()
			.references(() => family.id, { onDelete: 'cascade' }),
		slotId: uuid('slot_id').references(() => slot.id, { onDelete: 'set null' }),
		status: bookingStatus('status').notNull(),
		location: visitLocation('location'),
		neutralPlaceId: uuid('neutral_place_id').references(() => neutralPlace.id, {
			onDelete: 'set null'
		}),
		/** The address for a home visit when the parent corrected it; null means the family's. */
		visitAddress: text('visit_address'),
		/** The school arranges an interpreter for this language (interpreter_request follows it). */
		interpreterLanguage: text('interpreter_language'),
		/** The family brings its own interpreter, a relative or friend (never the child), for this language. */
		ownInterpreterLanguage: text('own_interpreter_language'),
		parentQuestions: text('parent_questions'),
		/** What the office or a teacher noted (a phone call, a wish); never shown to the family. */
		staffNote: text('staff_note'),
		/** Why not at home (or no meeting): a code from a short list, and optional free text. */
		notHomeReason: text('not_home_reason'),
		notHomeReasonText: text('not_home_reason_text'),
		bookedBy: bookedBy('booked_by').notNull().default('parent'),
		bookedByStaffId: uuid('booked_by_staff_id').references(() => staff.id, {
			onDelete: 'set null'
		}),
		familyNotice: familyNotice('family_notice'),
		/** Raised on every change: calendar invites carry it as SEQUENCE. */
		sequence: integer('sequence').notNull().default(0),
		createdAt: createdAt(),
		updatedAt: instant('updated_at').notNull().defaultNow(),
		cancelledAt: instant('cancelled_at')
	},
	(t) => [
		uniqueIndex('booking_one_answer_per_family')
			.on(t.familyId, t.roundId)
			.where(sql`${t.status} <> 'cancelled'`),
		uniqueIndex('booking_one_per_slot')
			.on(t.slotId)
			.where(sql`${t.status} = 'booked'`),
		index('booking_round_idx').on(t.roundId),
		// A school's booked visits (reports to write, the reports list) without reading every
		// school's bookings: 150,000 of them at 1,000 schools in bench/scale.ts.
		index('booking_school_idx').on(t.schoolId, t.status),
		check(
			'booking_one_interpreter_choice',
			sql`${t.interpreterLanguage} is null or ${t.ownInterpreterLanguage} is null`
		),
		check(
			'booking_booked_has_slot',
			sql`${t.status} <> 'booked' or (${t.slotId} is not null and ${t.location} is not null)`
		)
	]
);
