/**
 * A family's personal link for a visit round. The token is 160 random bits (at least 128 are
 * asked for); only its SHA-256 is stored, so the link cannot be rebuilt from the database and
 * the office makes a new one instead of looking it up.
 */
import { and, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db';
import { transaction } from '../db/transaction';
import { family, familyLink, linkChannel, school, visitRound } from '../db/schema';
import { hashToken, looksLikeToken, newSecret } from '../auth/token';

export const FAMILY_TOKEN_BYTES = 20;

export type LinkChannel = (typeof linkChannel.enumValues)[number];

export const familyUrl = (origin: URL, token: string) => new URL(`/f/${token}`, origin).toString();

/**
 * A new link for the family on this channel; the family's earlier links on the same channel stop
 * working. An office link goes through issueOfficeLinks (below), whose rule it shares.
 */
export async function issueFamilyLink(
	db: Database,
	familyId: string,
	roundId: string,
	now = new Date(),
	channel: LinkChannel = 'office'
): Promise<string> {
	if (channel === 'office')
		return (await issueOfficeLinks(db, [familyId], roundId, now, true)).get(familyId)!;
	const token = newSecret();
	await db
		.update(familyLink)
		.set({ revokedAt: now })
		.where(
			and(
				eq(familyLink.familyId, familyId),
				eq(familyLink.roundId, roundId),
				eq(familyLink.channel, channel),
				isNull(familyLink.revokedAt)
			)
		);
	await db
		.insert(familyLink)
		.values({ familyId, roundId, channel, tokenHash: hashToken(token), createdAt: now });
	return token;
}

/**
 * New office links (a printed letter, a copied link) for several families in one INSERT; the
 * tokens by family id. A family may hold several office links at once (family_link_active_key
 * leaves the office channel out), so a second letter does not break the first. With `replace`,
 * the families' earlier office links stop working: their rows are locked first, so two prints
 * at once serialise per family and only the later one's links stay. E-mailed and texted links
 * are never touched here.
 */
export async function issueOfficeLinks(
	db: Database,
	familyIds: readonly string[],
	roundId: string,
	now: Date,
	replace: boolean
): Promise<Map<string, string>> {
	const tokens = new Map(familyIds.map((id) => [id, newSecret()] as const));
	if (tokens.size === 0) return tokens;
	const ids = [...tokens.keys()];
	await transaction(db, async (tx) => {
		if (replace) {
			await tx.execute(
				sql`select id from family where id in (${sql.join(
					ids.map((id) => sql`${id}`),
					sql`, `
				)}) order by id for update`
			);
			await tx
				.update(familyLink)
				.set({ revokedAt: now })
				.where(
					and(
						inArray(familyLink.familyId, ids),
						eq(familyLink.roundId, roundId),
						eq(familyLink.channel, 'office'),
						isNull(familyLink.revokedAt)
					)
				);
		}
		await tx.insert(familyLink).values(
			ids.map((familyId) => ({
				familyId,
				roundId,
				channel: 'office' as const,
				tokenHash: hashToken(tokens.get(familyId)!),
				createdAt: now
			}))
		);
	});
	return tokens;
}

/** Every link of the family for the round stops working (a lost letter, a forwarded mail). */
export async function revokeFamilyLinks(
	db: Database,
	familyId: string,
	roundId: string,
	now = new Date()
): Promise<number> {
	const rows = await db
		.update(familyLink)
		.set({ revokedAt: now })
		.where(
			and(
				eq(familyLink.familyId, familyId),
				eq(familyLink.roundId, roundId),
				isNull(familyLink.revokedAt)
			)
		)
		.returning({ id: familyLink.id });
	return rows.length;
}

export interface OpenedLink {
	familyId: string;
	roundId: string;
	schoolId: string;
	/** The family's home language from the roster: the page's first guess at the reader's language. */
	language: string;
}

/** The family and round a token opens, or null for anything unknown, revoked or malformed. */
export async function resolveFamilyLink(db: Database, token: string): Promise<OpenedLink | null> {
	if (!looksLikeToken(token, FAMILY_TOKEN_BYTES)) return null;
	const [row] = await db
		.select({
			familyId: familyLink.familyId,
			roundId: familyLink.roundId,
			schoolId: family.schoolId,
			language: family.language
		})
		.from(familyLink)
		.innerJoin(family, eq(family.id, familyLink.familyId))
		// A link never crosses schools, even if a row were ever mixed up.
		.innerJoin(
			visitRound,
			and(eq(visitRound.id, familyLink.roundId), eq(visitRound.schoolId, family.schoolId))
		)
		.where(and(eq(familyLink.tokenHash, hashToken(token)), isNull(familyLink.revokedAt)));
	return row ?? null;
}

/** What the page of a retired link may say: whose school it was and how to get a new link, nothing of the family. */
export interface RetiredLink {
	schoolName: string;
	schoolPhone: string;
	/** The round's newsletter page, where a parent asks for a fresh link by e-mail; null once the round has closed. */
	newsletterCode: string | null;
}

/**
 * A token we issued and later revoked or replaced (a new letter, a lost mail). Its holder is
 * most likely the family itself, so the page names the school and offers a fresh link; an
 * unknown token gets null and a page that names no one.
 */
export async function retiredFamilyLink(
	db: Database,
	token: string,
	now: Date
): Promise<RetiredLink | null> {
	if (!looksLikeToken(token, FAMILY_TOKEN_BYTES)) return null;
	const [row] = await db
		.select({
			schoolName: school.name,
			schoolPhone: school.phone,
			newsletterCode: visitRound.newsletterCode,
			closesAt: visitRound.bookingClosesAt
		})
		.from(familyLink)
		.innerJoin(family, eq(family.id, familyLink.familyId))
		.innerJoin(
			visitRound,
			and(eq(visitRound.id, familyLink.roundId), eq(visitRound.schoolId, family.schoolId))
		)
		.innerJoin(school, eq(school.id, family.schoolId))
		.where(and(eq(familyLink.tokenHash, hashToken(token)), isNotNull(familyLink.revokedAt)));
	if (!row) return null;
	return {
		schoolName: row.schoolName,
		schoolPhone: row.schoolPhone,
		newsletterCode: row.closesAt > now ? row.newsletterCode : null
	};
}
