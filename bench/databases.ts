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
