import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import {
	databaseKinds,
	emptyDatabase,
	freshDatabase,
	type TestDatabase
} from '../support/databases';
import { outreachSchool, viewerOf } from '../support/outreach';
import { familyOutreach, readAttempt, recordAttempt } from '../../src/lib/server/outreach/attempts';
import { outreachFigures } from '../../src/lib/server/outreach/evaluation';
import { liveFigures, roundFigures } from '../../src/lib/server/evaluation/figures';
import { removeRoundData } from '../../src/lib/server/privacy/retention';
import { rowsOf } from '../../src/lib/server/db';

const NOW = new Date('2026-11-04T12:00:00Z');
const minutesLater = (m: number) => new Date(NOW.getTime() + m * 60_000);

const form = (fields: Record<string, string>) => {
	const data = new FormData();
	for (const [k, v] of Object.entries(fields)) data.set(k, v);
	return data;
};

describe('reading the contact attempt form', () => {
	it('takes a channel, an outcome and a short note, and refuses anything else with a message', () => {
		expect(
			readAttempt(form({ channel: 'phone', outcome: 'will_book', note: ' Belt  terug\r\nmorgen ' }))
		).toMatchObject({
			ok: true,
			value: {
				channel: 'phone',
				outcome: 'will_book',
				note: 'Belt  terug\nmorgen',
				callAnswered: false
			}
		});
		expect(
			readAttempt(form({ channel: 'gate', outcome: 'no_answer', callAnswered: 'yes' }))
		).toMatchObject({ ok: true, value: { callAnswered: true, note: '' } });
		expect(readAttempt(form({}))).toMatchObject({
			ok: false,
			errors: {
				channel: 'outreach.errors.channel_required',
				outcome: 'outreach.errors.outcome_required'
			}
		});
		expect(readAttempt(form({ channel: 'pigeon', outcome: 'no_answer' }))).toMatchObject({
			ok: false,
			errors: { channel: 'outreach.errors.channel_required' }
		});
		const long = readAttempt(
			form({ channel: 'phone', outcome: 'declines', note: 'x'.repeat(501) })
		);
		expect(long).toMatchObject({ ok: false, errors: { note: 'outreach.errors.note_too_long' } });
		// Refused, not cut: the note comes back as typed.
		expect(long.values.note).toHaveLength(501);
		// Markup is text like any other: it is kept as typed and shown escaped.
		expect(
			readAttempt(form({ channel: 'door', outcome: 'no_answer', note: '<b>niet thuis</b>' }))
		).toMatchObject({ ok: true, value: { note: '<b>niet thuis</b>' } });
	});
});

describe.each(databaseKinds)('contact attempts on %s', (kind) => {
	let t: TestDatabase;

	beforeAll(async () => {
		t = await freshDatabase(kind);
	});
	beforeEach(() => emptyDatabase(t.db));
	afterAll(() => t?.dispose());

	const tries = async (familyId: string) =>
		rowsOf<{ n: number }>(
			await t.db.execute(
				sql`select count(*)::int as n from contact_attempt where family_id = ${familyId}`
			)
		)[0]!.n;

	it('records a try for a family the person may see, in its history with who and when, and audits it without the note', async () => {
		const s = await outreachSchool(t.db);
		const f = await s.addFamily('Noor');
		const anna = viewerOf(s.anna);
		const input = {
			channel: 'phone',
			outcome: 'no_answer',
			note: 'Voicemail',
			callAnswered: false
		} as const;
		expect(await recordAttempt(t.db, anna, f.id, s.round.id, input, NOW)).toEqual({
			ok: true,
			callDone: false
		});
		expect(
			await recordAttempt(
				t.db,
				viewerOf(s.office),
				f.id,
				s.round.id,
				{ ...input, channel: 'gate', outcome: 'will_book', note: '' },
				minutesLater(60)
			)
		).toEqual({ ok: true, callDone: false });
		const outreach = await familyOutreach(t.db, s.school.id, f.id, s.round.id);
		expect(outreach).toMatchObject({ inRound: true, callMe: null, otherTime: false });
		expect(outreach.attempts).toEqual([
			{ at: minutesLater(60), channel: 'gate', outcome: 'will_book', note: '', by: 'Kantoor' },
			{ at: NOW, channel: 'phone', outcome: 'no_answer', note: 'Voicemail', by: 'Anna' }
		]);
		const audit = rowsOf<{ action: string; subject_id: string; detail: unknown }>(
			await t.db.execute(
				sql`select action, subject_id, detail from audit_event where action = 'contact.recorded' order by created_at`
			)
		);
		expect(audit).toHaveLength(2);
		expect(audit[0]).toMatchObject({ subject_id: f.id });
		const detail =
			typeof audit[0]!.detail === 'string' ? JSON.parse(audit[0]!.detail) : audit[0]!.detail;
		expect(detail).toEqual({
			round: s.round.id,
			channel: 'phone',
			outcome: 'no_answer',
			callDone: false
		});
		expect(JSON.stringify(audit)).not.toContain('Voicemail');
	});

	it("refuses another teacher's family, another school's family, a family outside the round and a bad id, recording nothing", async () => {
		const s = await outreachSchool(t.db);
		const other = await outreachSchool(t.db);
		const brams = await s.addFamily('Bram1', { visitor: s.bram.id });
		const outside = await s.addFamily('Buiten', { inRound: false });
		const theirs = await other.addFamily('Elders');
		const anna = viewerOf(s.anna);
		const input = {
			channel: 'phone',
			outcome: 'no_answer',
			note: '',
			callAnswered: false
		} as const;
		expect(await recordAttempt(t.db, anna, brams.id, s.round.id, input, NOW)).toEqual({
			ok: false,
			problem: 'not_found'
		});
		expect(await recordAttempt(t.db, anna, theirs.id, s.round.id, input, NOW)).toEqual({
			ok: false,
			problem: 'not_found'
		});
		expect(
			await recordAttempt(t.db, viewerOf(s.office), theirs.id, other.round.id, input, NOW)
		).toEqual({ ok: false, problem: 'not_found' });
		expect(await recordAttempt(t.db, anna, outside.id, s.round.id, input, NOW)).toEqual({
			ok: false,
			problem: 'not_in_round'
		});
		// Their own family, but with the other school's round: not this school's round.
		const mine = await s.addFamily('Eigen');
		expect(await recordAttempt(t.db, anna, mine.id, other.round.id, input, NOW)).toEqual({
			ok: false,
			problem: 'not_in_round'
		});
		expect(await recordAttempt(t.db, anna, 'not-a-uuid', s.round.id, input, NOW)).toEqual({
			ok: false,
			problem: 'not_found'
		});
		for (const id of [brams.id, outside.id, theirs.id, mine.id]) expect(await tries(id)).toBe(0);
		// Bram himself may.
		expect(await recordAttempt(t.db, viewerOf(s.bram), brams.id, s.round.id, input, NOW)).toEqual({
			ok: true,
			callDone: false
		});
		expect((await familyOutreach(t.db, s.school.id, outside.id, s.round.id)).inRound).toBe(false);
	});

	it('marks a call request answered only when someone was reached and the box was ticked', async () => {
		const s = await outreachSchool(t.db);
		const f = await s.addFamily('Bellen');
		await s.callMe(f.id, new Date('2026-11-03T09:00:00Z'));
		await t.db.execute(sql`insert into family_request (school_id, round_id, family_id, kind, days)
			values (${s.school.id}, ${s.round.id}, ${f.id}, 'other_time', '{tue}')`);
		const anna = viewerOf(s.anna);
		expect((await familyOutreach(t.db, s.school.id, f.id, s.round.id)).callMe).toMatchObject({
			phone: '+31612345678',
			language: 'ar'
		});
		const call = { channel: 'phone', note: '', callAnswered: true } as const;
		// Nobody picked up, or the number was wrong: the request stays open, box or not.
		expect(
			await recordAttempt(t.db, anna, f.id, s.round.id, { ...call, outcome: 'no_answer' }, NOW)
		).toEqual({ ok: true, callDone: false });
		expect(
			await recordAttempt(t.db, anna, f.id, s.round.id, { ...call, outcome: 'wrong_number' }, NOW)
		).toEqual({ ok: true, callDone: false });
		// Reached, box unticked: still open.
		expect(
			await recordAttempt(
				t.db,
				anna,
				f.id,
				s.round.id,
				{ ...call, outcome: 'will_book', callAnswered: false },
				NOW
			)
		).toEqual({ ok: true, callDone: false });
		expect(await s.requests(f.id)).toEqual([
			{ kind: 'call_me', status: 'open', handled_by: null },
			{ kind: 'other_time', status: 'open', handled_by: null }
		]);
		expect(
			await recordAttempt(
				t.db,
				anna,
				f.id,
				s.round.id,
				{ ...call, outcome: 'wants_school' },
				minutesLater(5)
			)
		).toEqual({ ok: true, callDone: true });
		// The "other time" request is another helper's to handle: it stays open.
		expect(await s.requests(f.id)).toEqual([
			{ kind: 'call_me', status: 'done', handled_by: s.anna.id },
			{ kind: 'other_time', status: 'open', handled_by: null }
		]);
		const [handled] = rowsOf<{ handled_at: string }>(
			await t.db.execute(sql`select handled_at from family_request where kind = 'call_me'`)
		);
		expect(new Date(handled!.handled_at)).toEqual(minutesLater(5));
		const outreach = await familyOutreach(t.db, s.school.id, f.id, s.round.id);
		expect(outreach).toMatchObject({ callMe: null, otherTime: true });
		expect(outreach.attempts).toHaveLength(4);
	});

	it('counts the tries for the evaluation: families tried, answered after 1, 2 or 3+ tries, and per channel; frozen before retention removes them', async () => {
		const s = await outreachSchool(t.db);
		const anna = viewerOf(s.anna);
		const [one, two, three, still] = await Promise.all(
			['Een', 'Twee', 'Drie', 'Nog'].map((n) => s.addFamily(n))
		);
		await s.addFamily('Nooit');
		const tryOnce = (
			familyId: string,
			channel: 'phone' | 'letter' | 'gate' | 'text',
			outcome: 'no_answer' | 'will_book' | 'wrong_number',
			m: number
		) =>
			recordAttempt(
				t.db,
				anna,
				familyId,
				s.round.id,
				{ channel, outcome, note: 'n', callAnswered: false },
				minutesLater(m)
			);
		await tryOnce(one!.id, 'phone', 'will_book', 1);
		await tryOnce(two!.id, 'phone', 'no_answer', 2);
		await tryOnce(two!.id, 'gate', 'will_book', 3);
		await tryOnce(three!.id, 'phone', 'wrong_number', 4);
		await tryOnce(three!.id, 'letter', 'no_answer', 5);
		await tryOnce(three!.id, 'text', 'will_book', 6);
		await tryOnce(still!.id, 'phone', 'no_answer', 7);
		await s.booked(one!.id);
		await s.booked(two!.id);
		await s.booked(three!.id);
		await s.booked(still!.id, 'cancelled');

		const expected = {
			tried: 4,
			answeredAfter: { one: 1, two: 1, more: 1 },
			channels: [
				{ channel: 'phone', attempts: 4, reached: 1 },
				{ channel: 'letter', attempts: 1, reached: 0 },
				{ channel: 'gate', attempts: 1, reached: 1 },
				{ channel: 'door', attempts: 0, reached: 0 },
				{ channel: 'colleague', attempts: 0, reached: 0 },
				{ channel: 'text', attempts: 1, reached: 1 }
			]
		};
		expect(await outreachFigures(t.db, s.school.id, s.round.id)).toEqual(expected);
		// Another school's figures see none of it.
		const other = await outreachSchool(t.db);
		expect((await outreachFigures(t.db, other.school.id, s.round.id)).tried).toBe(0);
		expect((await liveFigures(t.db, s.school.id, s.round.id, NOW))!.outreach).toEqual(expected);

		await removeRoundData(t.db, s.school.id, s.round.id, new Date('2027-08-01T00:00:00Z'));
		expect(await tries(one!.id)).toBe(0);
		const frozen = await roundFigures(
			t.db,
			s.school.id,
			s.round.id,
			new Date('2027-08-02T00:00:00Z')
		);
		expect(frozen!.frozenAt).not.toBeNull();
		expect(frozen!.outreach).toEqual(expected);
	});
});
