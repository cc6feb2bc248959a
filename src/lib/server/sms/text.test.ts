import { describe, expect, it } from 'vitest';
import { smsLength } from './gsm';
import { smsText } from './text';
import type { TextLinkPayload, TimeOfferedPayload } from '../mail/payloads';

const ctx = { origin: new URL('https://huisbezoek.school.nl') };
const path = `/f/${'a'.repeat(32)}`;
const link: TextLinkPayload = {
	schoolName: 'obs De Spitsbergen',
	schoolPhone: '020 123 4567',
	roundName: 'Huisbezoeken groep 1 en 3',
	path
};
const offered: TimeOfferedPayload = {
	schoolName: 'obs De Spitsbergen',
	schoolPhone: '020 123 4567',
	timeZone: 'Europe/Amsterdam',
	startsAt: '2026-11-03T17:00:00Z',
	endsAt: '2026-11-03T17:45:00Z',
	staffNames: ['Fatma Demir'],
	path
};
const url = `https://huisbezoek.school.nl${path}`;

/**
 * With a real origin, school name and phone: nl, en and fr fit one text of 160; Arabic, Turkish,
 * Polish and Ukrainian need UCS-2 (70 a text, 67 a part), and the link alone is 63 of those.
 */
const limits: Record<string, { encoding: 'gsm' | 'ucs2'; parts: number }> = {
	nl: { encoding: 'gsm', parts: 1 },
	en: { encoding: 'gsm', parts: 1 },
	fr: { encoding: 'gsm', parts: 1 },
	ar: { encoding: 'ucs2', parts: 3 },
	tr: { encoding: 'ucs2', parts: 3 },
	pl: { encoding: 'ucs2', parts: 3 },
	uk: { encoding: 'ucs2', parts: 3 }
};

describe('text messages', () => {
	it.each(Object.entries(limits))('a link in %s fits its budget', (lang, limit) => {
		const { text, lang: got } = smsText({ kind: 'text_link', payload: link }, lang, ctx);
		expect(got).toBe(lang);
		expect(text).toContain(url);
		expect(text).toContain('020 123 4567');
		expect(text).toContain('obs De Spitsbergen');
		const length = smsLength(text);
		expect(length.encoding).toBe(limit.encoding);
		expect(length.parts, `${lang}: ${length.units} ${length.encoding}`).toBeLessThanOrEqual(
			limit.parts
		);
	});

	it.each(Object.keys(limits))(
		'a time made for the family in %s names the time and the link',
		(lang) => {
			const { text } = smsText({ kind: 'time_offered', payload: offered }, lang, ctx);
			expect(text).toContain(url);
			expect(text).toContain('18:00');
			expect(smsLength(text).parts).toBeLessThanOrEqual(limits[lang]!.parts);
		}
	);

	it('speaks Dutch to a family whose language the portal does not speak, and leaves out a missing phone', () => {
		const { text, lang } = smsText(
			{ kind: 'text_link', payload: { ...link, schoolPhone: '' } },
			'ps',
			ctx
		);
		expect(lang).toBe('nl');
		expect(text).toBe(`obs De Spitsbergen: kies een tijd voor het huisbezoek: ${url}`);
	});

	it('says the link is gone once it was sent', () => {
		const { text } = smsText(
			{ kind: 'text_link', payload: { ...link, path: undefined } },
			'en',
			ctx
		);
		expect(text).toContain('(link removed after sending)');
	});

	it('refuses kinds that are not for a phone', () => {
		expect(() =>
			smsText(
				{
					kind: 'family_link',
					payload: { schoolName: 'x', roundName: 'y', path }
				} as never,
				'nl',
				ctx
			)
		).toThrow(/no text message/);
	});

	it('counts as a phone does', () => {
		expect(smsLength('a'.repeat(160))).toEqual({ encoding: 'gsm', units: 160, parts: 1 });
		expect(smsLength('a'.repeat(161))).toEqual({ encoding: 'gsm', units: 161, parts: 2 });
		expect(smsLength('€'.repeat(80))).toEqual({ encoding: 'gsm', units: 160, parts: 1 });
		expect(smsLength('ş'.repeat(70))).toEqual({ encoding: 'ucs2', units: 70, parts: 1 });
		expect(smsLength('ş'.repeat(71))).toEqual({ encoding: 'ucs2', units: 71, parts: 2 });
	});
});
