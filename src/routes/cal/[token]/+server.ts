import { error } from '@sveltejs/kit';
import { feedFor } from '$lib/server/calendar/feed';
import { now } from '$lib/server/clock';
import type { RequestHandler } from './$types';

/** A teacher's calendar subscription; calendar programs fetch it without signing in. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const calendar = await feedFor(locals.db, params.token.replace(/\.ics$/, ''), now());
	if (!calendar) error(404, { message: 'errors.not_found' });
	return new Response(calendar, {
		headers: {
			'Content-Type': 'text/calendar; charset=utf-8',
			'Cache-Control': 'private, no-store',
			'X-Robots-Tag': 'noindex'
		}
	});
};
