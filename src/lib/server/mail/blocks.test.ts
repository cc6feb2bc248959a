import { describe, expect, it } from 'vitest';
import { renderHtml, renderText, type MailBody } from './blocks';
import { composeMessage, type Recipient } from './compose';
import { visitAtSchool } from './test-fixtures';

const url = 'https://huisbezoek.spitsbergen.example/f/abcdefghijklmnopqrstuvwxyz234567';
const ctx = {
	origin: new URL('https://huisbezoek.spitsbergen.example'),
	organizer: { name: 'obs De Spitsbergen', email: 'huisbezoek@spitsbergen.example' }
};

const body: MailBody = {
	lang: 'en',
	dir: 'ltr',
	subject: 'Your link',
	heading: 'obs De Spitsbergen',
	blocks: [
		{ p: 'Choose a time.' },
		{
			label: 'Press the button. This link is only for your family:',
			link: url,
			button: 'Open your page'
		}
	]
};

/** The anchors of an HTML part: where they go, their style and their text. */
const anchors = (html: string) =>
	[...html.matchAll(/<a href="([^"]*)" style="([^"]*)"[^>]*>([^<]*)<\/a>/g)].map(
		([, href, style, text]) => ({ href, style, text })
	);

describe('a link in a mail', () => {
	it('is a button with words, and the address under it breaks anywhere', () => {
		const [button, address] = anchors(renderHtml(body));
		expect(button).toMatchObject({ href: url, text: 'Open your page' });
		expect(button!.style).toContain('max-width:100%');
		expect(address).toMatchObject({ href: url, text: url });
		expect(address!.style).toMatch(/word-break:break-all/);
		expect(address!.style).toMatch(/overflow-wrap:anywhere/);
	});

	it('keeps the address on a line of its own in the plain text', () => {
		expect(renderText(body)).toContain(
			`Press the button. This link is only for your family:\n${url}\n`
		);
	});

	it('escapes what goes into the button', () => {
		const html = renderHtml({
			...body,
			blocks: [{ label: 'x', link: `${url}"><script>`, button: '<b>Open</b>' }]
		});
		expect(html).not.toContain('<script>');
		expect(html).toContain('&lt;b&gt;Open&lt;/b&gt;');
	});
});

describe('composed mails', () => {
	const parent = (language: string): Recipient => ({
		kind: 'family_link',
		language,
		toAddress: 'ouder@example.org',
		toName: 'Ouder',
		payload: { url, roundName: 'Huisbezoeken', schoolName: 'obs De Spitsbergen' }
	});

	it.each([
		['nl', 'Open uw pagina'],
		['en', 'Open your page'],
		['fr', 'Ouvrir votre page'],
		['ar', 'افتحوا صفحتكم'],
		['tr', 'Sayfanızı açın'],
		['pl', 'Otwórz swoją stronę'],
		['uk', 'Відкрити вашу сторінку']
	])('give a parent reading %s a button in their language', (language, words) => {
		const message = composeMessage(parent(language), ctx)!;
		expect(anchors(message.html).map((a) => a.text)).toEqual([words, url]);
		expect(message.text).toMatch(new RegExp(`\\n${url.replace(/[./]/g, '\\$&')}\\n`));
	});

	it('give staff a button too', () => {
		const invite: Recipient = {
			kind: 'staff_invite',
			language: 'nl',
			toAddress: 'a@school.example',
			toName: 'A',
			payload: {
				schoolName: 'obs De Spitsbergen',
				name: 'Anouk',
				path: '/setup/abc',
				validUntil: '2026-10-20T08:00:00Z',
				timeZone: 'Europe/Amsterdam'
			}
		};
		expect(anchors(composeMessage(invite, ctx)!.html)[0]!.text).toBe('Open de pagina');
	});

	it('write the visit time on the 24-hour clock with the comma of the reader’s script', () => {
		const visit: Recipient = {
			kind: 'visit_booked',
			language: 'ar',
			toAddress: 'ouder@example.org',
			toName: 'Ouder',
			payload: {
				...visitAtSchool,
				path: '/f/abcdefghijklmnopqrstuvwxyz234567'
			}
		};
		const message = composeMessage(visit, ctx)!;
		expect(message.subject).toContain('الاثنين، 7 ديسمبر، 16:30–17:15');
		expect(message.subject).not.toContain(',');
		expect(message.text).not.toMatch(/\d:\d{2}\s*[صم]/);
	});
});
