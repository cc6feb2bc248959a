import { menuItems, staffMenu } from '$lib/server/staff/menu';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals }) => {
	const staff = locals.session?.staff;
	return {
		lang: locals.language.code,
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
