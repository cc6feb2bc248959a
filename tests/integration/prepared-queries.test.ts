/**
 * A query built once (db/prepared.ts) runs on the connection of whoever calls it: inside a
 * transaction it reads that transaction's own uncommitted rows and waits on its locks, outside
 * it reads what is committed. On both databases, and on two databases at once, so a query
 * built on one never runs on another. And the partial indexes on booking, family_request and
 * interpreter_request stay in use once PostgreSQL plans a statement for any parameters
 * (db/partial.ts).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { and, eq, is, Placeholder, sql } from 'drizzle-orm';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases';
import { preparedInsert, preparedQuery } from '../../src/lib/server/db/prepared';
import { transaction } from '../../src/lib/server/db/transaction';
import {
	booking,
	familyRequest,
	interpreterRequest,
	school,
	slot
} from '../../src/lib/server/db/schema';
import {
	bookedOnly,
	liveInterpreterRequest,
	notCancelled,
	openFamilyRequest
} from '../../src/lib/server/db/partial';
import { rowsOf, type Database } from '../../src/lib/server/db';
import { linkWithHead, linkWithOpenSlots } from '../../src/lib/server/families/page';

/** The plan PostgreSQL keeps for a statement run for any parameters (a generic plan). */
async function genericPlan(tx: Database, name: string, query: { sql: string; params: unknown[] }) {
	await tx.execute(sql.raw(`prepare ${name} as ${query.sql}`));
	const args = query.params.map((value) => `'${String(value)}'`).join(', ');
	const rows = rowsOf<Record<string, string>>(
		await tx.execute(sql.raw(`explain execute ${name}(${args})`))
	);
	return rows.map((row) => Object.values(row)[0]).join('\n');
}

const schoolNamed = preparedQuery((db) =>
	db
		.select({ id: school.id, name: school.name })
		.from(school)
		.where(eq(school.name, sql.placeholder('name')))
		.prepare('test_school_named')
);

const insertSchool = preparedInsert<typeof school.$inferInsert, { id: string; name: string }>(
	school,
	'test_insert_school',
	{ id: school.id, name: school.name }
);

describe.each(databaseKinds)('a prepared query on %s', (kind) => {
	const opened: TestDatabase[] = [];
	afterAll(async () => {
		for (const t of opened) await t.dispose();
	});

	it('runs on the caller’s connection: the transaction’s own rows inside it, the committed ones outside', async () => {
		const t = await freshDatabase(kind);
		opened.push(t);
		expect(await schoolNamed(t.db).execute({ name: 'De Prepared' })).toEqual([]);
		await transaction(t.db, async (tx) => {
			await tx.insert(school).values({ name: 'De Prepared', city: 'Utrecht' });
			const inside = await schoolNamed(tx).execute({ name: 'De Prepared' });
			expect(inside.map((s) => s.name)).toEqual(['De Prepared']);
			if (kind === 'postgres') {
				// Another connection does not see the uncommitted row (PGlite has one connection only).
				expect(await schoolNamed(t.db).execute({ name: 'De Prepared' })).toEqual([]);
			}
		});
		expect(await schoolNamed(t.db).execute({ name: 'De Prepared' })).toHaveLength(1);
	});

	it('rolls back with the transaction it ran in', async () => {
		const t = await freshDatabase(kind);
		opened.push(t);
		await expect(
			transaction(t.db, async (tx) => {
				await tx.insert(school).values({ name: 'De Teruggedraaide', city: 'Gent' });
				expect(await schoolNamed(tx).execute({ name: 'De Teruggedraaide' })).toHaveLength(1);
				throw new Error('roll back');
			})
		).rejects.toThrow('roll back');
		expect(await schoolNamed(t.db).execute({ name: 'De Teruggedraaide' })).toEqual([]);
	});

	it('asks each database its own question: one built before does not run on another', async () => {
		const [a, b] = [await freshDatabase(kind), await freshDatabase(kind)];
		opened.push(a, b);
		await a.db.insert(school).values({ name: 'Alleen in A', city: 'Utrecht' });
		expect(await schoolNamed(a.db).execute({ name: 'Alleen in A' })).toHaveLength(1);
		expect(await schoolNamed(b.db).execute({ name: 'Alleen in A' })).toEqual([]);
	});

	it('inserts each set of columns with its own statement, and a row with SQL in it as before', async () => {
		const t = await freshDatabase(kind);
		opened.push(t);
		const [plain] = await insertSchool(t.db, { name: 'Eén', city: 'Utrecht' });
		const [withPhone] = await insertSchool(t.db, {
			name: 'Twee',
			city: 'Gent',
			phone: '09 123 45 67',
			street: undefined
		});
		const [computed] = await insertSchool(t.db, {
			name: sql`upper('drie')` as unknown as string,
			city: 'Brugge'
		});
		// Nulls are written as null (a timestamp's encoder fails on a null placeholder: the
		// booking tests cover that column).
		const [none] = await insertSchool(t.db, {
			name: 'Vijf',
			city: 'Hasselt',
			mailFromName: null,
			bookingRetentionDays: null
		});
		expect(none!.name).toBe('Vijf');
		expect([plain!.name, withPhone!.name, computed!.name]).toEqual(['Eén', 'Twee', 'DRIE']);
		const rows = await t.db
			.select({ name: school.name, city: school.city, phone: school.phone })
			.from(school)
			.where(sql`${school.id} in (${plain!.id}, ${withPhone!.id}, ${computed!.id})`)
			.orderBy(school.city);
		expect(rows).toEqual([
			{ name: 'DRIE', city: 'Brugge', phone: '' },
			{ name: 'Twee', city: 'Gent', phone: '09 123 45 67' },
			{ name: 'Eén', city: 'Utrecht', phone: '' }
		]);
		await expect(
			transaction(t.db, async (tx) => {
				await insertSchool(tx, { name: 'Vier', city: 'Zwolle' });
				throw new Error('roll back');
			})
		).rejects.toThrow('roll back');
		expect(await schoolNamed(t.db).execute({ name: 'Vier' })).toEqual([]);
	});

	it('finds a family’s answer and a slot’s booking through their partial indexes, also in a generic plan', async () => {
		const t = await freshDatabase(kind);
		opened.push(t);
		const id = '00000000-0000-4000-8000-000000000001';
		const plans = await transaction(t.db, async (tx) => {
			await tx.execute(sql`set local plan_cache_mode = force_generic_plan`);
			await tx.execute(sql`set local enable_seqscan = off`);
			const answer = (status: typeof notCancelled | ReturnType<typeof eq>) =>
				tx
					.select({ id: booking.id })
					.from(booking)
					.where(and(eq(booking.familyId, id), eq(booking.roundId, id), status))
					.toSQL();
			const slotBooking = (status: typeof bookedOnly | ReturnType<typeof eq>) =>
				tx
					.select({ id: slot.id })
					.from(slot)
					.leftJoin(booking, and(eq(booking.slotId, slot.id), status))
					.where(eq(slot.roundId, id))
					.toSQL();
			return {
				answer: await genericPlan(tx, 'answer_written', answer(notCancelled)),
				slot: await genericPlan(tx, 'slot_written', slotBooking(bookedOnly)),
				// The same conditions with the status as a parameter: neither index is used.
				answerParam: await genericPlan(
					tx,
					'answer_param',
					answer(sql`${booking.status} <> ${'cancelled'}`)
				),
				slotParam: await genericPlan(
					tx,
					'slot_param',
					slotBooking(sql`${booking.status} = ${'booked'}`)
				)
			};
		});
		expect(plans.answer).toContain('booking_one_answer_per_family');
		expect(plans.slot).toContain('booking_one_per_slot');
		expect(plans.answerParam).not.toContain('booking_one_answer_per_family');
		expect(plans.slotParam).not.toContain('booking_one_per_slot');
	});

	it('reads a family’s answer, open requests and open times in the hook’s own query through their indexes, also in a generic plan', async () => {
		const t = await freshDatabase(kind);
		opened.push(t);
		const plan = (name: string, link: typeof linkWithHead) =>
			transaction(t.db, async (tx) => {
				await tx.execute(sql`set local plan_cache_mode = force_generic_plan`);
				await tx.execute(sql`set local enable_seqscan = off`);
				const query = link(tx).getQuery();
				const values: Record<string, unknown> = {
					tokenHash: 'a'.repeat(64),
					now: '2026-10-15T08:00:00Z'
				};
				return genericPlan(tx, name, {
					sql: query.sql,
					params: query.params.map((p) => (is(p, Placeholder) ? values[p.name] : p))
				});
			});
		for (const found of [
			await plan('link_with_head_plan', linkWithHead),
			await plan('link_with_open_slots_plan', linkWithOpenSlots)
		]) {
			expect(found).toContain('booking_one_answer_per_family');
			expect(found).toContain('family_request_one_open');
			expect(found).not.toMatch(/Seq Scan on (booking|family_request|slot)/);
		}
		// The family's own booked time, offered to it: through its answer, not every booked slot.
		const times = await plan('link_with_open_slots_times', linkWithOpenSlots);
		expect(times).not.toMatch(/booking_one_per_slot on booking b_1/);
		expect(times.match(/booking_one_answer_per_family/g)).toHaveLength(2);
	});

	it('finds a family’s open request and a booking’s interpreter through their partial indexes, also in a generic plan', async () => {
		const t = await freshDatabase(kind);
		opened.push(t);
		const id = '00000000-0000-4000-8000-000000000001';
		type Condition = ReturnType<typeof eq>;
		const plans = await transaction(t.db, async (tx) => {
			await tx.execute(sql`set local plan_cache_mode = force_generic_plan`);
			// An empty table is read whole whatever the indexes: only an index the plan can use counts.
			await tx.execute(sql`set local enable_seqscan = off`);
			const request = (status: Condition) =>
				tx
					.select({ id: familyRequest.id })
					.from(familyRequest)
					.where(and(eq(familyRequest.familyId, id), eq(familyRequest.roundId, id), status))
					.toSQL();
			// The booking's own transaction reads its interpreter request this way, for update.
			const interpreter = (status: Condition) =>
				tx
					.select({ id: interpreterRequest.id })
					.from(interpreterRequest)
					.where(and(eq(interpreterRequest.bookingId, id), status))
					.for('update')
					.toSQL();
			return {
				request: await genericPlan(tx, 'request_written', request(openFamilyRequest)),
				live: await genericPlan(tx, 'live_written', interpreter(liveInterpreterRequest)),
				// With the status as a parameter: another index, or every school's rows in turn (no index
				// on booking_id serves it, so the scan stays, whatever enable_seqscan says).
				requestParam: await genericPlan(
					tx,
					'request_param',
					request(sql`${familyRequest.status} = ${'open'}`)
				),
				liveParam: await genericPlan(
					tx,
					'live_param',
					interpreter(sql`${interpreterRequest.status} <> ${'cancelled'}`)
				)
			};
		});
		expect(plans.request).toContain('family_request_one_open');
		expect(plans.live).toContain('interpreter_request_one_open');
		expect(plans.requestParam).not.toContain('family_request_one_open');
		expect(plans.liveParam).toContain('Seq Scan on interpreter_request');
	});
});
