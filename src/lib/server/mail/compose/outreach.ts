/** The composers of text messages' mail side: a fresh link by SMS, a time made for one family. */
import type { TextLinkPayload, TimeOfferedPayload } from '../payloads';
import type { Block } from '../blocks';
import { link, type Composed, type Kit } from './shared';

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

export function timeOffered(kit: Kit, p: TimeOfferedPayload): Composed {
	void kit;
	void p;
	throw new Error('FOUNDATION: helper C writes this');
}
