import { redirect } from '@sveltejs/kit';
import { peekStaffToken, redeemStaffToken } from '$lib/server/auth/staff-token';
import { failWith } from '$lib/server/forms';
import { log } from '$lib/server/log';
import { readNewPassword } from './form';
import type { Actions, PageServerLoad } from './$types';

// Opening the link changes nothing (mail scanners open links); only the form's POST uses it.
export const load: PageServerLoad = async ({ locals, params, setHeaders }) => {
	setHeaders({ 'X-Robots-Tag': 'noindex' });
	const owner = await peekStaffToken(locals.db, params.token);
	return { owner: owner ? { name: owner.name, email: owner.email } : null };
};

export const actions: Actions = {
	default: async ({ locals, params, request }) => {
		const read = readNewPassword(await request.formData());
		if (!read.ok) return failWith(400, read.errors, read.values);
		const result = await redeemStaffToken(locals.db, params.token, read.value);
		if (!result.ok) {
			if (result.reason === 'invalid_link')
				return failWith(410, { form: 'setup.invalid_link' }, read.values);
			return failWith(400, { form: `setup.password_${result.reason}` }, read.values);
		}
		log.info('password_set');
		redirect(303, '/sign-in?done=setup');
	}
};
