import { requireAdmin } from '$lib/server/auth/guard';
import { mailbox } from '$lib/server/mail/mailbox';
import { config } from '$lib/server/config';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const me = requireAdmin(event);
	return { messages: await mailbox(event.locals.db, me.schoolId), timeZone: config().schoolTimeZone };
};
