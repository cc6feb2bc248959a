import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases';
import { makeFamilyInRound, makeSchool, makeStaff } from '../support/fixtures';
import { createSlots } from '../../src/lib/server/slots/create';
import { bookVisit, cancelAnswer } from '../../src/lib/server/booking/answer';
import { family } from '../../src/lib/server/db/schema';
import { feedFor, issueFeed, revokeFeed } from '../../src/lib/server/calendar/feed';
import { visitChoice, wallTimes } from '../support/visits';

const AMS = 'Europe/Amsterdam';
const NOW = new Date('2026-10-15T08:00:00Z');
const at = (date: string, from: string, to: string) => wallTimes(date, from, to, AMS);
const choice = (slotId: string) => visitChoice(slotId);
const staffActor = { kind: 'staff' as const };

/** Parses strictly: ical.js throws on malformed content lines. */
function events(text: string) {
	for (const line of text.split('\r\n'))
		expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
	const calendar = new ICAL.Component(ICAL.parse(text));
	return calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
}

describe.each(databaseKinds)("a teacher's calendar feed on %s", (kind) => {
	let t: TestDatabase;
	let schoolId: string;
	let fatma: string;
	let jeroen: string;
	let intern: string;
	let round: string;
	const bookings: Record<string, string> = {};

	beforeAll(async () => {
		t = await freshDatabase(kind);
		schoolId = (await makeSchool(t.db)).id;
		fatma = (await makeStaff(t.db, schoolId, { name: 'Fatma' })).id;
		jeroen = (await makeStaff(t.db, schoolId, { name: 'Jeroen' })).id;
		intern = (await makeStaff(t.db, schoolId, { name: 'Stagiair' })).id;
		const first = await makeFamilyInRound(t.db, schoolId, fatma);
		round = first.round.id;
		const [second] = await t.db
			.insert(family)
			.values({ schoolId, visitingStaffId: fatma })
			.returning();
		const [third] = await t.db
			.insert(family)
			.values({ schoolId, visitingStaffId: jeroen })
			.returning();
		const fatmaSlots = await createSlots(
			t.db,
			{
				schoolId,
				roundId: round,
				staffId: fatma,
				secondStaffId: intern,
				allowsHome: true,
				allowsSchool: true,
				allowsNeutral: true,
				times: [
					at('2026-10-26', '16:00', '16:45'),
					at('2026-10-27', '16:00', '16:45'),
					at('2026-10-28', '16:00', '16:45')
				]
			},
			AMS,
			NOW
		);
		const jeroenSlots = await createSlots(
			t.db,
			{
				schoolId,
				roundId: round,
				staffId: jeroen,
				secondStaffId: null,
				allowsHome: true,
				allowsSchool: true,
				allowsNeutral: true,
				times: [at('2026-10-26', '18:00', '18:45')]
			},
			AMS,
			NOW
		);
		if (!fatmaSlots.ok || !jeroenSlots.ok) throw new Error('slots');
		for (const [name, familyId, slotId] of [
			['a', first.family.id, fatmaSlots.ids[0]],
			['b', second!.id, fatmaSlots.ids[1]],
			['c', third!.id, jeroenSlots.ids[0]]
		] as const) {
			const result = await bookVisit(
				t.db,
				schoolId,
				round,
				familyId,
				choice(slotId!),
				staffActor,
				NOW
			);
			if (!result.ok) throw new Error(result.problem);
			bookings[name] = result.bookingId;
		}
		await cancelAnswer(t.db, schoolId, round, second!.id, staffActor, NOW);
	});
	afterAll(() => t?.dispose());

	it("lists exactly the teacher's booked visits, and the second person's", async () => {
		const token = await issueFeed(t.db, fatma, NOW);
		const mine = events((await feedFor(t.db, token, NOW))!);
		expect(mine.map((e) => e.uid)).toEqual([`${bookings.a}@huisbezoek`]);
		expect(mine[0]!.startDate.toJSDate().toISOString()).toBe('2026-10-26T15:00:00.000Z');
		// The fixture's child is Kind<n> Test at Straat 1: neither is in the feed by default.
		expect(JSON.stringify(mine.map((e) => [e.summary, e.location, e.description]))).not.toMatch(
			/Kind\d|Test|Straat 1/
		);
		const internFeed = events((await feedFor(t.db, await issueFeed(t.db, intern, NOW), NOW))!);
		expect(internFeed.map((e) => e.uid)).toEqual([`${bookings.a}@huisbezoek`]);
		const jeroenFeed = events((await feedFor(t.db, await issueFeed(t.db, jeroen, NOW), NOW))!);
		expect(jeroenFeed.map((e) => e.uid)).toEqual([`${bookings.c}@huisbezoek`]);
	});

	it('stops working when revoked or replaced, and refuses made-up tokens', async () => {
		const old = await issueFeed(t.db, fatma, NOW);
		const replacement = await issueFeed(t.db, fatma, NOW);
		expect(await feedFor(t.db, old, NOW)).toBeNull();
		expect(await feedFor(t.db, replacement, NOW)).not.toBeNull();
		await revokeFeed(t.db, fatma, NOW);
		expect(await feedFor(t.db, replacement, NOW)).toBeNull();
		expect(await feedFor(t.db, 'x'.repeat(32), NOW)).toBeNull();
		expect(await feedFor(t.db, "' or 1=1 --", NOW)).toBeNull();
	});

	it('is a valid empty calendar for someone without visits', async () => {
		const nobody = (await makeStaff(t.db, schoolId)).id;
		const text = (await feedFor(t.db, await issueFeed(t.db, nobody, NOW), NOW))!;
		expect(events(text)).toEqual([]);
		expect(text).toContain('METHOD:PUBLISH');
	});
});
