import { languages, staffLanguages } from '$lib/i18n/languages';
import { messagesFor } from '$lib/server/i18n';
import { menuItems, staffMenu } from '$lib/server/staff/menu';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals }) => {
	const staff = locals.session?.staff;
	return {
		lang: locals.language.code,
		dir: locals.language.dir,
		messages: messagesFor(locals.language.code),
		languageChoices: languages.filter((l) =>
			(staffLanguages as readonly string[]).includes(l.code)
		),
		// Only what the header shows: no ids, no e-mail address.
		signedIn: staff
			? {
					name: staff.name,
					schoolName: staff.schoolName,
					menu: (await staffMenu(locals.db, staff)).map((item) => ({
						item,
						href: menuItems[item]
					}))
				}
			: null
	};
};
