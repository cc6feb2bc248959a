/**
 * Turns a message into the mail its reader gets: subject, plain text, HTML and, for a visit, a
 * calendar invite (REQUEST with a raised SEQUENCE on every change, CANCEL with the same UID).
 * Everything is in the reader's language. One composer per kind (compose/parent.ts and
 * compose/staff.ts); the switch below must name every kind, or it does not compile.
 */
import { translatorFor } from '../i18n';
import { pictogramsOf, renderHtml, renderText, type MailBody, type MailPictogram } from './blocks';
import { familyKinds, type Message } from './payloads';
import { helpLine } from '../help-line';
import {
	answerDeclined,
	familyLink,
	invitation,
	nudge,
	visitBooked,
	visitCancelled,
	visitChanged,
	visitReminder
} from './compose/parent';
import {
	passwordReset,
	reportFollowUp,
	staffInvite,
	staffVisitBooked,
	staffVisitCancelled,
	staffVisitChanged
} from './compose/staff';
import { interpreterArranged, interpreterRequest, interpreterVisit } from './compose/interpreter';
import { textLink, timeOffered } from './compose/outreach';
import type { Calendar, ComposeContext, Composed, Kit } from './compose/shared';

export type { ComposeContext };

/** A message and its reader. */
export type Recipient = { language: string; toAddress: string; toName: string } & Message;

export interface ComposedMessage {
	lang: string;
	dir: 'ltr' | 'rtl';
	subject: string;
	text: string;
	html: string;
	calendar: Calendar;
	/** The pictograms the HTML part shows: the mail carries each as an inline image. */
	pictograms: MailPictogram[];
}

function compose(kit: Kit, message: Message): Composed {
	switch (message.kind) {
		case 'family_link':
			return familyLink(kit, message.payload);
		case 'invitation':
			return invitation(kit, message.payload);
		case 'nudge':
			return nudge(kit, message.payload);
		case 'visit_booked':
			return visitBooked(kit, message.payload);
		case 'visit_changed':
			return visitChanged(kit, message.payload);
		case 'visit_cancelled':
			return visitCancelled(kit, message.payload);
		case 'visit_reminder':
			return visitReminder(kit, message.payload);
		case 'answer_declined':
			return answerDeclined(kit, message.payload);
		case 'staff_visit_booked':
			return staffVisitBooked(kit, message.payload);
		case 'staff_visit_changed':
			return staffVisitChanged(kit, message.payload);
		case 'staff_visit_cancelled':
			return staffVisitCancelled(kit, message.payload);
		case 'interpreter_request':
			return interpreterRequest(kit, message.payload);
		case 'interpreter_visit':
			return interpreterVisit(kit, message.payload);
		case 'interpreter_arranged':
			return interpreterArranged(kit, message.payload);
		case 'staff_invite':
			return staffInvite(kit, message.payload);
		case 'password_reset':
			return passwordReset(kit, message.payload);
		case 'report_follow_up':
			return reportFollowUp(kit, message.payload);
		case 'text_link':
			return textLink(kit, message.payload);
		case 'time_offered':
			return timeOffered(kit, message.payload);
		default:
			return unknownKind(message);
	}
}

/** Reached only by a kind the switch forgot: the compiler says so, since `message` is then not `never`. */
function unknownKind(message: never): never {
	throw new Error(`no composer for kind ${(message as { kind: string }).kind}`);
}

export function composeMessage(to: Recipient, ctx: ComposeContext): ComposedMessage {
	const { lang, dir, t } = translatorFor(to.language);
	const { body, calendar } = compose({ ctx, t, lang, to }, to);
	// A family whose language the portal does not speak reads Dutch, after one line in its own.
	const phone = (to.payload as { schoolPhone?: unknown }).schoolPhone;
	const line = familyKinds.has(to.kind)
		? helpLine(to.language, typeof phone === 'string' ? phone : '')
		: null;
	const blocks = line
		? [{ p: line.text, lang: line.lang, dir: line.dir }, ...body.blocks]
		: body.blocks;
	const pictograms = pictogramsOf(blocks);
	const pictogramAlt = Object.fromEntries(
		pictograms.map((kind) => [kind, t(`mail.pictogram.${kind}`)])
	);
	const full: MailBody = { ...body, blocks, lang, dir, pictogramAlt };
	return {
		lang,
		dir,
		subject: full.subject,
		text: renderText(full),
		html: renderHtml(full),
		calendar,
		pictograms
	};
}
