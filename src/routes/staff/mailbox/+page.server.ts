import { error, redirect } from '@sveltejs/kit';
import { requireAdmin } from '$lib/server/auth/guard';
import { mailbox } from '$lib/server/mail/mailbox';
import { resendMessage } from '$lib/server/mail/worker';
import { config } from '$lib/server/config';
import { field, isUuid } from '$lib/server/forms';
import { recordAudit } from '$lib/server/audit/record';
import { now } from '$lib/server/clock';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const me = requireAdmin(event);
	const { origin, mailFrom, smtpUrl } = config();
	return {
		...(await mailbox(event.locals.db, me.schoolId, { origin, fromAddress: mailFrom })),
		timeZone: me.timeZone,
		smtp: Boolean(smtpUrl),
		resent: event.url.searchParams.has('resent')
	};
};

export const actions: Actions = {
	resend: async (event) => {
		const me = requireAdmin(event);
		const id = field(await event.request.formData(), 'id');
		if (!isUuid(id) || !(await resendMessage(event.locals.db, me.schoolId, id, now())))
			error(404, { message: 'mailbox.not_found' });
		await recordAudit(event.locals.db, {
			schoolId: me.schoolId,
			actorKind: 'staff',
			actorId: me.id,
			action: 'mail.resent',
			subjectType: 'outbox',
			subjectId: id
		});
		redirect(303, '/staff/mailbox?resent');
	}
};
