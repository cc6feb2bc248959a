import { json } from '@sveltejs/kit';
import { database } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/** For load balancers and monitoring: 200 while the database answers, 503 when it does not. */
export const GET: RequestHandler = async () => {
	const headers = { 'Cache-Control': 'no-store' };
	try {
		const handle = await database();
		await handle.ping(2000);
		return json({ status: 'ok', database: 'up', kind: handle.kind }, { headers });
	} catch {
		return json({ status: 'unavailable', database: 'down' }, { status: 503, headers });
	}
};
