/**
 * Letters for a chosen set of families, in batches of 50: each set holds the right families, a
 * letter leaves the family's earlier links working unless the office asks for new ones, a batch
 * makes links only for its own families, and the batches of a print cover every family once,
 * also when families answer between two batches. Seeded in bulk (tests/support/busy-round.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases';
import { seedBusyRound, type BusyRound } from '../support/busy-round';
import { rowsOf } from '../../src/lib/server/db';
import { familyLink } from '../../src/lib/server/db/schema';
import { issueFamilyLink, resolveFamilyLink } from '../../src/lib/server/families/links';
import {
	countLetters,
	LETTERS_PER_BATCH,
	printLetters,
	type LetterBatch,
	type LetterScope
} from '../../src/lib/server/families/letters';

const NOW = new Date('2026-10-15T08:00:00Z');
const ORIGIN = new URL('https://portal.example');
const tokenOf = (url: string) => url.split('/f/')[1]!;

describe.each(databaseKinds)('letters for a chosen set of families on %s', (kind) => {
	let t: TestDatabase;
	let busy: BusyRound;
	let other: BusyRound;
	/** Family number k (busy-round's) by family id, and the ids by k. */
	const kOf = new Map<string, number>();
	const idOf = new Map<number, string>();
	let groupId: (name: string) => string;

	const print = (
		scope: LetterScope,
		after: LetterBatch['next'] = null,
		replaceLinks = false,
		printed = 0
	) =>
		printLetters(t.db, {
			schoolId: busy.schoolId,
			roundId: busy.roundId,
			scope,
			after,
			printed,
			replaceLinks,
			origin: ORIGIN,
			timeZone: 'Europe/Amsterdam',
			now: NOW
		});

	/** Every batch of a print, with what `between` does after each batch. */
	async function printAll(scope: LetterScope, between?: (batch: LetterBatch) => Promise<void>) {
		const batches: LetterBatch[] = [];
		let next: LetterBatch['next'] = null;
		do {
			const batch = await print(scope, next, false, batches.at(-1)?.last ?? 0);
			batches.push(batch);
			await between?.(batch);
			next = batch.next;
		} while (next);
		return batches;
	}

	const familiesOf = async (batch: LetterBatch) => {
		const ids = [];
		for (const letter of batch.letters)
			ids.push((await resolveFamilyLink(t.db, tokenOf(letter.url)))!.familyId);
		return ids;
	};

	beforeAll(async () => {
		t = await freshDatabase(kind);
		busy = await seedBusyRound(t.db, { tag: 'letters', families: 200, outside: 0, now: NOW });
		other = await seedBusyRound(t.db, { tag: 'elsewhere', families: 30, outside: 0, now: NOW });
		for (const row of rowsOf<{ id: string; k: number }>(
			await t.db.execute(
				sql`select id, substring(street from 8)::int as k from family where school_id = ${busy.schoolId}`
			)
		)) {
			kOf.set(row.id, Number(row.k));
			idOf.set(Number(row.k), row.id);
		}
		// Families 9, 18, … have no e-mail address (busy-round gives every family one).
		await t.db.execute(sql`update guardian set email = null where family_id in (
			select id from family where school_id = ${busy.schoolId} and substring(street from 8)::int % 9 = 0)`);
		const groups = rowsOf<{ id: string; name: string }>(
			await t.db.execute(sql`select id, name from school_group where school_id = ${busy.schoolId}`)
		);
		groupId = (name) => groups.find((g) => g.name === name)!.id;
	}, 60_000);
	afterAll(() => t?.dispose());

	const ks = (n: number, keep: (k: number) => boolean) =>
		Array.from({ length: n }, (_, i) => i + 1).filter(keep);
	/** busy-round: family k has a child in G(k mod 24), and a second in G(k+1 mod 24) when k is a multiple of 5. */
	const inGroup = (k: number, g: number) => k % 24 === g || (k % 5 === 0 && (k + 1) % 24 === g);
	const notAnswered = (k: number) => [7, 8, 9].includes(k % 10);

	it('counts and prints each set: all, without e-mail, not answered, one group, and not answered in one group', async () => {
		const cases: [LetterScope, number[]][] = [
			[{ set: 'all', groupId: null }, ks(200, () => true)],
			[{ set: 'without_email', groupId: null }, ks(200, (k) => k % 9 === 0)],
			[{ set: 'not_answered', groupId: null }, ks(200, notAnswered)],
			[{ set: 'all', groupId: groupId('G3') }, ks(200, (k) => inGroup(k, 3))],
			[
				{ set: 'not_answered', groupId: groupId('G9') },
				ks(200, (k) => inGroup(k, 9) && notAnswered(k))
			]
		];
		for (const [scope, expected] of cases) {
			expect(await countLetters(t.db, busy.schoolId, busy.roundId, scope)).toBe(expected.length);
			const batches = await printAll(scope);
			const printed = [];
			for (const batch of batches) printed.push(...(await familiesOf(batch)));
			expect(printed.map((id) => kOf.get(id)!).sort((a, b) => a - b)).toEqual(expected);
			expect(batches.at(-1)!.total).toBe(expected.length);
		}
		// One family, as from its page.
		const one = await print({ familyId: idOf.get(17)! });
		expect(await familiesOf(one)).toEqual([idOf.get(17)]);
		expect(one).toMatchObject({ first: 1, last: 1, total: 1, next: null });
	});

	it('keeps an earlier office link working by default; asked for new links, it stops the office ones but never an e-mailed one', async () => {
		const familyId = idOf.get(42)!;
		const copied = await issueFamilyLink(t.db, familyId, busy.roundId, NOW, 'office');
		const mailed = await issueFamilyLink(t.db, familyId, busy.roundId, NOW, 'email');
		const first = await print({ familyId });
		const second = await print({ familyId });
		for (const token of [copied, mailed, tokenOf(first.letters[0]!.url)])
			expect(await resolveFamilyLink(t.db, token)).not.toBeNull();

		const renewed = await print({ familyId }, null, true);
		expect(await resolveFamilyLink(t.db, tokenOf(renewed.letters[0]!.url))).not.toBeNull();
		for (const token of [copied, tokenOf(first.letters[0]!.url), tokenOf(second.letters[0]!.url)])
			expect(await resolveFamilyLink(t.db, token)).toBeNull();
		expect(await resolveFamilyLink(t.db, mailed)).not.toBeNull();
	});

	it('stops earlier links once when two prints with new links run at the same time', async () => {
		const familyId = idOf.get(43)!;
		const [a, b] = await Promise.all([
			print({ familyId }, null, true),
			print({ familyId }, null, true)
		]);
		const working = await Promise.all(
			[a, b].map(async (p) => (await resolveFamilyLink(t.db, tokenOf(p.letters[0]!.url))) !== null)
		);
		// The later one wins; the earlier one's letter was replaced by it.
		expect(working.filter(Boolean)).toHaveLength(1);
		const active = await t.db
			.select()
			.from(familyLink)
			.where(
				and(
					eq(familyLink.familyId, familyId),
					eq(familyLink.channel, 'office'),
					isNull(familyLink.revokedAt)
				)
			);
		expect(active).toHaveLength(1);
	});

	it('makes links only for the families of its own batch', async () => {
		const scope: LetterScope = { set: 'all', groupId: null };
		const allIds = [...kOf.keys()];
		const linksOf = async () =>
			rowsOf<{ family_id: string; n: number }>(
				await t.db.execute(
					sql`select family_id, count(*)::int as n from family_link where round_id = ${busy.roundId} group by family_id`
				)
			);
		const before = new Map((await linksOf()).map((r) => [r.family_id, Number(r.n)]));
		const batch = await print(scope);
		expect(batch).toMatchObject({ first: 1, last: LETTERS_PER_BATCH, total: 200 });
		expect(batch.letters).toHaveLength(LETTERS_PER_BATCH);
		const printed = new Set(await familiesOf(batch));
		const after = new Map((await linksOf()).map((r) => [r.family_id, Number(r.n)]));
		for (const id of allIds)
			expect(after.get(id) ?? 0, `family ${kOf.get(id)}`).toBe(
				(before.get(id) ?? 0) + (printed.has(id) ? 1 : 0)
			);
	});

	it('covers every family exactly once, also when families answer between two batches', async () => {
		const scope: LetterScope = { set: 'not_answered', groupId: null };
		const expected = ks(200, notAnswered).map((k) => idOf.get(k)!);
		expect(expected.length).toBeGreaterThan(LETTERS_PER_BATCH);
		const seen: string[] = [];
		const answered: string[] = [];
		const batches = await printAll(scope, async (batch) => {
			const ids = await familiesOf(batch);
			seen.push(...ids);
			// Two families of this batch decline before the next batch is made: nobody later may be skipped.
			for (const id of ids.slice(0, 2)) {
				answered.push(id);
				await t.db.execute(sql`insert into booking (school_id, round_id, family_id, status)
					values (${busy.schoolId}, ${busy.roundId}, ${id}, 'declined')`);
			}
		});
		expect(batches.length).toBe(Math.ceil(expected.length / LETTERS_PER_BATCH));
		expect(new Set(seen).size).toBe(seen.length);
		expect([...seen].sort()).toEqual([...expected].sort());
		// Numbered as printed, whoever answered meanwhile: 1–50, 51–…, of all the print's letters.
		expect(batches.map((b) => b.first)).toEqual(batches.map((_, i) => i * LETTERS_PER_BATCH + 1));
		expect(batches.at(-1)!.last).toBe(expected.length);
		expect(batches.at(-1)!.total).toBe(expected.length);
		await t.db.execute(
			sql`delete from booking where status = 'declined' and family_id in (${sql.join(
				answered.map((id) => sql`${id}`),
				sql`, `
			)}) and round_id = ${busy.roundId} and slot_id is null`
		);
	});

	it("never prints another school's families, nor a family of another school by its id", async () => {
		const ours = new Set(kOf.keys());
		const batches = await printAll({ set: 'all', groupId: null });
		for (const batch of batches)
			for (const id of await familiesOf(batch)) expect(ours.has(id)).toBe(true);
		const stranger = rowsOf<{ id: string }>(
			await t.db.execute(sql`select id from family where school_id = ${other.schoolId} limit 1`)
		)[0]!.id;
		expect((await print({ familyId: stranger })).letters).toEqual([]);
		// Their round with our school: nothing either.
		const crossed = await printLetters(t.db, {
			schoolId: busy.schoolId,
			roundId: other.roundId,
			scope: { set: 'all', groupId: null },
			after: null,
			printed: 0,
			replaceLinks: false,
			origin: ORIGIN,
			timeZone: 'Europe/Amsterdam',
			now: NOW
		});
		expect(crossed.letters).toEqual([]);
		expect(crossed.total).toBe(0);
		// Another school's group finds nobody of ours.
		const theirGroup = rowsOf<{ id: string }>(
			await t.db.execute(
				sql`select id from school_group where school_id = ${other.schoolId} limit 1`
			)
		)[0]!.id;
		expect(
			await countLetters(t.db, busy.schoolId, busy.roundId, { set: 'all', groupId: theirGroup })
		).toBe(0);
	});
});

describe.each(databaseKinds)('letters for a school of 1,000 families on %s', (kind) => {
	let t: TestDatabase;
	afterAll(() => t?.dispose());

	it('prints them in 20 batches of 50, each family once', async () => {
		t = await freshDatabase(kind);
		const busy = await seedBusyRound(t.db, {
			tag: 'thousand',
			families: 1000,
			outside: 0,
			now: NOW
		});
		const seen = new Set<string>();
		let batches = 0;
		let next: LetterBatch['next'] = null;
		do {
			const batch = await printLetters(t.db, {
				schoolId: busy.schoolId,
				roundId: busy.roundId,
				scope: { set: 'all', groupId: null },
				after: next,
				printed: batches * LETTERS_PER_BATCH,
				replaceLinks: false,
				origin: ORIGIN,
				timeZone: 'Europe/Amsterdam',
				now: NOW
			});
			batches++;
			expect(batch.letters).toHaveLength(LETTERS_PER_BATCH);
			expect(batch.total).toBe(1000);
			for (const letter of batch.letters) seen.add(letter.greeting);
			next = batch.next;
		} while (next);
		expect(batches).toBe(20);
		expect(seen.size).toBe(1000);
		const [links] = rowsOf<{ n: number }>(
			await t.db.execute(
				sql`select count(*)::int as n from family_link where round_id = ${busy.roundId}`
			)
		);
		expect(Number(links!.n)).toBe(1000);
	}, 120_000);
});
