/**
 * A teacher with fewer free times than families still to choose one is named on the office's
 * home and the round's page, and told on her own home, while there is time to add slots.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases';
import { makeFamiliesInGroup, makeFamilyInRound, makeSchool, makeStaff } from '../support/fixtures';
import { slotShortages } from '../../src/lib/server/visit-rounds/shortage';
import { booking, slot } from '../../src/lib/server/db/schema';
import { eq } from 'drizzle-orm';
import type { Database } from '../../src/lib/server/db';

const NOW = new Date('2026-10-20T08:00:00Z');
const HOUR = 3_600_000;

describe.each(databaseKinds)('slot shortages on %s', (kind) => {
	let t: TestDatabase;
	beforeAll(async () => {
		t = await freshDatabase(kind);
	});
	afterAll(() => t?.dispose());

	async function slots(
		db: Database,
		schoolId: string,
		roundId: string,
		staffId: string,
		startsAt: Date[]
	) {
		return (
			await db
				.insert(slot)
				.values(
					startsAt.map((at) => ({
						schoolId,
						roundId,
						staffId,
						startsAt: at,
						endsAt: new Date(at.getTime() + 0.75 * HOUR)
					}))
				)
				.returning({ id: slot.id })
		).map((s) => s.id);
	}

	it('names the teachers whose free times fall short of the families still to book', async () => {
		const school = await makeSchool(t.db);
		const anouk = await makeStaff(t.db, school.id, { name: 'Anouk Visser' });
		const jeroen = await makeStaff(t.db, school.id, { name: 'Jeroen Bos' });
		// The fixture's family (Anouk's) and its round; four more of Anouk's, two of Jeroen's.
		const first = await makeFamilyInRound(t.db, school.id, anouk.id);
		const roundId = first.round.id;
		const anouks = [
			first.family.id,
			...(await makeFamiliesInGroup(t.db, school.id, first.group.id, anouk.id, 4))
		];
		await makeFamiliesInGroup(t.db, school.id, first.group.id, jeroen.id, 2);

		const day = (d: number, h = 15) => new Date(Date.UTC(2026, 9, 26 + d, h));
		// Anouk: three times next week, one of them booked; one tomorrow, inside the 24-hour
		// change deadline, which no family can book any more.
		const [booked] = await slots(t.db, school.id, roundId, anouk.id, [day(0), day(1), day(2)]);
		await slots(t.db, school.id, roundId, anouk.id, [new Date(NOW.getTime() + 20 * HOUR)]);
		await t.db.insert(booking).values([
			{
				schoolId: school.id,
				roundId,
				familyId: anouks[0]!,
				slotId: booked,
				status: 'booked',
				location: 'home'
			},
			// A family that said "no meeting" needs no time.
			{ schoolId: school.id, roundId, familyId: anouks[1]!, status: 'declined' }
		]);
		// Jeroen: two times for his two families.
		await slots(t.db, school.id, roundId, jeroen.id, [day(0), day(1)]);

		// Anouk: 3 families to book, 2 free times.
		expect(await slotShortages(t.db, school.id, [roundId], NOW)).toEqual([
			{ roundId, staffId: anouk.id, staffName: 'Anouk Visser', toBook: 3, freeSlots: 2 }
		]);
		expect(await slotShortages(t.db, school.id, [roundId], NOW, jeroen.id)).toEqual([]);

		// Jeroen gets a third family: one short too; the bigger gap comes first.
		await makeFamiliesInGroup(t.db, school.id, first.group.id, jeroen.id, 2);
		expect(
			(await slotShortages(t.db, school.id, [roundId], NOW)).map((s) => [
				s.staffName,
				s.toBook,
				s.freeSlots
			])
		).toEqual([
			['Jeroen Bos', 4, 2],
			['Anouk Visser', 3, 2]
		]);
		expect(await slotShortages(t.db, school.id, [roundId], NOW, anouk.id)).toHaveLength(1);

		// A cancelled booking frees its family and its time again: no change in the gap.
		await t.db.update(booking).set({ status: 'cancelled' }).where(eq(booking.slotId, booked!));
		expect((await slotShortages(t.db, school.id, [roundId], NOW, anouk.id))[0]).toMatchObject({
			toBook: 4,
			freeSlots: 3
		});

		// After booking has closed nothing is shown: no time added would help.
		expect(await slotShortages(t.db, school.id, [roundId], first.round.bookingClosesAt)).toEqual(
			[]
		);
		// Another school sees nothing of this one.
		const other = await makeSchool(t.db);
		expect(await slotShortages(t.db, other.id, [roundId], NOW)).toEqual([]);
	});
});
