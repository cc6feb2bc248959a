import { describe, expect, it } from 'vitest';
import { countryOfTimeZone, toE164, waDigits } from './e164';

describe('toE164', () => {
	it.each([
		['06-12345678', '+31612345678', true],
		['06 1234 5678', '+31612345678', true],
		['0612345678', '+31612345678', true],
		['612345678', '+31612345678', true],
		['+31 6 12345678', '+31612345678', true],
		['+31 (0)6 1234 5678', '+31612345678', true],
		['+310612345678', '+31612345678', true],
		['0031612345678', '+31612345678', true],
		['0031 6 12 34 56 78', '+31612345678', true],
		['(010) 123 45 67', '+31101234567', false],
		['020-1234567', '+31201234567', false],
		['088 123 4500', '+31881234500', false],
		['06.12.34.56.78', '+31612345678', true],
		['+32 470 12 34 56', '+32470123456', true],
		['0032 2 123 45 67', '+3221234567', false],
		['+44 7911 123456', '+447911123456', true],
		['+90 532 123 45 67', '+905321234567', true],
		['\u00a006\u00a012345678 ', '+31612345678', true]
	])('reads %s with a Dutch default as %s', (raw, e164, mobile) => {
		expect(toE164(raw, 'NL')).toEqual({
			ok: true,
			e164,
			country: e164.startsWith('+31') ? 'NL' : e164.startsWith('+32') ? 'BE' : null,
			mobile
		});
	});

	it.each([
		['0470 12 34 56', '+32470123456', true],
		['0470/12.34.56', '+32470123456', true],
		['02 123 45 67', '+3221234567', false],
		['09 123 45 67', '+3291234567', false],
		['+31 6 12345678', '+31612345678', true],
		['0032470123456', '+32470123456', true]
	])('reads %s with a Belgian default as %s', (raw, e164, mobile) => {
		const result = toE164(raw, 'BE');
		expect(result).toMatchObject({ ok: true, e164, mobile });
	});

	it.each([
		['', 'empty'],
		['   ', 'empty'],
		['06-1234567a', 'not_a_number'],
		['call me', 'not_a_number'],
		['06 1234 5678 ext 2', 'not_a_number'],
		['+31+612345678', 'not_a_number'],
		['06-1234567', 'too_short'],
		['06-123456789', 'too_long'],
		['+31 6 1234567', 'too_short'],
		['+32 470 12 34 5', 'too_short'],
		['+32 2 123 45 678', 'too_long'],
		['+1 234', 'too_short'],
		['+1234567890123456', 'too_long'],
		['00000', 'not_a_number'],
		['1'.repeat(41), 'too_long'],
		['06\n12345678<script>', 'not_a_number']
	])('refuses %j: %s', (raw, problem) => {
		expect(toE164(raw, 'NL')).toEqual({ ok: false, problem });
	});

	it("takes the school's country from its clock", () => {
		expect(countryOfTimeZone('Europe/Brussels')).toBe('BE');
		expect(countryOfTimeZone('Europe/Amsterdam')).toBe('NL');
	});

	it('gives wa.me its digits', () => {
		expect(waDigits('+31612345678')).toBe('31612345678');
	});
});
