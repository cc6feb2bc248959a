/**
 * Who may see what. Every load and action calls one of these itself: layouts are not enough,
 * since a request can reach a page's action without running its layout's load.
 *
 * - Nobody signed in sees staff pages; they are sent to sign in.
 * - Staff see only their own school: every staff query filters on `staff.schoolId`.
 * - Admins (office, director, care coordinator) manage the whole school.
 * - Teachers (and interns) see the school's overview and, later, their own groups and slots.
 * - Parents have no account: a family's link token opens that one family's page and nothing else.
 */
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { SessionStaff } from './session';

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
	if (staff.role !== 'admin') error(403, { message: 'errors.forbidden' });
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
	if (typeof path !== 'string' || path.length > 2000 || !path.startsWith('/') || CONTROL.test(path) || path.includes('\\')) return fallback;
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
