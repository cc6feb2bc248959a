import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

/** Base32 (a–z, 2–7) of `bytes` random bytes: safe in URLs and cookies, easy to read aloud. */
export function randomToken(bytes: number): string {
	const buffer = new Uint8Array(bytes);
	crypto.getRandomValues(buffer);
	return encodeBase32LowerCaseNoPadding(buffer);
}

// 160 bits: unguessable for the whole life of a link or session, even at millions of tries a second.
export const newSecret = () => randomToken(20);
// 120 bits: an id only has to be unique, the secret beside it carries the security.
export const newId = () => randomToken(15);

export const hashToken = (token: string): Uint8Array => sha256(new TextEncoder().encode(token));

export function sameHash(a: Uint8Array, b: Uint8Array): boolean {
	return a.length === b.length && constantTimeEqual(a, b);
}

/** A base32 token of the length `randomToken(bytes)` makes, and nothing else. */
export function looksLikeToken(value: string, bytes: number): boolean {
	const length = Math.ceil((bytes * 8) / 5);
	return value.length === length && /^[a-z2-7]+$/.test(value);
}
