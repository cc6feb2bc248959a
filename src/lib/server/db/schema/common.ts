import { timestamp, uuid } from 'drizzle-orm/pg-core';

/** Instants are stored in UTC; the school's zone applies only when shown or entered. */
export const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
export const createdAt = () => instant('created_at').notNull().defaultNow();

/** Random UUID primary keys: ids in URLs and exports reveal nothing about counts or order. */
export const id = () => uuid('id').primaryKey().defaultRandom();
