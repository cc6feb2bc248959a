import { error } from '@sveltejs/kit';
import { composedMessage } from '../message';
import type { RequestHandler } from './$types';

/** The invite exactly as it went (or goes) with the mail. */
export const GET: RequestHandler = async (event) => {
	const { calendar } = await composedMessage(event);
	if (!calendar) error(404, { message: 'mailbox.not_found' });
	return new Response(calendar.content, {
		headers: {
			'Content-Type': `text/calendar; charset=utf-8; method=${calendar.method}`,
			'Content-Disposition': 'attachment; filename="invite.ics"',
			'Cache-Control': 'private, no-store'
		}
	});
};
