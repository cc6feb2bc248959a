/**
 * Opens the database: PostgreSQL through `postgres` when a URL is given, otherwise PGlite
 * (Postgres in WASM) in a data folder. Both get the same schema and the same migrations.
 * Nothing here runs at import time: `vite build` imports server modules.
 */
import path from 'node:path';
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema';
import { lockDataDir } from './lock';
import { begin } from './begin';
import { queryLogger } from './query-log';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
	db: Database;
	kind: DatabaseKind;
	/** Rejects when the database does not answer within the timeout. */
	ping(timeoutMs?: number): Promise<void>;
	/** Applies the committed migrations in `drizzle/`; safe when several processes start at once. */
	migrate(): Promise<void>;
	close(): Promise<void>;
}

export interface OpenOptions {
	databaseUrl: string | null;
	dataDir: string;
	/** Named in the lock file, so a refused process can say who holds the embedded database. */
	role: string;
	/** Connections in the pool (PostgreSQL only). */
	poolSize?: number;
}

/** The committed migrations: the server, the command line and the tests run from the project folder. */
export const migrationsFolder = () => path.resolve('drizzle');

// Any fixed number: it only has to be the same in every process that migrates this database.
const MIGRATION_LOCK_KEY = 4_711_2026;

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
	});
	try {
		return await Promise.race([promise, timeout]);
	} finally {
		clearTimeout(timer);
	}
}

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
	const handle = options.databaseUrl
		? await openPostgres(options.databaseUrl, options.poolSize ?? 10)
		: await openPglite(options.dataDir, options.role);
	return handle;
}

type Sql = import('postgres').Sql;

/**
 * The client as drizzle gets it, with its queries prepared. drizzle asks postgres.js for unnamed
 * statements, and postgres.js sends an unnamed statement with parameters in two round trips (it
 * asks for the parameter types first) and cannot pipeline it. A prepared statement is described
 * once per connection, then goes in one round trip, pipelined with the statements sent with it:
 * a booking's transaction went from about forty round trips to under ten. Each connection keeps
 * its statements until it closes (`idle_timeout`, postgres.js's `max_lifetime`).
 */
export function preparing(sql: Sql): Sql {
	return new Proxy(sql, {
		get(target, key, receiver) {
			if (key === 'unsafe')
				return (query: string, params?: unknown[], options?: object) =>
					target.unsafe(query, params as never, { ...options, prepare: true });
			// Transactions and savepoints hand their work a client of their own: prepared as well.
			// A transaction's BEGIN goes out with its first statements (begin.ts).
			if (key === 'begin' || key === 'savepoint')
				return (...args: unknown[]) => {
					const work = args.pop() as (sql: Sql) => unknown;
					const prepared = (inner: Sql) => work(preparing(inner));
					if (key === 'begin') return begin(target, (args[0] as string) ?? '', prepared);
					const open = (target as unknown as Record<string, (...a: unknown[]) => unknown>)[key]!;
					return open.call(target, ...args, prepared);
				};
			return Reflect.get(target, key, receiver);
		}
	});
}

async function openPostgres(url: string, max: number): Promise<DatabaseHandle> {
	const { default: postgres } = await import('postgres');
	const { drizzle } = await import('drizzle-orm/postgres-js');
	const client = postgres(url, { max, onnotice: () => {}, connect_timeout: 10, idle_timeout: 60 });
	const db = drizzle({
		client: preparing(client),
		schema,
		logger: queryLogger()
	}) as unknown as Database;
	let closed = false;
	return {
		db,
		kind: 'postgres',
		async ping(timeoutMs = 2000) {
			if (closed) throw new Error('database closed');
			await withTimeout(
				client`select 1`.then(() => undefined),
				timeoutMs
			);
		},
		async migrate() {
			const { migrate } = await import('drizzle-orm/postgres-js/migrator');
			// One connection holds the advisory lock for the whole run, so a second server that
			// starts at the same moment waits instead of applying the same migration twice.
			const single = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
			try {
				await single`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
				await migrate(drizzle({ client: single }), { migrationsFolder: migrationsFolder() });
			} finally {
				await single.end({ timeout: 5 });
			}
		},
		async close() {
			if (closed) return;
			closed = true;
			await client.end({ timeout: 5 });
		}
	};
}

async function openPglite(dataDir: string, role: string): Promise<DatabaseHandle> {
	const release = lockDataDir(dataDir, role);
	try {
		const { PGlite } = await import('@electric-sql/pglite');
		const { btree_gist } = await import('@electric-sql/pglite/contrib/btree_gist');
		const { drizzle } = await import('drizzle-orm/pglite');
		// btree_gist: the exclusion constraint that stops overlapping slots for one person.
		const client = await PGlite.create(path.join(dataDir, 'pglite'), {
			extensions: { btree_gist }
		});
		const db = drizzle({ client, schema, logger: queryLogger() }) as unknown as Database;
		let closed = false;
		return {
			db,
			kind: 'pglite',
			async ping(timeoutMs = 2000) {
				if (closed || client.closed) throw new Error('database closed');
				await withTimeout(
					client.query('select 1').then(() => undefined),
					timeoutMs
				);
			},
			async migrate() {
				const { migrate } = await import('drizzle-orm/pglite/migrator');
				await migrate(drizzle({ client }), { migrationsFolder: migrationsFolder() });
				// No autovacuum here: each start gives the planner fresh statistics (statistics.ts).
				await client.exec('analyze');
			},
			async close() {
				if (closed) return;
				closed = true;
				try {
					await client.close();
				} finally {
					release();
				}
			}
		};
	} catch (error) {
		release();
		throw error;
	}
}

/** `db.execute` returns an array on postgres.js and `{ rows }` on PGlite. */
export function rowsOf<T>(result: unknown): T[] {
	return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** A json value from a raw query: postgres.js may hand it back as text, PGlite as a value. */
export function jsonOf<T>(value: unknown): T | null {
	return ((typeof value === 'string' ? JSON.parse(value) : value) as T | null) ?? null;
}

/**
 * `json_build_object('name', "staff"."name", …)`: a row as one JSON value, keyed as the select
 * whose columns it is given keys its fields, so a JSON column and a query of its own read alike.
 * Read it back with jsonOf; timestamps come back as text.
 */
export function jsonObject(columns: Record<string, SQLWrapper>): SQL {
	const fields = Object.entries(columns).map(([key, column]) => {
		// The key is spliced into the query: only a plain name, written in our own code.
		if (!/^[A-Za-z]+$/.test(key)) throw new Error(`not a JSON key: ${key}`);
		return sql`${sql.raw(`'${key}'`)}, ${column}`;
	});
	return sql`json_build_object(${sql.join(fields, sql`, `)})`;
}

/** How many rows a raw `delete` or `update` touched: postgres-js calls it `count`, PGlite `affectedRows`. */
export function affectedRows(result: unknown): number {
	const r = result as { count?: number; affectedRows?: number };
	return Number(r.count ?? r.affectedRows ?? 0);
}
