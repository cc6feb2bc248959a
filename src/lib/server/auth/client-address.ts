/**
 * The visitor's network address, for the per-network rate limits. Behind a proxy it comes from
 * the header named by ADDRESS_HEADER (adapter-node reads it and throws when a request lacks it).
 * A request without it (one that bypassed the proxy, or a proxy that stopped sending it) is
 * counted under one shared name: stricter for those requests, never a server error.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { log } from '../log';

let warned = false;

export function clientAddress(event: Pick<RequestEvent, 'getClientAddress'>): string {
	try {
		return event.getClientAddress();
	} catch {
		if (!warned) {
			warned = true;
			log.warn('client_address_missing', {
				hint: 'a request lacked the ADDRESS_HEADER the proxy should send'
			});
		}
		return 'unknown';
	}
}
