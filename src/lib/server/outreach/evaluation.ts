/**
 * What the tries to reach families came to, for the round's evaluation: how many families staff
 * tried to reach, how many of those answered after one, two, or three and more tries, and per
 * channel how many tries there were and how many reached someone. Frozen with the rest of the
 * evaluation (evaluation/figures.ts) before retention removes the tries.
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from '../db';
import { contactChannels, type ContactChannel } from './attempts';

export interface OutreachFigures {
	/** Families with at least one try. */
	tried: number;
	/** Of those, the families that answered (booked or declined), by the number of tries. */
	answeredAfter: { one: number; two: number; more: number };
	/** Per channel: tries, and tries that reached someone (not "no answer", not "wrong number"). */
	channels: { channel: ContactChannel; attempts: number; reached: number }[];
}

export async function outreachFigures(
	db: Database,
	schoolId: string,
	roundId: string
): Promise<OutreachFigures> {
	const [families] = rowsOf<Record<string, unknown>>(
		await db.execute(sql`
			with tries as (
				select ca.family_id, count(*)::int as n,
					exists (select 1 from booking b where b.family_id = ca.family_id and b.round_id = ${roundId}
					   and b.status in ('booked', 'declined')) as answered
				from contact_attempt ca
				where ca.school_id = ${schoolId} and ca.round_id = ${roundId}
				group by ca.family_id
			)
			select count(*)::int as tried,
				count(*) filter (where answered and n = 1)::int as one,
				count(*) filter (where answered and n = 2)::int as two,
				count(*) filter (where answered and n >= 3)::int as more
			from tries`)
	);
	const byChannel = rowsOf<{ channel: ContactChannel; attempts: number; reached: number }>(
		await db.execute(sql`
			select channel::text as channel, count(*)::int as attempts,
				count(*) filter (where outcome not in ('no_answer', 'wrong_number'))::int as reached
			from contact_attempt
			where school_id = ${schoolId} and round_id = ${roundId}
			group by channel`)
	);
	return {
		tried: Number(families?.tried ?? 0),
		answeredAfter: {
			one: Number(families?.one ?? 0),
			two: Number(families?.two ?? 0),
			more: Number(families?.more ?? 0)
		},
		// Every channel, in the schema's order, so a channel never used shows as 0.
		channels: contactChannels.map((channel) => {
			const row = byChannel.find((r) => r.channel === channel);
			return { channel, attempts: Number(row?.attempts ?? 0), reached: Number(row?.reached ?? 0) };
		})
	};
}
