import { fail, redirect } from '@sveltejs/kit';
import { signIn } from '$lib/server/auth/sign-in';
import { invalidateSession } from '$lib/server/auth/session';
import { safeNext } from '$lib/server/auth/guard';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { config } from '$lib/server/config';
import { log } from '$lib/server/log';
import { parseSignIn, type SignInErrors } from './form';
import type { Actions, PageServerLoad } from './$types';
import { clientAddress } from '$lib/server/auth/client-address';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.session) redirect(303, safeNext(url.searchParams.get('next')));
	return { passwordSet: url.searchParams.get('done') === 'setup' };
};

export const actions: Actions = {
	default: async (event) => {
		const parsed = parseSignIn(await event.request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, minutes: 0, values: { email: parsed.email } });

		const result = await signIn(event.locals.db, { ...parsed.value, clientAddress: clientAddress(event) });
		if (!result.ok) {
			log.info('sign_in_refused', { reason: result.reason });
			if (result.reason === 'rate_limited') {
				const minutes = Math.max(1, Math.ceil((result.retryAt.getTime() - Date.now()) / 60_000));
				const errors: SignInErrors = { form: 'sign_in.rate_limited' };
				return fail(429, { errors, minutes, values: { email: parsed.email } });
			}
			const errors: SignInErrors = { form: 'sign_in.invalid' };
			return fail(400, { errors, minutes: 0, values: { email: parsed.email } });
		}
		if (event.locals.session) await invalidateSession(event.locals.db, event.locals.session.id);
		setSessionCookie(event.cookies, config().origin, result.token, result.expiresAt);
		log.info('signed_in', { role: 'staff' });
		redirect(303, safeNext(event.url.searchParams.get('next')));
	}
};
