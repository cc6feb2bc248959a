/**
 * What interpreter coordination sends: the office's mail about one change to a request (new,
 * moved, withdrawn, another language), the arranged interpreter's invite, and the family's news
 * that an interpreter will be there.
 */
import { languageName } from '../../../format';
import type { Block } from '../blocks';
import type {
	InterpreterArrangedPayload,
	InterpreterPayload,
	InterpreterVisitPayload,
	Location
} from '../payloads';
import { calendarInvite, icons, when, list, type Composed, type Kit } from './shared';

const footer = (kit: Kit, school: string): Block => ({
	small: kit.t('staff_mail.footer', { school })
});

const whereWord = (kit: Kit, location: Location) =>
	kit.t(`interpreter_mail.where_${location}` as const);

export function interpreterRequest(kit: Kit, p: InterpreterPayload): Composed {
	const { t, lang, ctx } = kit;
	const change = p.change ?? 'new';
	const whenText = when(lang, p.timeZone, p.startsAt);
	const language = languageName(p.language, lang);
	const arranged = p.arranged
		? [
				{
					p: p.arranged.keeps
						? t('interpreter_mail.arranged_keeps', { name: p.arranged.name })
						: change === 'moved'
							? t('interpreter_mail.arranged_not_free', { name: p.arranged.name })
							: t('interpreter_mail.arranged_released', { name: p.arranged.name })
				}
			]
		: [];
	const was = [
		...(p.previousStartsAt && p.previousStartsAt !== p.startsAt
			? [t('mail.was', { when: when(lang, p.timeZone, p.previousStartsAt) })]
			: []),
		...(p.previousLocation ? [t('mail.was', { when: whereWord(kit, p.previousLocation) })] : [])
	];
	return {
		body: {
			subject: t(`interpreter_mail.request_${change}_subject` as const, {
				language,
				when: whenText,
				previous: p.previousLanguage ? languageName(p.previousLanguage, lang) : ''
			}),
			heading: p.schoolName,
			blocks: [
				{ p: t(`interpreter_mail.request_${change}_intro` as const) },
				{
					facts: [
						{ icon: icons.interpreter, label: t('mail.label_interpreter'), value: language },
						{ icon: icons.when, label: t('mail.label_when'), value: whenText },
						{
							icon: icons[p.location],
							label: t('mail.label_where'),
							value: whereWord(kit, p.location)
						}
					]
				},
				...was.map((line) => ({ p: line })),
				...arranged,
				{
					label: t('interpreter_mail.requests_link'),
					link: new URL(p.requestsPath ?? p.familyPath, ctx.origin).toString(),
					button: t('staff_mail.open_button')
				},
				footer(kit, p.schoolName)
			]
		},
		calendar: null
	};
}

/** The interpreter's invite: its own UID per request, so it never collides with a teacher's. */
export function interpreterVisit(kit: Kit, p: InterpreterVisitPayload): Composed {
	const { t, lang } = kit;
	const whenText = when(lang, p.timeZone, p.startsAt, p.endsAt);
	const language = languageName(p.language, lang);
	const cancelled = p.method === 'CANCEL';
	const moved = !cancelled && Boolean(p.previousStartsAt);
	const how = t(`interpreter_mail.how_${p.mode}` as const);
	// By phone the interpreter needs no address; in person they need it to get there.
	const placeText =
		p.mode === 'phone'
			? whereWord(kit, p.location)
			: [p.location === 'neutral' ? p.placeName : whereWord(kit, p.location), p.address]
					.filter(Boolean)
					.join('\n');
	const facts = [
		{ icon: icons.when, label: t('mail.label_when'), value: whenText },
		{ icon: icons.interpreter, label: t('interpreter_mail.label_language'), value: language },
		{ icon: icons.who, label: t('interpreter_mail.label_how'), value: how },
		{ icon: icons[p.location], label: t('mail.label_where'), value: placeText },
		...(p.staffNames.length > 0
			? [{ icon: icons.who, label: t('mail.label_who'), value: list(lang, p.staffNames) }]
			: []),
		...(p.details
			? [{ icon: icons.family, label: t('interpreter_mail.label_children'), value: p.details }]
			: [])
	];
	const intro = cancelled ? 'visit_cancelled' : moved ? 'visit_moved' : 'visit';
	// The calendar syncs outside the school: a home address only when the school allows names there.
	const location =
		p.mode === 'phone'
			? how
			: p.location === 'home' && !p.details
				? t('interpreter_mail.home_in_mail')
				: placeText.replace(/\n/g, ', ');
	return {
		body: {
			subject: t(`interpreter_mail.${intro}_subject` as const, { when: whenText }),
			heading: p.schoolName,
			blocks: [
				{ p: t(`interpreter_mail.${intro}_intro` as const) },
				{ facts },
				...(moved
					? [{ p: t('mail.was', { when: when(lang, p.timeZone, p.previousStartsAt!) }) }]
					: []),
				{ p: t('interpreter_mail.questions', { phone: p.schoolPhone, school: p.schoolName }) },
				footer(kit, p.schoolName)
			]
		},
		calendar: calendarInvite(kit, p.method, {
			uid: `interpreter-${p.requestId}@huisbezoek`,
			sequence: p.sequence,
			startsAt: new Date(p.startsAt),
			endsAt: new Date(p.endsAt),
			title: t('interpreter_mail.ics_title', { language, school: p.schoolName }),
			location,
			description: [
				`${t('interpreter_mail.label_language')}: ${language}`,
				`${t('interpreter_mail.label_how')}: ${how}`,
				p.staffNames.length > 0 ? `${t('mail.label_who')}: ${list(lang, p.staffNames)}` : '',
				t('interpreter_mail.questions', { phone: p.schoolPhone, school: p.schoolName })
			]
				.filter(Boolean)
				.join('\n')
		})
	};
}

/** The family's news that an interpreter will be there: short, in their language, no invite. */
export function interpreterArranged(kit: Kit, p: InterpreterArrangedPayload): Composed {
	const { t, lang } = kit;
	const whenText = when(lang, p.timeZone, p.startsAt, p.endsAt);
	const language = languageName(p.language, lang);
	return {
		body: {
			subject: t('interpreter_mail.family_subject', { when: whenText }),
			heading: p.schoolName,
			blocks: [
				{ p: t('interpreter_mail.family_intro', { language }) },
				{
					facts: [
						{ icon: icons.when, label: t('mail.label_when'), value: whenText },
						{
							icon: icons.interpreter,
							label: t('mail.label_interpreter'),
							value: [
								t(`interpreter_mail.family_${p.mode}` as const, { language }),
								p.interpreterName
									? t('interpreter_mail.family_name', { name: p.interpreterName })
									: ''
							]
								.filter(Boolean)
								.join(' ')
						}
					]
				},
				{ p: t('interpreter_mail.family_questions', { phone: p.schoolPhone }) },
				{ small: t('mail.footer', { school: p.schoolName }) }
			]
		},
		calendar: null
	};
}
