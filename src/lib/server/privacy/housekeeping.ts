/**
 * Expired things that only take up room and could leak: sessions, one-time links, old mail
 * and its delivery log, revoked links and feeds, roster uploads, rate-limit windows, and audit
 * entries beyond the time a school needs to account for access.
 */
import { sql } from 'drizzle-orm';
import { affectedRows as count, type Database } from '../db';
import { purgeOld } from '../auth/rate-limit';
import { deleteExpiredUploads } from '../roster/uploads';
import { monthsBefore } from './policy';

const DAY = 86_400_000;
/** Sent mail is kept a month (for "did they get it?"), failed mail three months. */
export const SENT_MAIL_DAYS = 30;
export const FAILED_MAIL_DAYS = 90;
export const REVOKED_DAYS = 30;
export const AUDIT_MONTHS = 24;

export interface HousekeepingCounts {
	sessions: number;
	tokens: number;
	messages: number;
	links: number;
	feeds: number;
	uploads: number;
	rateLimits: number;
	audit: number;
}

export async function housekeeping(db: Database, now: Date): Promise<HousekeepingCounts> {
	const ago = (days: number) => new Date(now.getTime() - days * DAY).toISOString();
	return {
		sessions: count(
			await db.execute(
				sql`delete from staff_session where expires_at < ${now.toISOString()}::timestamptz`
			)
		),
		tokens: count(
			await db.execute(
				sql`delete from staff_token where expires_at < ${ago(REVOKED_DAYS)}::timestamptz or used_at < ${ago(REVOKED_DAYS)}::timestamptz`
			)
		),
		messages: count(
			await db.execute(sql`delete from outbox where (status in ('sent', 'skipped') and created_at < ${ago(SENT_MAIL_DAYS)}::timestamptz)
				or (status = 'failed' and created_at < ${ago(FAILED_MAIL_DAYS)}::timestamptz)`)
		),
		links: count(
			await db.execute(
				sql`delete from family_link where revoked_at < ${ago(REVOKED_DAYS)}::timestamptz`
			)
		),
		feeds: count(
			await db.execute(
				sql`delete from calendar_feed where revoked_at < ${ago(REVOKED_DAYS)}::timestamptz`
			)
		),
		uploads: await deleteExpiredUploads(db, now),
		rateLimits: await purgeOld(db, now),
		audit: count(
			await db.execute(
				sql`delete from audit_event where created_at < ${monthsBefore(now, AUDIT_MONTHS).toISOString()}::timestamptz`
			)
		)
	};
}
