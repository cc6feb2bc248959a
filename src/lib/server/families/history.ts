/**
 * A family's answer for a round over time, read from the audit log: every booking, change,
 * "no meeting", cancellation and move, with who did it (the family through its link, or which
 * staff member) and when. The log holds ids and codes only (booking/audit.ts); names come
 * from the staff table at reading time.
 */
import { sql } from 'drizzle-orm';
import { jsonOf, rowsOf, type Database } from '../db';
import { answerFields, type AnswerEvent, type AnswerField } from '../booking/audit';

export interface HistoryEntry {
	at: Date;
	event: AnswerEvent;
	/** `staff` with the person's name; `null` name: the staff member's account is gone. */
	by: { kind: 'family' } | { kind: 'staff'; name: string | null };
	location: 'home' | 'school' | 'neutral' | null;
	/** The interpreter choice the answer recorded; `none` also for an entry that named none. */
	interpreter: 'none' | 'bring' | 'arrange';
	changed: AnswerField[];
	/** A cancellation because the school deleted the time. */
	slotDeleted: boolean;
}

const events: readonly AnswerEvent[] = ['created', 'changed', 'declined', 'cancelled', 'moved'];
const locations = ['home', 'school', 'neutral'] as const;

/** Entries from before the three-way choice hold `true` for an interpreter asked of the school. */
const interpreterOf = (value: unknown): HistoryEntry['interpreter'] =>
	value === true || value === 'arrange' ? 'arrange' : value === 'bring' ? 'bring' : 'none';

export async function answerHistory(
	db: Database,
	schoolId: string,
	familyId: string,
	roundId: string
): Promise<HistoryEntry[]> {
	const rows = rowsOf<Record<string, unknown>>(
		await db.execute(sql`
			select a.action, a.actor_kind, a.detail, a.created_at, st.name as staff_name
			from audit_event a
			left join staff st on a.actor_kind = 'staff' and st.id = a.actor_id and st.school_id = a.school_id
			where a.school_id = ${schoolId} and a.subject_type = 'booking' and a.action like 'booking.%'
			  and a.subject_id in (select id from booking where family_id = ${familyId} and round_id = ${roundId})
			order by a.created_at, a.id`)
	);
	return rows.flatMap((r) => {
		const event = String(r.action).slice('booking.'.length) as AnswerEvent;
		if (!events.includes(event)) return [];
		const detail = jsonOf<Record<string, unknown>>(r.detail);
		const location = locations.find((l) => l === detail?.location) ?? null;
		const changed = String(detail?.changed ?? '')
			.split(' ')
			.filter((c): c is AnswerField => answerFields.includes(c as AnswerField));
		return [
			{
				at: new Date(r.created_at as string),
				event,
				by:
					r.actor_kind === 'family'
						? { kind: 'family' as const }
						: { kind: 'staff' as const, name: (r.staff_name as string | null) ?? null },
				location,
				interpreter: interpreterOf(detail?.interpreter),
				changed,
				slotDeleted: detail?.slotDeleted === true
			}
		];
	});
}
