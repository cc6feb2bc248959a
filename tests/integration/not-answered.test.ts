import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import {
	databaseKinds,
	emptyDatabase,
	freshDatabase,
	type TestDatabase
} from '../support/databases';
import { seedBusyRound } from '../support/busy-round';
import { outreachSchool, viewerOf } from '../support/outreach';
import {
	NOT_ANSWERED_PAGE_SIZE,
	notAnsweredPage
} from '../../src/lib/server/outreach/not-answered';
import { recordAttempt } from '../../src/lib/server/outreach/attempts';
import { roundProgress } from '../../src/lib/server/visit-rounds/progress';
import { mondayOf, weekBounds } from '../../src/lib/server/slots/calendar';
import { staffHome } from '../../src/lib/server/visit-rounds/home';
import { rowsOf } from '../../src/lib/server/db';

const NOW = new Date('2026-11-04T12:00:00Z');
const WEEK = weekBounds(mondayOf('2026-11-04'), 'Europe/Amsterdam');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000);
const phone = { channel: 'phone', note: '', callAnswered: false } as const;

describe.each(databaseKinds)('the list of families without an answer on %s', (kind) => {
	let t: TestDatabase;

	beforeAll(async () => {
		t = await freshDatabase(kind);
	});
	beforeEach(() => emptyDatabase(t.db));
	afterAll(() => t?.dispose());

	it('holds as many families as the home page says have not answered, for the office and for each teacher, page by page', async () => {
		const busy = await seedBusyRound(t.db, { tag: 'busy', families: 1000, now: NOW });
		const other = await seedBusyRound(t.db, { tag: 'other', families: 40, teachers: 2, now: NOW });
		const office = { id: busy.officeId, schoolId: busy.schoolId, role: 'admin' as const };
		const [figures] = await roundProgress(t.db, busy.schoolId, [busy.roundId], {
			now: NOW,
			week: WEEK,
			staffId: null
		});
		expect(figures!.notAnswered).toBe(300);
		const first = await notAnsweredPage(t.db, viewerOf(office), busy.roundId, 1);
		expect(first.total).toBe(figures!.notAnswered);
		expect(first.families).toHaveLength(NOT_ANSWERED_PAGE_SIZE);
		expect(first.pages).toBe(Math.ceil(300 / NOT_ANSWERED_PAGE_SIZE));
		// Every page together: each family once, none answered, none of the other school's.
		const seen = new Set(first.families.map((f) => f.familyId));
		for (let page = 2; page <= first.pages; page++)
			for (const f of (await notAnsweredPage(t.db, viewerOf(office), busy.roundId, page)).families)
				seen.add(f.familyId);
		expect(seen.size).toBe(300);
		const [answered] = rowsOf<{ n: number }>(
			await t.db.execute(sql`select count(*)::int as n from booking
				where status <> 'cancelled' and family_id in (${sql.join(
					[...seen].map((id) => sql`${id}::uuid`),
					sql`, `
				)})`)
		);
		expect(answered!.n).toBe(0);
		// A page past the end is empty, not an error.
		expect((await notAnsweredPage(t.db, viewerOf(office), busy.roundId, 99)).families).toEqual([]);

		for (const teacher of [0, 5]) {
			const me = { id: busy.teachers[teacher]!, schoolId: busy.schoolId, role: 'teacher' as const };
			const home = await staffHome(t.db, viewerOf(me), NOW);
			const mine = home.mine.find((m) => m.progress.roundId === busy.roundId)!;
			const list = await notAnsweredPage(t.db, viewerOf(me), busy.roundId, 1);
			expect(list.total, `teacher ${teacher}`).toBe(mine.progress.notAnswered);
			expect(list.total).toBeGreaterThan(0);
			expect(list.families.map((f) => f.familyId).sort()).toEqual(
				mine.toCall.families.map((f) => f.familyId).sort()
			);
		}
		// Another school's round shows nothing, whoever asks.
		expect((await notAnsweredPage(t.db, viewerOf(office), other.roundId, 1)).total).toBe(0);
	});

	it('puts call requests first, then families nothing reaches, then the least tried, and "will book" last', async () => {
		const s = await outreachSchool(t.db);
		const anna = viewerOf(s.anna);
		const tried = await s.addFamily('Tried');
		const mailedOk = await s.addFamily('Mailed');
		await s.addFamily('NoEmail', { email: false });
		const bounced = await s.addFamily('Bounced');
		// Without e-mail: a wrong number leaves nothing that reaches them; no answer is worth another try.
		const wrongNumber = await s.addFamily('WrongNumber', { email: false });
		const silent = await s.addFamily('Silent', { email: false });
		const caller = await s.addFamily('Caller');
		const laterCaller = await s.addFamily('LaterCaller', { email: false });
		const willBook = await s.addFamily('WillBook');
		const declined = await s.addFamily('Declined');
		const cancelled = await s.addFamily('Cancelled');
		const asksTime = await s.addFamily('AsksTime');
		const brams = await s.addFamily('Brams', { visitor: s.bram.id, email: false });
		await s.addFamily('Outside', { inRound: false });

		for (const f of [tried, mailedOk, caller, willBook, asksTime])
			await s.mailed(f.id, 'sent', hoursAgo(100));
		await s.mailed(bounced.id, 'failed', hoursAgo(100));
		await s.mailed(bounced.id, 'failed', hoursAgo(50), 'nudge');
		await s.booked(declined.id);
		await s.booked(cancelled.id, 'cancelled');
		await s.callMe(laterCaller.id, hoursAgo(2));
		await s.callMe(caller.id, hoursAgo(30));
		await t.db
			.execute(sql`insert into family_request (school_id, round_id, family_id, kind, days, parts)
			values (${s.school.id}, ${s.round.id}, ${asksTime.id}, 'other_time', '{mon}', '{evening}')`);
		const record = (
			familyId: string,
			outcome: 'no_answer' | 'will_book' | 'wrong_number',
			h: number
		) => recordAttempt(t.db, anna, familyId, s.round.id, { ...phone, outcome }, hoursAgo(h));
		expect(await record(tried.id, 'no_answer', 20)).toEqual({ ok: true, callDone: false });
		await record(asksTime.id, 'no_answer', 40);
		await record(wrongNumber.id, 'wrong_number', 10);
		await record(silent.id, 'no_answer', 30);
		await record(willBook.id, 'no_answer', 60);
		await record(willBook.id, 'will_book', 5);

		const list = await notAnsweredPage(t.db, anna, s.round.id, 1);
		const names = list.families.map((f) => f.children[0]!.name);
		expect(names).toEqual([
			'Caller Test',
			'LaterCaller Test',
			// Nothing reaches them, never tried or a wrong number: by last try (none first), then name.
			'Bounced Test',
			'NoEmail Test',
			'WrongNumber Test',
			// Never tried, then the oldest try first.
			'Cancelled Test',
			'Mailed Test',
			'AsksTime Test',
			'Silent Test',
			'Tried Test',
			'WillBook Test'
		]);
		expect(list.families.map((f) => f.urgency)).toEqual([
			'call_me',
			'call_me',
			'unreachable',
			'unreachable',
			'unreachable',
			'to_try',
			'to_try',
			'to_try',
			'to_try',
			'to_try',
			'will_book'
		]);
		const byName = (name: string) => list.families.find((f) => f.children[0]!.name === name)!;
		expect(byName('Caller Test').callMe).toMatchObject({ phone: '+31612345678', language: 'ar' });
		expect(byName('AsksTime Test').otherTime).toBe(true);
		expect(byName('Tried Test').otherTime).toBe(false);
		expect(byName('Bounced Test').mails.map((m) => [m.kind, m.channel, m.status])).toEqual([
			['nudge', 'email', 'failed'],
			['invitation', 'email', 'failed']
		]);
		expect(byName('WillBook Test')).toMatchObject({
			attempts: 2,
			lastAttempt: { channel: 'phone', outcome: 'will_book', by: 'Anna' }
		});
		expect(byName('NoEmail Test').guardians[0]!.phone).toMatch(/^06 1234/);
		expect(byName('NoEmail Test').language).toBe('ar');
		// "Cancelled Test" answered and cancelled: not answered again, as on the home page.
		const [home] = await roundProgress(t.db, s.school.id, [s.round.id], {
			now: NOW,
			week: WEEK,
			staffId: s.anna.id
		});
		expect(list.total).toBe(home!.notAnswered);

		// The office sees Bram's family too; Bram only his own.
		const office = await notAnsweredPage(t.db, viewerOf(s.office), s.round.id, 1);
		expect(office.total).toBe(12);
		expect(office.families.find((f) => f.familyId === brams.id)).toMatchObject({
			urgency: 'unreachable',
			visitor: 'Bram'
		});
		const bram = await notAnsweredPage(t.db, viewerOf(s.bram), s.round.id, 1);
		expect(bram.families.map((f) => f.familyId)).toEqual([brams.id]);

		// A call answered leaves the top; a booking leaves the list.
		await recordAttempt(
			t.db,
			anna,
			caller.id,
			s.round.id,
			{ ...phone, outcome: 'will_book', callAnswered: true },
			NOW
		);
		await s.booked(laterCaller.id);
		const after = await notAnsweredPage(t.db, anna, s.round.id, 1);
		expect(after.total).toBe(10);
		expect(after.families[0]!.children[0]!.name).toBe('Bounced Test');
		expect(after.families.at(-1)!.children[0]!.name).toBe('Caller Test');
	});
});
