/**
 * Real databases for tests: a fresh PGlite folder always, and a fresh PostgreSQL database too
 * when TEST_DATABASE_URL points at a server (CI sets it). Each gets the committed migrations.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import {
	openDatabase,
	rowsOf,
	type Database,
	type DatabaseHandle,
	type DatabaseKind
} from '../../src/lib/server/db';

export const databaseKinds: DatabaseKind[] = process.env.TEST_DATABASE_URL
	? ['pglite', 'postgres']
	: ['pglite'];

export interface TestDatabase extends DatabaseHandle {
	/** The URL (PostgreSQL) or folder (PGlite) a separate process can open. */
	location: { databaseUrl: string | null; dataDir: string };
	dispose(): Promise<void>;
}

function adminUrl(): string {
	const url = process.env.TEST_DATABASE_URL;
	if (!url) throw new Error('TEST_DATABASE_URL is not set');
	return url;
}

/** Creates an empty PostgreSQL database on the test server and returns its URL. */
export async function createPostgresDatabase(
	prefix = 'hb_test'
): Promise<{ url: string; drop(): Promise<void> }> {
	const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
	const admin = postgres(adminUrl(), { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database "${name}"`);
	await admin.end();
	const url = new URL(adminUrl());
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
		async drop() {
			const again = postgres(adminUrl(), { max: 1, onnotice: () => {} });
			await again.unsafe(`drop database if exists "${name}" with (force)`);
			await again.end();
		}
	};
}

export function tempDir(prefix: string): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
}

export async function freshDatabase(kind: DatabaseKind): Promise<TestDatabase> {
	if (kind === 'postgres') {
		const created = await createPostgresDatabase();
		const handle = await openDatabase({ databaseUrl: created.url, dataDir: '', role: 'test' });
		await handle.migrate();
		return {
			...handle,
			location: { databaseUrl: created.url, dataDir: '' },
			async dispose() {
				await handle.close();
				await created.drop();
			}
		};
	}
	const dataDir = tempDir('hb-pglite');
	const handle = await openDatabase({ databaseUrl: null, dataDir, role: 'test' });
	await handle.migrate();
	return {
		...handle,
		location: { databaseUrl: null, dataDir },
		async dispose() {
			await handle.close();
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

/**
 * Removes every row and keeps the tables and the applied migrations: for tests that share one
 * database (opening one is slow) but each need it to themselves, because they count whole tables
 * or run jobs that act on every school.
 */
export async function emptyDatabase(db: Database): Promise<void> {
	const tables = rowsOf<{ table_name: string }>(
		await db.execute(
			sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> '__drizzle_migrations'`
		)
	);
	await db.execute(
		sql.raw(`truncate ${tables.map((t) => `"public"."${t.table_name}"`).join(', ')} cascade`)
	);
}
