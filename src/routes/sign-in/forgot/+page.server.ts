import { fail } from '@sveltejs/kit';
import { field } from '$lib/server/forms';
import { requestPasswordReset } from '$lib/server/auth/password-reset';
import { now } from '$lib/server/clock';
import type { Actions } from './$types';
import { clientAddress } from '$lib/server/auth/client-address';

export const actions: Actions = {
	default: async (event) => {
		const email = field(await event.request.formData(), 'email').slice(0, 300);
		const result = await requestPasswordReset(event.locals.db, email, clientAddress(event), now());
		if (result === 'invalid_email') return fail(400, { error: 'sign_in.email_invalid', email });
		if (result === 'rate_limited') return fail(429, { error: 'sign_in.forgot_rate_limited', email });
		return { sent: true };
	}
};
