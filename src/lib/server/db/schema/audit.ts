import { bigserial, index, jsonb, pgEnum, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './common';
import { school } from './schools';

export const actorKind = pgEnum('actor_kind', ['staff', 'family', 'system']);

/** Who did what to which record. Ids only: the detail never holds names, addresses or free text. */
export const auditEvent = pgTable(
	'audit_event',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		schoolId: uuid('school_id').references(() => school.id, { onDelete: 'cascade' }),
		actorKind: actorKind('actor_kind').notNull(),
		actorId: uuid('actor_id'),
		action: text('action').notNull(),
		subjectType: text('subject_type'),
		subjectId: uuid('subject_id'),
		detail: jsonb('detail').$type<Record<string, string | number | boolean | null>>(),
		createdAt: createdAt()
	},
	(t) => [
		index('audit_event_school_idx').on(t.schoolId, t.createdAt),
		// A family's history and its access request read the entries about one record.
		index('audit_event_subject_idx').on(t.subjectId)
	]
);
