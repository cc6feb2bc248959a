import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { gate, type Gate } from '$lib/server/admission/gate';
import { config, ConfigError } from '$lib/server/config';
import { database, requestsInFlight, shutdownRuntime, track } from '$lib/server/runtime';
import { DataDirInUseError } from '$lib/server/db/lock';
import { log, setLogLevel } from '$lib/server/log';
import { validateSession } from '$lib/server/auth/session';
import { clearSessionCookie, sessionCookie, setSessionCookie } from '$lib/server/auth/cookie';
import { chooseLanguage, LANGUAGE_COOKIE, languagesForRoute } from '$lib/server/i18n';
import { withLanguage } from '$lib/server/html-language';
import { openFamilyLink } from '$lib/server/families/page';
import { startDemo } from '$lib/server/demo/start';
import { handleFaults, noteFault } from '$lib/server/faults/handle';
import { rememberFamilyLink } from '$lib/server/faults/contacts';
import { now } from '$lib/server/clock';
import { startJobs, type RunningJobs } from '$lib/server/jobs/runner';
import { transportFor } from '$lib/server/mail/transport';
import { smsProviderFor } from '$lib/server/sms/provider';

let jobs: RunningJobs | undefined;

export const init: ServerInit = async () => {
	let settings;
	try {
		settings = config();
	} catch (error) {
		if (error instanceof ConfigError) {
			console.error(error.message);
			process.exit(2);
		}
		throw error;
	}
	setLogLevel(settings.logLevel);
	if (settings.fakeNow) log.warn('fake_clock', { startsAt: settings.fakeNow.toISOString() });
	try {
		const handle = await database();
		await handle.migrate();
		log.info('database_ready', { kind: handle.kind });
		if (settings.demo === 'auto') await startDemo(handle.db, settings, now());
		if (settings.mailWorker === 'inline') {
			jobs = startJobs({
				db: handle.db,
				transport: transportFor(settings.smtpUrl),
				sms: smsProviderFor(settings.sms),
				origin: settings.origin,
				fromAddress: settings.mailFrom,
				now,
				requestsInFlight
			});
		}
	} catch (error) {
		if (error instanceof DataDirInUseError) {
			console.error(error.message);
			process.exit(3);
		}
		throw error;
	}
	if (!sessionCookie(settings.origin).secure) {
		log.warn('insecure_origin', {
			hint: 'ORIGIN is plain http on a public host: serve the portal over https'
		});
	}
	// adapter-node stops accepting requests on SIGTERM/SIGINT and emits this once every socket is
	// closed; requests whose client gave up may still be running: they finish first.
	process.once('sveltekit:shutdown' as never, (reason: string) => {
		void shutdownRuntime({ reason, beforeClose: () => jobs?.stop() ?? Promise.resolve() });
	});
};

let requestGate: Gate | undefined;

/**
 * Counts the request while it is handled, so that shutdown waits for it, and lets it through the
 * gate (admission/gate.ts). A request the page makes to this server while it renders is part of
 * one already through: made to wait, it could wait for itself. /healthz never waits: a proxy
 * that asks during a burst must hear that the server lives.
 */
const handleInFlight: Handle = ({ event, resolve }) =>
	track(async () => {
		if (event.isSubRequest || event.route.id === '/healthz') return resolve(event);
		requestGate ??= gate(config().requestsAtOnce);
		return requestGate.pass(async () =>
			// 499, as proxies log it: the client closed the request. Nobody receives it.
			leftWhileWaiting(event.request) ? new Response(null, { status: 499 }) : resolve(event)
		);
	});

/**
 * A page whose parent gave up while it waited at the gate (closed the tab, or pressed reload,
 * which sent it again behind everyone else): rendered for no one, it would make everyone behind
 * it wait longer. Only a page: a form whose sender left is still handled, so that nothing
 * submitted is lost.
 */
const leftWhileWaiting = (request: Request) =>
	request.signal.aborted && (request.method === 'GET' || request.method === 'HEAD');

/** Every request, with the time from its arrival to its answer: a wait at the gate included. */
const handleLog: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	const response = await resolve(event);
	// The route id, not the URL: URLs carry tokens of families and staff.
	log.info('request', {
		method: event.request.method,
		route: event.route.id ?? 'unmatched',
		status: response.status,
		ms: Math.round(performance.now() - started)
	});
	return response;
};

const handleHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event, {
		transformPageChunk: ({ html }) => withLanguage(html, event.locals.language)
	});
	const headers = response.headers;
	// Links and forms to our own pages may carry the referrer (browsers then send our real Origin on
	// form posts); a path with a family's or a staff token never leaves the site.
	headers.set('Referrer-Policy', 'same-origin');
	headers.set('X-Content-Type-Options', 'nosniff');
	headers.set('X-Frame-Options', 'DENY');
	headers.set('Cross-Origin-Opener-Policy', 'same-origin');
	headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
	if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'private, no-store');
	return response;
};

// While the server stops, opening the database throws: handleFaults answers 503, come back soon.
const handleDatabase: Handle = async ({ event, resolve }) => {
	event.locals.db = (await database()).db;
	return resolve(event);
};

/**
 * Staff pages speak Dutch or English; a family's pages and the newsletter page every language.
 * A family's page opens in the family's home language unless the parent chose another.
 */
const handleLanguage: Handle = async ({ event, resolve }) => {
	const route = event.route.id ?? '';
	// The choose-a-time page's times come in the same query (openFamilyLink).
	event.locals.familyLink =
		route.startsWith('/f/[token]') && event.params.token
			? await openFamilyLink(
					event.locals.db,
					event.params.token,
					event.request.method,
					route === '/f/[token]/book' ? now() : null
				)
			: null;
	const link = event.locals.familyLink;
	// Kept for the outage page, which must name the school's phone without the database.
	if (link) {
		const { schoolId, schoolName, schoolPhone: phone } = link.head;
		rememberFamilyLink(link.tokenHash, { schoolId, schoolName, phone }, link.language);
	}
	event.locals.language = chooseLanguage(
		languagesForRoute(route),
		event.cookies.get(LANGUAGE_COOKIE),
		event.request.headers.get('accept-language'),
		event.locals.familyLink?.language ?? null
	);
	return resolve(event);
};

const handleSession: Handle = async ({ event, resolve }) => {
	event.locals.session = null;
	const origin = config().origin;
	const token = event.cookies.get(sessionCookie(origin).name);
	if (token) {
		const session = await validateSession(event.locals.db, token);
		if (session) {
			event.locals.session = session;
			setSessionCookie(event.cookies, origin, token, session.expiresAt);
		} else {
			clearSessionCookie(event.cookies, origin);
		}
	}
	return resolve(event);
};

export const handle = sequence(
	handleLog,
	handleInFlight,
	handleHeaders,
	handleFaults,
	handleDatabase,
	handleLanguage,
	handleSession
);

export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status === 404) return { message: 'errors.not_found' };
	// handleFaults replaces the error page with one that needs neither layout nor database.
	const fault = noteFault(error, event, status);
	return {
		message: fault.unavailable ? 'outage.title' : 'errors.unexpected',
		reference: fault.reference
	};
};
