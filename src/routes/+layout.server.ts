import { languages, staffLanguages } from '$lib/i18n/languages';
import { messagesFor } from '$lib/server/i18n';
import { runsSchool } from '$lib/server/auth/policy';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => {
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
			? { name: staff.name, runsSchool: runsSchool(staff), schoolName: staff.schoolName }
			: null
	};
};
