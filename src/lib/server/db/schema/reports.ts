import { sql } from 'drizzle-orm';
import {
	boolean,
	check,
	index,
	pgEnum,
	pgTable,
	text,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { booking, visitLocation } from './bookings';
import { createdAt, id, instant } from './common';
import { visitRound } from './rounds';
import { family } from './roster';
import { schoolRef } from './schools';
import { staff } from './staff';

export const visitNotHeld = pgEnum('visit_not_held', ['no_show', 'cancelled_late', 'moved']);
export const interpreterKind = pgEnum('interpreter_kind', [
	'none',
	'professional',
	'staff',
	'family',
	'other'
]);
export const reportFollowUp = pgEnum('report_follow_up', ['none', 'care_coordinator', 'director']);

/**
 * What the staff write after a visit, for the pupil file. It outlives the booking (which the
 * retention job removes at the end of the school year), so it keeps its own round, family,
 * time and names: who was there is written down as it was, not looked up again later.
 */
export const visitReport = pgTable(
	'visit_report',
	{
		id: id(),
		schoolId: schoolRef(),
		roundId: uuid('round_id')
			.notNull()
			.references(() => visitRound.id, { onDelete: 'cascade' }),
		bookingId: uuid('booking_id').references(() => booking.id, { onDelete: 'set null' }),
		familyId: uuid('family_id')
			.notNull()
			.references(() => family.id, { onDelete: 'cascade' }),
		held: boolean('held').notNull(),
		notHeldReason: visitNotHeld('not_held_reason'),
		/** When the visit actually took place (or was to): prefilled from the slot. */
		heldAt: instant('held_at').notNull(),
		/** Where it took place: prefilled from the booking, the staff can correct it. */
		location: visitLocation('location'),
		/** Staff who went: their ids decide who may read the report besides the admins. */
		staffIds: uuid('staff_ids')
			.array()
			.notNull()
			.default(sql`'{}'::uuid[]`),
		/** Parents and carers present, by name as written at the time. */
		parentsPresent: text('parents_present')
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		otherPresent: text('other_present').notNull().default(''),
		childPresent: boolean('child_present').notNull().default(false),
		siblingsPresent: boolean('siblings_present').notNull().default(false),
		interpreter: interpreterKind('interpreter').notNull().default('none'),
		interpreterName: text('interpreter_name').notNull().default(''),
		mainPoints: text('main_points').notNull().default(''),
		followUp: reportFollowUp('follow_up').notNull().default('none'),
		writtenBy: uuid('written_by').references(() => staff.id, { onDelete: 'set null' }),
		createdAt: createdAt(),
		updatedAt: instant('updated_at').notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('visit_report_booking_key')
			.on(t.bookingId)
			.where(sql`${t.bookingId} is not null`),
		index('visit_report_round_idx').on(t.roundId),
		// The retention job deletes each school's old reports, school after school.
		index('visit_report_school_idx').on(t.schoolId, t.heldAt),
		index('visit_report_family_idx').on(t.familyId),
		check('visit_report_not_held_has_reason', sql`${t.held} or ${t.notHeldReason} is not null`)
	]
);
