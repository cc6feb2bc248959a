/** What every composer uses: the reader's translator, the icons, times and places of a visit, the invite. */
import type { Translate } from '../../../i18n/translator';
import { formatWhen } from '../../../format';
import { visitCalendar, type CalendarMethod, type CalendarVisit } from '../../calendar/ics';
import { mailAddress } from '../address';
import type { MailBody, MailPictogram } from '../blocks';
import type { VisitFacts } from '../payloads';

export interface ComposeContext {
	origin: URL;
	/** The sending address, the school's name on it: the organiser of every invite. */
	organizer: { name: string; email: string };
}

/** Everything a composer needs besides its payload: the reader, their language, the portal. */
export interface Kit {
	ctx: ComposeContext;
	t: Translate;
	lang: string;
	to: { toName: string; toAddress: string };
}

export type Calendar = { method: CalendarMethod; content: string } | null;

/** What a composer makes: the mail's text blocks, and an invite for a visit. */
export interface Composed {
	body: Omit<MailBody, 'lang' | 'dir'>;
	calendar: Calendar;
}

/** The pictogram beside each fact: the pages' own, as images in the HTML part (blocks.ts). */
export const icons = {
	when: 'when',
	home: 'home',
	school: 'school',
	neutral: 'neutral',
	who: 'who',
	interpreter: 'interpreter',
	family: 'family',
	was: 'was'
} as const satisfies Record<string, MailPictogram>;

export const link = (ctx: ComposeContext, path: string | undefined, url?: string) =>
	path ? new URL(path, ctx.origin).toString() : (url ?? null);

export const when = (lang: string, timeZone: string, startsAt: string, endsAt?: string) =>
	formatWhen(new Date(startsAt), endsAt ? new Date(endsAt) : null, lang, timeZone);

export const list = (lang: string, items: string[]) =>
	new Intl.ListFormat(lang, { type: 'conjunction' }).format(items);

export function placeFact(t: Translate, p: VisitFacts, homeText: string) {
	if (p.location === 'home')
		return { icon: icons.home, label: t('mail.label_where'), value: homeText };
	if (p.location === 'school')
		return {
			icon: icons.school,
			label: t('mail.label_where'),
			value: [p.schoolName, p.schoolAddress].filter(Boolean).join('\n')
		};
	return {
		icon: icons.neutral,
		label: t('mail.label_where'),
		value: [p.placeName, p.placeAddress].filter(Boolean).join('\n')
	};
}

/** The invite's LOCATION: for parents "at home" without the address, which stays out of synced calendars. */
export function placeLine(p: VisitFacts, homeText: string) {
	if (p.location === 'home') return homeText;
	if (p.location === 'school') return [p.schoolName, p.schoolAddress].filter(Boolean).join(', ');
	return [p.placeName, p.placeAddress].filter(Boolean).join(', ');
}

/** "Was: <time>" when a change moved the visit. */
export const wasBlock = (kit: Kit, p: VisitFacts) =>
	p.previousStartsAt && p.previousStartsAt !== p.startsAt
		? [{ p: kit.t('mail.was', { when: when(kit.lang, p.timeZone, p.previousStartsAt) }) }]
		: [];

export function invite(
	kit: Kit,
	p: VisitFacts,
	method: CalendarMethod,
	title: string,
	location: string,
	description: string
): Calendar {
	return calendarInvite(kit, method, {
		uid: `${p.bookingId}@huisbezoek`,
		sequence: p.sequence,
		startsAt: new Date(p.startsAt),
		endsAt: new Date(p.endsAt),
		title,
		location,
		description
	});
}

/** A mailed invite from the school to this mail's reader: REQUEST or CANCEL. */
export function calendarInvite(kit: Kit, method: CalendarMethod, event: CalendarVisit): Calendar {
	// No invite for an address the mail cannot go to: `ics` throws on it, and the Mailbox must
	// still show such a message (the worker never gets here with one).
	const attendee = mailAddress(kit.to.toName, kit.to.toAddress);
	const organizer = mailAddress(kit.ctx.organizer.name, kit.ctx.organizer.email);
	if (!attendee || !organizer) return null;
	return {
		method,
		content: visitCalendar(event, method, {
			organizer: { name: kit.ctx.organizer.name, email: organizer.address },
			attendee: { name: kit.to.toName, email: attendee.address }
		})
	};
}
