import nl from '../../../messages/nl.json';
import en from '../../../messages/en.json';
import fr from '../../../messages/fr.json';
import ar from '../../../messages/ar.json';
import tr from '../../../messages/tr.json';
import pl from '../../../messages/pl.json';
import uk from '../../../messages/uk.json';
import so from '../../../messages/so.json';
import ti from '../../../messages/ti.json';
import fa from '../../../messages/fa.json';
import ro from '../../../messages/ro.json';
import bg from '../../../messages/bg.json';
import es from '../../../messages/es.json';
import pt from '../../../messages/pt.json';
import {
	defaultLanguage,
	type Language,
	languageInfo,
	parentLanguages,
	staffLanguages
} from '../i18n/languages';
import { createTranslator, type Messages, type Translate } from '../i18n/translator';

const bundles: Record<string, Messages> = {
	nl,
	en,
	fr,
	ar,
	tr,
	pl,
	uk,
	so,
	ti,
	fa,
	ro,
	bg,
	es,
	pt
};

export const LANGUAGE_COOKIE = 'lang';

export function messagesFor(lang: string): Messages {
	return bundles[lang] ?? bundles[defaultLanguage]!;
}

/**
 * Text for someone who is not the person making the request (a letter, a mail, a file): in
 * their language when the portal speaks it, in Dutch otherwise, with the writing direction.
 */
export function translatorFor(code: string): { lang: string; dir: 'ltr' | 'rtl'; t: Translate } {
	const lang = code in bundles ? code : defaultLanguage;
	return { lang, dir: languageInfo(lang).dir, t: createTranslator(lang, messagesFor(lang)) };
}

/** Language codes from an Accept-Language header, best first (`nl-BE;q=0.8` gives `nl`). */
export function parseAcceptLanguage(header: string | null): string[] {
	if (!header) return [];
	return header
		.slice(0, 500)
		.split(',')
		.map((part, index) => {
			const [tag = '', ...params] = part.trim().split(';');
			const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
			const weight = q ? Number(q.slice(2)) : 1;
			return {
				code: tag.trim().toLowerCase().split('-')[0] ?? '',
				weight: Number.isFinite(weight) ? weight : 0,
				index
			};
		})
		.filter((entry) => entry.code && entry.weight > 0)
		.sort((a, b) => b.weight - a.weight || a.index - b.index)
		.map((entry) => entry.code);
}

/**
 * The choice the person made (cookie), then what the school knows (a family's home language),
 * then the browser's languages, then Dutch.
 */
export function chooseLanguage(
	supported: readonly string[],
	cookie: string | undefined,
	acceptLanguage: string | null,
	known: string | null = null
): Language {
	if (cookie && supported.includes(cookie)) return languageInfo(cookie);
	if (known && supported.includes(known)) return languageInfo(known);
	const fromBrowser = parseAcceptLanguage(acceptLanguage).find((code) => supported.includes(code));
	return languageInfo(fromBrowser ?? defaultLanguage);
}

/** Staff pages speak Dutch or English; a family's pages and the newsletter page every language. */
export function languagesForRoute(routeId: string | null): readonly string[] {
	const route = routeId ?? '';
	return route.startsWith('/f/') || route.startsWith('/n/') ? parentLanguages : staffLanguages;
}
