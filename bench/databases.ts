/**
 * Runs a benchmark on a fresh embedded database, then on a fresh PostgreSQL database when
 * BENCH_DATABASE_URL points at a server (the database is created and dropped).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { openDatabase, type DatabaseHandle } from '../src/lib/server/db';

export async function onBenchDatabases(
	run: (label: string, handle: DatabaseHandle) => Promise<void>
): Promise<void> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-bench-'));
	const lite = await openDatabase({ databaseUrl: null, dataDir: dir, role: 'bench' });
	try {
		await run('PGlite', lite);
	} finally {
		await lite.close();
		fs.rmSync(dir, { recursive: true, force: true });
	}

	const server = process.env.BENCH_DATABASE_URL;
	if (!server) return;
	const name = `hb_bench_${process.pid}`;
	const admin = postgres(server, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	const url = new URL(server);
	url.pathname = `/${name}`;
	const pg = await openDatabase({ databaseUrl: url.toString(), dataDir: '', role: 'bench' });
	try {
		await run('PostgreSQL', pg);
	} finally {
		await pg.close();
		await admin.unsafe(`drop database ${name} with (force)`);
		await admin.end();
	}
}

/**
 * For benches that start the built server: an environment for a fresh embedded database, then,
 * when BENCH_DATABASE_URL points at a server, one for a fresh PostgreSQL database (created and
 * dropped), each with the URL to seed through (null for the embedded one).
 */
export async function onServerDatabases(
	prefix: string,
	run: (label: string, env: Record<string, string>, databaseUrl: string | null) => Promise<void>
): Promise<void> {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
	try {
		await run('PGlite', { DATA_DIR: dataDir, DATABASE_URL: '' }, null);
	} finally {
		fs.rmSync(dataDir, { recursive: true, force: true });
	}
	if (!process.env.BENCH_DATABASE_URL) return;
	process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
	const { createPostgresDatabase } = await import('../tests/support/databases');
	const created = await createPostgresDatabase(prefix.replaceAll('-', '_'));
	try {
		await run('PostgreSQL', { DATABASE_URL: created.url }, created.url);
	} finally {
		await created.drop();
	}
}
