import { redirect } from '@sveltejs/kit';
import { signIn } from '$lib/server/auth/sign-in';
import { invalidateSession } from '$lib/server/auth/session';
import { safeNext } from '$lib/server/auth/guard';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { config } from '$lib/server/config';
import { log } from '$lib/server/log';
import { failWith } from '$lib/server/forms';
import { readSignIn, type SignInValues } from './form';
import type { Actions, PageServerLoad } from './$types';
import { clientAddress } from '$lib/server/auth/client-address';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.session) redirect(303, safeNext(url.searchParams.get('next')));
	return { passwordSet: url.searchParams.get('done') === 'setup' };
};

export const actions: Actions = {
	default: async (event) => {
		const read = readSignIn(await event.request.formData());
		if (!read.ok) return failWith(400, read.errors, read.values);

		const result = await signIn(event.locals.db, {
			...read.value,
			clientAddress: clientAddress(event)
		});
		if (!result.ok) {
			log.info('sign_in_refused', { reason: result.reason });
			if (result.reason === 'rate_limited') {
				const values: SignInValues = {
					...read.values,
					minutes: Math.max(1, Math.ceil((result.retryAt.getTime() - Date.now()) / 60_000))
				};
				return failWith(429, { form: 'sign_in.rate_limited' }, values);
			}
			return failWith(400, { form: 'sign_in.invalid' }, read.values);
		}
		if (event.locals.session) await invalidateSession(event.locals.db, event.locals.session.id);
		setSessionCookie(event.cookies, config().origin, result.token, result.expiresAt);
		log.info('signed_in', { role: 'staff' });
		redirect(303, safeNext(event.url.searchParams.get('next')));
	}
};
