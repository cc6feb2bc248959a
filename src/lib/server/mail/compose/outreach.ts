/** The composers of text messages' mail side: a fresh link by SMS, a time made for one family. */
import type { TextLinkPayload, TimeOfferedPayload } from '../payloads';
import type { Block } from '../blocks';
import { icons, link, list, when, type Composed, type Kit } from './shared';

/**
 * The mail side of a link sent by text: what the Mailbox shows beside the text itself, and what
 * a family would get if such a link ever went by mail. Short, like the text.
 */
export function textLink(kit: Kit, p: TextLinkPayload): Composed {
	const { t, ctx } = kit;
	const url = link(ctx, p.path);
	const linkBlock: Block = url
		? { label: t('mail.invitation_link'), link: url, button: t('mail.open_button') }
		: { small: t('mailbox.link_removed') };
	return {
		body: {
			subject: t('mail.text_link_subject', { school: p.schoolName }),
			heading: p.schoolName,
			blocks: [
				{ p: t('mail.text_link_body', { round: p.roundName }) },
				linkBlock,
				{ small: t('mail.footer_link', { school: p.schoolName }) }
			]
		},
		calendar: null
	};
}

/**
 * A time the teacher made for this family only: when, who comes, and the family's link to book
 * it. No calendar invite yet: the time is only the family's once they book it, and the booking's
 * own mail brings the invite.
 */
export function timeOffered(kit: Kit, p: TimeOfferedPayload): Composed {
	const { t, lang, ctx } = kit;
	const whenText = when(lang, p.timeZone, p.startsAt, p.endsAt);
	const url = link(ctx, p.path);
	const facts = [
		{ icon: icons.when, label: t('mail.label_when'), value: whenText },
		...(p.staffNames.length > 0
			? [{ icon: icons.who, label: t('mail.label_who'), value: list(lang, p.staffNames) }]
			: [])
	];
	const confirm: Block = url
		? { label: t('other_time.mail_confirm'), link: url, button: t('other_time.mail_button') }
		: { small: t('mailbox.link_removed') };
	return {
		body: {
			subject: t('other_time.mail_subject', { when: whenText }),
			heading: p.schoolName,
			blocks: [
				{ p: t('other_time.mail_intro') },
				{ facts },
				confirm,
				{ p: t('other_time.mail_phone', { phone: p.schoolPhone }) },
				{ small: t('mail.footer_link', { school: p.schoolName }) }
			]
		},
		calendar: null
	};
}
