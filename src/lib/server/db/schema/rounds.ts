import { sql } from 'drizzle-orm';
import {
	boolean,
	date,
	index,
	integer,
	jsonb,
	pgEnum,
	pgTable,
	primaryKey,
	text,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { createdAt, id, instant } from './common';
import { family, group } from './roster';
import { schoolRef } from './schools';
import { bytea } from './staff';

/** A period in which a school visits families: the groups it covers and what to talk about. */
export const visitRound = pgTable(
	'visit_round',
	{
		id: id(),
		schoolId: schoolRef(),
		name: text('name').notNull(),
		startsOn: date('starts_on', { mode: 'string' }).notNull(),
		endsOn: date('ends_on', { mode: 'string' }).notNull(),
		visitMinutes: integer('visit_minutes').notNull().default(45),
		/** Between two home visits; meetings at school need none. */
		travelMinutes: integer('travel_minutes').notNull().default(15),
		bookingOpensAt: instant('booking_opens_at').notNull(),
		bookingClosesAt: instant('booking_closes_at').notNull(),
		/** After this many hours before the visit, parents can no longer change or cancel. */
		changeDeadlineHours: integer('change_deadline_hours').notNull().default(24),
		reminderHoursBefore: integer('reminder_hours_before').notNull().default(24),
		includeNewPupils: boolean('include_new_pupils').notNull().default(true),
		/** What to talk about with the family of a new pupil, one point a line. */
		newPupilTalkingPoints: text('new_pupil_talking_points').notNull().default(''),
		/**
		 * The round's public newsletter link (`/n/<code>`). It is printed in newsletters, so it is
		 * no secret: it only lets a parent ask for their own link by e-mail. 122 random bits keep
		 * other schools' rounds from being guessed; the admin can replace it.
		 */
		newsletterCode: text('newsletter_code')
			.notNull()
			.default(sql`replace(gen_random_uuid()::text, '-', '')`),
		/** The evaluation's figures, kept when the retention job removes the personal data behind them. */
		evaluation: jsonb('evaluation'),
		/** When the round's families were recorded (visit_round_family), the day after it ended. */
		membersRecordedAt: instant('members_recorded_at'),
		personalDataRemovedAt: instant('personal_data_removed_at'),
		createdAt: createdAt()
	},
	(t) => [
		index('visit_round_school_idx').on(t.schoolId),
		uniqueIndex('visit_round_newsletter_code_key').on(t.newsletterCode)
	]
);

export const visitRoundGroup = pgTable(
	'visit_round_group',
	{
		roundId: uuid('round_id')
			.notNull()
			.references(() => visitRound.id, { onDelete: 'cascade' }),
		groupId: uuid('group_id')
			.notNull()
			.references(() => group.id, { onDelete: 'cascade' }),
		/** One talking point a line, prefilled from the school's policy, editable. */
		talkingPoints: text('talking_points').notNull().default('')
	},
	(t) => [primaryKey({ columns: [t.roundId, t.groupId] })]
);

/**
 * The families a round was for, as it ended: with the groups and the visiting teacher they had
 * then. A round's evaluation counts these, so a roster imported later (a new school year, a
 * bigger school) does not change a finished round's figures. Removed with the round's personal
 * data; a family's erasure removes its row.
 */
export const visitRoundFamily = pgTable(
	'visit_round_family',
	{
		roundId: uuid('round_id')
			.notNull()
			.references(() => visitRound.id, { onDelete: 'cascade' }),
		familyId: uuid('family_id')
			.notNull()
			.references(() => family.id, { onDelete: 'cascade' }),
		schoolId: schoolRef(),
		/** The names of the round's groups the family's children were in. */
		groups: jsonb('groups').$type<string[]>().notNull().default([]),
		teacherName: text('teacher_name')
	},
	(t) => [
		primaryKey({ columns: [t.roundId, t.familyId] }),
		index('visit_round_family_family_idx').on(t.familyId)
	]
);

export const linkChannel = pgEnum('link_channel', ['office', 'email', 'sms', 'whatsapp']);

/**
 * A family's personal link for one round. Only the SHA-256 of the token is stored, so a leaked
 * database does not open any family's page.
 */
export const familyLink = pgTable(
	'family_link',
	{
		id: id(),
		familyId: uuid('family_id')
			.notNull()
			.references(() => family.id, { onDelete: 'cascade' }),
		roundId: uuid('round_id')
			.notNull()
			.references(() => visitRound.id, { onDelete: 'cascade' }),
		tokenHash: bytea('token_hash').notNull(),
		/**
		 * `office`: made by the admin (copied, or printed on a letter); `email`: sent on a
		 * newsletter request; `sms` and `whatsapp`: sent as a text message by staff. Each channel has its own active link, so asking for a link by
		 * e-mail does not break the letter on the fridge. An office link may have active
		 * siblings: a second printed letter adds a link and leaves the first letter working
		 * (families/letters.ts), unless the office asks for new links in place of the old ones.
		 */
		channel: linkChannel('channel').notNull().default('office'),
		createdAt: createdAt(),
		revokedAt: instant('revoked_at')
	},
	(t) => [
		uniqueIndex('family_link_hash_key').on(t.tokenHash),
		uniqueIndex('family_link_active_key')
			.on(t.familyId, t.roundId, t.channel)
			.where(sql`${t.revokedAt} is null and ${t.channel} <> 'office'`),
		index('family_link_family_idx').on(t.familyId, t.roundId)
	]
);
