import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases';
import { makeSchool, makeStaff } from '../support/fixtures';
import {
	findStaffMember,
	inviteStaff,
	newStaffLink,
	setActive,
	setGroups
} from '../../src/lib/server/staff/manage';
import { redeemStaffToken } from '../../src/lib/server/auth/staff-token';
import { signIn } from '../../src/lib/server/auth/sign-in';
import { createSession, validateSession } from '../../src/lib/server/auth/session';
import { family, group, outbox, pupil } from '../../src/lib/server/db/schema';
import { drainOutbox } from '../../src/lib/server/mail/worker';
import { mailboxTransport } from '../../src/lib/server/mail/transport';

// The business clock three days behind the wall clock, as under FAKE_NOW: one-time links made
// then are still valid now, and mail queued at the wall clock's time would not be due yet.
const clock = new Date(Date.now() - 3 * 86_400_000);

describe.each(databaseKinds)('the office manages its team on %s', (kind) => {
	let t: TestDatabase;
	let schoolId: string;
	let adminId: string;

	beforeAll(async () => {
		t = await freshDatabase(kind);
		schoolId = (await makeSchool(t.db)).id;
		adminId = (await makeStaff(t.db, schoolId, { role: 'admin', email: 'kantoor@school.example' }))
			.id;
	});
	afterAll(() => t?.dispose());

	it('invites a teacher whose one-time link sets a password', async () => {
		const result = await inviteStaff(
			t.db,
			schoolId,
			adminId,
			{ name: '  Petra Vos ', email: 'Petra.Vos@School.example', title: 'teacher' },
			clock
		);
		if (!result.ok) throw new Error(result.reason);
		expect(await findStaffMember(t.db, schoolId, result.staffId)).toMatchObject({
			name: 'Petra Vos',
			email: 'petra.vos@school.example',
			role: 'teacher',
			hasPassword: false
		});
		expect((await redeemStaffToken(t.db, result.token, 'een lange zin voor petra')).ok).toBe(true);
		expect(
			(
				await signIn(t.db, {
					email: 'petra.vos@school.example',
					password: 'een lange zin voor petra',
					clientAddress: '127.0.0.1'
				})
			).ok
		).toBe(true);
	});

	it('queues the invitation and a new link on the business clock, so they go out under a test clock', async () => {
		const invited = await inviteStaff(
			t.db,
			schoolId,
			adminId,
			{ name: 'Klok Tester', email: 'klok@school.example', title: 'teacher' },
			clock
		);
		if (!invited.ok) throw new Error(invited.reason);
		expect(await newStaffLink(t.db, schoolId, adminId, invited.staffId, clock)).not.toBeNull();
		const queued = await t.db
			.select({
				kind: outbox.kind,
				nextAttemptAt: outbox.nextAttemptAt,
				createdAt: outbox.createdAt
			})
			.from(outbox)
			.where(eq(outbox.toAddress, 'klok@school.example'));
		expect(queued.map((m) => [m.kind, m.createdAt.getTime(), m.nextAttemptAt.getTime()])).toEqual([
			['staff_invite', clock.getTime(), clock.getTime()],
			['staff_invite', clock.getTime(), clock.getTime()]
		]);
		const run = await drainOutbox({
			db: t.db,
			transport: mailboxTransport(),
			origin: new URL('https://huisbezoek.school.example'),
			fromAddress: 'huisbezoek@school.example',
			now: () => clock
		});
		expect(run.sent).toBeGreaterThanOrEqual(2);
		const left = await t.db
			.select({ status: outbox.status })
			.from(outbox)
			.where(eq(outbox.toAddress, 'klok@school.example'));
		expect(left.map((m) => m.status)).toEqual(['sent', 'sent']);
	});

	it('gives directors and care coordinators the admin role, interns the teacher role', async () => {
		const ib = await inviteStaff(
			t.db,
			schoolId,
			adminId,
			{ name: 'IB', email: 'ib@school.example', title: 'care_coordinator' },
			clock
		);
		const intern = await inviteStaff(
			t.db,
			schoolId,
			adminId,
			{ name: 'Stagiair', email: 'stage@school.example', title: 'intern' },
			clock
		);
		expect(ib.ok && (await findStaffMember(t.db, schoolId, ib.staffId))?.role).toBe('admin');
		expect(intern.ok && (await findStaffMember(t.db, schoolId, intern.staffId))?.role).toBe(
			'teacher'
		);
	});

	it('refuses a taken address, also one of another school, and nonsense', async () => {
		const taken = await inviteStaff(
			t.db,
			schoolId,
			adminId,
			{ name: 'Bram Smit', email: 'Bram.Smit@School.example', title: 'teacher' },
			clock
		);
		expect(taken.ok).toBe(true);
		const other = await makeSchool(t.db);
		await makeStaff(t.db, other.id, { email: 'elders@school.example' });
		expect(
			await inviteStaff(
				t.db,
				schoolId,
				adminId,
				{ name: 'X', email: 'bram.smit@school.example', title: 'teacher' },
				clock
			)
		).toEqual({ ok: false, reason: 'email_taken' });
		expect(
			await inviteStaff(
				t.db,
				schoolId,
				adminId,
				{ name: 'X', email: 'elders@school.example', title: 'teacher' },
				clock
			)
		).toEqual({ ok: false, reason: 'email_taken' });
		expect(
			await inviteStaff(
				t.db,
				schoolId,
				adminId,
				{ name: '', email: 'a@b.nl', title: 'teacher' },
				clock
			)
		).toEqual({ ok: false, reason: 'name_required' });
		expect(
			await inviteStaff(
				t.db,
				schoolId,
				adminId,
				{ name: 'X', email: 'a@b.nl\r\nBcc: c@d.nl', title: 'teacher' },
				clock
			)
		).toEqual({ ok: false, reason: 'invalid_email' });
		expect(
			await inviteStaff(
				t.db,
				schoolId,
				adminId,
				{ name: 'X', email: 'a@b.nl', title: 'king' },
				clock
			)
		).toEqual({ ok: false, reason: 'invalid_title' });
	});

	it('assigns groups, and families without a visitor get the teacher of their oldest child', async () => {
		const teacher = await makeStaff(t.db, schoolId, { name: 'Groep 3 juf' });
		const [g3] = await t.db.insert(group).values({ schoolId, name: '3C', year: 3 }).returning();
		const [g1] = await t.db.insert(group).values({ schoolId, name: '1C', year: 1 }).returning();
		const [f] = await t.db.insert(family).values({ schoolId }).returning();
		await t.db.insert(pupil).values([
			{
				schoolId,
				familyId: f!.id,
				groupId: g1!.id,
				pupilNumber: 'S1',
				firstName: 'Klein',
				lastName: 'Kind',
				birthDate: '2021-01-01'
			},
			{
				schoolId,
				familyId: f!.id,
				groupId: g3!.id,
				pupilNumber: 'S2',
				firstName: 'Groot',
				lastName: 'Kind',
				birthDate: '2018-01-01'
			}
		]);
		const foreign = await makeSchool(t.db);
		const [foreignGroup] = await t.db
			.insert(group)
			.values({ schoolId: foreign.id, name: 'X' })
			.returning();
		expect(
			await setGroups(t.db, schoolId, adminId, teacher.id, [g3!.id, foreignGroup!.id, 'not-an-id'])
		).toBe(true);
		expect((await findStaffMember(t.db, schoolId, teacher.id))!.groupIds).toEqual([g3!.id]);
		const [after] = await t.db.select().from(family).where(eq(family.id, f!.id));
		expect(after!.visitingStaffId).toBe(teacher.id);
	});

	it('deactivates someone: signed out at once and refused at sign-in; never oneself', async () => {
		const person = await makeStaff(t.db, schoolId, {
			email: 'weg@school.example',
			password: 'correct horse battery'
		});
		const { token } = await createSession(t.db, person.id);
		expect(await setActive(t.db, schoolId, adminId, adminId, false)).toEqual({
			ok: false,
			reason: 'self'
		});
		expect(await setActive(t.db, schoolId, adminId, person.id, false)).toEqual({ ok: true });
		expect(await validateSession(t.db, token)).toBeNull();
		expect(
			(
				await signIn(t.db, {
					email: 'weg@school.example',
					password: 'correct horse battery',
					clientAddress: '127.0.0.1'
				})
			).ok
		).toBe(false);
		expect(await newStaffLink(t.db, schoolId, adminId, person.id, clock)).toBeNull();
		expect(await setActive(t.db, schoolId, adminId, person.id, true)).toEqual({ ok: true });
		expect(
			(
				await signIn(t.db, {
					email: 'weg@school.example',
					password: 'correct horse battery',
					clientAddress: '127.0.0.1'
				})
			).ok
		).toBe(true);
	});

	it('finds nobody of another school', async () => {
		const other = await makeSchool(t.db);
		const stranger = await makeStaff(t.db, other.id);
		expect(await findStaffMember(t.db, schoolId, stranger.id)).toBeNull();
		expect(await setActive(t.db, schoolId, adminId, stranger.id, false)).toEqual({
			ok: false,
			reason: 'not_found'
		});
		expect(await setGroups(t.db, schoolId, adminId, stranger.id, [])).toBe(false);
		expect(await newStaffLink(t.db, schoolId, adminId, stranger.id, clock)).toBeNull();
	});
});
