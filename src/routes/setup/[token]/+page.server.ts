import { fail, redirect } from '@sveltejs/kit';
import { peekStaffToken, redeemStaffToken } from '$lib/server/auth/staff-token';
import { field } from '$lib/server/forms';
import { log } from '$lib/server/log';
import type { Actions, PageServerLoad } from './$types';

// Opening the link changes nothing (mail scanners open links); only the form's POST uses it.
export const load: PageServerLoad = async ({ locals, params, setHeaders }) => {
	setHeaders({ 'X-Robots-Tag': 'noindex' });
	const owner = await peekStaffToken(locals.db, params.token);
	return { owner: owner ? { name: owner.name, email: owner.email } : null };
};

export const actions: Actions = {
	default: async ({ locals, params, request }) => {
		const form = await request.formData();
		const password = field(form, 'password');
		if (password !== field(form, 'confirm')) return fail(400, { error: 'setup.mismatch' });
		const result = await redeemStaffToken(locals.db, params.token, password);
		if (!result.ok) {
			if (result.reason === 'invalid_link') return fail(410, { error: 'setup.invalid_link' });
			return fail(400, { error: `setup.password_${result.reason}` });
		}
		log.info('password_set');
		redirect(303, '/sign-in?done=setup');
	}
};
