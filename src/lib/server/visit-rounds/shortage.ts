/**
 * Teachers with fewer free times than families still to choose one. One teacher with 6 times
 * for 38 families left 33 families without a time to pick, and the school saw it only in the
 * evaluation: the office's home, the round's page and the teacher's own home say it while
 * there is time to add slots.
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from '../db';
import { familiesOfRounds, idList } from './progress';

export interface SlotShortage {
	roundId: string;
	staffId: string;
	staffName: string;
	/** The teacher's families in the round with no answer yet (not booked, not declined). */
	toBook: number;
	/** The teacher's times in the round nobody has booked that can still be booked (after the change deadline). */
	freeSlots: number;
}

/**
 * Per round and teacher, where free times fall short of the families still to book: the
 * biggest gap first. `staffId` narrows it to one teacher (her own home page).
 */
export async function slotShortages(
	db: Database,
	schoolId: string,
	roundIds: readonly string[],
	now: Date,
	staffId: string | null = null
): Promise<SlotShortage[]> {
	if (roundIds.length === 0) return [];
	const rows = rowsOf<Record<string, unknown>>(
		await db.execute(sql`
			with fams as (${familiesOfRounds(schoolId, roundIds)}),
			to_book as (
				select fams.round_id, f.visiting_staff_id as staff_id, count(*)::int as n
				from fams join family f on f.id = fams.family_id
				-- Once booking has closed, no time added helps.
				join visit_round r on r.id = fams.round_id and r.booking_closes_at > ${now.toISOString()}::timestamptz
				where f.school_id = ${schoolId} and f.visiting_staff_id is not null
				  ${staffId ? sql`and f.visiting_staff_id = ${staffId}` : sql``}
				  and not exists (select 1 from booking b where b.family_id = f.id and b.round_id = fams.round_id and b.status <> 'cancelled')
				group by 1, 2
			),
			free as (
				select s.round_id, s.staff_id, count(*)::int as n
				from slot s join visit_round r on r.id = s.round_id
				where s.school_id = ${schoolId} and s.round_id in (${idList(roundIds)})
				  ${staffId ? sql`and s.staff_id = ${staffId}` : sql``}
				  and s.starts_at > ${now.toISOString()}::timestamptz + make_interval(hours => r.change_deadline_hours)
				  and not exists (select 1 from booking b where b.slot_id = s.id and b.status = 'booked')
				group by 1, 2
			)
			select t.round_id, t.staff_id, st.name as staff_name, t.n as to_book, coalesce(free.n, 0) as free_slots
			from to_book t
			join staff st on st.id = t.staff_id
			left join free on free.round_id = t.round_id and free.staff_id = t.staff_id
			where coalesce(free.n, 0) < t.n
			order by t.n - coalesce(free.n, 0) desc, st.name`)
	);
	return rows.map((r) => ({
		roundId: r.round_id as string,
		staffId: r.staff_id as string,
		staffName: r.staff_name as string,
		toBook: Number(r.to_book),
		freeSlots: Number(r.free_slots)
	}));
}
