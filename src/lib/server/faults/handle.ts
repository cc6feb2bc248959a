/**
 * Turns a request that failed into a page the reader can act on. Without this, an error thrown
 * while the database is away ends in SvelteKit's bare fallback page, which shows a message key
 * in no language; a failed load shows a page whose translator never loaded.
 */
import { isHttpError, isRedirect, type Handle, type RequestEvent } from '@sveltejs/kit';
import { randomToken } from '../auth/token';
import { chooseLanguage, LANGUAGE_COOKIE, languagesForRoute } from '../i18n';
import { errorFields, log } from '../log';
import { knownContact } from './contacts';
import { faultResponse, type Fault } from './page';
import { isDatabaseUnavailable } from './unavailable';

/** Logs an unexpected error once and names it: a fault of ours, or the database being away. */
export function noteFault(error: unknown, event: RequestEvent, status = 500): Fault {
	const fault: Fault = { unavailable: isDatabaseUnavailable(error), reference: randomToken(5) };
	const fields = { reference: fault.reference, route: event.route.id ?? 'unmatched', status };
	if (fault.unavailable) log.warn('database_unavailable', { ...fields, ...errorFields(error) });
	else log.error('unhandled', { ...fields, ...errorFields(error) });
	event.locals.fault = fault;
	return fault;
}

function respond(event: RequestEvent, fault: Fault): Response {
	const token = event.route.id?.startsWith('/f/[token]') ? event.params.token : undefined;
	const contact = knownContact(token);
	// The page's own language when the request got that far; else as handleLanguage chooses it.
	const language =
		event.locals.language ??
		chooseLanguage(
			languagesForRoute(event.route.id),
			event.cookies.get(LANGUAGE_COOKIE),
			event.request.headers.get('accept-language'),
			contact?.language ?? null
		);
	const accept = event.request.headers.get('accept') ?? '';
	return faultResponse({
		fault,
		language,
		contact,
		posted: event.request.method === 'POST',
		retryPath:
			event.url.pathname.replace(/\/__data\.json$/, '') +
			(event.request.method === 'GET' ? event.url.search : ''),
		json: event.isDataRequest || !accept.includes('text/html')
	});
}

export const handleFaults: Handle = async ({ event, resolve }) => {
	let response: Response;
	try {
		response = await resolve(event);
	} catch (error) {
		// Thrown by a later handle (opening a family's link, checking a session).
		if (isHttpError(error) || isRedirect(error)) throw error;
		return respond(event, noteFault(error, event));
	}
	// A load or action failed: handleError noted it, SvelteKit rendered an error page.
	const fault = event.locals.fault;
	return fault && response.status >= 500 ? respond(event, fault) : response;
};
