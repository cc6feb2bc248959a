import { describe, expect, it } from 'vitest';
import { languageInfo } from '$lib/i18n/languages';
import nl from '../../../../messages/nl.json';
import ar from '../../../../messages/ar.json';
import { faultResponse } from './page';

const outage = { unavailable: true, reference: 'abc12345' };
const contact = { schoolName: 'obs <De> Linde', phone: '020 123 4567' };

describe('faultResponse', () => {
	it('is a whole page of its own: language, direction, escaped school, a tappable number', async () => {
		const response = faultResponse({
			fault: outage,
			language: languageInfo('ar'),
			contact,
			posted: true,
			retryPath: '/f/abc/book',
			json: false
		});
		expect(response.status).toBe(503);
		expect(response.headers.get('retry-after')).toBe('120');
		const html = await response.text();
		expect(html).toContain('<html lang="ar" dir="rtl">');
		expect(html).toContain(ar.outage.not_saved);
		expect(html).toContain('obs &lt;De&gt; Linde');
		expect(html).toContain('<a href="tel:0201234567" dir="ltr">020 123 4567</a>');
		expect(html).not.toMatch(/<script|<link|src=/);
	});

	it('says nothing of saving after a page view, and answers scripts in JSON', async () => {
		const page = faultResponse({
			fault: outage,
			language: languageInfo('nl'),
			contact: null,
			posted: false,
			retryPath: '/',
			json: false
		});
		expect(await page.text()).not.toContain(nl.outage.not_saved);
		const json = faultResponse({
			fault: { unavailable: false, reference: 'r1' },
			language: languageInfo('nl'),
			contact,
			posted: false,
			retryPath: '/',
			json: true
		});
		expect(json.status).toBe(500);
		expect(json.headers.get('retry-after')).toBeNull();
		const body = (await json.json()) as { message: string; text: string; reference: string };
		expect(body).toMatchObject({ message: 'errors.unexpected', reference: 'r1' });
		expect(body.text).toContain(nl.errors.unexpected);
		expect(body.text).toContain('\u2066020 123 4567\u2069');
	});
});
