import type { Cookies } from '@sveltejs/kit';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Browsers accept Secure cookies (and so the `__Host-` prefix) over https and on loopback.
 * Only a plain-http deployment on another host gets an unprefixed, non-secure cookie, and the
 * server warns about that at start.
 */
export function sessionCookie(origin: URL): { name: string; secure: boolean } {
	const secure = origin.protocol === 'https:' || LOOPBACK.has(origin.hostname);
	return { name: secure ? '__Host-session' : 'session', secure };
}

export function setSessionCookie(cookies: Cookies, origin: URL, token: string, expiresAt: Date) {
	const { name, secure } = sessionCookie(origin);
	cookies.set(name, token, {
		path: '/',
		httpOnly: true,
		secure,
		sameSite: 'lax',
		expires: expiresAt
	});
}

export function clearSessionCookie(cookies: Cookies, origin: URL) {
	const { name, secure } = sessionCookie(origin);
	cookies.delete(name, { path: '/', httpOnly: true, secure, sameSite: 'lax' });
}
