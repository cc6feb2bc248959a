/** drizzle wraps driver errors: the PostgreSQL SQLSTATE may be on the error or on its cause. */
export function pgErrorCode(error: unknown): string | undefined {
	for (
		let e: unknown = error, depth = 0;
		e && depth < 4;
		e = (e as { cause?: unknown }).cause, depth++
	) {
		const code = (e as { code?: unknown }).code;
		if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
	}
	return undefined;
}

export const UNIQUE_VIOLATION = '23505';
export const EXCLUSION_VIOLATION = '23P01';
/** Also what a trigger raises for a rule it enforces (`booking_slot_reserved`). */
/** A statement sent after another one failed in the same transaction. */
export const IN_FAILED_TRANSACTION = '25P02';
export const CHECK_VIOLATION = '23514';

/** The constraint a violation names: `constraint_name` on postgres.js, `constraint` on PGlite. */
export function pgConstraint(error: unknown): string | undefined {
	for (
		let e: unknown = error, depth = 0;
		e && depth < 4;
		e = (e as { cause?: unknown }).cause, depth++
	) {
		const name =
			(e as { constraint_name?: unknown; constraint?: unknown }).constraint_name ??
			(e as { constraint?: unknown }).constraint;
		if (typeof name === 'string') return name;
	}
	return undefined;
}
