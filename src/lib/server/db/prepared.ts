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
