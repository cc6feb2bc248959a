/**
 * A queued message as its reader will see it, in the language stored with it. Only the kinds
 * that exist so far are here; a kind without a renderer is shown as such, never guessed.
 */
import { messagesFor } from '../i18n';
import { createTranslator } from '../../i18n/translator';
import { languageInfo, parentLanguages } from '../../i18n/languages';

export interface RenderedMessage {
	lang: string;
	dir: 'ltr' | 'rtl';
	subject: string;
	text: string;
}

export function renderMessage(kind: string, language: string, payload: Record<string, unknown>): RenderedMessage | null {
	const lang = parentLanguages.includes(language) ? language : 'nl';
	const t = createTranslator(lang, messagesFor(lang));
	const text = (key: string) => (typeof payload[key] === 'string' ? (payload[key] as string) : '');
	if (kind === 'family_link') {
		return {
			lang,
			dir: languageInfo(lang).dir,
			subject: t('mail.family_link_subject', { school: text('schoolName') }),
			text: [t('mail.family_link_body', { round: text('roundName'), school: text('schoolName') }), text('url'), t('mail.family_link_keep')].join('\n\n')
		};
	}
	return null;
}
