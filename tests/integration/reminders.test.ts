import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases';
import { makeFamilyInRound, makeSchool, makeStaff } from '../support/fixtures';
import { createSlots } from '../../src/lib/server/slots/create';
import { bookVisit, cancelAnswer } from '../../src/lib/server/booking/answer';
import { family, guardian, outbox } from '../../src/lib/server/db/schema';
import { queueReminders } from '../../src/lib/server/booking/reminders';
import { drainOutbox } from '../../src/lib/server/mail/worker';
import { mailboxTransport } from '../../src/lib/server/mail/transport';
import { visitChoice, wallTimes } from '../support/visits';

const AMS = 'Europe/Amsterdam';
const NOW = new Date('2026-10-15T08:00:00Z');
const HOUR = 3_600_000;
const at = (date: string, from: string, to: string) => wallTimes(date, from, to, AMS);
const choice = (slotId: string) => visitChoice(slotId, { location: 'school' });
const parent = { kind: 'parent' as const };

describe.each(databaseKinds)('reminders on %s', (kind) => {
	let t: TestDatabase;
	let schoolId: string;
	let teacher: string;

	beforeAll(async () => {
		t = await freshDatabase(kind);
		schoolId = (await makeSchool(t.db)).id;
		teacher = (await makeStaff(t.db, schoolId)).id;
	});
	afterAll(() => t?.dispose());

	/**
	 * A round of the test's own with two families booked on `date` at 16:00 and 17:00, the second
	 * then cancelled. The reminder job looks at every visit in the database: each test books on a
	 * day of its own, at least a week from the others, so it meets no other test's visits.
	 */
	const visitsOn = async (date: string) => {
		const first = await makeFamilyInRound(t.db, schoolId, teacher);
		const roundId = first.round.id;
		const [second] = await t.db
			.insert(family)
			.values({ schoolId, visitingStaffId: teacher })
			.returning();
		await t.db.insert(guardian).values({
			familyId: second!.id,
			name: 'Tweede ouder',
			email: `tweede.${date}@families.example`
		});
		const slots = await createSlots(
			t.db,
			{
				schoolId,
				roundId,
				staffId: teacher,
				secondStaffId: null,
				allowsHome: true,
				allowsSchool: true,
				allowsNeutral: true,
				times: [at(date, '16:00', '16:45'), at(date, '17:00', '17:45')]
			},
			AMS,
			NOW
		);
		if (!slots.ok) throw new Error('slots');
		const kept = (
			(await bookVisit(
				t.db,
				schoolId,
				roundId,
				first.family.id,
				choice(slots.ids[0]!),
				parent,
				NOW
			)) as { bookingId: string }
		).bookingId;
		const cancelled = (
			(await bookVisit(
				t.db,
				schoolId,
				roundId,
				second!.id,
				choice(slots.ids[1]!),
				parent,
				NOW
			)) as { bookingId: string }
		).bookingId;
		await cancelAnswer(t.db, schoolId, roundId, second!.id, parent, NOW);
		return { kept, cancelled, startsAt: at(date, '16:00', '16:45').startsAt };
	};

	const reminders = (bookingId: string) =>
		t.db
			.select()
			.from(outbox)
			.where(and(eq(outbox.bookingId, bookingId), eq(outbox.kind, 'visit_reminder')));

	it('queues nothing before the reminder time', async () => {
		const { startsAt } = await visitsOn('2026-11-04');
		expect(await queueReminders(t.db, new Date(startsAt.getTime() - 25 * HOUR))).toBe(0);
	});

	it('queues one reminder per visit inside the window, never for a cancelled visit, and never twice', async () => {
		const { kept, cancelled, startsAt } = await visitsOn('2026-10-28');
		const inWindow = new Date(startsAt.getTime() - 23 * HOUR);
		expect(await queueReminders(t.db, inWindow)).toBe(1);
		// A second worker loop, or a restarted server, finds it already there.
		expect(await queueReminders(t.db, inWindow)).toBe(0);
		expect(await queueReminders(t.db, new Date(inWindow.getTime() + HOUR))).toBe(0);
		expect(await reminders(kept)).toHaveLength(1);
		expect(await reminders(cancelled)).toHaveLength(0);
		const sent = await drainOutbox({
			db: t.db,
			transport: mailboxTransport(),
			origin: new URL('https://hb.example'),
			fromAddress: 'hb@school.example',
			now: () => inWindow
		});
		expect(sent.failed).toBe(0);
		expect((await reminders(kept))[0]!.status).toBe('sent');
	});

	it('drops a queued reminder when the visit is cancelled before it goes out', async () => {
		// The reminder is queued, and the visit cancelled behind the booking code's back.
		const { kept, startsAt } = await visitsOn('2026-11-11');
		expect(await queueReminders(t.db, new Date(startsAt.getTime() - 23 * HOUR))).toBe(1);
		const [row] = await reminders(kept);
		expect(row!.status).toBe('pending');
		await t.db.execute(`update booking set status = 'cancelled' where id = '${kept}'`);
		const result = await drainOutbox({
			db: t.db,
			transport: mailboxTransport(),
			origin: new URL('https://hb.example'),
			fromAddress: 'hb@school.example',
			now: () => new Date(startsAt.getTime() - 20 * HOUR)
		});
		expect(result.skipped).toBe(1);
		expect((await reminders(kept))[0]!.status).toBe('skipped');
	});
});
