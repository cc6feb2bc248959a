import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases';
import { makeFamilyInRound, makeSchool, makeStaff } from '../support/fixtures';
import { createSlots } from '../../src/lib/server/slots/create';
import { deleteSlot, moveSlot, type Actor } from '../../src/lib/server/slots/change';
import {
	auditEvent,
	booking,
	family,
	guardian,
	outbox,
	slot,
	slotStaff
} from '../../src/lib/server/db/schema';
import { fromWallTime } from '../../src/lib/server/time/zone';

const AMS = 'Europe/Amsterdam';
const NOW = new Date('2026-10-01T08:00:00Z');
const at = (date: string, from: string, to: string) => ({
	startsAt: fromWallTime(date, from, AMS)!,
	endsAt: fromWallTime(date, to, AMS)!
});

describe.each(databaseKinds)('moving and deleting slots on %s', (kind) => {
	let t: TestDatabase;
	let teacher: Actor;
	let colleague: Actor;
	let admin: Actor;
	let intern: string;
	let roundId: string;

	const newSlot = async (
		times = at('2026-11-02', '16:00', '16:45'),
		secondStaffId: string | null = null
	) => {
		const result = await createSlots(
			t.db,
			{
				schoolId: teacher.schoolId,
				roundId,
				staffId: teacher.id,
				secondStaffId,
				allowsHome: true,
				allowsSchool: true,
				allowsNeutral: false,
				times: [times]
			},
			AMS,
			NOW
		);
		if (!result.ok) throw new Error(result.reason);
		return result.ids[0]!;
	};
	// One booking per family per round: each test books for a family of its own.
	const book = async (slotId: string) => {
		const [other] = await t.db.insert(family).values({ schoolId: teacher.schoolId }).returning();
		const [row] = await t.db
			.insert(booking)
			.values({
				schoolId: teacher.schoolId,
				roundId,
				familyId: other!.id,
				slotId,
				status: 'booked',
				location: 'home'
			})
			.returning();
		return row!;
	};

	beforeAll(async () => {
		t = await freshDatabase(kind);
		const schoolId = (await makeSchool(t.db)).id;
		teacher = {
			id: (await makeStaff(t.db, schoolId)).id,
			role: 'teacher',
			title: 'teacher',
			schoolId
		};
		colleague = {
			id: (await makeStaff(t.db, schoolId)).id,
			role: 'teacher',
			title: 'teacher',
			schoolId
		};
		admin = {
			id: (await makeStaff(t.db, schoolId, { role: 'admin' })).id,
			role: 'admin',
			title: 'office',
			schoolId
		};
		intern = (await makeStaff(t.db, schoolId)).id;
		const made = await makeFamilyInRound(t.db, schoolId, teacher.id);
		roundId = made.round.id;
	});
	afterAll(() => t?.dispose());

	it('moves a free slot, and the second staff member moves with it', async () => {
		const id = await newSlot(at('2026-11-03', '16:00', '16:45'), intern);
		const to = at('2026-11-03', '17:00', '17:45');
		expect(await moveSlot(t.db, teacher, id, to, false, AMS, NOW)).toEqual({
			ok: true,
			booked: false,
			mailedIn: null
		});
		const people = await t.db.select().from(slotStaff).where(eq(slotStaff.slotId, id));
		expect(people.map((p) => p.startsAt.toISOString())).toEqual([
			to.startsAt.toISOString(),
			to.startsAt.toISOString()
		]);
	});

	it('refuses a move onto another slot of the same person', async () => {
		const a = await newSlot(at('2026-11-04', '16:00', '16:45'));
		await newSlot(at('2026-11-04', '17:00', '17:45'));
		expect(
			await moveSlot(t.db, teacher, a, at('2026-11-04', '17:30', '18:15'), false, AMS, NOW)
		).toEqual({ ok: false, reason: 'overlap' });
		expect(
			await moveSlot(t.db, teacher, a, at('2026-09-30', '17:30', '18:15'), false, AMS, NOW)
		).toEqual({ ok: false, reason: 'in_past' });
		expect(
			await moveSlot(t.db, teacher, a, at('2026-12-01', '17:30', '18:15'), false, AMS, NOW)
		).toEqual({ ok: false, reason: 'outside_round' });
	});

	it("lets only the slot's own teacher and admins change it", async () => {
		const id = await newSlot(at('2026-11-05', '16:00', '16:45'));
		expect(await deleteSlot(t.db, colleague, id, false, NOW)).toEqual({
			ok: false,
			reason: 'not_found'
		});
		const stranger = { ...admin, schoolId: (await makeSchool(t.db)).id };
		expect(await deleteSlot(t.db, stranger, id, false, NOW)).toEqual({
			ok: false,
			reason: 'not_found'
		});
		expect(await deleteSlot(t.db, admin, id, false, NOW)).toEqual({
			ok: true,
			booked: false,
			mailedIn: null
		});
		expect(await t.db.select().from(slot).where(eq(slot.id, id))).toEqual([]);
	});

	it('asks before moving a booked slot, then records that the family must be told', async () => {
		const id = await newSlot(at('2026-11-06', '16:00', '16:45'));
		const visit = await book(id);
		const to = at('2026-11-06', '18:00', '18:45');
		expect(await moveSlot(t.db, teacher, id, to, false, AMS, NOW)).toEqual({
			ok: false,
			reason: 'needs_confirmation'
		});
		// This family has no e-mail address: nobody was mailed, somebody must tell them.
		expect(await moveSlot(t.db, teacher, id, to, true, AMS, NOW)).toEqual({
			ok: true,
			booked: true,
			mailedIn: null
		});
		const [after] = await t.db.select().from(booking).where(eq(booking.id, visit.id));
		expect(after).toMatchObject({
			status: 'booked',
			familyNotice: 'moved',
			sequence: 1,
			slotId: id
		});
	});

	it('asks before deleting a booked slot, then cancels the booking and records the notice', async () => {
		const id = await newSlot(at('2026-11-09', '16:00', '16:45'));
		const visit = await book(id);
		expect(await deleteSlot(t.db, teacher, id, false, NOW)).toEqual({
			ok: false,
			reason: 'needs_confirmation'
		});
		expect((await t.db.select().from(slot).where(eq(slot.id, id))).length).toBe(1);
		expect(await deleteSlot(t.db, teacher, id, true, NOW)).toEqual({
			ok: true,
			booked: true,
			mailedIn: null
		});
		const [after] = await t.db.select().from(booking).where(eq(booking.id, visit.id));
		expect(after).toMatchObject({ status: 'cancelled', familyNotice: 'cancelled', slotId: null });
		const audit = await t.db
			.select()
			.from(auditEvent)
			.where(and(eq(auditEvent.subjectId, id), eq(auditEvent.action, 'slot.deleted')));
		expect(audit[0]!.detail).toEqual({ booked: true });
	});

	it('refuses an overlap of a booked slot before it asks to confirm, and changes nothing', async () => {
		const id = await newSlot(at('2026-11-10', '16:00', '16:45'));
		await newSlot(at('2026-11-10', '17:00', '17:45'));
		const visit = await book(id);
		const onto = at('2026-11-10', '17:15', '18:00');
		// Not confirmed yet: the database already refused the times, so nobody is asked "sure?".
		expect(await moveSlot(t.db, teacher, id, onto, false, AMS, NOW)).toEqual({
			ok: false,
			reason: 'overlap'
		});
		// A free time is tried, rolled back, and only then asked about.
		const free = at('2026-11-10', '18:00', '18:45');
		expect(await moveSlot(t.db, teacher, id, free, false, AMS, NOW)).toEqual({
			ok: false,
			reason: 'needs_confirmation'
		});
		const [still] = await t.db.select().from(slot).where(eq(slot.id, id));
		expect(still!.startsAt.toISOString()).toBe(
			at('2026-11-10', '16:00', '16:45').startsAt.toISOString()
		);
		const people = await t.db.select().from(slotStaff).where(eq(slotStaff.slotId, id));
		expect(people.map((p) => p.startsAt.toISOString())).toEqual([
			at('2026-11-10', '16:00', '16:45').startsAt.toISOString()
		]);
		const [unchanged] = await t.db.select().from(booking).where(eq(booking.id, visit.id));
		expect(unchanged).toMatchObject({ familyNotice: null, sequence: 0 });
		expect(await t.db.select().from(outbox).where(eq(outbox.bookingId, visit.id))).toEqual([]);
	});

	it('mails a family with an address in its own language, and says so', async () => {
		const id = await newSlot(at('2026-11-11', '16:00', '16:45'));
		const visit = await book(id);
		await t.db.update(family).set({ language: 'ro' }).where(eq(family.id, visit.familyId));
		await t.db
			.insert(guardian)
			.values({ familyId: visit.familyId, name: 'Ioana', email: 'ioana@example.org' });
		const to = at('2026-11-11', '18:00', '18:45');
		expect(await moveSlot(t.db, teacher, id, to, true, AMS, NOW)).toEqual({
			ok: true,
			booked: true,
			mailedIn: 'ro'
		});
		const mails = await t.db
			.select({ kind: outbox.kind, to: outbox.toAddress, language: outbox.language })
			.from(outbox)
			.where(and(eq(outbox.bookingId, visit.id), eq(outbox.toAddress, 'ioana@example.org')));
		expect(mails).toEqual([{ kind: 'visit_changed', to: 'ioana@example.org', language: 'ro' }]);

		// Deleting it later tells them too, in the same language.
		expect(await deleteSlot(t.db, teacher, id, true, NOW)).toEqual({
			ok: true,
			booked: true,
			mailedIn: 'ro'
		});
	});
});
