import { redirect } from '@sveltejs/kit';
import { languages } from '$lib/i18n/languages';
import { LANGUAGE_COOKIE } from '$lib/server/i18n';
import { config } from '$lib/server/config';
import { localPath } from '$lib/server/auth/guard';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ request, cookies }) => {
		const form = await request.formData();
		const lang = form.get('lang');
		if (typeof lang === 'string' && languages.some((l) => l.code === lang)) {
			const secure = config().origin.protocol === 'https:';
			cookies.set(LANGUAGE_COOKIE, lang, {
				path: '/',
				httpOnly: true,
				secure,
				sameSite: 'lax',
				maxAge: 365 * 86_400
			});
		}
		// Back to the page the person came from, on this site only.
		redirect(303, localPath(form.get('back'), '/'));
	}
};
