import { sql } from 'drizzle-orm';
import {
	boolean,
	customType,
	index,
	pgEnum,
	pgTable,
	text,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { createdAt, id, instant } from './common';
import { schoolRef } from './schools';

export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
	dataType: () => 'bytea',
	fromDriver: (value) => new Uint8Array(value)
});

/** admin: school office, director, care coordinator. teacher: teachers and interns. */
export const staffRole = pgEnum('staff_role', ['admin', 'teacher']);
export const staffTitle = pgEnum('staff_title', [
	'teacher',
	'intern',
	'care_coordinator',
	'director',
	'office'
]);

export const staff = pgTable(
	'staff',
	{
		id: id(),
		schoolId: schoolRef(),
		/** Stored lower-cased: sign-in compares addresses case-insensitively. */
		email: text('email').notNull(),
		name: text('name').notNull(),
		role: staffRole('role').notNull(),
		title: staffTitle('title').notNull().default('teacher'),
		/** Null until the person has used their one-time setup link. */
		passwordHash: text('password_hash'),
		active: boolean('active').notNull().default(true),
		language: text('language').notNull().default('nl'),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('staff_email_key').on(t.email), index('staff_school_idx').on(t.schoolId)]
);

/** Sessions the Lucia way: the cookie holds `<id>.<secret>`, the table only a hash of the secret. */
export const staffSession = pgTable(
	'staff_session',
	{
		id: text('id').primaryKey(),
		staffId: uuid('staff_id')
			.notNull()
			.references(() => staff.id, { onDelete: 'cascade' }),
		secretHash: bytea('secret_hash').notNull(),
		createdAt: createdAt(),
		lastUsedAt: instant('last_used_at').notNull().defaultNow(),
		expiresAt: instant('expires_at').notNull()
	},
	(t) => [index('staff_session_staff_idx').on(t.staffId)]
);

export const staffTokenPurpose = pgEnum('staff_token_purpose', ['setup', 'reset']);

/** One-time links (account setup, password reset); only the SHA-256 of the token is kept. */
export const staffToken = pgTable(
	'staff_token',
	{
		id: id(),
		staffId: uuid('staff_id')
			.notNull()
			.references(() => staff.id, { onDelete: 'cascade' }),
		purpose: staffTokenPurpose('purpose').notNull(),
		tokenHash: bytea('token_hash').notNull(),
		createdAt: createdAt(),
		expiresAt: instant('expires_at').notNull(),
		usedAt: instant('used_at')
	},
	(t) => [
		uniqueIndex('staff_token_hash_key').on(t.tokenHash),
		index('staff_token_open_idx')
			.on(t.staffId)
			.where(sql`${t.usedAt} is null`)
	]
);
