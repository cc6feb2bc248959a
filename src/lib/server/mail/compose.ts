/**
 * Turns an outbox row into the mail its reader gets: subject, plain text, HTML and, for a
 * visit, a calendar invite (REQUEST with a raised SEQUENCE on every change, CANCEL with the
 * same UID). Everything is in the reader's language. A kind without a composer gives null
 * and is reported, never guessed.
 */
import { translatorFor } from '../i18n';
import type { Translate } from '../../i18n/translator';
import { formatDateTime, formatWhen, languageName } from '../../format';
import { visitCalendar, type CalendarMethod } from '../calendar/ics';
import { renderHtml, renderText, type Block, type MailBody } from './blocks';
import { mailAddress } from './address';
import type { DeclinedPayload, FollowUpPayload, InterpreterPayload, LinkPayload, ParentVisitPayload, StaffLinkPayload, StaffVisitPayload, VisitFacts } from './payloads';

export interface ComposeContext {
	origin: URL;
	/** The sending address, the school's name on it: the organiser of every invite. */
	organizer: { name: string; email: string };
}

export interface Recipient {
	kind: string;
	language: string;
	toAddress: string;
	toName: string;
	payload: Record<string, unknown>;
}

export interface ComposedMessage {
	lang: string;
	dir: 'ltr' | 'rtl';
	subject: string;
	text: string;
	html: string;
	calendar: { method: CalendarMethod; content: string } | null;
}

const icons = { when: '🕓', home: '🏠', school: '🏫', neutral: '📍', who: '👥', interpreter: '🗣️', family: '👪', was: '↩️' } as const;

const link = (ctx: ComposeContext, path: string | undefined, url?: string) => (path ? new URL(path, ctx.origin).toString() : (url ?? null));

const when = (lang: string, timeZone: string, startsAt: string, endsAt?: string) => formatWhen(new Date(startsAt), endsAt ? new Date(endsAt) : null, lang, timeZone);

const list = (lang: string, items: string[]) => new Intl.ListFormat(lang, { type: 'conjunction' }).format(items);

function placeFact(t: Translate, p: VisitFacts, homeText: string) {
	if (p.location === 'home') return { icon: icons.home, label: t('mail.label_where'), value: homeText };
	if (p.location === 'school') return { icon: icons.school, label: t('mail.label_where'), value: [p.schoolName, p.schoolAddress].filter(Boolean).join('\n') };
	return { icon: icons.neutral, label: t('mail.label_where'), value: [p.placeName, p.placeAddress].filter(Boolean).join('\n') };
}

/** The invite's LOCATION: for parents "at home" without the address, which stays out of synced calendars. */
function placeLine(p: VisitFacts, homeText: string) {
	if (p.location === 'home') return homeText;
	if (p.location === 'school') return [p.schoolName, p.schoolAddress].filter(Boolean).join(', ');
	return [p.placeName, p.placeAddress].filter(Boolean).join(', ');
}

function invite(ctx: ComposeContext, to: Recipient, p: VisitFacts, method: CalendarMethod, title: string, location: string, description: string): ComposedMessage['calendar'] {
	// No invite for an address the mail cannot go to: `ics` throws on it, and the Mailbox must
	// still show such a message (the worker never gets here with one).
	const attendee = mailAddress(to.toName, to.toAddress);
	const organizer = mailAddress(ctx.organizer.name, ctx.organizer.email);
	if (!attendee || !organizer) return null;
	return {
		method,
		content: visitCalendar(
			{ uid: `${p.bookingId}@huisbezoek`, sequence: p.sequence, startsAt: new Date(p.startsAt), endsAt: new Date(p.endsAt), title, location, description },
			method,
			{ organizer: { name: ctx.organizer.name, email: organizer.address }, attendee: { name: to.toName, email: attendee.address } }
		)
	};
}

function parentVisit(ctx: ComposeContext, to: Recipient, t: Translate, lang: string): { body: Omit<MailBody, 'lang' | 'dir'>; calendar: ComposedMessage['calendar'] } {
	const p = to.payload as unknown as ParentVisitPayload;
	const whenText = when(lang, p.timeZone, p.startsAt, p.endsAt);
	const url = link(ctx, p.path);
	const home = t('mail.place_home');
	const facts = [
		{ icon: icons.when, label: t('mail.label_when'), value: whenText },
		placeFact(t, p, home),
		{ icon: icons.who, label: t('mail.label_who'), value: list(lang, p.staffNames) },
		...(p.interpreterLanguage ? [{ icon: icons.interpreter, label: t('mail.label_interpreter'), value: t('mail.interpreter_value', { language: languageName(p.interpreterLanguage, lang) }) }] : [])
	];
	const deadline = formatDateTime(new Date(p.deadline), lang, p.timeZone);
	const changeBlock: Block = url ? { label: t('mail.change_link', { deadline }), link: url, button: t('mail.open_button') } : { p: t('mail.change_phone', { phone: p.schoolPhone }) };
	const footer: Block = { small: t(url ? 'mail.footer_link' : 'mail.footer', { school: p.schoolName }) };
	const description = [`${t('mail.label_who')}: ${list(lang, p.staffNames)}`, p.interpreterLanguage ? t('mail.interpreter_value', { language: languageName(p.interpreterLanguage, lang) }) : '', t('mail.ics_help', { phone: p.schoolPhone })].filter(Boolean).join('\n');
	const title = t('mail.ics_title', { school: p.schoolName });
	const calendarFor = (method: CalendarMethod) => invite(ctx, to, p, method, title, placeLine(p, home), description);
	const was: Block[] = p.previousStartsAt && p.previousStartsAt !== p.startsAt ? [{ p: t('mail.was', { when: when(lang, p.timeZone, p.previousStartsAt) }) }] : [];

	switch (to.kind) {
		case 'visit_booked':
			return { body: { subject: t('mail.booked_subject', { when: whenText }), heading: p.schoolName, blocks: [{ p: t('mail.booked_intro') }, { facts }, changeBlock, footer] }, calendar: calendarFor('REQUEST') };
		case 'visit_changed':
			return {
				body: { subject: t('mail.changed_subject', { when: whenText }), heading: p.schoolName, blocks: [{ p: t(p.by === 'school' ? 'mail.changed_intro_school' : 'mail.changed_intro_family') }, { facts }, ...was, changeBlock, footer] },
				calendar: calendarFor('REQUEST')
			};
		case 'visit_reminder':
			return { body: { subject: t('mail.reminder_subject', { when: whenText }), heading: p.schoolName, blocks: [{ p: t('mail.reminder_intro') }, { facts }, { p: t('mail.change_phone', { phone: p.schoolPhone }) }, { small: t('mail.footer', { school: p.schoolName }) }] }, calendar: null };
		default: {
			const intro = p.by === 'school' ? 'mail.cancelled_intro_school' : p.declined ? 'mail.cancelled_intro_declined' : 'mail.cancelled_intro_family';
			const again: Block[] = p.by === 'school' ? [url ? { label: t('mail.open_link'), link: url, button: t('mail.open_button') } : { p: t('mail.change_phone', { phone: p.schoolPhone }) }] : [];
			return {
				body: { subject: t('mail.cancelled_subject', { when: whenText }), heading: p.schoolName, blocks: [{ p: t(intro) }, { facts: facts.slice(0, 2) }, ...again, footer] },
				calendar: calendarFor('CANCEL')
			};
		}
	}
}

function parentLink(ctx: ComposeContext, to: Recipient, t: Translate, lang: string): Omit<MailBody, 'lang' | 'dir'> {
	const p = to.payload as unknown as LinkPayload;
	const url = link(ctx, p.path, p.url);
	const linkBlock: Block[] = url ? [{ label: t('mail.invitation_link'), link: url, button: t('mail.open_button') }] : [{ small: t('mailbox.link_removed') }];
	const before: Block[] = p.closesAt && p.timeZone ? [{ p: t('mail.invitation_before', { date: formatDateTime(new Date(p.closesAt), lang, p.timeZone) }) }] : [];
	const footer: Block = { small: t('mail.footer_link', { school: p.schoolName }) };
	if (to.kind === 'invitation') {
		return { subject: t('mail.invitation_subject', { school: p.schoolName }), heading: p.schoolName, blocks: [{ p: t('mail.invitation_body') }, ...before, ...linkBlock, footer] };
	}
	if (to.kind === 'nudge') {
		return { subject: t('mail.nudge_subject', { school: p.schoolName }), heading: p.schoolName, blocks: [{ p: t('mail.nudge_body', { school: p.schoolName }) }, ...before, ...linkBlock, footer] };
	}
	return { subject: t('mail.family_link_subject', { school: p.schoolName }), heading: p.schoolName, blocks: [{ p: t('mail.family_link_body', { round: p.roundName, school: p.schoolName }) }, ...linkBlock, { small: t('mail.family_link_keep') }] };
}

function parentDeclined(ctx: ComposeContext, to: Recipient, t: Translate): Omit<MailBody, 'lang' | 'dir'> {
	const p = to.payload as unknown as DeclinedPayload;
	const url = link(ctx, p.path);
	return {
		subject: t('mail.declined_subject', { school: p.schoolName }),
		heading: p.schoolName,
		blocks: [{ p: t('mail.declined_intro') }, url ? { label: t('mail.open_link'), link: url, button: t('mail.open_button') } : { p: t('mail.change_phone', { phone: p.schoolPhone }) }, { small: t(url ? 'mail.footer_link' : 'mail.footer', { school: p.schoolName }) }]
	};
}

function staffVisit(ctx: ComposeContext, to: Recipient, t: Translate, lang: string): { body: Omit<MailBody, 'lang' | 'dir'>; calendar: ComposedMessage['calendar'] } {
	const p = to.payload as unknown as StaffVisitPayload;
	const whenText = when(lang, p.timeZone, p.startsAt, p.endsAt);
	const family = p.details ?? p.familyLabel;
	const home = p.details ? t('staff_mail.place_home_known') : t('staff_mail.place_home');
	const portal = new URL(p.familyPath, ctx.origin).toString();
	const facts = [
		{ icon: icons.when, label: t('mail.label_when'), value: whenText },
		{ icon: icons.family, label: t('staff_mail.label_family'), value: family },
		placeFact(t, p, home),
		{ icon: icons.who, label: t('mail.label_who'), value: list(lang, p.staffNames) },
		...(p.interpreterLanguage ? [{ icon: icons.interpreter, label: t('mail.label_interpreter'), value: languageName(p.interpreterLanguage, lang) }] : [])
	];
	const kind = to.kind === 'staff_visit_booked' ? 'booked' : to.kind === 'staff_visit_changed' ? 'changed' : 'cancelled';
	const was: Block[] = p.previousStartsAt && p.previousStartsAt !== p.startsAt ? [{ p: t('mail.was', { when: when(lang, p.timeZone, p.previousStartsAt) }) }] : [];
	const description = [family, `${t('mail.label_who')}: ${list(lang, p.staffNames)}`, p.interpreterLanguage ? `${t('mail.label_interpreter')}: ${languageName(p.interpreterLanguage, lang)}` : '', portal].filter(Boolean).join('\n');
	return {
		body: {
			subject: t(`staff_mail.${kind}_subject`, { when: whenText, family }),
			heading: p.schoolName,
			blocks: [{ p: t(`staff_mail.${kind}_intro`) }, { facts }, ...was, { label: t('staff_mail.family_link'), link: portal, button: t('staff_mail.open_button') }, { small: t('staff_mail.footer', { school: p.schoolName }) }]
		},
		calendar: invite(ctx, to, p, kind === 'cancelled' ? 'CANCEL' : 'REQUEST', t('staff_mail.ics_title', { family }), placeLine(p, home), description)
	};
}

function staffOther(ctx: ComposeContext, to: Recipient, t: Translate, lang: string): Omit<MailBody, 'lang' | 'dir'> | null {
	if (to.kind === 'interpreter_request') {
		const p = to.payload as unknown as InterpreterPayload;
		const whenText = when(lang, p.timeZone, p.startsAt);
		const language = languageName(p.language, lang);
		return {
			subject: t('staff_mail.interpreter_subject', { language, when: whenText }),
			heading: p.schoolName,
			blocks: [{ p: t('staff_mail.interpreter_intro') }, { facts: [{ icon: icons.interpreter, label: t('mail.label_interpreter'), value: language }, { icon: icons.when, label: t('mail.label_when'), value: whenText }] }, { label: t('staff_mail.family_link'), link: new URL(p.familyPath, ctx.origin).toString(), button: t('staff_mail.open_button') }, { small: t('staff_mail.footer', { school: p.schoolName }) }]
		};
	}
	if (to.kind === 'report_follow_up') {
		const p = to.payload as unknown as FollowUpPayload;
		const whenText = when(lang, p.timeZone, p.heldAt);
		return {
			subject: t('staff_mail.follow_up_subject', { when: whenText }),
			heading: p.schoolName,
			blocks: [
				{ p: t('staff_mail.follow_up_intro', { writer: p.writer, groups: p.groups }) },
				{ facts: [{ icon: icons.when, label: t('mail.label_when'), value: whenText }] },
				{ label: t('staff_mail.report_link'), link: new URL(p.reportPath, ctx.origin).toString(), button: t('staff_mail.open_button') },
				{ small: t('staff_mail.footer', { school: p.schoolName }) }
			]
		};
	}
	if (to.kind === 'staff_invite' || to.kind === 'password_reset') {
		const p = to.payload as unknown as StaffLinkPayload;
		const url = link(ctx, p.path);
		const until = formatDateTime(new Date(p.validUntil), lang, p.timeZone);
		const invite = to.kind === 'staff_invite';
		return {
			subject: t(invite ? 'staff_mail.invite_subject' : 'staff_mail.reset_subject', { school: p.schoolName }),
			heading: p.schoolName,
			blocks: [
				{ p: t(invite ? 'staff_mail.invite_intro' : 'staff_mail.reset_intro', { name: p.name, school: p.schoolName }) },
				url ? { label: t('staff_mail.link_once', { until }), link: url, button: t('staff_mail.open_button') } : { small: t('mailbox.link_removed') },
				...(invite ? [] : [{ p: t('staff_mail.reset_ignore') }]),
				{ small: t('staff_mail.footer', { school: p.schoolName }) }
			]
		};
	}
	return null;
}

export function composeMessage(to: Recipient, ctx: ComposeContext): ComposedMessage | null {
	const { lang, dir, t } = translatorFor(to.language);
	let body: Omit<MailBody, 'lang' | 'dir'> | null;
	let calendar: ComposedMessage['calendar'] = null;
	if (to.kind.startsWith('visit_')) ({ body, calendar } = parentVisit(ctx, to, t, lang));
	else if (to.kind.startsWith('staff_visit_')) ({ body, calendar } = staffVisit(ctx, to, t, lang));
	else if (to.kind === 'family_link' || to.kind === 'invitation' || to.kind === 'nudge') body = parentLink(ctx, to, t, lang);
	else if (to.kind === 'answer_declined') body = parentDeclined(ctx, to, t);
	else body = staffOther(ctx, to, t, lang);
	if (!body) return null;
	const full: MailBody = { ...body, lang, dir };
	return { lang, dir, subject: full.subject, text: renderText(full), html: renderHtml(full), calendar };
}
