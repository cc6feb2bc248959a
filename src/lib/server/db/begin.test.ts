import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { createPostgresDatabase } from '../../../../tests/support/databases';
import { lostConnection } from './begin';
import { openDatabase, rowsOf, type Database, type DatabaseHandle } from './index';
import { attempt, Refusal, transaction } from './transaction';

describe('lostConnection', () => {
	const postgresError = (severity: string, code: string) =>
		Object.assign(new Error(code), { name: 'PostgresError', severity, code });
	const coded = (code: string) => Object.assign(new Error(code), { code });

	it('knows a closed or reset connection, and a session PostgreSQL ended', () => {
		expect(lostConnection(coded('CONNECTION_CLOSED'))).toBe(true);
		expect(lostConnection(coded('CONNECTION_DESTROYED'))).toBe(true);
		expect(lostConnection(coded('ECONNRESET'))).toBe(true);
		expect(lostConnection(coded('EPIPE'))).toBe(true);
		// pg_terminate_backend, a server shutting down: FATAL, and the session is gone.
		expect(lostConnection(postgresError('FATAL', '57P01'))).toBe(true);
	});

	it("leaves a failed statement's connection in the transaction", () => {
		expect(lostConnection(postgresError('ERROR', '23505'))).toBe(false);
		// A serialisation failure or a cancelled statement: the session stays, ROLLBACK must follow.
		expect(lostConnection(postgresError('ERROR', '40001'))).toBe(false);
		expect(lostConnection(postgresError('ERROR', '57014'))).toBe(false);
		// The work's own mistakes, and codes that are not about the connection.
		expect(lostConnection(new TypeError('x is undefined'))).toBe(false);
		expect(lostConnection(coded('UNDEFINED_VALUE'))).toBe(false);
		// A file the work could not read: taken for a lost connection, its connection would never
		// go back to the pool.
		expect(lostConnection(coded('ENOENT'))).toBe(false);
		expect(lostConnection(coded('ERR_INVALID_ARG_TYPE'))).toBe(false);
		expect(lostConnection(undefined)).toBe(false);
	});
});

// begin.ts is PostgreSQL's alone: PGlite runs drizzle's own transactions in the same process.
describe.skipIf(!process.env.TEST_DATABASE_URL)(
	'a transaction whose BEGIN goes with its work',
	() => {
		let created: { url: string; drop(): Promise<void> };
		let handle: DatabaseHandle;
		/** A client of its own, as an administrator or a restart ends sessions from outside. */
		let admin: postgres.Sql;
		const endSession = async (tx: Database) => {
			const { pid } = rowsOf<{ pid: number }>(
				await tx.execute(sql`select pg_backend_pid() as pid`)
			)[0]!;
			await admin`select pg_terminate_backend(${pid})`;
		};
		const one = async (query: ReturnType<typeof sql>) =>
			rowsOf<Record<string, unknown>>(await handle.db.execute(query))[0]!;
		const names = async () =>
			rowsOf<{ name: string }>(await handle.db.execute(sql`select name from t order by name`)).map(
				(r) => r.name
			);

		beforeAll(async () => {
			created = await createPostgresDatabase();
			// One connection: a transaction that kept its connection would stop every test after it.
			handle = await openDatabase({
				databaseUrl: created.url,
				dataDir: '',
				role: 'test',
				poolSize: 1
			});
			await handle.db.execute(sql`create table t (name text primary key)`);
			admin = postgres(created.url, { max: 1, onnotice: () => {} });
		});
		afterAll(async () => {
			await admin.end();
			await handle.close();
			await created.drop();
		});

		it('runs the first statement inside the transaction, and commits', async () => {
			const ids = await transaction(handle.db, async (tx) => {
				const first = rowsOf<{ id: string }>(
					await tx.execute(sql`select txid_current()::text as id`)
				);
				await tx.execute(sql`insert into t values ('committed')`);
				const last = rowsOf<{ id: string }>(
					await tx.execute(sql`select txid_current()::text as id`)
				);
				return [first[0]!.id, last[0]!.id];
			});
			// Without BEGIN before it, the first statement would run in a transaction of its own.
			expect(ids[0]).toBe(ids[1]);
			expect(await names()).toContain('committed');
		});

		it('rolls back a refused work, and the connection serves the next one', async () => {
			for (let i = 0; i < 3; i++) {
				const result = await attempt(handle.db, async (tx) => {
					await tx.execute(sql`insert into t values (${`refused ${i}`})`);
					throw new Refusal('no');
				});
				expect(result).toEqual({ ok: false, problem: 'no' });
			}
			expect((await names()).filter((n) => n.startsWith('refused'))).toEqual([]);
		});

		it('fails a transaction whose work caught a failed statement, instead of committing it', async () => {
			await expect(
				transaction(handle.db, async (tx) => {
					await tx.execute(sql`insert into t values ('before the failure')`);
					await tx.execute(sql`insert into t values ('committed')`).catch(() => undefined);
					return 'done';
				})
			).rejects.toMatchObject({ code: '23505' });
			expect(await names()).not.toContain('before the failure');
		});

		it('rolls a failed savepoint back to itself and commits the rest', async () => {
			await transaction(handle.db, async (tx) => {
				await tx.execute(sql`insert into t values ('outer')`);
				const inner = await attempt(
					tx,
					async (sp) => {
						await sp.execute(sql`insert into t values ('inner')`);
						await sp.execute(sql`insert into t values ('outer')`);
					},
					{ t_pkey: 'taken' as const }
				);
				expect(inner).toEqual({ ok: false, problem: 'taken' });
			});
			const now = await names();
			expect(now).toContain('outer');
			expect(now).not.toContain('inner');
		});

		it(
			'gives up a connection lost in the middle, and the pool opens a new one',
			{ timeout: 15_000 },
			async () => {
				await expect(
					transaction(handle.db, async (tx) => {
						await tx.execute(sql`insert into t values ('lost')`);
						await endSession(tx);
						await tx.execute(sql`select 1`);
					})
				).rejects.toThrow();
				// postgres.js may hand the session's FATAL error to the next statement too; then it reconnects.
				await handle.db.execute(sql`select 1`).catch((error: { cause?: { code?: string } }) => {
					expect(error.cause?.code).toBe('57P01');
				});
				expect(await one(sql`select 1 as one`)).toEqual({ one: 1 });
				expect(await names()).not.toContain('lost');
				// The new connection is not left in a transaction: what it writes stays.
				await handle.db.execute(sql`insert into t values ('after')`);
				expect(await names()).toContain('after');
			}
		);

		it(
			'sends nothing more once its connection closed, though the pool opened it again for other work',
			{ timeout: 15_000 },
			async () => {
				await expect(
					transaction(handle.db, async (tx) => {
						await tx.execute(sql`insert into t values ('before the close')`);
						// Other work waits for the pool's only connection, which the transaction holds.
						const other = handle.db.execute(sql`select 1`);
						await endSession(tx);
						// The connection closes, and the pool opens it again for the other work.
						await other.catch(() => {});
						// On that new session this would run alone, outside any transaction, and stay.
						await tx.execute(sql`insert into t values ('after the close')`);
					})
				).rejects.toThrow();
				const now = await names();
				expect(now).not.toContain('before the close');
				expect(now).not.toContain('after the close');
				expect(await one(sql`select 1 as one`)).toEqual({ one: 1 });
			}
		);

		it('keeps each of many concurrent transactions on its own connection', async () => {
			const many = await openDatabase({
				databaseUrl: created.url,
				dataDir: '',
				role: 'test',
				poolSize: 3
			});
			try {
				const seen = await Promise.all(
					Array.from({ length: 12 }, (_, i) =>
						transaction(many.db, async (tx) => {
							const read = async () =>
								rowsOf<{ id: string; pid: number }>(
									await tx.execute(sql`select txid_current()::text as id, pg_backend_pid() as pid`)
								)[0]!;
							const first = await read();
							await tx.execute(sql`insert into t values (${`many ${i}`})`);
							return [first, await read()];
						})
					)
				);
				for (const [first, last] of seen) expect(first).toEqual(last);
				expect(new Set(seen.map(([first]) => first!.id)).size).toBe(12);
			} finally {
				await many.close();
			}
		});
	}
);
