import i18next, { type ParseKeys, type TFunction } from 'i18next';
import { languageInfo } from './languages';
import { compileTemplates, fill } from './templates';

export type Messages = Record<string, unknown>;
export type Translate = TFunction;
/** A key of messages/nl.json (plural forms named without their suffix): the compiler checks it exists. */
export type MessageKey = ParseKeys;

const cache = new Map<string, Translate>();

/** The translate function made for this language before, if any: each is made once per process. */
export const cachedTranslator = (lang: string): Translate | undefined => cache.get(lang);

/**
 * A translate function for one language, made once and kept: i18next's setup is far dearer than
 * a lookup. The browser gets one language's messages (bundles.ts), not all of them.
 */
export function createTranslator(lang: string, messages: Messages): Translate {
	const cached = cache.get(lang);
	if (cached) return cached;
	const instance = i18next.createInstance();
	const interpolation = interpolationFor(lang);
	const wrap = interpolation.escapeValue ? interpolation.escape : null;
	const templates = compileTemplates(messages);
	void instance.init({
		lng: lang,
		fallbackLng: false,
		resources: { [lang]: { translation: messages } },
		initAsync: false,
		interpolation,
		returnNull: false
	});
	const full = instance.t.bind(instance) as unknown as (...args: unknown[]) => unknown;
	// Most calls are a key alone (a label, a heading): i18next resolves each one again, with its
	// options object, lookups and regular expressions, a few microseconds a time and dozens of
	// them a page. A key alone always gives the same text: look it up once. Bounded, in case a
	// caller ever passes text that is not a key.
	const plain = new Map<string, string>();
	const PLAIN_MAX = 5_000;
	const remembered = (key: string, make: () => string) => {
		let text = plain.get(key);
		if (text === undefined) {
			text = make();
			if (plain.size < PLAIN_MAX) plain.set(key, text);
		}
		return text;
	};
	const t = ((key: unknown, ...rest: unknown[]) => {
		if (typeof key !== 'string') return full(key, ...rest);
		if (rest.length === 0) return remembered(key, () => full(key) as string);
		const options = rest[0];
		if (rest.length === 1 && options && typeof options === 'object') {
			// Values only, into a message that only takes values: fill it in (templates.ts).
			const template = templates.get(key);
			const filled = template && fill(template, options as Record<string, unknown>, wrap);
			if (filled !== undefined) return filled;
			// A count alone ("3 times"): the text depends on the key and the number only.
			const { count, ...others } = options as { count?: unknown };
			if (Number.isInteger(count) && Object.keys(others).length === 0)
				return remembered(`${key}\u0000${count}`, () => full(key, options) as string);
		}
		return full(key, ...rest);
	}) as unknown as Translate;
	cache.set(lang, t);
	return t;
}

/**
 * Svelte escapes what it renders; escaping HTML here too would show &amp; to the reader. In a
 * right-to-left language each value put into a sentence is isolated instead (U+2068 … U+2069):
 * without it the groups of a phone number, "020 123 4567", read "4567 123 020" in an Arabic or
 * Persian sentence, and a school's Latin name takes the punctuation around it along.
 */
export function interpolationFor(
	lang: string
):
	| { escapeValue: false; escape?: undefined }
	| { escapeValue: true; escape: (value: string) => string } {
	if (languageInfo(lang).dir !== 'rtl') return { escapeValue: false };
	return { escapeValue: true, escape: (value: string) => `\u2068${value}\u2069` };
}
