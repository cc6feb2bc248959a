/**
 * A queued message as its reader will see it, in the language stored with it. Only the kinds
 * that exist so far are here; a kind without a renderer is shown as such, never guessed.
 */
import { translatorFor } from '../i18n';

export interface RenderedMessage {
	lang: string;
	dir: 'ltr' | 'rtl';
	subject: string;
	text: string;
}

export function renderMessage(kind: string, language: string, payload: Record<string, unknown>): RenderedMessage | null {
	const { lang, dir, t } = translatorFor(language);
	const text = (key: string) => (typeof payload[key] === 'string' ? (payload[key] as string) : '');
	if (kind === 'family_link') {
		return {
			lang,
			dir,
			subject: t('mail.family_link_subject', { school: text('schoolName') }),
			text: [t('mail.family_link_body', { round: text('roundName'), school: text('schoolName') }), text('url'), t('mail.family_link_keep')].join('\n\n')
		};
	}
	return null;
}
