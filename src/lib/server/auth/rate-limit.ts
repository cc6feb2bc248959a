/**
 * Fixed-window rate limits kept in the database, so they hold across restarts and across several
 * server processes. One statement counts and reads the hit, so concurrent requests cannot slip
 * past the limit between a check and an update.
 */
import { sql } from 'drizzle-orm';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { affectedRows, rowsOf, type Database } from '../db';
import { hashToken } from './token';
import { now as businessNow } from '../clock';

export interface Limit {
	/** What is counted, e.g. `sign-in:account`. */
	scope: string;
	max: number;
	windowMs: number;
}

export interface LimitResult {
	allowed: boolean;
	/** When the current window ends: how long to ask the person to wait. */
	retryAt: Date;
}

export const keyOf = (limit: Limit, subject: string) =>
	encodeHexLowerCase(hashToken(`${limit.scope}\u0000${subject}`));

export async function hit(
	db: Database,
	limit: Limit,
	subject: string,
	now = businessNow()
): Promise<LimitResult> {
	const keyHash = keyOf(limit, subject);
	const windowFloor = new Date(now.getTime() - limit.windowMs);
	const result = await db.execute(sql`
		insert into rate_limit (key_hash, window_start, hits)
		values (${keyHash}, ${now.toISOString()}, 1)
		on conflict (key_hash) do update set
			hits = case when rate_limit.window_start <= ${windowFloor.toISOString()} then 1 else rate_limit.hits + 1 end,
			window_start = case when rate_limit.window_start <= ${windowFloor.toISOString()} then excluded.window_start else rate_limit.window_start end
		returning hits, window_start`);
	const [row] = rowsOf<{ hits: number; window_start: string | Date }>(result);
	if (!row) throw new Error('rate limit upsert returned no row');
	const windowStart = new Date(row.window_start);
	return {
		allowed: Number(row.hits) <= limit.max,
		retryAt: new Date(windowStart.getTime() + limit.windowMs)
	};
}

export async function reset(db: Database, limit: Limit, subject: string): Promise<void> {
	await db.execute(sql`delete from rate_limit where key_hash = ${keyOf(limit, subject)}`);
}

/** Windows that ended a day ago are of no use to anyone. Returns how many went. */
export async function purgeOld(db: Database, now = businessNow()): Promise<number> {
	return affectedRows(
		await db.execute(
			sql`delete from rate_limit where window_start < ${new Date(now.getTime() - 86_400_000).toISOString()}`
		)
	);
}
