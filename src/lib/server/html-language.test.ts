import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withLanguage } from './html-language';

const template = readFileSync(new URL('../../app.html', import.meta.url), 'utf8');

describe('withLanguage', () => {
	it("fills in app.html's language and direction", () => {
		const html = withLanguage(template, { code: 'ar', dir: 'rtl' });
		expect(html).toContain('<html lang="ar" dir="rtl">');
		expect(html).not.toContain('%lang%');
		expect(html).not.toContain('%dir%');
		expect(html.length).toBe(template.length - '%lang%%dir%'.length + 'arrtl'.length);
	});

	it('leaves text a user wrote further down alone, even when it looks like the template', () => {
		const typed = '<p>%lang%" dir="%dir%</p>';
		const html = withLanguage(template.replace('%sveltekit.body%', typed), {
			code: 'nl',
			dir: 'ltr'
		});
		expect(html).toContain('<html lang="nl" dir="ltr">');
		expect(html).toContain(typed);
	});

	it('passes a chunk without the placeholders through unchanged', () => {
		expect(withLanguage('<p>rest of a streamed page</p>', { code: 'nl', dir: 'ltr' })).toBe(
			'<p>rest of a streamed page</p>'
		);
	});
});
