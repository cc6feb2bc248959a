/** The composers of what staff get: visits in their calendar, their one-time links, follow-ups. */
import { formatDateTime, languageName } from '../../../format';
import type { Block } from '../blocks';
import type { FollowUpPayload, StaffLinkPayload, StaffVisitPayload } from '../payloads';
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

const footer = (kit: Kit, school: string): Block => ({
	small: kit.t('staff_mail.footer', { school })
});

/** One visit in a staff member's calendar: new, changed or cancelled. */
function staffVisit(
	kit: Kit,
	p: StaffVisitPayload,
	change: 'booked' | 'changed' | 'cancelled'
): Composed {
	const { t, lang, ctx } = kit;
	const whenText = when(lang, p.timeZone, p.startsAt, p.endsAt);
	const family = p.details ?? p.familyLabel;
	const home = p.details ? t('staff_mail.place_home_known') : t('staff_mail.place_home');
	const portal = new URL(p.familyPath, ctx.origin).toString();
	// The school's interpreter by its language; one the family brings says so.
	const interpreter = p.interpreterLanguage
		? languageName(p.interpreterLanguage, lang)
		: p.ownInterpreterLanguage
			? t('staff_mail.own_interpreter', { language: languageName(p.ownInterpreterLanguage, lang) })
			: null;
	const facts = [
		{ icon: icons.when, label: t('mail.label_when'), value: whenText },
		{ icon: icons.family, label: t('staff_mail.label_family'), value: family },
		placeFact(t, p, home),
		{ icon: icons.who, label: t('mail.label_who'), value: list(lang, p.staffNames) },
		...(interpreter
			? [{ icon: icons.interpreter, label: t('mail.label_interpreter'), value: interpreter }]
			: [])
	];
	const description = [
		family,
		`${t('mail.label_who')}: ${list(lang, p.staffNames)}`,
		interpreter ? `${t('mail.label_interpreter')}: ${interpreter}` : '',
		portal
	]
		.filter(Boolean)
		.join('\n');
	return {
		body: {
			subject: t(`staff_mail.${change}_subject`, { when: whenText, family }),
			heading: p.schoolName,
			blocks: [
				{ p: t(`staff_mail.${change}_intro`) },
				{ facts },
				...wasBlock(kit, p),
				{ label: t('staff_mail.family_link'), link: portal, button: t('staff_mail.open_button') },
				footer(kit, p.schoolName)
			]
		},
		calendar: invite(
			kit,
			p,
			change === 'cancelled' ? 'CANCEL' : 'REQUEST',
			t('staff_mail.ics_title', { family }),
			placeLine(p, home),
			description
		)
	};
}

export const staffVisitBooked = (kit: Kit, p: StaffVisitPayload) => staffVisit(kit, p, 'booked');
export const staffVisitChanged = (kit: Kit, p: StaffVisitPayload) => staffVisit(kit, p, 'changed');
export const staffVisitCancelled = (kit: Kit, p: StaffVisitPayload) =>
	staffVisit(kit, p, 'cancelled');

export function reportFollowUp(kit: Kit, p: FollowUpPayload): Composed {
	const { t, lang, ctx } = kit;
	const whenText = when(lang, p.timeZone, p.heldAt);
	return {
		body: {
			subject: t('staff_mail.follow_up_subject', { when: whenText }),
			heading: p.schoolName,
			blocks: [
				{ p: t('staff_mail.follow_up_intro', { writer: p.writer, groups: p.groups }) },
				{ facts: [{ icon: icons.when, label: t('mail.label_when'), value: whenText }] },
				{
					label: t('staff_mail.report_link'),
					link: new URL(p.reportPath, ctx.origin).toString(),
					button: t('staff_mail.open_button')
				},
				footer(kit, p.schoolName)
			]
		},
		calendar: null
	};
}

/** A one-time link: to set a first password, or a new one. */
function staffLink(kit: Kit, p: StaffLinkPayload, purpose: 'invite' | 'reset'): Composed {
	const { t, lang, ctx } = kit;
	const url = link(ctx, p.path);
	const until = formatDateTime(new Date(p.validUntil), lang, p.timeZone);
	return {
		body: {
			subject: t(`staff_mail.${purpose}_subject`, { school: p.schoolName }),
			heading: p.schoolName,
			blocks: [
				{ p: t(`staff_mail.${purpose}_intro`, { name: p.name, school: p.schoolName }) },
				url
					? {
							label: t('staff_mail.link_once', { until }),
							link: url,
							button: t('staff_mail.open_button')
						}
					: { small: t('mailbox.link_removed') },
				...(purpose === 'reset' ? [{ p: t('staff_mail.reset_ignore') }] : []),
				footer(kit, p.schoolName)
			]
		},
		calendar: null
	};
}

export const staffInvite = (kit: Kit, p: StaffLinkPayload) => staffLink(kit, p, 'invite');
export const passwordReset = (kit: Kit, p: StaffLinkPayload) => staffLink(kit, p, 'reset');
