/**
 * A transaction on PostgreSQL whose BEGIN goes out with the work's first statements.
 *
 * postgres.js's own `begin` waits for the answer to BEGIN before it starts the work: a round
 * trip that does nothing, with a connection of the pool held through it. A booking took four
 * (BEGIN, its reads, its writes, COMMIT); here it takes three. The rest is as postgres.js does it:
 * - a statement that failed fails the transaction, even when the work caught its error: COMMIT
 *   in a failed transaction would otherwise roll back without a word;
 * - a savepoint's work that fails rolls back to the savepoint, and the error goes on;
 * - the connection goes back to the pool once COMMIT or ROLLBACK is answered. A connection that
 *   was lost is not given back: postgres.js took it back itself when it closed, and may already
 *   have opened it again for other work, which must never get our ROLLBACK.
 * - once the connection closed, the work's statements are refused, not sent. postgres.js would
 *   send them down the same connection, opened again for other work: each one would run alone,
 *   outside any transaction, and stay. postgres.js's own `begin` has no such guard.
 */
import type postgres from 'postgres';
import { isConnectionFailure } from '../faults/unavailable';

type Sql = postgres.Sql;
type Reserved = postgres.ReservedSql;

/** The connection itself failed (closed, ended, reset), not a statement on it. */
export function lostConnection(error: unknown): boolean {
	const { name, code, severity } = (error ?? {}) as {
		name?: unknown;
		code?: unknown;
		severity?: unknown;
	};
	// PostgreSQL's own error: a statement's leaves the session open; a FATAL one (the server shuts
	// down, an administrator ended the session) closes it.
	if (name === 'PostgresError') return severity === 'FATAL' || severity === 'PANIC';
	// postgres.js's own (CONNECTION_CLOSED, CONNECTION_DESTROYED, …) or the socket's (ECONNRESET).
	return isConnectionFailure(code);
}

interface Connection {
	sql: Reserved;
	lost: boolean;
	savepoints: number;
	/** postgres.js's own connection under `sql`, once BEGIN went out on it: told when it closes. */
	driver?: DriverConnection;
}

/**
 * What postgres.js 3.4 lets a statement see of its connection (`onexecute`, as its own `begin`
 * uses it): `onclose` is called once when the connection closes. Not in its published types.
 */
interface DriverConnection {
	onclose: ((error?: unknown) => void) | null;
}

/** The connection closed: nothing more may be sent on it for this transaction. */
const closedError = () =>
	Object.assign(new Error('the connection was lost during the transaction'), {
		code: 'CONNECTION_CLOSED'
	});

export async function begin<T>(
	pool: Sql,
	options: string,
	work: (sql: Sql) => Promise<T> | T
): Promise<T> {
	const connection: Connection = { sql: await pool.reserve(), lost: false, savepoints: 0 };
	let result: T;
	try {
		result = await scope(connection, work, `begin ${options.replace(/[^a-z ]/gi, '')}`);
	} catch (error) {
		// The work's own failure is what the caller needs, not a failed ROLLBACK's.
		await close(connection, 'rollback').catch(() => {});
		throw error;
	}
	await close(connection, 'commit');
	return result;
}

/** Runs work after `opening` (BEGIN or SAVEPOINT), sent with its first statements. */
async function scope<T>(
	connection: Connection,
	work: (sql: Sql) => Promise<T> | T,
	opening: string,
	savepoint?: string
): Promise<T> {
	let failed: unknown;
	const sql = new Proxy(connection.sql, {
		get(target, key, receiver) {
			if (key === 'unsafe')
				return (...args: Parameters<Reserved['unsafe']>) => {
					if (connection.lost) throw closedError();
					const query = target.unsafe(...args);
					// Dispatches the query (postgres.js sends on `then`), as its caller would anyway.
					query.catch((error: unknown) => {
						failed ??= error;
						if (lostConnection(error)) connection.lost = true;
					});
					return query;
				};
			if (key === 'savepoint')
				return (...args: unknown[]) => {
					const inner = args.pop() as (sql: Sql) => Promise<unknown>;
					const name = `s${connection.savepoints++}`;
					return scope(connection, inner, `savepoint ${name}`, name);
				};
			if (key === 'begin')
				return () => Promise.reject(new Error('a transaction cannot begin inside another'));
			return Reflect.get(target, key, receiver);
		}
	}) as unknown as Sql;
	if (savepoint) void sql.unsafe(opening);
	else void sql.unsafe(opening, [], watchClose(connection) as never);
	try {
		const result = await work(sql);
		if (failed !== undefined) throw failed;
		return result;
	} catch (error) {
		if (savepoint && !connection.lost) await connection.sql.unsafe(`rollback to ${savepoint}`);
		// A statement after a failed one fails with 25P02; the first failure says why.
		throw (error as { code?: unknown })?.code === '25P02' && failed !== undefined ? failed : error;
	}
}

/**
 * Options for BEGIN that learn its connection from postgres.js and mark the transaction lost when
 * that connection closes, even between two statements, when no statement of ours is there to
 * fail. `onexecute` answers true: the statements after BEGIN still go out without waiting.
 */
const watchClose = (connection: Connection) => ({
	onexecute(driver: DriverConnection) {
		connection.driver = driver;
		driver.onclose = () => {
			connection.lost = true;
		};
		return true;
	}
});

/** COMMIT or ROLLBACK, then the connection goes back to the pool, unless it was lost. */
async function close(connection: Connection, statement: 'commit' | 'rollback') {
	if (connection.driver) connection.driver.onclose = null;
	if (connection.lost) throw closedError();
	let answer: postgres.RowList<postgres.Row[]>;
	try {
		answer = await connection.sql.unsafe(statement);
	} catch (error) {
		if (!lostConnection(error)) connection.sql.release();
		throw error;
	}
	connection.sql.release();
	// PostgreSQL answers COMMIT in a failed transaction with ROLLBACK, not with an error.
	if (statement === 'commit' && answer.command !== 'COMMIT')
		throw new Error(`the transaction ended with ${answer.command}`);
}
