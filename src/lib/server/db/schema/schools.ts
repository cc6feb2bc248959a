import { sql } from 'drizzle-orm';
import { boolean, check, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, instant } from './common';

export const school = pgTable('school', {
	id: id(),
	name: text('name').notNull(),
	street: text('street').notNull().default(''),
	postalCode: text('postal_code').notNull().default(''),
	city: text('city').notNull().default(''),
	phone: text('phone').notNull().default(''),
	timeZone: text('time_zone').notNull().default('Europe/Amsterdam'),
	/** The demo school's credentials may be reissued at every start; a real school's never. */
	isDemo: boolean('is_demo').notNull().default(false),
	mailFromName: text('mail_from_name'),
	replyTo: text('reply_to'),
	/** Off by default: staff invites then name children by first name only and give no address. */
	staffInviteDetails: boolean('staff_invite_details').notNull().default(false),
	/** Whether families are told who interprets (off: "an interpreter will be there", no name). */
	interpreterNameToFamilies: boolean('interpreter_name_to_families').notNull().default(false),
	/** The last day of the school year (MM-DD): 31 July in the Netherlands, 30 June in Flanders. */
	schoolYearEnds: text('school_year_ends').notNull().default('07-31'),
	/**
	 * When a round's bookings, questions and reasons go: null at the end of the school year the
	 * round is in, else this many days after the round's last day.
	 */
	bookingRetentionDays: integer('booking_retention_days'),
	/** Reports belong in the pupil file: the portal's copy goes this many months after the visit. */
	reportRetentionMonths: integer('report_retention_months').notNull().default(24),
	createdAt: createdAt()
});

/** Every school-owned row names its school: staff queries filter on it, and a school's removal cascades. */
export const schoolRef = () =>
	uuid('school_id')
		.notNull()
		.references(() => school.id, { onDelete: 'cascade' });

/** A place that is neither home nor school where some parents feel safer, e.g. a community centre. */
export const neutralPlace = pgTable('neutral_place', {
	id: id(),
	schoolId: schoolRef(),
	name: text('name').notNull(),
	address: text('address').notNull(),
	accessibility: text('accessibility').notNull().default(''),
	active: boolean('active').notNull().default(true),
	createdAt: createdAt()
});

/**
 * The school's own words in a parent's language: a round's name, a talking point, a neutral
 * place's name or note, written in Dutch by the office and translated by the school. Keyed by
 * the Dutch text itself (its SHA-256): edit the Dutch and the old translation no longer
 * matches, so a parent never reads a translation of something the school no longer says.
 */
export const schoolTranslation = pgTable(
	'school_translation',
	{
		schoolId: schoolRef(),
		language: text('language').notNull(),
		/** Hex SHA-256 of `source`: the key, since a note can be longer than an index entry may. */
		sourceKey: text('source_key').notNull(),
		source: text('source').notNull(),
		text: text('text').notNull(),
		updatedAt: instant('updated_at').notNull().defaultNow()
	},
	(t) => [
		primaryKey({ columns: [t.schoolId, t.language, t.sourceKey] }),
		// The office's form refuses more; the database keeps any other writer within bounds too.
		check('school_translation_text_length', sql`char_length(${t.text}) between 1 and 2000`)
	]
);
