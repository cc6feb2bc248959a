/**
 * Whether an error means the database cannot be reached (stopped, restarting, unreachable,
 * refusing connections), as opposed to a fault in our own code. The first is a short outage
 * that a parent can wait out: it gets a 503 page; the second is a bug with a reference.
 */

// Node's socket errors and postgres.js's own connection errors.
const CONNECTION_CODES = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'ECONNABORTED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ETIMEDOUT',
	'EPIPE',
	'CONNECT_TIMEOUT',
	'CONNECTION_CLOSED',
	'CONNECTION_ENDED',
	'CONNECTION_DESTROYED'
]);

/**
 * The connection itself failed (refused, reset, closed, timed out), by the error's `code`: not a
 * statement on it. db/begin.ts asks this too, to know a transaction's connection is gone.
 */
export const isConnectionFailure = (code: unknown): boolean =>
	typeof code === 'string' && CONNECTION_CODES.has(code);

// SQLSTATE: class 08 is "connection exception"; 57P01–57P03 a server that is shutting down or
// starting; 53300 too many connections; 3D000 a database that is not there (being restored).
const UNAVAILABLE_STATES = /^(08...|57P0[123]|53300|3D000)$/;

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
	if (!error || typeof error !== 'object' || depth > 5) return false;
	const e = error as { code?: unknown; cause?: unknown; errors?: unknown; name?: unknown };
	if (e.name === 'ShuttingDownError') return true;
	if (
		isConnectionFailure(e.code) ||
		(typeof e.code === 'string' && UNAVAILABLE_STATES.test(e.code))
	)
		return true;
	// drizzle wraps the driver's error in `cause`; a refused connection to `localhost` tries
	// every address and reports them together (AggregateError).
	if (isDatabaseUnavailable(e.cause, depth + 1)) return true;
	return (
		Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))
	);
}
