import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases';
import { makeFamilyInRound, makeSchool, makeStaff } from '../support/fixtures';
import { visitChoice, wallTimes } from '../support/visits';
import { createSlots } from '../../src/lib/server/slots/create';
import { bookVisit, declineRound } from '../../src/lib/server/booking/answer';
import { openSlots } from '../../src/lib/server/booking/choices';
import {
	askCallMe,
	askOtherTime,
	openRequestsOf,
	withdrawRequest
} from '../../src/lib/server/requests/ask';
import { readCallMe, readOtherTime } from '../../src/lib/server/requests/form';
import { makeTimeForFamily } from '../../src/lib/server/requests/make-time';
import { familyPage } from '../../src/lib/server/families/page';
import { openRequestsForTeacher, requestFigures } from '../../src/lib/server/requests/for-teacher';
import { family, familyRequest, guardian, outbox, slot } from '../../src/lib/server/db/schema';
import { composeMessage } from '../../src/lib/server/mail/compose';
import { asMessage } from '../../src/lib/server/mail/outbox';
import type { Viewer } from '../../src/lib/server/auth/policy';

// The fixture round: booking open 1 Oct – 12 Nov 2026, visits 26 Oct – 13 Nov.
const NOW = new Date('2026-10-15T08:00:00Z');
const form = (entries: [string, string][]) => {
	const f = new FormData();
	for (const [k, v] of entries) f.append(k, v);
	return f;
};
const time = (date: string, startTime: string) => ({
	date,
	startTime,
	allowsHome: true,
	allowsSchool: true,
	allowsNeutral: false
});

describe.each(databaseKinds)('families ask for another time or a call on %s', (kind) => {
	let t: TestDatabase;
	let schoolId: string;
	let roundId: string;
	let teacher: Viewer;
	let office: Viewer;

	const viewer = (s: { id: string; schoolId: string; role: 'admin' | 'teacher' }): Viewer => ({
		id: s.id,
		schoolId: s.schoolId,
		role: s.role,
		title: 'teacher'
	});
	/** A family of the test's own teacher, reading Turkish, with one guardian as given. */
	const newFamily = async (
		teacherId = teacher.id,
		contact: { email?: string | null; phone?: string | null } = {}
	) => {
		const [f] = await t.db
			.insert(family)
			.values({ schoolId, visitingStaffId: teacherId, language: 'tr' })
			.returning({ id: family.id });
		await t.db.insert(guardian).values({
			familyId: f!.id,
			name: 'Ayşe',
			email: contact.email === undefined ? `ayse-${f!.id}@example.org` : contact.email,
			phone: contact.phone ?? null
		});
		return { schoolId, roundId, familyId: f!.id };
	};
	const requestsOf = (familyId: string) =>
		t.db.select().from(familyRequest).where(eq(familyRequest.familyId, familyId));
	const mailOf = (toAddress: string) =>
		t.db.select().from(outbox).where(eq(outbox.toAddress, toAddress));
	const askFor = async (ref: Awaited<ReturnType<typeof newFamily>>) => {
		const asked = await askOtherTime(
			t.db,
			ref,
			{ days: ['tue', 'thu'], parts: ['evening'], note: 'Na 18.00' },
			'tr',
			NOW
		);
		if (!asked.ok) throw new Error(asked.problem);
		return asked.id;
	};

	beforeAll(async () => {
		t = await freshDatabase(kind);
		schoolId = (await makeSchool(t.db)).id;
		const s = await makeStaff(t.db, schoolId);
		teacher = viewer(s);
		office = viewer(await makeStaff(t.db, schoolId, { role: 'admin' }));
		roundId = (await makeFamilyInRound(t.db, schoolId, s.id)).round.id;
	});
	afterAll(() => t?.dispose());

	it('keeps one open request per family and kind: asking again updates it', async () => {
		const ref = await newFamily();
		const first = await askOtherTime(t.db, ref, { days: ['mon'], parts: [], note: '' }, 'tr', NOW);
		const again = await askOtherTime(
			t.db,
			ref,
			{ days: ['wed', 'sat'], parts: ['morning'], note: '<b>Alleen</b> zaterdag' },
			'ar',
			NOW
		);
		expect(first.ok && again.ok && first.id === again.id).toBe(true);
		const rows = await requestsOf(ref.familyId);
		expect(rows).toHaveLength(1);
		// HTML stays text: stored as typed, shown escaped by the page.
		expect(rows[0]).toMatchObject({
			kind: 'other_time',
			status: 'open',
			days: ['wed', 'sat'],
			parts: ['morning'],
			note: '<b>Alleen</b> zaterdag',
			language: 'ar'
		});
		const call = await askCallMe(t.db, ref, { phone: '06 1234 5678', note: '' }, 'ar', NOW);
		expect(call.ok).toBe(true);
		expect((await openRequestsOf(t.db, ref)).map((r) => [r.kind, r.phone])).toEqual([
			['call_me', '06 1234 5678'],
			['other_time', null]
		]);
		// The family's own pages read them in the head's query: the same requests, field by field.
		const onItsPage = async () => (await familyPage(t.db, ref.familyId, ref.roundId))?.requests;
		expect(await onItsPage()).toEqual(await openRequestsOf(t.db, ref));
		expect(await withdrawRequest(t.db, ref, 'call_me', NOW)).toBe(true);
		expect(await withdrawRequest(t.db, ref, 'call_me', NOW)).toBe(false);
		expect((await openRequestsOf(t.db, ref)).map((r) => r.kind)).toEqual(['other_time']);
		expect(await onItsPage()).toEqual(await openRequestsOf(t.db, ref));
		expect(await withdrawRequest(t.db, ref, 'other_time', NOW)).toBe(true);
		expect(await onItsPage()).toEqual([]);
	});

	it('refuses unknown days and parts, a long note, an empty wish and a phone that is no number', async () => {
		expect(readOtherTime(form([['days', 'sun']]))).toMatchObject({
			ok: false,
			errors: { days: 'other_time.errors.unknown_day' }
		});
		expect(readOtherTime(form([['parts', 'night']]))).toMatchObject({
			ok: false,
			errors: { parts: 'other_time.errors.unknown_part' }
		});
		expect(readOtherTime(form([['note', 'x'.repeat(501)]]))).toMatchObject({
			ok: false,
			errors: { note: 'other_time.errors.note_too_long' },
			values: { note: 'x'.repeat(501) }
		});
		expect(readOtherTime(form([]))).toMatchObject({
			ok: false,
			errors: { form: 'other_time.errors.say_something' }
		});
		expect(
			readOtherTime(
				form([
					['days', 'thu'],
					['days', 'mon'],
					['note', 'na\r\n18 uur']
				])
			)
		).toMatchObject({ ok: true, value: { days: ['mon', 'thu'], parts: [], note: 'na\n18 uur' } });
		expect(readCallMe(form([['phone', 'bel me']]))).toMatchObject({
			ok: false,
			errors: { phone: 'call_me.errors.phone_invalid' }
		});
		expect(readCallMe(form([['phone', '1234']]))).toMatchObject({ ok: false });
		expect(readCallMe(form([['phone', ' +31 (0)6-1234 5678 ']]))).toMatchObject({
			ok: true,
			value: { phone: '+31 (0)6-1234 5678', note: '' }
		});
		// Past the form, the database refuses a day it does not know.
		const ref = await newFamily();
		await expect(
			t.db.insert(familyRequest).values({ ...ref, kind: 'other_time', days: ['sun'] })
		).rejects.toThrow();
		// Another school's family through a forged reference is not found.
		const other = await makeSchool(t.db);
		expect(
			await askOtherTime(
				t.db,
				{ ...ref, schoolId: other.id },
				{ days: ['mon'], parts: [], note: '' },
				'nl',
				NOW
			)
		).toEqual({ ok: false, problem: 'unknown_family' });
		expect(
			await askOtherTime(
				t.db,
				ref,
				{ days: ['mon'], parts: [], note: '' },
				'nl',
				new Date('2026-11-20T08:00:00Z')
			)
		).toEqual({ ok: false, problem: 'booking_closed' });
	});

	it('makes a time for one family: only it sees and books it, told in its language', async () => {
		const ref = await newFamily();
		const neighbour = await newFamily();
		const requestId = await askFor(ref);
		expect((await openRequestsForTeacher(t.db, teacher, roundId)).map((r) => r.id)).toContain(
			requestId
		);

		const made = await makeTimeForFamily(
			t.db,
			teacher,
			requestId,
			time('2026-11-03', '18:30'),
			NOW
		);
		if (!made.ok) throw new Error(made.problem);
		expect(made.told).toBe('email');
		expect((await t.db.select().from(slot).where(eq(slot.id, made.slotId)))[0]).toMatchObject({
			staffId: teacher.id,
			reservedForFamilyId: ref.familyId,
			allowsHome: true,
			allowsNeutral: false
		});
		expect((await requestsOf(ref.familyId))[0]).toMatchObject({
			status: 'done',
			slotId: made.slotId,
			handledBy: teacher.id
		});
		expect((await openRequestsForTeacher(t.db, teacher, roundId)).map((r) => r.id)).not.toContain(
			requestId
		);

		// Told once, in the language the parent asked in, with a fresh link; no invite before booking.
		const [mail] = await mailOf(`ayse-${ref.familyId}@example.org`);
		expect(mail).toMatchObject({ kind: 'time_offered', channel: 'email', language: 'tr' });
		expect((mail!.payload as { path: string }).path).toMatch(/^\/f\/[A-Za-z0-9_-]{20,}$/);
		const composed = composeMessage(asMessage(mail!), {
			origin: new URL('https://huisbezoek.example'),
			organizer: { name: 'School', email: 'school@example.org' }
		});
		expect(composed.subject).toContain('Sizin için bir saat');
		expect(composed.text).toContain('https://huisbezoek.example/f/');
		expect(composed.calendar).toBeNull();

		// Offered to this family first; not to its neighbour of the same teacher.
		const mine = await openSlots(t.db, schoolId, roundId, teacher.id, ref.familyId, NOW);
		expect(mine[0]).toMatchObject({ id: made.slotId, madeForFamily: true });
		const theirs = await openSlots(t.db, schoolId, roundId, teacher.id, neighbour.familyId, NOW);
		expect(theirs.map((s) => s.id)).not.toContain(made.slotId);

		// The database refuses the neighbour's booking whatever the path: "that time is gone".
		expect(
			await bookVisit(
				t.db,
				schoolId,
				roundId,
				neighbour.familyId,
				visitChoice(made.slotId),
				{ kind: 'parent' },
				NOW
			)
		).toEqual({ ok: false, problem: 'slot_gone' });

		// The family asked to be called meanwhile; booking the time closes that as well.
		await askCallMe(t.db, ref, { phone: null, note: '' }, 'tr', NOW);
		const booked = await bookVisit(
			t.db,
			schoolId,
			roundId,
			ref.familyId,
			visitChoice(made.slotId),
			{ kind: 'parent' },
			NOW
		);
		expect(booked.ok).toBe(true);
		expect((await requestsOf(ref.familyId)).map((r) => [r.kind, r.status]).sort()).toEqual([
			['call_me', 'withdrawn'],
			['other_time', 'done']
		]);
	});

	it('closes an open request asked again when the family books the time made for it', async () => {
		const ref = await newFamily();
		const made = await makeTimeForFamily(
			t.db,
			teacher,
			await askFor(ref),
			time('2026-11-04', '18:30'),
			NOW
		);
		if (!made.ok) throw new Error(made.problem);
		const again = await askFor(ref);
		const before = await requestFigures(t.db, schoolId, roundId);
		await askCallMe(t.db, ref, { phone: null, note: '' }, 'tr', NOW);
		await bookVisit(
			t.db,
			schoolId,
			roundId,
			ref.familyId,
			visitChoice(made.slotId),
			{ kind: 'parent' },
			NOW
		);
		const [row] = await t.db.select().from(familyRequest).where(eq(familyRequest.id, again));
		expect(row).toMatchObject({ status: 'done', slotId: made.slotId });
		// The evaluation counts the family served by the time made for it, and its call request.
		expect(await requestFigures(t.db, schoolId, roundId)).toEqual({
			servedByMadeTime: before.servedByMadeTime + 1,
			callMeAsked: before.callMeAsked + 1
		});
	});

	it('withdraws open requests when the family declines or books another time', async () => {
		const declining = await newFamily();
		await askFor(declining);
		await askCallMe(t.db, declining, { phone: null, note: '' }, 'tr', NOW);
		const declined = await declineRound(
			t.db,
			schoolId,
			roundId,
			declining.familyId,
			{ code: null, text: null },
			{ kind: 'parent' },
			NOW
		);
		expect(declined.ok).toBe(true);
		expect((await requestsOf(declining.familyId)).map((r) => r.status)).toEqual([
			'withdrawn',
			'withdrawn'
		]);

		const booking = await newFamily();
		await askFor(booking);
		await askCallMe(t.db, booking, { phone: null, note: '' }, 'tr', NOW);
		const free = await createSlots(
			t.db,
			{
				schoolId,
				roundId,
				staffId: teacher.id,
				secondStaffId: null,
				allowsHome: true,
				allowsSchool: false,
				allowsNeutral: false,
				times: [wallTimes('2026-11-09', '16:00', '16:45')]
			},
			'Europe/Amsterdam',
			NOW
		);
		if (!free.ok) throw new Error(free.reason);
		// The teacher books it for them after calling: "call me" is done, by her.
		await bookVisit(
			t.db,
			schoolId,
			roundId,
			booking.familyId,
			visitChoice(free.ids[0]!),
			{ kind: 'staff', staffId: teacher.id },
			NOW
		);
		const rows = await requestsOf(booking.familyId);
		expect(rows.find((r) => r.kind === 'other_time')).toMatchObject({ status: 'withdrawn' });
		expect(rows.find((r) => r.kind === 'call_me')).toMatchObject({
			status: 'done',
			handledBy: teacher.id
		});
	});

	it('texts a family without e-mail, and leaves a family without either to the teacher', async () => {
		const texted = await newFamily(teacher.id, { email: null, phone: '06 9876 5432' });
		const sent = await makeTimeForFamily(
			t.db,
			office,
			await askFor(texted),
			time('2026-11-05', '18:30'),
			NOW
		);
		expect(sent).toMatchObject({ ok: true, told: 'sms' });
		// As the provider dials it: E.164, from the roster's 06 number.
		expect(await mailOf('+31698765432')).toEqual([
			expect.objectContaining({ kind: 'time_offered', channel: 'sms', language: 'tr' })
		]);

		const unreachable = await newFamily(teacher.id, { email: null, phone: null });
		const before = (await t.db.select().from(outbox)).length;
		expect(
			await makeTimeForFamily(
				t.db,
				teacher,
				await askFor(unreachable),
				time('2026-11-06', '18:30'),
				NOW
			)
		).toMatchObject({ ok: true, told: 'none' });
		expect((await t.db.select().from(outbox)).length).toBe(before);
	});

	it('refuses another teacher, another school, an overlap and a time too soon, and writes nothing', async () => {
		const ref = await newFamily();
		const requestId = await askFor(ref);
		const colleague = viewer(await makeStaff(t.db, schoolId));
		const elsewhere = await makeSchool(t.db);
		const stranger = viewer({ ...(await makeStaff(t.db, elsewhere.id, { role: 'admin' })) });
		const at = time('2026-11-10', '18:00');
		expect(await makeTimeForFamily(t.db, colleague, requestId, at, NOW)).toEqual({
			ok: false,
			problem: 'not_found'
		});
		expect(await makeTimeForFamily(t.db, stranger, requestId, at, NOW)).toEqual({
			ok: false,
			problem: 'not_found'
		});
		expect(await makeTimeForFamily(t.db, teacher, 'not-an-id', at, NOW)).toEqual({
			ok: false,
			problem: 'not_found'
		});
		expect(
			await makeTimeForFamily(t.db, teacher, requestId, time('2026-11-10', '25:00'), NOW)
		).toEqual({ ok: false, problem: 'invalid_time' });
		expect(
			await makeTimeForFamily(t.db, teacher, requestId, time('2026-12-01', '18:00'), NOW)
		).toEqual({ ok: false, problem: 'outside_round' });
		expect(
			await makeTimeForFamily(
				t.db,
				teacher,
				requestId,
				time('2026-10-27', '18:00'),
				new Date('2026-10-27T08:00:00Z')
			)
		).toEqual({ ok: false, problem: 'too_soon' });
		// The teacher's own time at 18:00 stands in the way: the exclusion constraint says so.
		const taken = await createSlots(
			t.db,
			{
				schoolId,
				roundId,
				staffId: teacher.id,
				secondStaffId: null,
				allowsHome: true,
				allowsSchool: true,
				allowsNeutral: false,
				times: [wallTimes('2026-11-10', '17:45', '18:30')]
			},
			'Europe/Amsterdam',
			NOW
		);
		expect(taken.ok).toBe(true);
		expect(await makeTimeForFamily(t.db, teacher, requestId, at, NOW)).toEqual({
			ok: false,
			problem: 'overlap'
		});
		expect((await requestsOf(ref.familyId))[0]).toMatchObject({ status: 'open', slotId: null });
		expect(
			await t.db
				.select()
				.from(slot)
				.where(and(eq(slot.reservedForFamilyId, ref.familyId)))
		).toEqual([]);
		expect(await mailOf(`ayse-${ref.familyId}@example.org`)).toEqual([]);
		// One time per request: the second try finds it handled.
		expect(
			await makeTimeForFamily(t.db, teacher, requestId, time('2026-11-11', '18:00'), NOW)
		).toMatchObject({ ok: true });
		expect(
			await makeTimeForFamily(t.db, teacher, requestId, time('2026-11-11', '19:00'), NOW)
		).toEqual({ ok: false, problem: 'not_found' });
	});
});
