import { hash, verify } from '@node-rs/argon2';

// Argon2id with OWASP's minimum profile (19 MiB, 2 passes, 1 lane): about 25 ms here, run off
// the event loop by the native binding so sign-ins do not block other requests.
const ARGON2ID = 2; // Algorithm.Argon2id; the enum is `const` and cannot be imported at run time.
const options = {
	algorithm: ARGON2ID,
	memoryCost: 19_456,
	timeCost: 2,
	parallelism: 1,
	outputLen: 32
};

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

export type PasswordProblem = 'too_short' | 'too_long' | 'same_as_email';

export function checkNewPassword(password: string, email: string): PasswordProblem | null {
	if ([...password].length < PASSWORD_MIN_LENGTH) return 'too_short';
	if (password.length > PASSWORD_MAX_LENGTH) return 'too_long';
	if (password.trim().toLowerCase() === email.trim().toLowerCase()) return 'same_as_email';
	return null;
}

export function hashPassword(password: string): Promise<string> {
	return hash(password.normalize('NFC'), options as never);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password.normalize('NFC'));
	} catch {
		return false;
	}
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same work as a real check. Used when no account matches, so that the answer takes
 * as long for an unknown address as for a wrong password and reveals nothing.
 */
export async function verifyNothing(password: string): Promise<false> {
	dummyHash ??= hashPassword(newDummy());
	await verifyPassword(await dummyHash, password);
	return false;
}

function newDummy(): string {
	const bytes = new Uint8Array(16);
	crypto.getRandomValues(bytes);
	return Buffer.from(bytes).toString('base64');
}
