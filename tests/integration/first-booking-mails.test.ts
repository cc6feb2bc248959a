/**
 * A family's first booking reads what its mails say before the booking is written, and sends
 * booking and mails together (booking/visit-messages.ts `readFirstVisit`). Those mails must be
 * the very mails that reading the written booking back gives (`queueVisitMessages`): this test
 * writes both and compares them, for the case with the most in it (a neutral place, two staff,
 * two guardians, a staff member in another language, the children's names in staff invites,
 * and the parent reading the page in another language than the family's).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases';
import { makeFamilyInRound, makeSchool, makeStaff } from '../support/fixtures';
import { visitChoice, wallTimes } from '../support/visits';
import { createSlots } from '../../src/lib/server/slots/create';
import { addPlace } from '../../src/lib/server/places/manage';
import { bookVisit, parentActor } from '../../src/lib/server/booking/answer';
import { queueVisitMessages } from '../../src/lib/server/booking/visit-messages';
import { family, guardian, outbox, pupil, school, staff } from '../../src/lib/server/db/schema';
import type { Database } from '../../src/lib/server/db';

const NOW = new Date('2026-10-15T08:00:00Z');
const rollBack = new Error('roll back');

describe.each(databaseKinds)("a first booking's mails on %s", (kind) => {
	let t: TestDatabase;
	afterAll(() => t?.dispose());
	beforeAll(async () => {
		t = await freshDatabase(kind);
	});

	/** The visit's mails as stored, without what differs between two writes of the same mail. */
	const mailsOf = async (db: Database, bookingId: string) =>
		(
			await db
				.select({
					kind: outbox.kind,
					toAddress: outbox.toAddress,
					toName: outbox.toName,
					language: outbox.language,
					familyId: outbox.familyId,
					roundId: outbox.roundId,
					schoolId: outbox.schoolId,
					payload: outbox.payload,
					createdAt: outbox.createdAt,
					nextAttemptAt: outbox.nextAttemptAt
				})
				.from(outbox)
				.where(eq(outbox.bookingId, bookingId))
				.orderBy(asc(outbox.toAddress))
		).map((mail) => ({ ...mail, payload: JSON.parse(JSON.stringify(mail.payload)) }));

	it('are the mails the written booking gives', async () => {
		const s = await makeSchool(t.db);
		await t.db
			.update(school)
			.set({ street: 'Schoolstraat 2', postalCode: '3511 AA', staffInviteDetails: true })
			.where(eq(school.id, s.id));
		const teacher = await makeStaff(t.db, s.id, { name: 'Juf Anouk' });
		const intern = await makeStaff(t.db, s.id, { name: 'Stagiair Tom' });
		await t.db.update(staff).set({ language: 'en' }).where(eq(staff.id, intern.id));
		const { family: f, round } = await makeFamilyInRound(t.db, s.id, teacher.id);
		await t.db
			.insert(guardian)
			.values({ familyId: f.id, name: 'Tweede ouder', email: 'tweede@example.org' });
		// Imported together (the same moment): one address twice, written differently, and none.
		await t.db.insert(guardian).values([
			{ familyId: f.id, name: 'Derde ouder', email: ' TWEEDE@example.org' },
			{ familyId: f.id, name: 'Vierde ouder', email: 'tweede@EXAMPLE.org' },
			{ familyId: f.id, name: 'Zonder adres', email: null }
		]);
		// Twins, born the day the fixture's child was: by first name, a prefix kept.
		const [child] = await t.db.select().from(pupil).where(eq(pupil.familyId, f.id));
		await t.db.insert(pupil).values(
			['Zeno', 'Anna'].map((firstName, i) => ({
				schoolId: s.id,
				familyId: f.id,
				groupId: child!.groupId,
				pupilNumber: `T${i}-${f.id}`,
				firstName,
				infix: 'de',
				lastName: 'Vries',
				birthDate: child!.birthDate
			}))
		);
		const place = await addPlace(t.db, s.id, {
			name: 'Buurthuis De Meeuw',
			address: 'Meeuwenlaan 4, Utrecht',
			accessibility: ''
		});
		const slots = await createSlots(
			t.db,
			{
				schoolId: s.id,
				roundId: round.id,
				staffId: teacher.id,
				secondStaffId: intern.id,
				allowsHome: true,
				allowsSchool: true,
				allowsNeutral: true,
				times: [wallTimes('2026-11-02', '16:00', '16:45')]
			},
			'Europe/Amsterdam',
			NOW
		);
		if (!slots.ok || !place.ok) throw new Error('setup');

		const booked = await bookVisit(
			t.db,
			s.id,
			round.id,
			f.id,
			visitChoice(slots.ids[0]!, {
				location: 'neutral',
				neutralPlaceId: place.id,
				ownInterpreterLanguage: 'tr',
				notHomeReason: 'space'
			}),
			parentActor('link-token', 'ar'),
			NOW
		);
		if (!booked.ok) throw new Error(booked.problem);
		const sent = await mailsOf(t.db, booked.bookingId);
		const [{ language }] = (await t.db
			.select({ language: family.language })
			.from(family)
			.where(eq(family.id, f.id))) as [{ language: string }];
		expect(language).toBe('ar');
		// Two guardians in Arabic, the teacher and the intern in their own languages.
		expect(sent.map((m) => `${m.kind} ${m.language}`).sort()).toEqual([
			'staff_visit_booked en',
			'staff_visit_booked nl',
			'visit_booked ar',
			'visit_booked ar'
		]);
		const toStaff = sent.find((m) => m.kind === 'staff_visit_booked')!;
		expect(toStaff.payload).toMatchObject({
			details: `Anna de Vries, ${child!.firstName} Test, Zeno de Vries\nStraat 1, 1234 AB Utrecht`
		});
		const toFamily = sent.find((m) => m.kind === 'visit_booked')!;
		expect(toFamily.payload).toMatchObject({
			placeName: 'Buurthuis De Meeuw',
			placeAddress: 'Meeuwenlaan 4, Utrecht',
			staffNames: ['Juf Anouk', 'Stagiair Tom'],
			ownInterpreterLanguage: 'tr',
			path: '/f/link-token'
		});

		// The same change, queued again from the written row, in a transaction that rolls back.
		let again: Awaited<ReturnType<typeof mailsOf>> = [];
		await t.db
			.transaction(async (tx) => {
				const db = tx as unknown as Database;
				await db.delete(outbox).where(eq(outbox.bookingId, booked.bookingId));
				await db.update(family).set({ language: 'nl' }).where(eq(family.id, f.id));
				await queueVisitMessages(
					db,
					booked.bookingId,
					{
						event: 'booked',
						by: 'family',
						before: null,
						familyPath: '/f/link-token',
						language: 'ar',
						created: true
					},
					NOW
				);
				again = await mailsOf(db, booked.bookingId);
				throw rollBack;
			})
			.catch((error) => {
				if (error !== rollBack) throw error;
			});
		expect(again).toEqual(sent);
	});
});
