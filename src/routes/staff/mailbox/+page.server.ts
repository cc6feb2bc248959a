import { error, redirect } from '@sveltejs/kit';
import { requireAdmin } from '$lib/server/auth/guard';
import { mailbox } from '$lib/server/mail/mailbox';
import { mailboxHref, readMailboxFilter } from '$lib/server/mail/mailbox-filter';
import { resendMessage } from '$lib/server/mail/worker';
import { correctAddressAndResend } from '$lib/server/mail/correct-address';
import { messageKinds } from '$lib/server/db/schema';
import { config } from '$lib/server/config';
import { failWith, field, isUuid } from '$lib/server/forms';
import { recordAudit } from '$lib/server/audit/record';
import { now } from '$lib/server/clock';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const me = requireAdmin(event);
	const { origin, mailFrom, smtpUrl } = config();
	const filter = readMailboxFilter(event.url.searchParams);
	const box = await mailbox(
		event.locals.db,
		me.schoolId,
		{ origin, fromAddress: mailFrom },
		filter
	);
	const at = { ...filter, page: box.page };
	return {
		...box,
		filter: at,
		kinds: messageKinds,
		// Links that keep the filter: another page, the same view without the family.
		previous: box.page > 1 ? mailboxHref({ ...at, page: box.page - 1 }) : null,
		next: box.page < box.pages ? mailboxHref({ ...at, page: box.page + 1 }) : null,
		withoutFamily: mailboxHref({ ...at, familyId: null, page: 1 }),
		here: mailboxHref(at),
		timeZone: me.timeZone,
		smtp: Boolean(smtpUrl),
		resent: event.url.searchParams.get('resent')
	};
};

export const actions: Actions = {
	resend: async (event) => {
		const me = requireAdmin(event);
		const form = await event.request.formData();
		const id = field(form, 'id');
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
		// Back to the view the office was in, read again so that only a filter goes into the address.
		const back = readMailboxFilter(new URLSearchParams(field(form, 'back')));
		redirect(303, mailboxHref(back, { resent: '1' }));
	},
	correct: async (event) => {
		const me = requireAdmin(event);
		const form = await event.request.formData();
		const id = field(form, 'id');
		const address = field(form, 'address');
		if (!isUuid(id)) error(404, { message: 'mailbox.not_found' });
		const result = await correctAddressAndResend(event.locals.db, me, id, address, now());
		if (!result.ok) {
			if (result.problem === 'not_found') error(404, { message: 'mailbox.not_found' });
			return failWith(
				400,
				{ address: `mailbox.correct.problem.${result.problem}` },
				{ id, address: address.slice(0, 254) }
			);
		}
		const back = readMailboxFilter(new URLSearchParams(field(form, 'back')));
		redirect(303, mailboxHref(back, { resent: 'corrected' }));
	}
};
