/**
 * The words of a text message, in the family's language (Dutch where the portal does not speak
 * it, as for mail). Short: one text of 160 characters where the alphabet allows (see gsm.ts),
 * and never a child's name, since a phone shows a text on its locked screen.
 */
import { translatorFor } from '../i18n';
import type { Message } from '../mail/payloads';

export interface SmsContext {
	origin: URL;
}

export interface SmsText {
	lang: string;
	dir: 'ltr' | 'rtl';
	text: string;
}

/** "di 3 nov 18:00": a text has no room for the long date of a mail. */
function shortWhen(startsAt: string, lang: string, timeZone: string): string {
	return new Intl.DateTimeFormat(lang, {
		weekday: 'short',
		day: 'numeric',
		month: 'short',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23',
		timeZone
	}).format(new Date(startsAt));
}

/** The kinds that go by text; any other is not meant for a phone and throws. */
export function smsText(message: Message, language: string, ctx: SmsContext): SmsText {
	const { lang, dir, t } = translatorFor(language);
	const url = (path: string | undefined) =>
		path ? new URL(path, ctx.origin).toString() : t('sms.link_removed');
	switch (message.kind) {
		case 'text_link': {
			const p = message.payload;
			const text = [
				t('sms.text_link', { school: p.schoolName, url: url(p.path) }),
				p.schoolPhone ? t('sms.questions', { phone: p.schoolPhone }) : ''
			]
				.filter(Boolean)
				.join(' ');
			return { lang, dir, text };
		}
		case 'time_offered': {
			const p = message.payload;
			const text = t('sms.time_offered', {
				school: p.schoolName,
				when: shortWhen(p.startsAt, lang, p.timeZone),
				url: url(p.path)
			});
			return { lang, dir, text };
		}
		default:
			throw new Error(`no text message for kind ${message.kind}`);
	}
}
