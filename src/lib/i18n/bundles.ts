/**
 * Each language's messages as a module of its own, loaded when a page first needs it. In the
 * browser that is one hashed file per language (`/_app/immutable/…`), cached for good, so a
 * staff page carries none of its 900 messages inline and hydrates with the language it was
 * rendered in; the server has every language in its bundle.
 */
import { defaultLanguage } from './languages';
import { cachedTranslator, createTranslator, type Messages, type Translate } from './translator';

const bundles = import.meta.glob<Messages>('/messages/*.json', { import: 'default' });

export async function loadTranslator(lang: string): Promise<Translate> {
	const cached = cachedTranslator(lang);
	if (cached) return cached;
	const load = bundles[`/messages/${lang}.json`];
	if (!load) return loadTranslator(defaultLanguage);
	return createTranslator(lang, await load());
}
