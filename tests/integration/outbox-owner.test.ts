/**
 * Migration 0015 names each message's family and round. Rows queued before it are given theirs
 * by the migration's own statements, run here on rows as they were then: the visit names both,
 * a wave its round, a staff copy its family, and a family's own mail the one family with that
 * address; where two families share the address, nobody's (the guess that let erasing one family
 * delete the other's mail is what the columns end).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases';
import { makeFamilyInRound, makeSchool, makeStaff } from '../support/fixtures';
import { booking, guardian, mailWave, outbox } from '../../src/lib/server/db/schema';

const backfill = fs
	.readFileSync(path.resolve('drizzle/0015_outbox_family_round.sql'), 'utf8')
	.split('--> statement-breakpoint')
	.map((s) => s.trim())
	.filter((s) => /^(--[^\n]*\n)*UPDATE/.test(s));

describe.each(databaseKinds)('messages queued before they named their family, on %s', (kind) => {
	let t: TestDatabase;
	beforeAll(async () => {
		t = await freshDatabase(kind);
	});
	afterAll(() => t?.dispose());

	it('are given their family and round by the migration, and none where the address is shared', async () => {
		expect(backfill).toHaveLength(4);
		const schoolId = (await makeSchool(t.db)).id;
		const teacher = await makeStaff(t.db, schoolId);
		const a = await makeFamilyInRound(t.db, schoolId, teacher.id);
		const b = await makeFamilyInRound(t.db, schoolId, teacher.id);
		const c = await makeFamilyInRound(t.db, schoolId, teacher.id);
		const addressOf = async (familyId: string) =>
			(await t.db.select().from(guardian).where(eq(guardian.familyId, familyId)))[0]!.email!;
		// A parent with children in families B and C.
		const shared = await addressOf(b.family.id);
		await t.db.insert(guardian).values({ familyId: c.family.id, name: 'Ouder', email: shared });
		const [visit] = await t.db
			.insert(booking)
			.values({ schoolId, roundId: a.round.id, familyId: a.family.id, status: 'declined' })
			.returning();
		const [wave] = await t.db
			.insert(mailWave)
			.values({
				schoolId,
				roundId: c.round.id,
				kind: 'invitation',
				families: 1,
				withoutEmail: 0
			})
			.returning();
		const old = (
			kindOf:
				'answer_declined' | 'invitation' | 'interpreter_request' | 'family_link' | 'staff_invite',
			toAddress: string,
			extra: { bookingId?: string; waveId?: string; payload?: object } = {}
		) =>
			t.db
				.insert(outbox)
				.values({
					schoolId,
					kind: kindOf,
					toAddress,
					payload: (extra.payload ?? {}) as never,
					bookingId: extra.bookingId ?? null,
					waveId: extra.waveId ?? null
				})
				.returning({ id: outbox.id })
				.then((rows) => rows[0]!.id);
		const ids = {
			visit: await old('answer_declined', 'oud@example.org', { bookingId: visit!.id }),
			wave: await old('invitation', (await addressOf(c.family.id)).toUpperCase(), {
				waveId: wave!.id
			}),
			staffCopy: await old('interpreter_request', 'office@school.example', {
				payload: { familyPath: `/staff/families/${b.family.id}` }
			}),
			shared: await old('family_link', shared),
			staffInvite: await old('staff_invite', teacher.email)
		};
		// As they were before the migration: nobody's.
		await t.db.update(outbox).set({ familyId: null, roundId: null });
		for (const statement of backfill) await t.db.execute(sql.raw(statement));

		const owner = async (id: string) =>
			(
				await t.db
					.select({ familyId: outbox.familyId, roundId: outbox.roundId })
					.from(outbox)
					.where(eq(outbox.id, id))
			)[0];
		expect(await owner(ids.visit)).toEqual({ familyId: a.family.id, roundId: a.round.id });
		// Family C's own address is C's alone; the shared one is not.
		expect(await owner(ids.wave)).toEqual({ familyId: c.family.id, roundId: c.round.id });
		expect(await owner(ids.staffCopy)).toEqual({ familyId: b.family.id, roundId: null });
		expect(await owner(ids.shared)).toEqual({ familyId: null, roundId: null });
		expect(await owner(ids.staffInvite)).toEqual({ familyId: null, roundId: null });
	});
});
