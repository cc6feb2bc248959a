import { redirect } from '@sveltejs/kit';
import { invalidateSession } from '$lib/server/auth/session';
import { clearSessionCookie } from '$lib/server/auth/cookie';
import { config } from '$lib/server/config';
import type { Actions, PageServerLoad } from './$types';

// Signing out changes state, so it is a POST; a GET (a prefetch, a crawler) only redirects.
export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ locals, cookies }) => {
		if (locals.session) await invalidateSession(locals.db, locals.session.id);
		clearSessionCookie(cookies, config().origin);
		redirect(303, '/sign-in');
	}
};
