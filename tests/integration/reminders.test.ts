import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases';
import { makeFamilyInRound, makeSchool, makeStaff } from '../support/fixtures';
import { createSlots } from '../../src/lib/server/slots/create';
import { bookVisit, cancelAnswer, type VisitChoice } from '../../src/lib/server/booking/answer';
import { family, guardian, outbox } from '../../src/lib/server/db/schema';
import { fromWallTime } from '../../src/lib/server/time/zone';
import { queueReminders } from '../../src/lib/server/booking/reminders';
import { drainOutbox } from '../../src/lib/server/mail/worker';
import { mailboxTransport } from '../../src/lib/server/mail/transport';

const AMS = 'Europe/Amsterdam';
const NOW = new Date('2026-10-15T08:00:00Z');
const HOUR = 3_600_000;
const at = (date: string, from: string, to: string) => ({ startsAt: fromWallTime(date, from, AMS)!, endsAt: fromWallTime(date, to, AMS)! });
const choice = (slotId: string): VisitChoice => ({ slotId, location: 'school', neutralPlaceId: null, visitAddress: null, interpreterLanguage: null, parentQuestions: null, notHomeReason: null, notHomeReasonText: null });
const parent = { kind: 'parent' as const };

describe.each(databaseKinds)('reminders on %s', (kind) => {
	let t: TestDatabase;
	let schoolId: string;
	let roundId: string;
	let kept: string;
	let cancelled: string;
	let startsAt: Date;

	beforeAll(async () => {
		t = await freshDatabase(kind);
		schoolId = (await makeSchool(t.db)).id;
		const teacher = (await makeStaff(t.db, schoolId)).id;
		const first = await makeFamilyInRound(t.db, schoolId, teacher);
		roundId = first.round.id;
		const [second] = await t.db.insert(family).values({ schoolId, visitingStaffId: teacher }).returning();
		await t.db.insert(guardian).values({ familyId: second!.id, name: 'Tweede ouder', email: 'tweede@families.example' });
		const slots = await createSlots(t.db, { schoolId, roundId, staffId: teacher, secondStaffId: null, allowsHome: true, allowsSchool: true, allowsNeutral: true, times: [at('2026-10-28', '16:00', '16:45'), at('2026-10-28', '17:00', '17:45')] }, AMS, NOW);
		if (!slots.ok) throw new Error('slots');
		startsAt = at('2026-10-28', '16:00', '16:45').startsAt;
		kept = (await bookVisit(t.db, schoolId, roundId, first.family.id, choice(slots.ids[0]!), parent, NOW) as { bookingId: string }).bookingId;
		cancelled = (await bookVisit(t.db, schoolId, roundId, second!.id, choice(slots.ids[1]!), parent, NOW) as { bookingId: string }).bookingId;
		await cancelAnswer(t.db, schoolId, roundId, second!.id, parent, NOW);
	});
	afterAll(() => t?.dispose());

	const reminders = (bookingId: string) => t.db.select().from(outbox).where(and(eq(outbox.bookingId, bookingId), eq(outbox.kind, 'visit_reminder')));

	it('queues nothing before the reminder time', async () => {
		expect(await queueReminders(t.db, new Date(startsAt.getTime() - 25 * HOUR))).toBe(0);
	});

	it('queues one reminder per visit inside the window, never for a cancelled visit, and never twice', async () => {
		const inWindow = new Date(startsAt.getTime() - 23 * HOUR);
		expect(await queueReminders(t.db, inWindow)).toBe(1);
		// A second worker loop, or a restarted server, finds it already there.
		expect(await queueReminders(t.db, inWindow)).toBe(0);
		expect(await queueReminders(t.db, new Date(inWindow.getTime() + HOUR))).toBe(0);
		expect(await reminders(kept)).toHaveLength(1);
		expect(await reminders(cancelled)).toHaveLength(0);
		const sent = await drainOutbox({ db: t.db, transport: mailboxTransport(), origin: new URL('https://hb.example'), fromAddress: 'hb@school.example', now: () => inWindow });
		expect(sent.failed).toBe(0);
		expect((await reminders(kept))[0]!.status).toBe('sent');
	});

	it('drops a queued reminder when the visit is cancelled before it goes out', async () => {
		const [row] = await reminders(kept);
		await t.db.update(outbox).set({ status: 'pending', attempts: 0 }).where(eq(outbox.id, row!.id));
		await t.db.execute(`update booking set status = 'cancelled' where id = '${kept}'`);
		const result = await drainOutbox({ db: t.db, transport: mailboxTransport(), origin: new URL('https://hb.example'), fromAddress: 'hb@school.example', now: () => new Date(startsAt.getTime() - 20 * HOUR) });
		expect(result.skipped).toBe(1);
		expect((await reminders(kept))[0]!.status).toBe('skipped');
	});
});
