import {
	boolean,
	date,
	index,
	jsonb,
	pgTable,
	primaryKey,
	smallint,
	text,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { createdAt, id, instant } from './common';
import { schoolRef } from './schools';
import { bytea, staff } from './staff';

/** A class: "groep 1A" in the Netherlands, a kleuterklas or lagere-schoolklas in Flanders. */
export const group = pgTable(
	'school_group',
	{
		id: id(),
		schoolId: schoolRef(),
		name: text('name').notNull(),
		/** Year 1–8; null for a group outside the years, such as a language class. */
		year: smallint('year'),
		isLanguageClass: boolean('is_language_class').notNull().default(false),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('school_group_name_key').on(t.schoolId, t.name)]
);

export const groupTeacher = pgTable(
	'group_teacher',
	{
		groupId: uuid('group_id')
			.notNull()
			.references(() => group.id, { onDelete: 'cascade' }),
		staffId: uuid('staff_id')
			.notNull()
			.references(() => staff.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.groupId, t.staffId] })]
);

/**
 * One household: one visit per family, not per child. The address is where a home visit goes;
 * the language is the one messages and pages use for this family.
 */
export const family = pgTable(
	'family',
	{
		id: id(),
		schoolId: schoolRef(),
		street: text('street').notNull().default(''),
		postalCode: text('postal_code').notNull().default(''),
		city: text('city').notNull().default(''),
		language: text('language').notNull().default('nl'),
		/** Who visits: by default the teacher of the oldest child; the office can reassign. */
		visitingStaffId: uuid('visiting_staff_id').references(() => staff.id, { onDelete: 'set null' }),
		createdAt: createdAt()
	},
	(t) => [index('family_school_idx').on(t.schoolId)]
);

export const guardian = pgTable(
	'guardian',
	{
		id: id(),
		familyId: uuid('family_id')
			.notNull()
			.references(() => family.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		/** Null for families without e-mail: they get a printed letter. */
		email: text('email'),
		phone: text('phone'),
		/** As the pupil administration writes it ("moeder", "vader", "voogd"); null when not exported. */
		relation: text('relation'),
		language: text('language'),
		createdAt: createdAt()
	},
	(t) => [index('guardian_family_idx').on(t.familyId), index('guardian_email_idx').on(t.email)]
);

export const pupil = pgTable(
	'pupil',
	{
		id: id(),
		schoolId: schoolRef(),
		familyId: uuid('family_id')
			.notNull()
			.references(() => family.id, { onDelete: 'cascade' }),
		groupId: uuid('group_id').references(() => group.id, { onDelete: 'set null' }),
		/** The pupil administration's number: the key for re-imports. */
		pupilNumber: text('pupil_number').notNull(),
		firstName: text('first_name').notNull(),
		infix: text('infix').notNull().default(''),
		lastName: text('last_name').notNull(),
		birthDate: date('birth_date', { mode: 'string' }),
		isNew: boolean('is_new').notNull().default(false),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('pupil_number_key').on(t.schoolId, t.pupilNumber),
		index('pupil_family_idx').on(t.familyId),
		index('pupil_group_idx').on(t.groupId)
	]
);

/**
 * A roster file between upload and import (the mapping step needs it on the next request).
 * At the import its content is wiped and the report kept, so the page can show it again;
 * the row goes after a day at the latest: it holds children's data.
 */
export const rosterUpload = pgTable('roster_upload', {
	id: id(),
	schoolId: schoolRef(),
	staffId: uuid('staff_id')
		.notNull()
		.references(() => staff.id, { onDelete: 'cascade' }),
	fileName: text('file_name').notNull(),
	content: bytea('content').notNull(),
	report: jsonb('report'),
	createdAt: createdAt(),
	expiresAt: instant('expires_at').notNull()
});
