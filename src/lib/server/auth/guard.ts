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

/** A path on this site, or the fallback: never a redirect to another site (`//evil`, `/\\evil`, `https:`). */
export function localPath(path: unknown, fallback: string): string {
	if (typeof path !== 'string' || !path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return fallback;
	return path;
}

/** Where to go after signing in: the page that asked for it, or the dashboard. */
export const safeNext = (next: string | null) => localPath(next, '/staff');
