/**
 * What one family link can cause: a re-post that changes nothing sends nothing, real changes
 * are limited per hour, and staff get one mail for changes made in quick succession. And what
 * the office's rebooking keeps: the family's reason and questions, with the office's note apart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases';
import { inWrittenOrder } from '../support/outbox-order';
import { makeFamilyInRound, makeSchool, makeStaff } from '../support/fixtures';
import { createSlots } from '../../src/lib/server/slots/create';
import {
	bookVisit,
	cancelAnswer,
	declineRound,
	parentActor,
	PARENT_ANSWERS
} from '../../src/lib/server/booking/answer';
import { readChoice } from '../../src/lib/server/booking/form';
import { familyPage } from '../../src/lib/server/families/page';
import { STAFF_CHANGE_DELAY_MS } from '../../src/lib/server/booking/visit-messages';
import { drainOutbox } from '../../src/lib/server/mail/worker';
import { mailboxTransport } from '../../src/lib/server/mail/transport';
import {
	auditEvent,
	booking,
	family,
	guardian,
	outbox,
	pupil
} from '../../src/lib/server/db/schema';
import type { StaffVisitPayload } from '../../src/lib/server/mail/payloads';
import { visitChoice, wallTimes } from '../support/visits';

const AMS = 'Europe/Amsterdam';
const NOW = new Date('2026-10-15T08:00:00Z');
const MINUTE = 60_000;
const at = (date: string, from: string, to: string) => wallTimes(date, from, to, AMS);
const home = visitChoice;
const form = (fields: Record<string, string>) => {
	const data = new FormData();
	for (const [k, v] of Object.entries(fields)) data.set(k, v);
	return data;
};

describe.each(databaseKinds)('changes through one link on %s', (kind) => {
	let t: TestDatabase;
	let schoolId: string;
	let roundId: string;
	let teacher: { id: string; email: string };
	let officeId: string;
	let slots: string[];

	let groupId: string;
	let counter = 0;
	/** A family with a child in the round's group and a parent with an address. */
	const newFamily = async (visitor = teacher.id) => {
		const [f] = await t.db
			.insert(family)
			.values({
				schoolId,
				street: 'Straat 1',
				postalCode: '1234 AB',
				city: 'Utrecht',
				visitingStaffId: visitor
			})
			.returning({ id: family.id });
		await t.db
			.insert(guardian)
			.values({ familyId: f!.id, name: 'Ouder', email: `ouder.${++counter}@example.org` });
		await t.db.insert(pupil).values({
			schoolId,
			familyId: f!.id,
			groupId,
			pupilNumber: `AC${counter}`,
			firstName: `Kind${counter}`,
			lastName: 'Test',
			birthDate: '2020-01-01'
		});
		return f!.id;
	};
	const parent = parentActor('a'.repeat(32), 'nl');
	const mailTo = (address: string) =>
		t.db
			.select({
				kind: outbox.kind,
				status: outbox.status,
				payload: outbox.payload,
				nextAttemptAt: outbox.nextAttemptAt
			})
			.from(outbox)
			.where(eq(outbox.toAddress, address))
			.orderBy(...inWrittenOrder);
	const mailOf = (bookingId: string) =>
		t.db
			.select({ kind: outbox.kind, toAddress: outbox.toAddress })
			.from(outbox)
			.where(eq(outbox.bookingId, bookingId))
			.orderBy(...inWrittenOrder);
	const times = ['16:00', '17:00', '18:00', '19:00'].flatMap((from) =>
		['2026-11-02', '2026-11-03', '2026-11-04'].map((day) => at(day, from, `${from.slice(0, 2)}:45`))
	);
	const slotsOf = async (staffId: string) => {
		const created = await createSlots(
			t.db,
			{
				schoolId,
				roundId,
				staffId,
				secondStaffId: null,
				allowsHome: true,
				allowsSchool: true,
				allowsNeutral: true,
				times
			},
			AMS,
			NOW
		);
		return created.ok ? created.ids : [];
	};
	const drain = (now: Date) =>
		drainOutbox({
			db: t.db,
			transport: mailboxTransport(),
			origin: new URL('https://huisbezoek.school.example'),
			fromAddress: 'huisbezoek@school.example',
			now: () => now
		});

	beforeAll(async () => {
		t = await freshDatabase(kind);
		schoolId = (await makeSchool(t.db)).id;
		const person = await makeStaff(t.db, schoolId, { email: 'juf.anna@school.example' });
		teacher = { id: person.id, email: person.email };
		officeId = (await makeStaff(t.db, schoolId, { role: 'admin' })).id;
		const made = await makeFamilyInRound(t.db, schoolId, teacher.id);
		roundId = made.round.id;
		groupId = made.group.id;
		slots = await slotsOf(teacher.id);
	});
	afterAll(() => t?.dispose());

	it('changes nothing, and sends nothing, when the same booking is posted again', async () => {
		const familyId = await newFamily();
		const choice = home(slots[0]!, { parentQuestions: 'Over lezen', visitAddress: 'Kade 2' });
		const first = await bookVisit(t.db, schoolId, roundId, familyId, choice, parent, NOW);
		if (!first.ok) throw new Error(first.problem);
		expect(first.changed).toBe(true);
		const mails = (await mailOf(first.bookingId)).length;
		const audits = await t.db
			.select({ n: sql<number>`count(*)::int` })
			.from(auditEvent)
			.where(eq(auditEvent.subjectId, first.bookingId));
		for (let i = 0; i < 30; i++) {
			expect(await bookVisit(t.db, schoolId, roundId, familyId, choice, parent, NOW)).toEqual({
				ok: true,
				bookingId: first.bookingId,
				sequence: 0,
				changed: false
			});
		}
		expect(await mailOf(first.bookingId)).toHaveLength(mails);
		expect(
			await t.db
				.select({ n: sql<number>`count(*)::int` })
				.from(auditEvent)
				.where(eq(auditEvent.subjectId, first.bookingId))
		).toEqual(audits);
		const [row] = await t.db
			.select({ sequence: booking.sequence })
			.from(booking)
			.where(eq(booking.id, first.bookingId));
		expect(row!.sequence).toBe(0);
		// The same "no meeting" twice is one answer too.
		const other = await newFamily();
		await declineRound(
			t.db,
			schoolId,
			roundId,
			other,
			{ code: 'no_time', text: 'Drukke weken' },
			parent,
			NOW
		);
		const again = await declineRound(
			t.db,
			schoolId,
			roundId,
			other,
			{ code: 'no_time', text: 'Drukke weken' },
			parent,
			NOW
		);
		expect(again).toMatchObject({ ok: true, changed: false, sequence: 0 });
	});

	it('limits real changes through a link to ten an hour; the office is not limited', async () => {
		const familyId = await newFamily();
		for (let i = 0; i < PARENT_ANSWERS.max; i++) {
			const result = await bookVisit(
				t.db,
				schoolId,
				roundId,
				familyId,
				home(slots[1 + (i % 2)]!),
				parent,
				new Date(NOW.getTime() + i * MINUTE)
			);
			expect(result.ok, `change ${i + 1}`).toBe(true);
		}
		const later = new Date(NOW.getTime() + 20 * MINUTE);
		expect(
			await bookVisit(t.db, schoolId, roundId, familyId, home(slots[3]!), parent, later)
		).toEqual({ ok: false, problem: 'too_many_changes' });
		expect(await cancelAnswer(t.db, schoolId, roundId, familyId, parent, later)).toEqual({
			ok: false,
			problem: 'too_many_changes'
		});
		// The refused change left the booking as it was, and queued nothing.
		const [row] = await t.db
			.select({ slotId: booking.slotId, sequence: booking.sequence })
			.from(booking)
			.where(and(eq(booking.familyId, familyId), eq(booking.status, 'booked')));
		expect(row).toEqual({ slotId: slots[2], sequence: PARENT_ANSWERS.max - 1 });
		// The office, on the phone with the family, can still change it.
		expect(
			(
				await bookVisit(
					t.db,
					schoolId,
					roundId,
					familyId,
					home(slots[3]!),
					{ kind: 'staff', staffId: officeId },
					later
				)
			).ok
		).toBe(true);
		// An hour after the first change the link works again.
		expect(
			(
				await bookVisit(
					t.db,
					schoolId,
					roundId,
					familyId,
					home(slots[1]!),
					parent,
					new Date(NOW.getTime() + 61 * MINUTE)
				)
			).ok
		).toBe(true);
	});

	it('gives the teacher one mail for three changes in two minutes, saying what changed since their last mail', async () => {
		// A teacher of the test's own: the mail to them is this test's alone.
		const person = await makeStaff(t.db, schoolId, { email: 'meester.tom@school.example' });
		const teacher = { id: person.id, email: person.email };
		const slots = await slotsOf(teacher.id);
		const familyId = await newFamily(teacher.id);
		const booked = await bookVisit(t.db, schoolId, roundId, familyId, home(slots[4]!), parent, NOW);
		if (!booked.ok) throw new Error(booked.problem);
		// The teacher hears of a new booking at once.
		await drain(NOW);
		const before = (await mailTo(teacher.email)).length;
		for (const [i, slotId] of [slots[5], slots[6], slots[7]].entries()) {
			expect(
				(
					await bookVisit(
						t.db,
						schoolId,
						roundId,
						familyId,
						home(slotId!),
						parent,
						new Date(NOW.getTime() + (i + 1) * 40_000)
					)
				).ok
			).toBe(true);
		}
		// Not yet: the change waits a few minutes for a next one.
		await drain(new Date(NOW.getTime() + 2 * MINUTE));
		const waiting = (await mailTo(teacher.email)).slice(before);
		expect(waiting.map((m) => [m.kind, m.status])).toEqual([['staff_visit_changed', 'pending']]);
		await drain(new Date(NOW.getTime() + 2 * MINUTE + STAFF_CHANGE_DELAY_MS));
		const [one] = (await mailTo(teacher.email)).slice(before);
		const payload = one!.payload as unknown as StaffVisitPayload;
		expect(one!.status).toBe('sent');
		// From the time in their calendar (the booking) to the last one, with the latest sequence.
		const [first] = await t.db
			.select({ startsAt: sql<string>`starts_at` })
			.from(sql`slot`)
			.where(sql`id = ${slots[4]}`);
		expect(new Date(payload.previousStartsAt!).getTime()).toBe(new Date(first!.startsAt).getTime());
		expect(payload.sequence).toBe(3);
		// The family made three real changes and hears of each.
		const family = (await mailOf(booked.bookingId)).filter((m) => m.kind === 'visit_changed');
		expect(family).toHaveLength(3);
	});

	it('sends the teacher nothing for a booking cancelled before its mail went out, and one cancel for a change then a cancel', async () => {
		const familyId = await newFamily();
		const booked = await bookVisit(t.db, schoolId, roundId, familyId, home(slots[8]!), parent, NOW);
		if (!booked.ok) throw new Error(booked.problem);
		await cancelAnswer(t.db, schoolId, roundId, familyId, parent, NOW);
		expect((await mailOf(booked.bookingId)).filter((m) => m.toAddress === teacher.email)).toEqual(
			[]
		);

		const again = await newFamily();
		const second = await bookVisit(t.db, schoolId, roundId, again, home(slots[9]!), parent, NOW);
		if (!second.ok) throw new Error(second.problem);
		await drain(NOW);
		await bookVisit(
			t.db,
			schoolId,
			roundId,
			again,
			home(slots[10]!),
			parent,
			new Date(NOW.getTime() + MINUTE)
		);
		await cancelAnswer(
			t.db,
			schoolId,
			roundId,
			again,
			parent,
			new Date(NOW.getTime() + 2 * MINUTE)
		);
		const toTeacher = (await mailOf(second.bookingId))
			.filter((m) => m.toAddress === teacher.email)
			.map((m) => m.kind);
		expect(toTeacher).toEqual(['staff_visit_booked', 'staff_visit_cancelled']);
		const [cancel] = await t.db
			.select({ payload: outbox.payload })
			.from(outbox)
			.where(and(eq(outbox.bookingId, second.bookingId), eq(outbox.kind, 'staff_visit_cancelled')));
		// It names the time the teacher knows, not the one they never heard of.
		const [known] = await t.db
			.select({ startsAt: sql<string>`starts_at` })
			.from(sql`slot`)
			.where(sql`id = ${slots[9]}`);
		expect(new Date((cancel!.payload as unknown as StaffVisitPayload).startsAt).getTime()).toBe(
			new Date(known!.startsAt).getTime()
		);
	});

	it("keeps the family's reason and questions when the office rebooks, and keeps the office's note from the family", async () => {
		const familyId = await newFamily();
		await bookVisit(
			t.db,
			schoolId,
			roundId,
			familyId,
			home(slots[11]!, {
				location: 'school',
				notHomeReason: 'privacy',
				notHomeReasonText: 'Liever op school, ons huis is klein',
				parentQuestions: 'Hoe gaat rekenen?'
			}),
			parent,
			NOW
		);
		// The office's form, as the page sends it: the family's reason prefilled, a note of its own.
		const read = readChoice(
			form({
				slotId: slots[11]!,
				location: 'school',
				reason: 'privacy',
				reasonText: 'Liever op school, ons huis is klein',
				interpreterLanguage: 'tr',
				note: 'Vader belde: graag over rekenen'
			}),
			'staff'
		);
		if (!read.ok) throw new Error(JSON.stringify(read.errors));
		expect(
			(
				await bookVisit(
					t.db,
					schoolId,
					roundId,
					familyId,
					read.value,
					{ kind: 'staff', staffId: officeId },
					NOW
				)
			).ok
		).toBe(true);
		const [row] = await t.db
			.select()
			.from(booking)
			.where(and(eq(booking.familyId, familyId), eq(booking.status, 'booked')));
		expect(row).toMatchObject({
			notHomeReason: 'privacy',
			notHomeReasonText: 'Liever op school, ons huis is klein',
			parentQuestions: 'Hoe gaat rekenen?',
			staffNote: 'Vader belde: graag over rekenen',
			interpreterLanguage: 'tr'
		});
		// The family's page never carries the office's note.
		const page = await familyPage(t.db, familyId, roundId);
		expect(page!.answer?.questions).toBe('Hoe gaat rekenen?');
		expect(JSON.stringify(page)).not.toContain('Vader belde');
		// The family changes its answer later: the office's note stays.
		await bookVisit(
			t.db,
			schoolId,
			roundId,
			familyId,
			home(slots[11]!, {
				location: 'school',
				notHomeReason: 'privacy',
				notHomeReasonText: 'Liever op school, ons huis is klein',
				parentQuestions: 'Ook over vriendjes'
			}),
			parent,
			NOW
		);
		const [after] = await t.db
			.select({ parentQuestions: booking.parentQuestions, staffNote: booking.staffNote })
			.from(booking)
			.where(eq(booking.id, row!.id));
		expect(after).toEqual({
			parentQuestions: 'Ook over vriendjes',
			staffNote: 'Vader belde: graag over rekenen'
		});
	});
});
