import i18next, { type ParseKeys, type TFunction } from 'i18next';
import { languageInfo } from './languages';

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
	void instance.init({
		lng: lang,
		fallbackLng: false,
		resources: { [lang]: { translation: messages } },
		initAsync: false,
		interpolation: isolateValues(lang),
		returnNull: false
	});
	const full = instance.t.bind(instance) as unknown as (...args: unknown[]) => unknown;
	// Most calls are a key alone (a label, a heading): i18next resolves each one again, with its
	// options object, lookups and regular expressions, a few microseconds a time and dozens of
	// them a page. A key alone always gives the same text: look it up once. Bounded, in case a
	// caller ever passes text that is not a key.
	const plain = new Map<string, string>();
	const PLAIN_MAX = 5_000;
	const t = ((key: unknown, ...rest: unknown[]) => {
		if (rest.length === 0 && typeof key === 'string') {
			let text = plain.get(key);
			if (text === undefined) {
				text = full(key) as string;
				if (plain.size < PLAIN_MAX) plain.set(key, text);
			}
			return text;
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
function isolateValues(lang: string) {
	if (languageInfo(lang).dir !== 'rtl') return { escapeValue: false };
	return { escapeValue: true, escape: (value: string) => `\u2068${value}\u2069` };
}
