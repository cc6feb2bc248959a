/**
 * A family's personal link for a visit round. The token is 160 random bits (at least 128 are
 * asked for); only its SHA-256 is stored, so the link cannot be rebuilt from the database and
 * the office regenerates it instead of looking it up.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../db';
import { familyLink } from '../db/schema';
import { hashToken, looksLikeToken, newSecret } from '../auth/token';

export const FAMILY_TOKEN_BYTES = 20;

export const familyUrl = (origin: URL, token: string) => new URL(`/f/${token}`, origin).toString();

/** Revokes the family's current link for the round (if any) and returns a new token. */
export async function issueFamilyLink(db: Database, familyId: string, roundId: string, now = new Date()): Promise<string> {
	const token = newSecret();
	await db
		.update(familyLink)
		.set({ revokedAt: now })
		.where(and(eq(familyLink.familyId, familyId), eq(familyLink.roundId, roundId), isNull(familyLink.revokedAt)));
	await db.insert(familyLink).values({ familyId, roundId, tokenHash: hashToken(token), createdAt: now });
	return token;
}

/** The family and round a token opens, or null for anything unknown, revoked or malformed. */
export async function resolveFamilyLink(db: Database, token: string): Promise<{ familyId: string; roundId: string } | null> {
	if (!looksLikeToken(token, FAMILY_TOKEN_BYTES)) return null;
	const [row] = await db
		.select({ familyId: familyLink.familyId, roundId: familyLink.roundId })
		.from(familyLink)
		.where(and(eq(familyLink.tokenHash, hashToken(token)), isNull(familyLink.revokedAt)));
	return row ?? null;
}
