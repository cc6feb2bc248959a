/**
 * A hot query built once and then only run. drizzle builds a query's SQL text again on every
 * call, walking its columns, joins and conditions: about a tenth of a parent page's server time,
 * and a third of a booking's, whose transaction runs some twenty statements. A prepared query
 * keeps the text and takes its values as placeholders (`sql.placeholder('name')`, given to
 * `execute({ name })`); the database client prepares the statement as for any other query
 * (db/index.ts).
 *
 * drizzle ties a prepared query to the connection it was built on, and a transaction is a
 * connection of its own, new every time. So the query is built once per kind of database
 * (postgres.js or PGlite) and each call gets a copy that runs on the caller's connection: the
 * database's pool, or the transaction's. That copy leans on two fields drizzle does not
 * document (`db.session.client`, `query.client`) and is pinned with drizzle's version; the
 * integration tests run these queries on both databases, in and out of transactions. Should a
 * future drizzle lack them, each call builds its query afresh, as before.
 */
import { getTableColumns, is, sql, SQL } from 'drizzle-orm';
import type { PgTable, SelectedFieldsFlat } from 'drizzle-orm/pg-core';
import type { Database } from '.';

interface Connected {
	session?: { client?: unknown };
}

export function preparedQuery<Query extends object>(
	build: (db: Database) => Query
): (db: Database) => Query {
	const built = new Map<unknown, Query>();
	return (db) => {
		const session = (db as unknown as Connected).session;
		const client = session?.client;
		if (!session || client === undefined) return build(db);
		let query = built.get(session.constructor);
		if (!query) {
			query = build(db);
			if (!('client' in query)) return query;
			built.set(session.constructor, query);
		}
		if ((query as { client?: unknown }).client === client) return query;
		return Object.create(query, { client: { value: client } }) as Query;
	};
}

/** A prepared query for each count of values (an `in` list of one, two or three ids), made once. */
export function keptPerCount<Query>(make: (count: number) => Query): (count: number) => Query {
	const kept = new Map<number, Query>();
	return (count) => {
		let query = kept.get(count);
		if (!query) kept.set(count, (query = make(count)));
		return query;
	};
}

/**
 * An `in` list of `count` placeholders named `${name}0`, `${name}1`, … for a query kept per count
 * (keptPerCount), and the values that fill them (listValues).
 */
export const placeholderList = (name: string, count: number) =>
	Array.from({ length: count }, (_, i) => sql.placeholder(`${name}${i}`));

export const listValues = (name: string, values: readonly unknown[]) =>
	Object.fromEntries(values.map((value, i) => [`${name}${i}`, value]));

/**
 * A one-row insert built once per set of columns it is given (booking, audit entry), then only
 * run. Values that are SQL themselves (a subselect) are not placeholders: such a row is built as
 * before. A table whose columns compute defaults in JavaScript (`$defaultFn`) would have them
 * computed once and kept, so it is never prepared.
 */
export function preparedInsert<Row extends Record<string, unknown>, Returned = unknown>(
	table: PgTable,
	name: string,
	returning?: SelectedFieldsFlat
): (db: Database, row: Row) => Promise<Returned[]> {
	const computesDefaults = Object.values(getTableColumns(table)).some(
		(column) => column.defaultFn !== undefined || column.onUpdateFn !== undefined
	);
	const shapes = new Map<
		string,
		(db: Database) => { execute(values: Record<string, unknown>): Promise<unknown> }
	>();
	const build = (db: Database, row: Record<string, unknown>) => {
		const insert = db.insert(table).values(row as never);
		return returning ? insert.returning(returning) : insert;
	};
	return async (db, row) => {
		const keys = Object.keys(row)
			.filter((key) => row[key] !== undefined)
			.sort();
		if (computesDefaults || keys.some((key) => is(row[key], SQL)))
			return (await build(db, row)) as Returned[];
		// drizzle would hand a null placeholder to the column's encoder (a timestamp's fails on
		// it): a null is written as null in the statement, and is part of its shape.
		const isNull = (key: string) => row[key] === null;
		const shape = keys.map((key) => (isNull(key) ? `${key}=null` : key)).join(',');
		let prepared = shapes.get(shape);
		if (!prepared) {
			const placeholders = Object.fromEntries(
				keys.map((key) => [key, isNull(key) ? null : sql.placeholder(key)])
			);
			const index = shapes.size;
			prepared = preparedQuery((db) => build(db, placeholders).prepare(`${name}_${index}`));
			shapes.set(shape, prepared);
		}
		const values = Object.fromEntries(
			keys.filter((key) => !isNull(key)).map((key) => [key, row[key]])
		);
		return (await prepared(db).execute(values)) as Returned[];
	};
}
