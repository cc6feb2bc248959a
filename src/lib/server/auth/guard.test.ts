import { describe, expect, it } from 'vitest';
import { safeNext } from './guard';
import { looksLikeToken, newId, newSecret } from './token';
import { sessionCookie } from './cookie';

describe('where to go after signing in', () => {
	it('stays on this site', () => {
		expect(safeNext('/staff?x=1')).toBe('/staff?x=1');
		for (const away of [null, '', 'https://evil.example', '//evil.example', '/\\evil.example', 'javascript:alert(1)']) {
			expect(safeNext(away)).toBe('/staff');
		}
	});
});

describe('tokens and cookies', () => {
	it('makes 160-bit secrets and 120-bit ids in base32', () => {
		expect(looksLikeToken(newSecret(), 20)).toBe(true);
		expect(looksLikeToken(newId(), 15)).toBe(true);
		expect(new Set(Array.from({ length: 1000 }, newSecret)).size).toBe(1000);
	});

	it('uses a __Host- Secure cookie on https and on loopback, and says so when it cannot', () => {
		expect(sessionCookie(new URL('https://hb.school.example'))).toEqual({ name: '__Host-session', secure: true });
		expect(sessionCookie(new URL('http://localhost:3000'))).toEqual({ name: '__Host-session', secure: true });
		expect(sessionCookie(new URL('http://hb.school.internal'))).toEqual({ name: 'session', secure: false });
	});
});
