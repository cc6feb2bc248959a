/**
 * Reminders, sent once per visit time: each is queued with a dedupe key (booking, start,
 * address) that a unique index guards, so restarts and several workers cannot double it. A
 * visit booked or changed after its reminder time gets none: the confirmation just went out.
 * The worker checks again before sending, so a visit cancelled meanwhile gets no reminder.
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from '../db';
import { enqueue } from '../mail/outbox';
import { reminderMessages } from './visit-messages';
import { transaction } from '../db/transaction';

export async function queueReminders(db: Database, now: Date, limit = 200): Promise<number> {
	const due = rowsOf<{ id: string; epoch: string }>(
		await db.execute(sql`
			select b.id, extract(epoch from s.starts_at)::bigint::text as epoch
			from booking b
			join slot s on s.id = b.slot_id
			join visit_round r on r.id = b.round_id
			where b.status = 'booked'
				and s.starts_at > ${now.toISOString()}::timestamptz
				and s.starts_at <= ${now.toISOString()}::timestamptz + make_interval(hours => r.reminder_hours_before)
				and b.updated_at < s.starts_at - make_interval(hours => r.reminder_hours_before)
				and not exists (select 1 from outbox o where o.booking_id = b.id and o.kind = 'visit_reminder' and o.dedupe_key like 'reminder:' || b.id || ':' || extract(epoch from s.starts_at)::bigint || ':%')
			limit ${limit}`)
	);
	let queued = 0;
	for (const visit of due) {
		await transaction(db, async (tx) => {
			const messages = await reminderMessages(tx, visit.id);
			queued += await enqueue(
				tx,
				'visit_reminder',
				messages.map((m) => ({
					...m,
					dedupeKey: `reminder:${visit.id}:${visit.epoch}:${m.toAddress.toLowerCase()}`
				})),
				{ now, once: true }
			);
		});
	}
	return queued;
}
