/**
 * The translator's shortcuts (templates.ts, and the kept texts of translator.ts) against
 * i18next itself: every message of every language, with values, with counts and alone, must
 * read exactly as i18next writes it, right-to-left isolates included.
 */
import fs from 'node:fs';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { languages } from './languages';
import { createTranslator, interpolationFor, type Messages } from './translator';
import { compileTemplates, fill } from './templates';

const load = (lang: string) =>
	JSON.parse(fs.readFileSync(`messages/${lang}.json`, 'utf8')) as Messages;

/** Every key i18next can be asked for: each message, and each plural family by its base name. */
function keysOf(messages: Messages) {
	const keys = new Map<string, Set<string>>();
	const walk = (node: unknown, path: string) => {
		if (typeof node === 'string') {
			const names = new Set([...node.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!));
			const base = path.replace(/_(zero|one|two|few|many|other)$/, '');
			for (const key of new Set([path, base]))
				keys.set(key, new Set([...(keys.get(key) ?? []), ...names]));
		} else if (node && typeof node === 'object')
			for (const [key, value] of Object.entries(node)) walk(value, path ? `${path}.${key}` : key);
	};
	walk(messages, '');
	return keys;
}

/** Values that show what an escape or an isolate would change: markup, an ampersand, digits. */
const valueFor = (name: string, i: number) =>
	i % 2 ? `<b>${name}</b> & 020 123 4567` : `${name} “${i}” Spitsbergen (demo)`;

function plainI18next(lang: string, messages: Messages) {
	const instance = i18next.createInstance();
	void instance.init({
		lng: lang,
		fallbackLng: false,
		resources: { [lang]: { translation: messages } },
		initAsync: false,
		interpolation: interpolationFor(lang),
		returnNull: false
	});
	return instance.t.bind(instance) as unknown as (key: string, options?: object) => string;
}

describe.each(languages.map((l) => l.code))('the translator in %s', (lang) => {
	const messages = load(lang);
	const t = createTranslator(lang, messages) as unknown as (key: string, o?: object) => string;
	const reference = plainI18next(lang, messages);
	const keys = keysOf(messages);

	it('writes every message as i18next does: alone, with values, with counts', () => {
		let compared = 0;
		for (const [key, names] of keys) {
			const values = Object.fromEntries([...names].map((n, i) => [n, valueFor(n, i)]));
			const calls: object[] = [values, { ...values, extra: 'x' }];
			if (names.size === 0) calls.push({});
			for (const count of [0, 1, 2, 3, 5, 11, 21, 100]) calls.push({ ...values, count }, { count });
			for (const options of calls) {
				expect(t(key, options), `${key} ${JSON.stringify(options)}`).toBe(reference(key, options));
				// Twice: the second answer may come from what the first one kept.
				expect(t(key, options)).toBe(reference(key, options));
				compared++;
			}
			expect(t(key)).toBe(reference(key));
		}
		expect(compared).toBeGreaterThan(keys.size * 10);
	});

	it('fills only plain placeholders, and leaves counts and unknown options to i18next', () => {
		const templates = compileTemplates({
			a: 'Bel {{phone}} of {{phone}}.',
			b: '{{- raw}}',
			c: '$t(a) {{x}}'
		});
		expect([...templates.keys()]).toEqual(['a']);
		const a = templates.get('a')!;
		expect(fill(a, { phone: '020' }, null)).toBe('Bel 020 of 020.');
		expect(fill(a, { phone: 7 }, (v) => `[${v}]`)).toBe('Bel [7] of [7].');
		expect(fill(a, { phone: '020', lng: 'en' }, null)).toBeUndefined();
		expect(fill(a, { phone: '020', count: 1 }, null)).toBeUndefined();
		expect(fill(a, {}, null)).toBeUndefined();
		expect(fill(a, { phone: { toString: () => 'x' } }, null)).toBeUndefined();
	});
});
