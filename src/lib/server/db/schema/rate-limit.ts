import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { instant } from './common';

/**
 * Fixed-window counters for rate limits, shared by every server process. The key is a SHA-256
 * of what is limited (an e-mail address, a network address), so the table holds no personal data.
 */
export const rateLimit = pgTable('rate_limit', {
	keyHash: text('key_hash').primaryKey(),
	windowStart: instant('window_start').notNull(),
	hits: integer('hits').notNull()
});
