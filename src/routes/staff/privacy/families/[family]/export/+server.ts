import { error } from '@sveltejs/kit';
import { requireAdmin } from '$lib/server/auth/guard';
import { now } from '$lib/server/clock';
import { exportFamily } from '$lib/server/privacy/family-data';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const me = requireAdmin(event);
	const data = await exportFamily(event.locals.db, me.schoolId, event.params.family, me.id, now());
	if (!data) error(404, { message: 'privacy.not_found' });
	return new Response(JSON.stringify(data, null, 2), {
		headers: {
			'Content-Type': 'application/json; charset=utf-8',
			'Content-Disposition': `attachment; filename="gezin-${event.params.family}.json"`,
			'Cache-Control': 'no-store'
		}
	});
};
