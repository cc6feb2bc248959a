/**
 * Who interprets, as the week and the day sheet show it: still to arrange, arranged (a colleague
 * by their own name, a volunteer, a service and the person it sends, in person or by phone, with
 * a phone to dial), or the family's own. A colleague who interprets sees those visits in their own
 * week and day sheet with what interpreting takes and nothing of the family; nobody else sees
 * another teacher's families through it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases';
import { makeFamilyInRound, makeSchool, makeStaff } from '../support/fixtures';
import { visitChoice, wallTimes } from '../support/visits';
import { createSlots } from '../../src/lib/server/slots/create';
import { weekOfPerson } from '../../src/lib/server/slots/week';
import { daySheet } from '../../src/lib/server/slots/day-sheet';
import { bookVisit, cancelAnswer, parentActor } from '../../src/lib/server/booking/answer';
import { arrangeInterpreter, type Arrangement } from '../../src/lib/server/interpreters/arrange';
import { addInterpreter } from '../../src/lib/server/interpreters/register';
import type { Viewer } from '../../src/lib/server/auth/policy';
import {
	auditEvent,
	booking,
	family,
	guardian,
	interpreterRequest,
	pupil
} from '../../src/lib/server/db/schema';

const AMS = 'Europe/Amsterdam';
const NOW = new Date('2026-10-15T08:00:00Z');
const WEEK = wallTimes('2026-11-02', '00:00', '00:00');
WEEK.endsAt = wallTimes('2026-11-09', '00:00', '00:00').startsAt;
const parent = parentActor('c'.repeat(32), 'nl');

describe.each(databaseKinds)('who interprets, in the week and the day sheet, on %s', (kind) => {
	let t: TestDatabase;
	beforeAll(async () => {
		t = await freshDatabase(kind);
	});
	afterAll(() => t?.dispose());

	const viewer = (id: string, schoolId: string, role: 'admin' | 'teacher' = 'teacher'): Viewer => ({
		id,
		schoolId,
		role,
		title: role === 'admin' ? 'office' : 'teacher'
	});

	/**
	 * Anouk visits four families on Monday 2 November: Yusuf at 16:00 (Arabic, Fatma interprets by
	 * phone), Lina at 17:00 at school (the family brings its own, Tigrinya), Sem at 18:00 at home
	 * (Turkish, Fatma comes along) and Daan at 19:00 (Polish, a service sends Ewa). On Tuesday Noor
	 * asks for Arabic, not yet arranged. Jeroen visits a family of his own. Fatma, a colleague,
	 * interprets; she visits nobody herself.
	 */
	async function scene() {
		const schoolId = (await makeSchool(t.db)).id;
		const anouk = (await makeStaff(t.db, schoolId, { name: 'Anouk Visser' })).id;
		const jeroen = (await makeStaff(t.db, schoolId, { name: 'Jeroen Bos' })).id;
		const fatma = (await makeStaff(t.db, schoolId, { name: 'Fatma Demir' })).id;
		const admin = viewer(
			(await makeStaff(t.db, schoolId, { role: 'admin', name: 'Marieke Smit' })).id,
			schoolId,
			'admin'
		);
		const { round, group } = await makeFamilyInRound(t.db, schoolId, anouk);
		const familyOf = async (visitor: string, child: string, street = 'Javastraat 88') => {
			const [f] = await t.db
				.insert(family)
				.values({
					schoolId,
					street,
					postalCode: '1094 HK',
					city: 'Amsterdam',
					visitingStaffId: visitor
				})
				.returning();
			await t.db.insert(guardian).values({
				familyId: f!.id,
				name: `Ouder van ${child}`,
				email: `${child.toLowerCase()}.${f!.id.slice(0, 6)}@example.org`,
				phone: '06 1111 2222'
			});
			await t.db.insert(pupil).values({
				schoolId,
				familyId: f!.id,
				groupId: group.id,
				pupilNumber: `${child}-${f!.id.slice(0, 8)}`,
				firstName: child,
				lastName: 'Geheim',
				birthDate: '2020-05-05'
			});
			return f!.id;
		};
		const slotAt = async (teacher: string, date: string, from: string, to: string) => {
			const made = await createSlots(
				t.db,
				{
					schoolId,
					roundId: round.id,
					staffId: teacher,
					secondStaffId: null,
					allowsHome: true,
					allowsSchool: true,
					allowsNeutral: true,
					times: [wallTimes(date, from, to)]
				},
				AMS,
				NOW
			);
			if (!made.ok) throw new Error(made.reason);
			return made.ids[0]!;
		};
		const book = async (
			familyId: string,
			slotId: string,
			over: Parameters<typeof visitChoice>[1] = {}
		) => {
			const result = await bookVisit(
				t.db,
				schoolId,
				round.id,
				familyId,
				visitChoice(slotId, over),
				parent,
				NOW
			);
			if (!result.ok) throw new Error(result.problem);
			return result.bookingId;
		};
		const arrange = async (bookingId: string, arrangement: Arrangement) => {
			const [request] = await t.db
				.select({ id: interpreterRequest.id })
				.from(interpreterRequest)
				.where(
					and(
						eq(interpreterRequest.bookingId, bookingId),
						eq(interpreterRequest.status, 'requested')
					)
				);
			const done = await arrangeInterpreter(t.db, admin, request!.id, arrangement, NOW);
			if (!done.ok) throw new Error(done.problem);
		};
		const listed = async (input: Partial<Parameters<typeof addInterpreter>[2]>) => {
			const added = await addInterpreter(t.db, schoolId, {
				name: '',
				kind: 'volunteer',
				languages: [],
				phone: '',
				email: '',
				mailLanguage: 'nl',
				staffId: '',
				active: true,
				...input
			});
			if (!added.ok) throw new Error(JSON.stringify(added.errors));
			return added.id;
		};
		const colleague = await listed({
			name: 'F. Demir (rooster)',
			kind: 'staff',
			languages: ['tr', 'ar'],
			phone: '06 5555 1234',
			staffId: fatma
		});
		const service = await listed({
			name: 'Tolkcentrum Nederland',
			kind: 'service',
			languages: ['pl', 'ar', 'tr'],
			phone: '088 123 4500'
		});

		const families = {
			yusuf: await familyOf(anouk, 'Yusuf'),
			lina: await familyOf(anouk, 'Lina'),
			sem: await familyOf(anouk, 'Sem', 'Borneostraat 3'),
			daan: await familyOf(anouk, 'Daan'),
			noor: await familyOf(anouk, 'Noor'),
			bram: await familyOf(jeroen, 'Bram')
		};
		const slots = {
			yusuf: await slotAt(anouk, '2026-11-02', '16:00', '16:45'),
			lina: await slotAt(anouk, '2026-11-02', '17:00', '17:45'),
			sem: await slotAt(anouk, '2026-11-02', '18:00', '18:45'),
			daan: await slotAt(anouk, '2026-11-02', '19:00', '19:45'),
			noor: await slotAt(anouk, '2026-11-03', '16:00', '16:45'),
			bram: await slotAt(jeroen, '2026-11-02', '16:00', '16:45')
		};
		const bookings = {
			yusuf: await book(families.yusuf, slots.yusuf, { interpreterLanguage: 'ar' }),
			lina: await book(families.lina, slots.lina, { location: 'school' }),
			sem: await book(families.sem, slots.sem, {
				interpreterLanguage: 'tr',
				visitAddress: 'Molukkenstraat 7, 1095 AT Amsterdam'
			}),
			daan: await book(families.daan, slots.daan, { interpreterLanguage: 'pl' }),
			noor: await book(families.noor, slots.noor, { interpreterLanguage: 'ar' }),
			bram: await book(families.bram, slots.bram, { interpreterLanguage: 'tr' })
		};
		// The family brings its own: the parents' form writes this column (another step of issue 13).
		await t.db
			.update(booking)
			.set({ ownInterpreterLanguage: 'ti' })
			.where(eq(booking.id, bookings.lina));
		const none = { contactName: '', contactPhone: '' };
		await arrange(bookings.yusuf, { interpreterId: colleague, mode: 'phone', ...none });
		await arrange(bookings.sem, { interpreterId: colleague, mode: 'in_person', ...none });
		await arrange(bookings.daan, {
			interpreterId: service,
			mode: 'in_person',
			contactName: 'Ewa Nowak',
			contactPhone: '06 9999 0000'
		});
		return { schoolId, roundId: round.id, anouk, jeroen, fatma, admin, families, slots, bookings };
	}

	const contactViews = async (schoolId: string, staffId: string, page: string) =>
		(
			await t.db
				.select({ familyId: auditEvent.subjectId, detail: auditEvent.detail })
				.from(auditEvent)
				.where(
					and(
						eq(auditEvent.schoolId, schoolId),
						eq(auditEvent.actorId, staffId),
						eq(auditEvent.action, 'family.contact_viewed')
					)
				)
		)
			.filter((r) => r.detail?.page === page)
			.map((r) => r.familyId);

	const fatmaByName = {
		name: 'Fatma Demir',
		kind: 'staff',
		contactName: null,
		phone: '06 5555 1234'
	};

	it('shows each state to the teacher: to arrange, arranged (colleague, service), the family’s own', async () => {
		const s = await scene();
		const anouk = viewer(s.anouk, s.schoolId);
		const week = await weekOfPerson(t.db, anouk, s.anouk, WEEK.startsAt, WEEK.endsAt);
		const visitIn = (slotId: string) => week.find((w) => w.id === slotId)!.visit!;
		// A colleague with a staff account by her own name, not the list's.
		expect(visitIn(s.slots.yusuf)).toMatchObject({
			interpreterLanguage: 'ar',
			interpreter: { ...fatmaByName, mode: 'phone' },
			ownInterpreterLanguage: null
		});
		expect(visitIn(s.slots.lina)).toMatchObject({
			interpreterLanguage: null,
			interpreter: null,
			ownInterpreterLanguage: 'ti'
		});
		expect(visitIn(s.slots.sem)).toMatchObject({
			interpreterLanguage: 'tr',
			interpreter: { ...fatmaByName, mode: 'in_person' }
		});
		// A service: the person it sends, and the phone it gave for this visit.
		expect(visitIn(s.slots.daan)).toMatchObject({
			interpreterLanguage: 'pl',
			interpreter: {
				name: 'Tolkcentrum Nederland',
				kind: 'service',
				mode: 'in_person',
				contactName: 'Ewa Nowak',
				phone: '06 9999 0000'
			}
		});
		expect(visitIn(s.slots.noor)).toMatchObject({ interpreterLanguage: 'ar', interpreter: null });
		// None of these are interpreting entries: they are her own visits.
		expect(week.every((w) => w.interpreting === null)).toBe(true);

		const sheet = await daySheet(t.db, anouk, s.anouk, '2026-11-02', AMS);
		expect(
			sheet.visits.map((v) => [
				v.start,
				v.interpreterLanguage,
				v.interpreter?.name ?? null,
				v.ownInterpreterLanguage
			])
		).toEqual([
			['16:00', 'ar', 'Fatma Demir', null],
			['17:00', null, null, 'ti'],
			['18:00', 'tr', 'Fatma Demir', null],
			['19:00', 'pl', 'Tolkcentrum Nederland', null]
		]);
		expect(sheet.interpreting).toEqual([]);
		const tuesday = await daySheet(t.db, anouk, s.anouk, '2026-11-03', AMS);
		expect(tuesday.visits[0]).toMatchObject({ interpreterLanguage: 'ar', interpreter: null });
	});

	it('shows a colleague the visits she interprets at, read-only and without the family', async () => {
		const s = await scene();
		const fatma = viewer(s.fatma, s.schoolId);
		const week = await weekOfPerson(t.db, fatma, s.fatma, WEEK.startsAt, WEEK.endsAt);
		expect(week.map((w) => [w.id, w.booked, w.visit])).toEqual([
			[s.slots.yusuf, true, null],
			[s.slots.sem, true, null]
		]);
		// By phone: no address. In person at a home: the address the visit takes place at.
		expect(week[0]!.interpreting).toEqual({
			slotId: s.slots.yusuf,
			startsAt: wallTimes('2026-11-02', '16:00', '16:45').startsAt,
			endsAt: wallTimes('2026-11-02', '16:00', '16:45').endsAt,
			language: 'ar',
			mode: 'phone',
			location: 'home',
			address: null,
			placeName: null,
			teacherId: s.anouk,
			teacher: 'Anouk Visser',
			// makeSchool's phone: the number to call from the doorstep.
			schoolPhone: '030 000 0000'
		});
		expect(week[1]!.interpreting).toMatchObject({
			language: 'tr',
			mode: 'in_person',
			address: 'Molukkenstraat 7, 1095 AT Amsterdam',
			teacher: 'Anouk Visser'
		});
		// Nothing of the family: no names, no id, no guardians, no questions.
		const shown = JSON.stringify(week);
		for (const secret of [
			'Yusuf',
			'Sem',
			'Geheim',
			'Ouder van',
			'06 1111 2222',
			s.families.yusuf,
			s.families.sem
		])
			expect(shown).not.toContain(secret);

		const sheet = await daySheet(t.db, fatma, s.fatma, '2026-11-02', AMS);
		expect(sheet.visits).toEqual([]);
		expect(sheet.hidden).toBe(0);
		expect(sheet.interpreting.map((v) => [v.start, v.end, v.language, v.mode, v.address])).toEqual([
			['16:00', '16:45', 'ar', 'phone', null],
			['18:00', '18:45', 'tr', 'in_person', 'Molukkenstraat 7, 1095 AT Amsterdam']
		]);
		expect(JSON.stringify(sheet)).not.toContain('Sem');
		// The one home address she was shown is logged as seen, on each page.
		expect(await contactViews(s.schoolId, s.fatma, 'week')).toEqual([s.families.sem]);
		expect(await contactViews(s.schoolId, s.fatma, 'day_sheet')).toEqual([s.families.sem]);

		// The office may look at her week as she sees it.
		const seen = await weekOfPerson(t.db, s.admin, s.fatma, WEEK.startsAt, WEEK.endsAt);
		expect(seen.map((w) => w.interpreting?.language)).toEqual(['ar', 'tr']);

		// The family cancels: the request is withdrawn, and the visit leaves her week.
		const cancelled = await cancelAnswer(t.db, s.schoolId, s.roundId, s.families.sem, parent, NOW);
		expect(cancelled.ok).toBe(true);
		const after = await weekOfPerson(t.db, fatma, s.fatma, WEEK.startsAt, WEEK.endsAt);
		expect(after.map((w) => w.id)).toEqual([s.slots.yusuf]);
	});

	it('never shows a teacher another teacher’s families through interpreting', async () => {
		const s = await scene();
		const jeroen = viewer(s.jeroen, s.schoolId);
		// Jeroen interprets nowhere: his week is his own slot only.
		const own = await weekOfPerson(t.db, jeroen, s.jeroen, WEEK.startsAt, WEEK.endsAt);
		expect(own.map((w) => [w.id, w.interpreting])).toEqual([[s.slots.bram, null]]);
		// Asking for Fatma's week or day sheet gives him no interpreting entries, and no families.
		const hers = await weekOfPerson(t.db, jeroen, s.fatma, WEEK.startsAt, WEEK.endsAt);
		expect(hers).toEqual([]);
		const sheet = await daySheet(t.db, jeroen, s.fatma, '2026-11-02', AMS);
		expect(sheet).toMatchObject({ visits: [], interpreting: [], hidden: 0 });
		// Nor does Fatma see Jeroen's family, whose interpreter is not arranged.
		const fatma = await weekOfPerson(
			t.db,
			viewer(s.fatma, s.schoolId),
			s.fatma,
			WEEK.startsAt,
			WEEK.endsAt
		);
		expect(fatma.map((w) => w.id)).not.toContain(s.slots.bram);
		expect(await contactViews(s.schoolId, s.jeroen, 'week')).toEqual([s.families.bram]);
		// Another school's office finds nothing of hers.
		const stranger = viewer(s.admin.id, (await makeSchool(t.db)).id, 'admin');
		expect(await weekOfPerson(t.db, stranger, s.fatma, WEEK.startsAt, WEEK.endsAt)).toEqual([]);
	});
});
