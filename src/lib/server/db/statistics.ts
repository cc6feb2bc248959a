import { sql } from 'drizzle-orm';
import type { Database } from './index';

/**
 * Brings the planner's table statistics up to date. PostgreSQL's autovacuum does this in time;
 * PGlite has no autovacuum, so without it the embedded database never learns that a school has
 * a thousand families and plans its joins as if it had a handful. Run after migrations, after a
 * roster import (the biggest change there is) and daily. Milliseconds for a school's data.
 */
export async function refreshStatistics(db: Database): Promise<void> {
	await db.execute(sql`analyze`);
}
