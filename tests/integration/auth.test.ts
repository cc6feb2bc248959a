import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases';
import { makeSchool, makeStaff } from '../support/fixtures';
import { signIn, accountLimit, addressLimit } from '../../src/lib/server/auth/sign-in';
import {
	createSession,
	invalidateAllSessions,
	invalidateSession,
	validateSession,
	SESSION_IDLE_MS,
	SESSION_MAX_MS
} from '../../src/lib/server/auth/session';
import {
	createStaffToken,
	peekStaffToken,
	redeemStaffToken,
	TOKEN_LIFETIME_MS
} from '../../src/lib/server/auth/staff-token';
import { school, staff, staffSession } from '../../src/lib/server/db/schema';

const HOUR = 3_600_000;

describe.each(databaseKinds)('staff authentication on %s', (kind) => {
	let t: TestDatabase;
	let schoolId: string;

	beforeAll(async () => {
		t = await freshDatabase(kind);
		schoolId = (await makeSchool(t.db)).id;
	});
	afterAll(() => t?.dispose());

	it("gives a session the school's own time zone: every date the person sees is on that clock", async () => {
		const flemish = await makeSchool(t.db, 'Basisschool Klavertje Vier');
		await t.db.update(school).set({ timeZone: 'Europe/Brussels' }).where(eq(school.id, flemish.id));
		const person = await makeStaff(t.db, flemish.id);
		const { token } = await createSession(t.db, person.id);
		expect((await validateSession(t.db, token))?.staff.timeZone).toBe('Europe/Brussels');
		const dutch = await makeStaff(t.db, schoolId);
		expect(
			(await validateSession(t.db, (await createSession(t.db, dutch.id)).token))?.staff.timeZone
		).toBe('Europe/Amsterdam');
	});

	it('stores passwords as Argon2id with explicit parameters', async () => {
		const person = await makeStaff(t.db, schoolId);
		expect(person.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
	});

	it('gives the same answer for an unknown account and a wrong password', async () => {
		await makeStaff(t.db, schoolId, {
			email: 'juf.anna@school.example',
			password: 'correct horse battery'
		});
		const wrong = await signIn(t.db, {
			email: 'juf.anna@school.example',
			password: 'not the password',
			clientAddress: '10.0.0.1'
		});
		const unknown = await signIn(t.db, {
			email: 'nobody@school.example',
			password: 'not the password',
			clientAddress: '10.0.0.1'
		});
		expect(wrong).toEqual({ ok: false, reason: 'invalid' });
		expect(unknown).toEqual(wrong);
		const right = await signIn(t.db, {
			email: ' Juf.Anna@School.example ',
			password: 'correct horse battery',
			clientAddress: '10.0.0.1'
		});
		expect(right.ok).toBe(true);
	});

	it('refuses a deactivated account and one that never set a password, in the same words', async () => {
		await makeStaff(t.db, schoolId, { email: 'weg@school.example', active: false });
		await makeStaff(t.db, schoolId, { email: 'nieuw@school.example', password: null });
		const gone = await signIn(t.db, {
			email: 'weg@school.example',
			password: 'correct horse battery',
			clientAddress: '10.0.0.2'
		});
		const fresh = await signIn(t.db, {
			email: 'nieuw@school.example',
			password: '',
			clientAddress: '10.0.0.2'
		});
		expect(gone).toEqual({ ok: false, reason: 'invalid' });
		expect(fresh).toEqual({ ok: false, reason: 'invalid' });
	});

	it('limits attempts per account, for known and unknown accounts alike', async () => {
		await makeStaff(t.db, schoolId, {
			email: 'meester.bas@school.example',
			password: 'correct horse battery'
		});
		for (const email of ['meester.bas@school.example', 'ghost@school.example']) {
			const results = [];
			for (let i = 0; i < accountLimit.max + 1; i++) {
				results.push(
					await signIn(t.db, { email, password: 'guess ' + i, clientAddress: `10.1.0.${i}` })
				);
			}
			expect(results.slice(0, accountLimit.max).every((r) => !r.ok && r.reason === 'invalid')).toBe(
				true
			);
			expect(results.at(-1)).toMatchObject({ ok: false, reason: 'rate_limited' });
		}
		// Even the right password waits until the window is over.
		const locked = await signIn(t.db, {
			email: 'meester.bas@school.example',
			password: 'correct horse battery',
			clientAddress: '10.1.1.1'
		});
		expect(locked).toMatchObject({ ok: false, reason: 'rate_limited' });
		const later = new Date(Date.now() + accountLimit.windowMs + 1000);
		const after = await signIn(
			t.db,
			{
				email: 'meester.bas@school.example',
				password: 'correct horse battery',
				clientAddress: '10.1.1.1'
			},
			later
		);
		expect(after.ok).toBe(true);
	});

	it('limits attempts per network address across accounts', async () => {
		const results = [];
		for (let i = 0; i < addressLimit.max + 1; i++) {
			results.push(
				await signIn(t.db, {
					email: `spray${i}@school.example`,
					password: 'x',
					clientAddress: '192.0.2.77'
				})
			);
		}
		expect(results.at(-2)).toEqual({ ok: false, reason: 'invalid' });
		expect(results.at(-1)).toMatchObject({ ok: false, reason: 'rate_limited' });
	});

	it('counts concurrent attempts exactly: no request slips past the limit', async () => {
		const attempts = await Promise.all(
			Array.from({ length: 30 }, (_, i) =>
				signIn(t.db, {
					email: 'race@school.example',
					password: `p${i}`,
					clientAddress: `10.9.0.${i}`
				})
			)
		);
		expect(attempts.filter((r) => !r.ok && r.reason === 'invalid')).toHaveLength(accountLimit.max);
	});

	it('validates a session token and keeps only a hash of its secret', async () => {
		const person = await makeStaff(t.db, schoolId);
		const { token } = await createSession(t.db, person.id);
		const [id, secret] = token.split('.');
		const [row] = await t.db.select().from(staffSession).where(eq(staffSession.id, id!));
		expect(row!.secretHash).toHaveLength(32);
		expect(Buffer.from(row!.secretHash).toString('utf8')).not.toContain(secret!);
		const session = await validateSession(t.db, token);
		expect(session?.staff).toMatchObject({ id: person.id, schoolId, role: 'teacher' });
	});

	it('rejects tampered, malformed and foreign tokens', async () => {
		const person = await makeStaff(t.db, schoolId);
		const { token } = await createSession(t.db, person.id);
		const [id, secret] = token.split('.') as [string, string];
		const flipped = secret.slice(0, -1) + (secret.endsWith('a') ? 'b' : 'a');
		for (const bad of [
			`${id}.${flipped}`,
			id,
			`${id}.`,
			`.${secret}`,
			`${id}.${secret}.x`,
			'x'.repeat(10_000),
			"'; drop table staff; --",
			`${id.toUpperCase()}.${secret}`
		]) {
			expect(await validateSession(t.db, bad)).toBeNull();
		}
	});

	it('slides the expiry with use, up to an absolute maximum', async () => {
		const person = await makeStaff(t.db, schoolId);
		const start = new Date('2026-11-02T08:00:00Z');
		const { token, expiresAt } = await createSession(t.db, person.id, start);
		expect(expiresAt.getTime()).toBe(start.getTime() + SESSION_IDLE_MS);

		// Used every 22 hours: never idle long enough to expire, until the absolute maximum.
		let uses = 0;
		for (
			let at = start.getTime() + 22 * HOUR;
			at < start.getTime() + SESSION_MAX_MS;
			at += 22 * HOUR
		) {
			const session = await validateSession(t.db, token, new Date(at));
			uses++;
			expect(session, `still valid on use ${uses}`).not.toBeNull();
			expect(session!.expiresAt.getTime()).toBeLessThanOrEqual(start.getTime() + SESSION_MAX_MS);
		}
		expect(uses).toBeGreaterThan(10);
		expect(
			await validateSession(t.db, token, new Date(start.getTime() + SESSION_MAX_MS + 1000))
		).toBeNull();
	});

	it('expires an idle session', async () => {
		const person = await makeStaff(t.db, schoolId);
		const start = new Date('2026-11-02T08:00:00Z');
		const { token } = await createSession(t.db, person.id, start);
		expect(
			await validateSession(t.db, token, new Date(start.getTime() + SESSION_IDLE_MS + 1000))
		).toBeNull();
		// And it is gone, not merely refused.
		expect(
			await t.db
				.select()
				.from(staffSession)
				.where(eq(staffSession.id, token.split('.')[0]!))
		).toHaveLength(0);
	});

	it('kills a session on sign-out, and all of them on deactivation', async () => {
		const person = await makeStaff(t.db, schoolId);
		const one = await createSession(t.db, person.id);
		const two = await createSession(t.db, person.id);
		const oneSession = await validateSession(t.db, one.token);
		await invalidateSession(t.db, oneSession!.id);
		expect(await validateSession(t.db, one.token)).toBeNull();
		expect(await validateSession(t.db, two.token)).not.toBeNull();
		await t.db.update(staff).set({ active: false }).where(eq(staff.id, person.id));
		expect(await validateSession(t.db, two.token)).toBeNull();
		await invalidateAllSessions(t.db, person.id);
	});

	it('lets a setup link set a password exactly once', async () => {
		const person = await makeStaff(t.db, schoolId, {
			email: 'stagiair@school.example',
			password: null
		});
		const token = await createStaffToken(t.db, person.id, 'setup');
		expect(await peekStaffToken(t.db, token)).toMatchObject({
			email: 'stagiair@school.example',
			purpose: 'setup'
		});
		expect(await redeemStaffToken(t.db, token, 'kort')).toEqual({ ok: false, reason: 'too_short' });
		expect(await redeemStaffToken(t.db, token, 'stagiair@school.example')).toEqual({
			ok: false,
			reason: 'same_as_email'
		});
		expect(await redeemStaffToken(t.db, token, 'a good long passphrase')).toEqual({
			ok: true,
			staffId: person.id
		});
		expect(await redeemStaffToken(t.db, token, 'another long passphrase')).toEqual({
			ok: false,
			reason: 'invalid_link'
		});
		const signedIn = await signIn(t.db, {
			email: 'stagiair@school.example',
			password: 'a good long passphrase',
			clientAddress: '10.3.0.1'
		});
		expect(signedIn.ok).toBe(true);
	});

	it('refuses an expired or superseded setup link', async () => {
		const person = await makeStaff(t.db, schoolId, { password: null });
		const now = new Date();
		const first = await createStaffToken(t.db, person.id, 'setup', now);
		const second = await createStaffToken(t.db, person.id, 'setup', now);
		expect(await redeemStaffToken(t.db, first, 'a good long passphrase')).toEqual({
			ok: false,
			reason: 'invalid_link'
		});
		const late = new Date(now.getTime() + TOKEN_LIFETIME_MS.setup + 1000);
		expect(await redeemStaffToken(t.db, second, 'a good long passphrase', late)).toEqual({
			ok: false,
			reason: 'invalid_link'
		});
		expect(await peekStaffToken(t.db, 'not-a-token')).toBeNull();
	});
});
