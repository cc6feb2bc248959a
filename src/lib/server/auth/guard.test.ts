import { describe, expect, it } from 'vitest';
import { safeNext } from './guard';
import { looksLikeToken, newId, newSecret } from './token';
import { sessionCookie } from './cookie';

describe('where to go after signing in', () => {
	const site = 'https://huisbezoek.school.example';
	// What a browser makes of a Location header: WHATWG URL parsing, as Node does it too.
	const browserGoesTo = (location: string) => new URL(location, site);

	it('stays on this site', () => {
		expect(safeNext('/staff?x=1')).toBe('/staff?x=1');
		expect(safeNext('/staff/families#top')).toBe('/staff/families#top');
		// Spaces and non-ASCII letters come back percent-encoded: a header never carries them raw.
		expect(safeNext('/staff/families?q=de vries')).toBe('/staff/families?q=de%20vries');
		expect(safeNext('/staff/families?q=Gökhan')).toBe('/staff/families?q=G%C3%B6khan');
	});

	const hostile = [
		null,
		'',
		' /staff',
		'https://evil.example',
		'javascript:alert(1)',
		'//evil.example',
		'///evil.example',
		'/\\evil.example',
		'\\\\evil.example',
		'/\\/evil.example',
		// Tab, CR and LF are stripped by browsers before parsing.
		'/\t/evil.example/',
		'/\t\\evil.example/x',
		'/\n/evil.example',
		'/\r/evil.example',
		'/\r\n/evil.example',
		'/\u0000/evil.example',
		'/\u007f/evil.example',
		'/\u0085/evil.example',
		// Dot segments that collapse into "//".
		'/.//evil.example',
		'/./\\evil.example',
		'/..//evil.example',
		'/%2e//evil.example',
		'/%2E%2E//evil.example',
		'/staff/..//evil.example'
	];

	it.each(hostile)('refuses %j', (input) => {
		expect(safeNext(input)).toBe('/staff');
	});

	// Encoded controls and slashes, and look-alikes of "/" and "\": harmless as long as they stay
	// encoded inside the path. Whatever comes back must keep a browser on this site.
	const lookAlikes = [
		'/%09/evil.example',
		'/%0A/evil.example',
		'/%0d%0a/evil.example',
		'/%2F/evil.example',
		'/%5Cevil.example',
		'/%2F%2Fevil.example',
		'/\uFF0Fevil.example',
		'/\u2215evil.example',
		'/\u2044evil.example',
		'/\uFF3Cevil.example',
		'/\u3000/evil.example',
		'/\u2028/evil.example',
		'/\u200B/evil.example'
	];

	it.each([...hostile, ...lookAlikes])('never leaves the site for %j', (input) => {
		const location = safeNext(input);
		expect(location.startsWith('/') && !location.startsWith('//')).toBe(true);
		expect(location).toMatch(/^[\x21-\x7e]+$/);
		expect(browserGoesTo(location).origin).toBe(site);
	});
});

describe('tokens and cookies', () => {
	it('makes 160-bit secrets and 120-bit ids in base32', () => {
		expect(looksLikeToken(newSecret(), 20)).toBe(true);
		expect(looksLikeToken(newId(), 15)).toBe(true);
		expect(new Set(Array.from({ length: 1000 }, newSecret)).size).toBe(1000);
	});

	it('uses a __Host- Secure cookie on https and on loopback, and says so when it cannot', () => {
		expect(sessionCookie(new URL('https://hb.school.example'))).toEqual({
			name: '__Host-session',
			secure: true
		});
		expect(sessionCookie(new URL('http://localhost:3000'))).toEqual({
			name: '__Host-session',
			secure: true
		});
		expect(sessionCookie(new URL('http://hb.school.internal'))).toEqual({
			name: 'session',
			secure: false
		});
	});
});
