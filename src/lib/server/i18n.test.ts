import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseLanguage, parseAcceptLanguage } from './i18n';
import { createTranslator } from '../i18n/translator';
import { languages } from '../i18n/languages';

const flatten = (o: Record<string, unknown>, prefix = ''): string[] =>
	Object.entries(o).flatMap(([k, v]) =>
		v && typeof v === 'object'
			? flatten(v as Record<string, unknown>, `${prefix}${k}.`)
			: [`${prefix}${k}`]
	);
const load = (code: string) =>
	JSON.parse(fs.readFileSync(path.resolve('messages', `${code}.json`), 'utf8')) as Record<
		string,
		unknown
	>;

describe('language choice', () => {
	it('reads Accept-Language by weight, then order', () => {
		expect(parseAcceptLanguage('fr-BE;q=0.5, en-GB, nl;q=0.8')).toEqual(['en', 'nl', 'fr']);
		expect(parseAcceptLanguage('*;q=0, tr')).toEqual(['tr']);
		expect(parseAcceptLanguage(null)).toEqual([]);
		expect(parseAcceptLanguage('x'.repeat(10_000))).toHaveLength(1);
	});

	it("prefers the person's own choice, then the browser, then Dutch", () => {
		expect(chooseLanguage(['nl', 'en'], 'en', 'nl').code).toBe('en');
		expect(chooseLanguage(['nl', 'en'], 'xx', 'de, en;q=0.5').code).toBe('en');
		expect(chooseLanguage(['nl', 'en'], undefined, 'de').code).toBe('nl');
	});
});

describe('messages', () => {
	const dutch = flatten(load('nl'));
	for (const language of languages.filter((l) => l.code !== 'nl')) {
		it(`${language.code} has every key Dutch has, every plural form it needs, and no stray ones`, () => {
			const keys = flatten(load(language.code));
			expect(dutch.filter((k) => !keys.includes(k))).toEqual([]);
			// Beyond Dutch's keys only plural forms of Dutch plurals, in the categories this language has.
			const categories = new Intl.PluralRules(language.code).resolvedOptions()
				.pluralCategories as string[];
			const plurals = dutch
				.filter((k) => k.endsWith('_other'))
				.map((k) => k.slice(0, -'_other'.length));
			const isPluralForm = (k: string) =>
				plurals.some((base) => categories.some((c) => k === `${base}_${c}`));
			expect(keys.filter((k) => !dutch.includes(k) && !isPluralForm(k))).toEqual([]);
			expect(
				plurals
					.flatMap((base) => categories.map((c) => `${base}_${c}`))
					.filter((k) => !keys.includes(k))
			).toEqual([]);
		});
	}

	it('interpolates and picks plural forms', () => {
		const t = createTranslator('nl', load('nl'));
		expect(t('staff.minutes', { count: 1 })).toBe('1 minuut');
		expect(t('staff.minutes', { count: 45 })).toBe('45 minuten');
		expect(t('staff.greeting', { name: '<b>Anouk</b>' })).toBe('Welkom, <b>Anouk</b>');
	});

	it('isolates each value in a right-to-left sentence, so a phone number keeps its order', () => {
		const phone = '020 123 4567';
		for (const lang of ['ar', 'fa']) {
			const text = createTranslator(lang, load(lang))('family.help', { phone });
			expect(text).toContain(`\u2068${phone}\u2069`);
		}
		// Left to right nothing is added: mails and pages read as before.
		expect(createTranslator('nl', load('nl'))('family.help', { phone })).toContain(` ${phone}`);
		expect(createTranslator('nl', load('nl'))('family.help', { phone })).not.toContain('\u2068');
	});
});
