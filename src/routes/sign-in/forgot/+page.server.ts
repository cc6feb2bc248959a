import { failWith, field } from '$lib/server/forms';
import { requestPasswordReset } from '$lib/server/auth/password-reset';
import { now } from '$lib/server/clock';
import type { Actions } from './$types';
import { clientAddress } from '$lib/server/auth/client-address';

export const actions: Actions = {
	default: async (event) => {
		// One field, read and checked where the address is looked up.
		const values = { email: field(await event.request.formData(), 'email').slice(0, 300) };
		const result = await requestPasswordReset(
			event.locals.db,
			values.email,
			clientAddress(event),
			now()
		);
		if (result === 'invalid_email') return failWith(400, { form: 'sign_in.email_invalid' }, values);
		if (result === 'rate_limited')
			return failWith(429, { form: 'sign_in.forgot_rate_limited' }, values);
		return { sent: true };
	}
};
