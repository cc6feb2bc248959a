import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** The day sheet moved beside the week it belongs to; old links and bookmarks still arrive. */
export const GET: RequestHandler = ({ url }) => {
	redirect(301, `/staff/slots/day${url.search}`);
};
