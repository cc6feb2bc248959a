import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases';
import { createAdmin } from '../../src/lib/server/staff/create-admin';
import { peekStaffToken, redeemStaffToken } from '../../src/lib/server/auth/staff-token';
import { signIn } from '../../src/lib/server/auth/sign-in';
import { school, staff } from '../../src/lib/server/db/schema';
import { loadDemo } from '../../src/lib/server/demo/load';

describe.each(databaseKinds)('create-admin on %s', (kind) => {
	let t: TestDatabase;
	beforeAll(async () => {
		t = await freshDatabase(kind);
		// The demo school does not count as a school to add admins to.
		await loadDemo(t.db, { origin: new URL('http://localhost:3000') });
	});
	// Each test starts with the demo school alone, and adds the real schools it needs.
	beforeEach(async () => {
		await t.db.delete(school).where(eq(school.isDemo, false));
	});
	afterAll(() => t?.dispose());

	/** De Regenboog with its admin, who has set a password with the one-time link. */
	const regenboog = async () => {
		const made = await createAdmin(t.db, {
			email: 'Directie@Regenboog.example',
			schoolName: 'Basisschool De Regenboog'
		});
		if (!made.ok) throw new Error(made.reason);
		expect((await redeemStaffToken(t.db, made.token, 'een lange zin als wachtwoord')).ok).toBe(
			true
		);
	};

	it('needs a school name while there is no real school', async () => {
		expect(await createAdmin(t.db, { email: 'it@regenboog.example' })).toEqual({
			ok: false,
			reason: 'school_required'
		});
		expect(await createAdmin(t.db, { email: 'not an address' })).toEqual({
			ok: false,
			reason: 'invalid_email'
		});
		expect(await createAdmin(t.db, { email: 'it@regenboog.example\r\nBcc: x@y.z' })).toEqual({
			ok: false,
			reason: 'invalid_email'
		});
	});

	it('creates the school and the admin, whose one-time link sets a password', async () => {
		const result = await createAdmin(t.db, {
			email: 'Directie@Regenboog.example',
			schoolName: 'Basisschool De Regenboog'
		});
		expect(result).toMatchObject({
			ok: true,
			created: true,
			schoolName: 'Basisschool De Regenboog'
		});
		if (!result.ok) return;
		expect(await peekStaffToken(t.db, result.token)).toMatchObject({
			email: 'directie@regenboog.example',
			purpose: 'setup'
		});
		expect((await redeemStaffToken(t.db, result.token, 'een lange zin als wachtwoord')).ok).toBe(
			true
		);
		const signedIn = await signIn(t.db, {
			email: 'directie@regenboog.example',
			password: 'een lange zin als wachtwoord',
			clientAddress: '127.0.0.1'
		});
		expect(signedIn.ok).toBe(true);
		const [row] = await t.db
			.select()
			.from(staff)
			.where(eq(staff.email, 'directie@regenboog.example'));
		expect(row).toMatchObject({ role: 'admin' });
	});

	it('finds the only real school by itself and gives an existing admin a fresh link', async () => {
		await regenboog();
		const again = await createAdmin(t.db, { email: 'directie@regenboog.example' });
		expect(again).toMatchObject({ ok: true, created: false });
		if (again.ok)
			expect(await peekStaffToken(t.db, again.token)).toMatchObject({ purpose: 'reset' });
	});

	it('refuses an address of another school and asks which school when there are several', async () => {
		await regenboog();
		await createAdmin(t.db, { email: 'kantoor@zonnebloem.example', schoolName: 'De Zonnebloem' });
		expect(await createAdmin(t.db, { email: 'x@y.example' })).toEqual({
			ok: false,
			reason: 'school_ambiguous'
		});
		expect(
			await createAdmin(t.db, {
				email: 'kantoor@zonnebloem.example',
				schoolName: 'Basisschool De Regenboog'
			})
		).toEqual({
			ok: false,
			reason: 'belongs_to_other_school'
		});
		expect((await t.db.select().from(school).where(eq(school.isDemo, false))).length).toBe(2);
	});
});
