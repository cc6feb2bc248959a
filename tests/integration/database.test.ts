import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases';
import { openDatabase, rowsOf } from '../../src/lib/server/db';

describe.each(databaseKinds)('the database on %s', (kind) => {
	let t: TestDatabase;
	beforeAll(async () => {
		t = await freshDatabase(kind);
	});
	afterAll(() => t?.dispose());

	it('applies every committed migration, and applying them again changes nothing', async () => {
		await t.migrate();
		const tables = rowsOf<{ table_name: string }>(
			await t.db.execute(
				sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`
			)
		).map((r) => r.table_name);
		expect(tables).toEqual(
			expect.arrayContaining([
				'school',
				'staff',
				'staff_session',
				'school_group',
				'pupil',
				'family',
				'guardian',
				'visit_round',
				'slot',
				'booking',
				'neutral_place',
				'outbox',
				'audit_event',
				'family_link'
			])
		);
	});

	it('answers a ping while open and reports a closed database', async () => {
		await expect(t.ping()).resolves.toBeUndefined();
		const second = await freshDatabase(kind);
		await second.close();
		await expect(second.ping()).rejects.toThrow();
		await second.dispose();
	});

	it.runIf(kind === 'postgres')(
		'lets two processes migrate the same database at once',
		async () => {
			const { createPostgresDatabase } = await import('../support/databases');
			const created = await createPostgresDatabase('hb_migrate');
			const one = await openDatabase({ databaseUrl: created.url, dataDir: '', role: 'test' });
			const two = await openDatabase({ databaseUrl: created.url, dataDir: '', role: 'test' });
			try {
				await Promise.all([one.migrate(), two.migrate()]);
				const rows = rowsOf<{ n: number }>(
					await one.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)
				);
				expect(rows[0]!.n).toBeGreaterThanOrEqual(1);
			} finally {
				await one.close();
				await two.close();
				await created.drop();
			}
		}
	);
});
