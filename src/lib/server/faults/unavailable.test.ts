import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './unavailable';

const coded = (code: string, cause?: unknown) => Object.assign(new Error(code), { code, cause });

describe('isDatabaseUnavailable', () => {
	it('knows a refused or lost connection, also wrapped by drizzle', () => {
		expect(isDatabaseUnavailable(coded('ECONNREFUSED'))).toBe(true);
		expect(isDatabaseUnavailable(coded('ECONNABORTED'))).toBe(true);
		expect(
			isDatabaseUnavailable(new Error('Failed query', { cause: coded('CONNECTION_CLOSED') }))
		).toBe(true);
		expect(isDatabaseUnavailable(new AggregateError([coded('ECONNREFUSED')]))).toBe(true);
		expect(isDatabaseUnavailable(coded('57P01'))).toBe(true);
		expect(isDatabaseUnavailable(coded('08006'))).toBe(true);
	});

	it('leaves our own faults and constraint violations alone', () => {
		expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
		expect(isDatabaseUnavailable(new Error('Failed query', { cause: coded('23505') }))).toBe(false);
		expect(isDatabaseUnavailable(coded('42P01'))).toBe(false);
		expect(isDatabaseUnavailable(null)).toBe(false);
	});
});
