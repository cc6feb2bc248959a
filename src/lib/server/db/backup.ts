/**
 * Backups for the command line (`cli backup`, `cli restore`).
 *
 * The embedded database is copied by PGlite itself (`dumpDataDir`: the whole data folder as a
 * gzipped tar, taken inside one process, so it is consistent). PGlite admits one process, so the
 * copy is refused while the portal runs: a copy of the files under a running server could be
 * torn. PostgreSQL is copied by its own tools, `pg_dump` and `pg_restore`, which are consistent
 * while the portal runs.
 *
 * A restore never overwrites a database that holds rows unless told to (`force`): a restore over
 * last week's data by mistake loses this week's bookings. A forced restore of the embedded
 * database keeps the replaced folder beside it, to remove once the restore is checked.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { lockDataDir } from './lock';
import { openDatabase, rowsOf } from '.';

export type BackupOutcome =
	| { ok: true; file: string; bytes: number }
	| { ok: false; problem: 'no_database' | 'tool_missing' | 'tool_failed'; detail: string };

export type RestoreOutcome =
	| { ok: true; replacedKeptAt: string | null }
	| {
			ok: false;
			problem: 'not_empty' | 'no_file' | 'tool_missing' | 'tool_failed';
			detail: string;
	  };

/** `backups/huisbezoek-2026-12-02T09-15-00.tar.gz` (or `.dump` for PostgreSQL). */
export function defaultBackupFile(kind: 'pglite' | 'postgres', at: Date): string {
	const stamp = at.toISOString().slice(0, 19).replace(/:/g, '-');
	return path.join('backups', `huisbezoek-${stamp}.${kind === 'pglite' ? 'tar.gz' : 'dump'}`);
}

/** Backups hold children's data: only the owner of the file may read it. */
function prepareOutput(file: string): void {
	fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
}

async function openPglite(dataDir: string, loadDataDir?: Blob) {
	const { PGlite } = await import('@electric-sql/pglite');
	const { btree_gist } = await import('@electric-sql/pglite/contrib/btree_gist');
	return PGlite.create(path.join(dataDir, 'pglite'), {
		extensions: { btree_gist },
		...(loadDataDir ? { loadDataDir } : {})
	});
}

type Query = (text: string) => Promise<Record<string, unknown>[]>;

/** Whether any table of the portal holds a row (the applied migrations do not count). */
export async function holdsRows(query: Query): Promise<boolean> {
	const tables = await query(
		`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`
	);
	for (const { table_name: name } of tables) {
		const [row] = await query(`select exists (select 1 from "public"."${String(name)}") as found`);
		if (row?.found) return true;
	}
	return false;
}

/** Throws DataDirInUseError while the portal (or another command) holds the folder. */
export async function backupEmbedded(dataDir: string, file: string): Promise<BackupOutcome> {
	const release = lockDataDir(dataDir, 'backup');
	try {
		if (!fs.existsSync(path.join(dataDir, 'pglite', 'PG_VERSION')))
			return { ok: false, problem: 'no_database', detail: path.join(dataDir, 'pglite') };
		const client = await openPglite(dataDir);
		try {
			const dump = await client.dumpDataDir('gzip');
			prepareOutput(file);
			fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()), { mode: 0o600 });
		} finally {
			await client.close();
		}
		return { ok: true, file, bytes: fs.statSync(file).size };
	} finally {
		release();
	}
}

/** Throws DataDirInUseError while the portal (or another command) holds the folder. */
export async function restoreEmbedded(
	dataDir: string,
	file: string,
	options: { force: boolean; now: Date }
): Promise<RestoreOutcome> {
	if (!fs.existsSync(file)) return { ok: false, problem: 'no_file', detail: file };
	const release = lockDataDir(dataDir, 'restore');
	try {
		const folder = path.join(dataDir, 'pglite');
		let replacedKeptAt: string | null = null;
		if (fs.existsSync(path.join(folder, 'PG_VERSION'))) {
			const current = await openPglite(dataDir);
			let occupied: boolean;
			try {
				occupied = await holdsRows(async (text) => (await current.query(text)).rows as never);
			} finally {
				await current.close();
			}
			if (occupied && !options.force) return { ok: false, problem: 'not_empty', detail: dataDir };
			replacedKeptAt = `${folder}.before-restore-${options.now.toISOString().slice(0, 19).replace(/:/g, '-')}`;
			fs.renameSync(folder, replacedKeptAt);
			if (!occupied) {
				fs.rmSync(replacedKeptAt, { recursive: true, force: true });
				replacedKeptAt = null;
			}
		}
		const data = fs.readFileSync(file);
		const client = await openPglite(dataDir, new Blob([data]));
		try {
			await client.query('select 1');
		} finally {
			await client.close();
		}
		return { ok: true, replacedKeptAt };
	} finally {
		release();
	}
}

function runTool(
	command: string,
	args: string[]
): Promise<{ code: number | null; stderr: string; missing: boolean }> {
	return new Promise((resolve) => {
		const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
		let stderr = '';
		child.stderr.on('data', (chunk) => (stderr += chunk));
		child.on('error', (error: NodeJS.ErrnoException) =>
			resolve({ code: null, stderr: error.message, missing: error.code === 'ENOENT' })
		);
		child.on('exit', (code) => resolve({ code, stderr, missing: false }));
	});
}

/** `pg_dump` in its own format, which `pg_restore` reads. */
export async function backupPostgres(databaseUrl: string, file: string): Promise<BackupOutcome> {
	prepareOutput(file);
	const result = await runTool('pg_dump', ['--format=custom', `--file=${file}`, databaseUrl]);
	if (result.missing) return { ok: false, problem: 'tool_missing', detail: 'pg_dump' };
	if (result.code !== 0) return { ok: false, problem: 'tool_failed', detail: result.stderr.trim() };
	fs.chmodSync(file, 0o600);
	return { ok: true, file, bytes: fs.statSync(file).size };
}

export async function restorePostgres(
	databaseUrl: string,
	file: string,
	options: { force: boolean }
): Promise<RestoreOutcome> {
	if (!fs.existsSync(file)) return { ok: false, problem: 'no_file', detail: file };
	const handle = await openDatabase({ databaseUrl, dataDir: '', role: 'restore', poolSize: 1 });
	try {
		const query: Query = async (text) => rowsOf(await handle.db.execute(sql.raw(text)));
		if ((await holdsRows(query)) && !options.force)
			return { ok: false, problem: 'not_empty', detail: new URL(databaseUrl).pathname.slice(1) };
	} finally {
		await handle.close();
	}
	// --clean: the tables an empty, migrated database already has are replaced by the backup's.
	const result = await runTool('pg_restore', [
		'--clean',
		'--if-exists',
		'--no-owner',
		'--single-transaction',
		`--dbname=${databaseUrl}`,
		file
	]);
	if (result.missing) return { ok: false, problem: 'tool_missing', detail: 'pg_restore' };
	if (result.code !== 0) return { ok: false, problem: 'tool_failed', detail: result.stderr.trim() };
	return { ok: true, replacedKeptAt: null };
}
