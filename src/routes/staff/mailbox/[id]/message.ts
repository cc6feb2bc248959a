import { error, type RequestEvent } from '@sveltejs/kit';
import { requireAdmin } from '$lib/server/auth/guard';
import { mailboxMessage } from '$lib/server/mail/mailbox';
import { config } from '$lib/server/config';

/** One of the admin's school's messages, composed as it goes out; 404 for anything else, or when it cannot be composed. */
export async function composedMessage(event: RequestEvent & { params: { id: string } }) {
	const me = requireAdmin(event);
	const { origin, mailFrom } = config();
	const found = await mailboxMessage(event.locals.db, me.schoolId, event.params.id, {
		origin,
		fromAddress: mailFrom
	});
	if (!found) error(404, { message: 'mailbox.not_found' });
	if (!found.composed) error(404, { message: 'mailbox.cannot_show' });
	return found.composed;
}
