/**
 * The gate of every staff load and action: each calls one of these itself, since a request can
 * reach a page's action without running its layout's load. Nobody signed in sees staff pages;
 * they are sent to sign in. What a signed-in person may see and change is in policy.ts.
 */
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { SessionStaff } from './session';
import { runsSchool } from './policy';

export function requireStaff(event: RequestEvent): SessionStaff {
	const session = event.locals.session;
	if (!session) {
		const next = event.url.pathname + event.url.search;
		redirect(303, `/sign-in?next=${encodeURIComponent(next)}`);
	}
	return session.staff;
}

export function requireAdmin(event: RequestEvent): SessionStaff {
	const staff = requireStaff(event);
	if (!runsSchool(staff)) error(403, { message: 'errors.forbidden' });
	return staff;
}

// C0 and C1 controls and DEL. Browsers strip tab, CR and LF from URLs before they parse them,
// so "/\t/evil.example" reaches them as "//evil.example": another site.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
const PROBE = 'http://path.invalid';

/**
 * A path on this site, or the fallback: never a redirect to another site, whatever the input
 * (`//evil`, `/\\evil`, `/\t/evil`, `/.//evil`, `https:`). The path is resolved the way a browser
 * would and handed back percent-encoded, so what the browser follows is what was checked, and
 * a header never carries a raw non-ASCII or control character.
 */
export function localPath(path: unknown, fallback: string): string {
	if (
		typeof path !== 'string' ||
		path.length > 2000 ||
		!path.startsWith('/') ||
		CONTROL.test(path) ||
		path.includes('\\')
	)
		return fallback;
	let resolved: URL;
	try {
		resolved = new URL(path, PROBE);
	} catch {
		return fallback;
	}
	// "/.//evil" resolves to the path "//evil", which a browser would read as a host.
	if (resolved.origin !== PROBE || resolved.pathname.startsWith('//')) return fallback;
	return resolved.pathname + resolved.search + resolved.hash;
}

/** Where to go after signing in: the page that asked for it, or the dashboard. */
export const safeNext = (next: string | null) => localPath(next, '/staff');
