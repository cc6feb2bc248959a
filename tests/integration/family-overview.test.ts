import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
	databaseKinds,
	emptyDatabase,
	freshDatabase,
	type TestDatabase
} from '../support/databases';
import { makeSchool, makeStaff } from '../support/fixtures';
import { visitChoice } from '../support/visits';
import { loadDemo } from '../../src/lib/server/demo/load';
import { familyAnswers } from '../../src/lib/server/families/overview';
import { bookVisit, declineRound } from '../../src/lib/server/booking/answer';
import { currentRound } from '../../src/lib/server/school/overview';
import { slotsOfPerson } from '../../src/lib/server/slots/week';
import { school, staff } from '../../src/lib/server/db/schema';
import { eq } from 'drizzle-orm';

const NOW = new Date('2026-10-15T08:00:00Z');

describe.each(databaseKinds)('the families overview on %s', (kind) => {
	let t: TestDatabase;
	let schoolId: string;
	let roundId: string;
	let jeroen: string;

	beforeAll(async () => {
		t = await freshDatabase(kind);
	});
	// The tests book, decline and reassign the demo's families: each starts from a fresh demo.
	beforeEach(async () => {
		await emptyDatabase(t.db);
		await loadDemo(t.db, { origin: new URL('http://localhost'), now: NOW });
		schoolId = (await t.db.select().from(school))[0]!.id;
		roundId = (await currentRound(t.db, schoolId, '2026-10-15'))!.id;
		jeroen = (
			await t.db.select().from(staff).where(eq(staff.email, 'jeroen.bos@spitsbergen.example'))
		)[0]!.id;
	});
	afterAll(() => t?.dispose());

	it('lists the families a teacher visits, all open at first, with children and talking points', async () => {
		const mine = await familyAnswers(t.db, schoolId, roundId, { staffId: jeroen });
		expect(mine.length).toBeGreaterThan(3);
		expect(mine.every((f) => f.status === 'open' && f.teacher === 'Jeroen Bos')).toBe(true);
		const deVries = mine.find((f) => f.children.some((c) => c.name === 'Daan de Vries'))!;
		expect(deVries.children).toEqual([
			{ name: 'Daan de Vries', group: '3B' },
			{ name: 'Noor de Vries', group: '1A' }
		]);
		expect(deVries.talkingPoints).toContain('Bedtijd');
		expect(deVries.address).toBe('Spitsbergenstraat 12 1013 AB Amsterdam');
		const all = await familyAnswers(t.db, schoolId, roundId, { staffId: null });
		// Group 7A is not in the round: Milan Jansen's family is not listed; Kwame Osei (new) is.
		expect(all.some((f) => f.children.some((c) => c.name === 'Milan Jansen'))).toBe(false);
		expect(all.some((f) => f.children.some((c) => c.name === 'Kwame Osei'))).toBe(true);
	});

	it('shows bookings and declines, and filters by answer', async () => {
		const mine = await familyAnswers(t.db, schoolId, roundId, { staffId: jeroen });
		const [first, second] = mine;
		const slots = await slotsOfPerson(
			t.db,
			schoolId,
			jeroen,
			new Date('2026-10-19T00:00:00Z'),
			new Date('2026-11-07T00:00:00Z')
		);
		const booked = await bookVisit(
			t.db,
			schoolId,
			roundId,
			first!.familyId,
			visitChoice(slots[0]!.id, {
				visitAddress: 'Tijdelijk adres 5, Amsterdam',
				interpreterLanguage: 'tr',
				parentQuestions: 'Hoe gaat rekenen?'
			}),
			{ kind: 'parent' },
			NOW
		);
		expect(booked.ok).toBe(true);
		expect(
			(
				await declineRound(
					t.db,
					schoolId,
					roundId,
					second!.familyId,
					{ code: 'no_time', text: null },
					{ kind: 'parent' },
					NOW
				)
			).ok
		).toBe(true);

		const after = await familyAnswers(t.db, schoolId, roundId, { staffId: jeroen });
		expect(after[0]).toMatchObject({
			familyId: first!.familyId,
			status: 'booked',
			location: 'home',
			address: 'Tijdelijk adres 5, Amsterdam',
			interpreterLanguage: 'tr',
			questions: 'Hoe gaat rekenen?'
		});
		expect(after[0]!.startsAt?.toISOString()).toBe(slots[0]!.startsAt.toISOString());
		expect(
			(await familyAnswers(t.db, schoolId, roundId, { staffId: jeroen, status: 'declined' })).map(
				(f) => f.familyId
			)
		).toEqual([second!.familyId]);
		expect(
			(await familyAnswers(t.db, schoolId, roundId, { staffId: jeroen, status: 'open' })).length
		).toBe(mine.length - 2);
		const one = await familyAnswers(t.db, schoolId, roundId, {
			staffId: null,
			familyId: second!.familyId
		});
		expect(one.map((f) => [f.familyId, f.status])).toEqual([[second!.familyId, 'declined']]);
	});

	it('lets the office choose who visits a family, within the school only', async () => {
		const { assignVisitor } = await import('../../src/lib/server/families/assign');
		const [f] = await familyAnswers(t.db, schoolId, roundId, { staffId: jeroen, status: 'open' });
		const fatma = (
			await t.db.select().from(staff).where(eq(staff.email, 'fatma.demir@spitsbergen.example'))
		)[0]!.id;
		expect(await assignVisitor(t.db, schoolId, jeroen, f!.familyId, fatma)).toBe(true);
		expect(
			(await familyAnswers(t.db, schoolId, roundId, { staffId: fatma })).some(
				(x) => x.familyId === f!.familyId
			)
		).toBe(true);
		const other = await makeSchool(t.db);
		const stranger = await makeStaff(t.db, other.id);
		expect(await assignVisitor(t.db, schoolId, jeroen, f!.familyId, stranger.id)).toBe(false);
		expect(await assignVisitor(t.db, other.id, stranger.id, f!.familyId, stranger.id)).toBe(false);
	});

	it('shows another school nothing', async () => {
		const other = await makeSchool(t.db);
		await makeStaff(t.db, other.id);
		expect(await familyAnswers(t.db, other.id, roundId, { staffId: null })).toEqual([]);
	});
});
