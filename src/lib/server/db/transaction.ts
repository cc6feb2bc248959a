/**
 * The one way to run work in a transaction. The work gets the transaction as a `Database`:
 * drizzle types a transaction apart from the client, but it runs the same queries, so domain
 * functions take one type and work inside a transaction or outside it alike.
 *
 * Expected refusals come back as typed problems, never as exceptions past this point: the work
 * throws `Refusal` for a rule it checks itself, and a violation of a constraint the database
 * enforces (a unique index, an exclusion constraint) is mapped by the constraint's name.
 */
import type { Database } from './index';
import {
	CHECK_VIOLATION,
	EXCLUSION_VIOLATION,
	IN_FAILED_TRANSACTION,
	UNIQUE_VIOLATION,
	pgConstraint,
	pgErrorCode
} from './errors';

export function transaction<T>(db: Database, work: (tx: Database) => Promise<T>): Promise<T> {
	return db.transaction((tx) => work(tx as unknown as Database));
}

/** A rule the work checked itself: the transaction rolls back and `attempt` returns the problem. */
export class Refusal<P extends string> extends Error {
	constructor(readonly problem: P) {
		super(problem);
		this.name = 'Refusal';
	}
}

export type Attempted<T, P extends string> = { ok: true; value: T } | { ok: false; problem: P };

/**
 * Runs the work in a transaction. A `Refusal`, or a unique, exclusion or check violation of a
 * constraint named in `constraints`, rolls it back and comes back as `{ ok: false, problem }`;
 * anything else is unexpected and thrown on.
 */
export async function attempt<T, P extends string>(
	db: Database,
	work: (tx: Database) => Promise<T>,
	constraints: Readonly<Record<string, P>> = {}
): Promise<Attempted<T, P>> {
	try {
		return { ok: true, value: await transaction(db, work) };
	} catch (error) {
		if (error instanceof Refusal) return { ok: false, problem: error.problem as P };
		const code = pgErrorCode(error);
		// A check violation too: a trigger raises one under the name of the rule it enforces.
		const problem =
			code === UNIQUE_VIOLATION || code === EXCLUSION_VIOLATION || code === CHECK_VIOLATION
				? constraints[pgConstraint(error) ?? '']
				: undefined;
		if (problem) return { ok: false, problem };
		throw error;
	}
}

/**
 * Awaits statements that were sent together in one transaction: postgres.js pipelines them on the
 * transaction's connection, so they cost one round trip. Only statements that do not read each
 * other's writes belong together: the order in which they reach the server is not guaranteed.
 * When one fails, the transaction is aborted and the others fail with `25P02`; the real failure
 * is thrown (the first one that is not `25P02`, in the order given), after all have settled, so
 * that nothing of this transaction is still running when it rolls back.
 */
export async function inOrder<T extends readonly unknown[]>(
	work: [...T]
): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
	const settled = await Promise.allSettled(work);
	const failures = settled.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
	if (failures.length > 0)
		throw failures.find((e) => pgErrorCode(e) !== IN_FAILED_TRANSACTION) ?? failures[0];
	return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value) as {
		-readonly [K in keyof T]: Awaited<T[K]>;
	};
}
