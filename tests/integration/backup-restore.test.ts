/**
 * A backup, the database wiped, the backup restored: every table comes back row for row, with
 * the demo school's bookings, reports and mail. A restore over data is refused unless forced,
 * and the embedded database is not copied under a running portal. On PGlite (its own copy of the
 * data folder) and on PostgreSQL (pg_dump and pg_restore).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
	createPostgresDatabase,
	databaseKinds,
	freshDatabase,
	tempDir,
	type TestDatabase
} from '../support/databases';
import { compareSnapshots, snapshotTables } from '../support/table-snapshot';
import { runCli } from '../support/server';
import { loadDemo } from '../../src/lib/server/demo/load';
import { openDatabase } from '../../src/lib/server/db';
import { lockDataDir } from '../../src/lib/server/db/lock';
import {
	backupEmbedded,
	backupPostgres,
	restoreEmbedded,
	restorePostgres
} from '../../src/lib/server/db/backup';

const origin = new URL('http://localhost:3000');
const NOW = new Date('2026-10-15T08:00:00Z');

describe.each(databaseKinds)('a backup and a restore on %s', (kind) => {
	const cleanups: (() => Promise<void>)[] = [];
	afterAll(async () => {
		for (const cleanup of cleanups.reverse()) await cleanup();
	});

	it('brings back every table as it was, with bookings, reports and mail', async () => {
		const t: TestDatabase = await freshDatabase(kind);
		cleanups.push(() => t.dispose());
		await loadDemo(t.db, { origin, now: NOW });
		const before = await snapshotTables(t.db);
		for (const table of ['booking', 'visit_report', 'outbox', 'family', 'pupil'])
			expect(before.get(table)?.rows, table).toBeGreaterThan(0);
		const file = path.join(
			tempDir('hb-backup'),
			kind === 'pglite' ? 'backup.tar.gz' : 'backup.dump'
		);

		let after;
		if (kind === 'pglite') {
			const { dataDir } = t.location;
			await t.close();
			expect(await backupEmbedded(dataDir, file)).toMatchObject({ ok: true });
			fs.rmSync(path.join(dataDir, 'pglite'), { recursive: true });
			expect(await restoreEmbedded(dataDir, file, { force: false, now: NOW })).toEqual({
				ok: true,
				replacedKeptAt: null
			});
			const restored = await openDatabase({ databaseUrl: null, dataDir, role: 'test' });
			after = await snapshotTables(restored.db);
			await restored.close();
		} else {
			expect(await backupPostgres(t.location.databaseUrl!, file)).toMatchObject({ ok: true });
			// The wipe: a new, empty database with the portal's tables, as a fresh install has.
			const wiped = await createPostgresDatabase('hb_restore');
			cleanups.push(wiped.drop);
			const empty = await openDatabase({ databaseUrl: wiped.url, dataDir: '', role: 'test' });
			await empty.migrate();
			await empty.close();
			expect(await restorePostgres(wiped.url, file, { force: false })).toMatchObject({ ok: true });
			const restored = await openDatabase({ databaseUrl: wiped.url, dataDir: '', role: 'test' });
			after = await snapshotTables(restored.db);
			await restored.close();
		}
		expect((fs.statSync(file).mode & 0o777).toString(8)).toBe('600');
		const comparison = compareSnapshots(before, after);
		console.log(`backup round trip on ${kind}:\n${comparison.join('\n')}`);
		expect(comparison.filter((line) => !line.endsWith('same'))).toEqual([]);
	}, 120_000);

	it('refuses to restore over a database that holds data, unless told to', async () => {
		const t = await freshDatabase(kind);
		cleanups.push(() => t.dispose());
		await loadDemo(t.db, { origin, now: NOW });
		const file = path.join(tempDir('hb-backup'), 'backup');
		if (kind === 'pglite') {
			const { dataDir } = t.location;
			await t.close();
			expect(await backupEmbedded(dataDir, file)).toMatchObject({ ok: true });
			const refused = await restoreEmbedded(dataDir, file, { force: false, now: NOW });
			expect(refused).toMatchObject({ ok: false, problem: 'not_empty' });
			const forced = await restoreEmbedded(dataDir, file, { force: true, now: NOW });
			expect(forced.ok && forced.replacedKeptAt).toContain('before-restore');
		} else {
			const url = t.location.databaseUrl!;
			expect(await backupPostgres(url, file)).toMatchObject({ ok: true });
			expect(await restorePostgres(url, file, { force: false })).toMatchObject({
				ok: false,
				problem: 'not_empty'
			});
		}
	}, 120_000);

	it.runIf(kind === 'pglite')(
		'does not copy the embedded database under a running portal, and says how to get a copy',
		async () => {
			const dataDir = tempDir('hb-backup-running');
			// This test process stands in for the running portal: it holds the folder's lock.
			const release = lockDataDir(dataDir, 'server');
			try {
				const cli = await runCli(['backup', '--out', path.join(dataDir, 'x.tar.gz')], {
					DATA_DIR: dataDir
				});
				expect(cli.status).toBe(3);
				expect(cli.stderr).toContain('npm run cli -- backup');
				expect(fs.existsSync(path.join(dataDir, 'x.tar.gz'))).toBe(false);
			} finally {
				release();
				fs.rmSync(dataDir, { recursive: true, force: true });
			}
		}
	);
});
