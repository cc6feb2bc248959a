import { composedMessage } from '../message';
import type { RequestHandler } from './$types';

/**
 * The HTML part as the reader's mail program gets it. It is served on its own with a CSP that
 * allows its inline styles and nothing else (no scripts, no loads), in a sandbox.
 */
export const GET: RequestHandler = async (event) => {
	const { html } = await composedMessage(event);
	return new Response(html, {
		headers: {
			'Content-Type': 'text/html; charset=utf-8',
			'Content-Security-Policy':
				"default-src 'none'; style-src 'unsafe-inline'; sandbox allow-popups allow-popups-to-escape-sandbox",
			'Cache-Control': 'private, no-store'
		}
	});
};
