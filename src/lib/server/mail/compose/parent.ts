/** The composers of what families get: their links, their visit (booked, changed, cancelled, reminded) and their "no meeting". */
import { formatDateTime, languageName } from '../../../format';
import type { CalendarMethod } from '../../calendar/ics';
import type { Block } from '../blocks';
import type { DeclinedPayload, LinkPayload, ParentVisitPayload } from '../payloads';
import {
	icons,
	invite,
	link,
	list,
	placeFact,
	placeLine,
	wasBlock,
	when,
	type Composed,
	type Kit
} from './shared';

/** Who sees to the interpreter: the school arranges one, the family brings someone, or none. */
function interpreter({ t, lang }: Kit, p: ParentVisitPayload): string {
	if (p.interpreterLanguage && p.interpreterArranged)
		return [
			t(`interpreter_mail.family_${p.interpreterArranged.mode}` as const, {
				language: languageName(p.interpreterLanguage, lang)
			}),
			p.interpreterArranged.name
				? t('interpreter_mail.family_name', { name: p.interpreterArranged.name })
				: ''
		]
			.filter(Boolean)
			.join(' ');
	if (p.interpreterLanguage)
		return t('mail.interpreter_arrange', { language: languageName(p.interpreterLanguage, lang) });
	if (p.ownInterpreterLanguage)
		return t('mail.interpreter_bring', { language: languageName(p.ownInterpreterLanguage, lang) });
	return t('mail.interpreter_none');
}

/** The parts every visit mail shares. */
function visit(kit: Kit, p: ParentVisitPayload) {
	const { t, lang, ctx } = kit;
	const whenText = when(lang, p.timeZone, p.startsAt, p.endsAt);
	const url = link(ctx, p.path);
	const home = t('mail.place_home');
	const facts = [
		{ icon: icons.when, label: t('mail.label_when'), value: whenText },
		placeFact(t, p, home),
		{ icon: icons.who, label: t('mail.label_who'), value: list(lang, p.staffNames) },
		{ icon: icons.interpreter, label: t('mail.label_interpreter'), value: interpreter(kit, p) }
	];
	const deadline = formatDateTime(new Date(p.deadline), lang, p.timeZone);
	const changeBlock: Block = url
		? { label: t('mail.change_link', { deadline }), link: url, button: t('mail.open_button') }
		: { p: t('mail.change_phone', { phone: p.schoolPhone }) };
	const footer: Block = {
		small: t(url ? 'mail.footer_link' : 'mail.footer', { school: p.schoolName })
	};
	const description = [
		`${t('mail.label_who')}: ${list(lang, p.staffNames)}`,
		// The calendar names an interpreter only when there is one.
		p.interpreterLanguage || p.ownInterpreterLanguage ? interpreter(kit, p) : '',
		t('mail.ics_help', { phone: p.schoolPhone })
	]
		.filter(Boolean)
		.join('\n');
	const calendar = (method: CalendarMethod) =>
		invite(
			kit,
			p,
			method,
			t('mail.ics_title', { school: p.schoolName }),
			placeLine(p, home),
			description
		);
	return { whenText, url, facts, changeBlock, footer, calendar };
}

export function visitBooked(kit: Kit, p: ParentVisitPayload): Composed {
	const { whenText, facts, changeBlock, footer, calendar } = visit(kit, p);
	return {
		body: {
			subject: kit.t('mail.booked_subject', { when: whenText }),
			heading: p.schoolName,
			blocks: [{ p: kit.t('mail.booked_intro') }, { facts }, changeBlock, footer]
		},
		calendar: calendar('REQUEST')
	};
}

export function visitChanged(kit: Kit, p: ParentVisitPayload): Composed {
	const { whenText, facts, changeBlock, footer, calendar } = visit(kit, p);
	const intro = kit.t(
		p.by === 'school' ? 'mail.changed_intro_school' : 'mail.changed_intro_family'
	);
	return {
		body: {
			subject: kit.t('mail.changed_subject', { when: whenText }),
			heading: p.schoolName,
			blocks: [{ p: intro }, { facts }, ...wasBlock(kit, p), changeBlock, footer]
		},
		calendar: calendar('REQUEST')
	};
}

export function visitCancelled(kit: Kit, p: ParentVisitPayload): Composed {
	const { t } = kit;
	const { whenText, url, facts, footer, calendar } = visit(kit, p);
	const intro =
		p.by === 'school'
			? 'mail.cancelled_intro_school'
			: p.declined
				? 'mail.cancelled_intro_declined'
				: 'mail.cancelled_intro_family';
	// Cancelled by the school: the family may choose another time.
	const again: Block[] =
		p.by === 'school'
			? [
					url
						? { label: t('mail.open_link'), link: url, button: t('mail.open_button') }
						: { p: t('mail.change_phone', { phone: p.schoolPhone }) }
				]
			: [];
	return {
		body: {
			subject: t('mail.cancelled_subject', { when: whenText }),
			heading: p.schoolName,
			blocks: [{ p: t(intro) }, { facts: facts.slice(0, 2) }, ...again, footer]
		},
		calendar: calendar('CANCEL')
	};
}

export function visitReminder(kit: Kit, p: ParentVisitPayload): Composed {
	const { t } = kit;
	const { whenText, facts } = visit(kit, p);
	return {
		body: {
			subject: t('mail.reminder_subject', { when: whenText }),
			heading: p.schoolName,
			blocks: [
				{ p: t('mail.reminder_intro') },
				{ facts },
				{ p: t('mail.change_phone', { phone: p.schoolPhone }) },
				{ small: t('mail.footer', { school: p.schoolName }) }
			]
		},
		calendar: null
	};
}

/** The parts of the three mails that carry a family's link. */
function linkParts(kit: Kit, p: LinkPayload) {
	const { t, lang, ctx } = kit;
	const url = link(ctx, p.path, p.url);
	const linkBlock: Block[] = url
		? [{ label: t('mail.invitation_link'), link: url, button: t('mail.open_button') }]
		: [{ small: t('mailbox.link_removed') }];
	const before: Block[] =
		p.closesAt && p.timeZone
			? [
					{
						p: t('mail.invitation_before', {
							date: formatDateTime(new Date(p.closesAt), lang, p.timeZone)
						})
					}
				]
			: [];
	return {
		linkBlock,
		before,
		footer: { small: t('mail.footer_link', { school: p.schoolName }) } as Block
	};
}

export function invitation(kit: Kit, p: LinkPayload): Composed {
	const { linkBlock, before, footer } = linkParts(kit, p);
	return {
		body: {
			subject: kit.t('mail.invitation_subject', { school: p.schoolName }),
			heading: p.schoolName,
			blocks: [{ p: kit.t('mail.invitation_body') }, ...before, ...linkBlock, footer]
		},
		calendar: null
	};
}

export function nudge(kit: Kit, p: LinkPayload): Composed {
	const { linkBlock, before, footer } = linkParts(kit, p);
	return {
		body: {
			subject: kit.t('mail.nudge_subject', { school: p.schoolName }),
			heading: p.schoolName,
			blocks: [
				{ p: kit.t('mail.nudge_body', { school: p.schoolName }) },
				...before,
				...linkBlock,
				footer
			]
		},
		calendar: null
	};
}

/** The link a parent asked for on the newsletter page. */
export function familyLink(kit: Kit, p: LinkPayload): Composed {
	const { linkBlock } = linkParts(kit, p);
	return {
		body: {
			subject: kit.t('mail.family_link_subject', { school: p.schoolName }),
			heading: p.schoolName,
			blocks: [
				{ p: kit.t('mail.family_link_body', { round: p.roundName, school: p.schoolName }) },
				...linkBlock,
				{ small: kit.t('mail.family_link_keep') }
			]
		},
		calendar: null
	};
}

export function answerDeclined(kit: Kit, p: DeclinedPayload): Composed {
	const { t, ctx } = kit;
	const url = link(ctx, p.path);
	return {
		body: {
			subject: t('mail.declined_subject', { school: p.schoolName }),
			heading: p.schoolName,
			blocks: [
				{ p: t('mail.declined_intro') },
				url
					? { label: t('mail.open_link'), link: url, button: t('mail.open_button') }
					: { p: t('mail.change_phone', { phone: p.schoolPhone }) },
				{ small: t(url ? 'mail.footer_link' : 'mail.footer', { school: p.schoolName }) }
			]
		},
		calendar: null
	};
}
