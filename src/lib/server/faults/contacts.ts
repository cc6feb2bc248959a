/**
 * What the outage page may say about the school without the database: remembered, in this
 * process, from the family pages it served. A parent's link names one school; a portal that has
 * only ever served one school can name it on every page. Only a school's public name and phone
 * number and a family's language are kept, under the hash of the link (never the link itself),
 * and only in memory: a restart during an outage forgets them and the page goes without.
 */
import { encodeHexLowerCase } from '@oslojs/encoding';
import { hashToken } from '../auth/token';

const keyOf = (tokenHash: Uint8Array) => encodeHexLowerCase(tokenHash);

export interface SchoolContact {
	schoolName: string;
	phone: string;
}

interface Remembered extends SchoolContact {
	language: string;
}

// Enough for every family of a large school; the oldest entries go first beyond it.
const LIMIT = 5000;
const byLink = new Map<string, Remembered>();
const schools = new Map<string, SchoolContact>();

/** A family's link, by the hash it was opened by (openFamilyLink): no second hash of it. */
export function rememberFamilyLink(
	tokenHash: Uint8Array,
	school: SchoolContact & { schoolId: string },
	language: string
): void {
	const key = keyOf(tokenHash);
	byLink.delete(key);
	byLink.set(key, { schoolName: school.schoolName, phone: school.phone, language });
	if (byLink.size > LIMIT) byLink.delete(byLink.keys().next().value!);
	schools.set(school.schoolId, { schoolName: school.schoolName, phone: school.phone });
}

/** The school (and the family's language) for a family's link, else the only school seen, else null. */
export function knownContact(
	familyToken: string | undefined
): (SchoolContact & { language: string | null }) | null {
	const remembered = familyToken ? byLink.get(keyOf(hashToken(familyToken))) : undefined;
	if (remembered) return remembered.phone ? remembered : null;
	if (schools.size !== 1) return null;
	const only = schools.values().next().value!;
	return only.phone ? { ...only, language: null } : null;
}

/** For tests: forget everything. */
export function forgetContacts(): void {
	byLink.clear();
	schools.clear();
}
