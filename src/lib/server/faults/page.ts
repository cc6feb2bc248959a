/**
 * The page a reader gets when the portal cannot do what they asked: the database is away
 * (503, come back in a few minutes) or our own code failed (500, with a reference). It is built
 * here from a string, not by SvelteKit: rendering a route needs its layout, and the layout
 * needs the database. It needs nothing but the messages in the server's bundle, loads no
 * stylesheet, script or image, and works on the smallest phone.
 */
import type { Language } from '$lib/i18n/languages';
import { translatorFor } from '../i18n';
import type { SchoolContact } from './contacts';

/** Seconds: long enough for PostgreSQL to restart, short enough that a parent waits it out. */
export const RETRY_AFTER_SECONDS = 120;

export interface Fault {
	/** The database is away (503), rather than a fault of ours (500). */
	unavailable: boolean;
	/** Quoted to the helpdesk; finds the log line. */
	reference: string;
}

export interface FaultPageInput {
	fault: Fault;
	language: Language;
	contact: SchoolContact | null;
	/** The reader sent a form: say whether it was saved. */
	posted: boolean;
	/** Where "try again" leads: the same page, fetched anew. */
	retryPath: string;
	/** JSON instead of HTML (a script, or SvelteKit's own data requests). */
	json: boolean;
}

const escapeHtml = (text: string) =>
	text.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!
	);

const STYLE = `body{margin:0;font:1.125rem/1.5 system-ui,sans-serif;color:#1a1a1a;background:#fff}
main{max-width:34rem;margin:0 auto;padding:1.5rem 1rem}
h1{font-size:1.5rem;line-height:1.25;margin:0 0 1rem}
p{margin:0 0 1rem}
.warn{border-inline-start:.3rem solid #b00020;padding-inline-start:.75rem;font-weight:600}
a.button{display:inline-block;min-height:44px;min-width:44px;box-sizing:border-box;padding:.6rem 1.25rem;
border-radius:.4rem;background:#0b5394;color:#fff;text-decoration:none;font-weight:600}
a.button:focus-visible{outline:3px solid #f5a623;outline-offset:2px}
code{font-size:1rem}`;

export function faultResponse(input: FaultPageInput): Response {
	const { fault, language, contact, posted } = input;
	const { t } = translatorFor(language.code);
	const status = fault.unavailable ? 503 : 500;
	const headers = new Headers({ 'Cache-Control': 'no-store', 'Content-Language': language.code });
	if (fault.unavailable) headers.set('Retry-After', String(RETRY_AFTER_SECONDS));

	const title = fault.unavailable ? t('outage.title') : t('errors.title');
	const lines: { text: string; warn?: boolean }[] = fault.unavailable
		? [
				{ text: t('outage.nothing_lost') },
				...(posted ? [{ text: t('outage.not_saved'), warn: true }] : []),
				{ text: t('outage.try_again') }
			]
		: [{ text: t('errors.unexpected') }];
	const phoneAt = '\u0000phone\u0000';
	if (contact) {
		// Isolated: in Arabic or Persian a school's Latin name or a phone number's groups of digits
		// would otherwise change places with the words around them.
		const school = `\u2068${contact.schoolName}\u2069`;
		lines.push({ text: t('outage.call', { school, phone: phoneAt }) });
	}
	const asText = (text: string) => text.replace(phoneAt, `\u2066${contact?.phone ?? ''}\u2069`);
	// On a phone the number is one tap away.
	const asHtml = (text: string) =>
		escapeHtml(text).replace(
			phoneAt,
			`<a href="tel:${(contact?.phone ?? '').replace(/[^+\d]/g, '')}" dir="ltr">${escapeHtml(contact?.phone ?? '')}</a>`
		);

	if (input.json) {
		headers.set('Content-Type', 'application/json; charset=utf-8');
		const message = fault.unavailable ? 'outage.title' : 'errors.unexpected';
		const body = {
			message,
			text: [title, ...lines.map((l) => asText(l.text))].join(' '),
			reference: fault.reference
		};
		return new Response(JSON.stringify(body), { status, headers });
	}

	headers.set('Content-Type', 'text/html; charset=utf-8');
	const paragraphs = lines
		.map((l) => `<p${l.warn ? ' class="warn" role="alert"' : ''}>${asHtml(l.text)}</p>`)
		.join('\n');
	const html = `<!doctype html>
<html lang="${language.code}" dir="${language.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${paragraphs}
<p><a class="button" href="${escapeHtml(input.retryPath)}">${escapeHtml(t('outage.retry'))}</a></p>
<p><small>${escapeHtml(t('errors.reference'))} <code>${escapeHtml(fault.reference)}</code></small></p>
</main>
</body>
</html>
`;
	return new Response(html, { status, headers });
}
