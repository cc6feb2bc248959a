/**
 * The round's public newsletter link: a parent types an e-mail address and, if it belongs to a
 * family in the round, that family's personal link goes to it through the outbox. The answer
 * is the same whether the address is known or not, so the page tells no one who is a parent
 * at the school; the limits keep it from being used to flood a mailbox.
 */
import { and, eq, sql } from 'drizzle-orm';
import { rowsOf, type Database } from '../db';
import { school, visitRound } from '../db/schema';
import { enqueue } from '../mail/outbox';
import { hit, type Limit } from '../auth/rate-limit';
import { familyUrl, issueFamilyLink } from './links';
import { familiesInRound } from './overview';
import { transaction } from '../db/transaction';

export const LINK_REQUESTS_PER_ADDRESS: Limit = {
	scope: 'family-link:email',
	max: 3,
	windowMs: 60 * 60_000
};
// Parents on the school's wifi (a coffee morning, the school gate) share one address.
export const LINK_REQUESTS_PER_NETWORK: Limit = {
	scope: 'family-link:network',
	max: 300,
	windowMs: 60 * 60_000
};

export interface NewsletterRound {
	roundId: string;
	schoolId: string;
	schoolName: string;
	roundName: string;
	startsOn: string;
	endsOn: string;
	closesAt: Date;
	timeZone: string;
}

export async function roundByNewsletterCode(
	db: Database,
	code: string
): Promise<NewsletterRound | null> {
	if (!/^[0-9a-f]{32}$/.test(code)) return null;
	const [row] = await db
		.select({
			roundId: visitRound.id,
			schoolId: visitRound.schoolId,
			schoolName: school.name,
			roundName: visitRound.name,
			startsOn: visitRound.startsOn,
			endsOn: visitRound.endsOn,
			closesAt: visitRound.bookingClosesAt,
			timeZone: school.timeZone
		})
		.from(visitRound)
		.innerJoin(school, eq(school.id, visitRound.schoolId))
		.where(eq(visitRound.newsletterCode, code));
	return row ?? null;
}

/** Gives the round a new newsletter code; the old newsletter link stops working. */
export async function renewNewsletterCode(
	db: Database,
	schoolId: string,
	roundId: string
): Promise<boolean> {
	const rows = await db
		.update(visitRound)
		.set({ newsletterCode: sql`replace(gen_random_uuid()::text, '-', '')` })
		.where(and(eq(visitRound.id, roundId), eq(visitRound.schoolId, schoolId)))
		.returning({ id: visitRound.id });
	return rows.length === 1;
}

export type LinkRequestResult = 'accepted' | 'rate_limited';

/**
 * Queues "your personal link" for every family of the round with this guardian address. Each
 * mail carries a fresh e-mail link; the family's printed or copied link keeps working.
 */
export async function requestFamilyLink(
	db: Database,
	round: NewsletterRound,
	email: string,
	network: string,
	origin: URL,
	now: Date
): Promise<LinkRequestResult> {
	const address = email.toLowerCase();
	const [byAddress, byNetwork] = await Promise.all([
		hit(db, LINK_REQUESTS_PER_ADDRESS, address, now),
		hit(db, LINK_REQUESTS_PER_NETWORK, network, now)
	]);
	if (!byAddress.allowed || !byNetwork.allowed) return 'rate_limited';
	await transaction(db, async (tx) => {
		const families = rowsOf<{ family_id: string; language: string; name: string }>(
			await tx.execute(sql`
				select f.id as family_id, f.language, min(g.name) as name
				from family f
				join guardian g on g.family_id = f.id and lower(g.email) = ${address}
				where f.school_id = ${round.schoolId} and f.id in (${familiesInRound(round.roundId)})
				group by f.id, f.language`)
		);
		for (const f of families) {
			const token = await issueFamilyLink(tx, f.family_id, round.roundId, now, 'email');
			// The link itself must wait here until it is sent; the mail worker clears it after.
			await enqueue(
				tx,
				'family_link',
				[
					{
						schoolId: round.schoolId,
						toAddress: address,
						toName: f.name,
						language: f.language,
						familyId: f.family_id,
						roundId: round.roundId,
						payload: {
							url: familyUrl(origin, token),
							roundName: round.roundName,
							schoolName: round.schoolName
						}
					}
				],
				{ now }
			);
		}
	});
	return 'accepted';
}
