import { composedMessage } from '../message';
import { withImagesInline } from '$lib/server/mail/pictograms';
import type { RequestHandler } from './$types';

/**
 * The HTML part as the reader's mail program gets it. It is served on its own with a CSP that
 * allows its inline styles and its own pictograms (data: images) and nothing else (no scripts,
 * no loads), in a sandbox.
 */
export const GET: RequestHandler = async (event) => {
	const { html, pictograms } = await composedMessage(event);
	return new Response(withImagesInline(html, pictograms), {
		headers: {
			'Content-Type': 'text/html; charset=utf-8',
			'Content-Security-Policy':
				"default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox allow-popups allow-popups-to-escape-sandbox",
			'Cache-Control': 'private, no-store'
		}
	});
};
