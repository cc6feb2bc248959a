import { error } from '@sveltejs/kit';
import { familyPageOf } from '$lib/server/families/page';
import { visitCalendar } from '$lib/server/calendar/ics';
import { translatorFor } from '$lib/server/i18n';
import { languageName } from '$lib/format';
import type { RequestHandler } from './$types';

/**
 * The family's visit as a calendar file. Calendars sync to outside services, so it holds no
 * child's name, no home address and not the personal link: the school, the teacher, the time.
 */
export const GET: RequestHandler = async ({ locals }) => {
	const link = locals.familyLink;
	const family = link ? await familyPageOf(locals.db, link) : null;
	const visit = family?.answer;
	if (!family || visit?.status !== 'booked' || !visit.startsAt || !visit.endsAt || !visit.bookingId)
		error(404, { message: 'family.no_visit' });
	const { lang, t } = translatorFor(locals.language.code);
	const place =
		visit.location === 'home'
			? t('family.place_home')
			: visit.location === 'school'
				? `${family.schoolName}, ${family.schoolAddress}`
				: [visit.placeName, visit.placeAddress].filter(Boolean).join(', ');
	const who = visit.secondStaff
		? t('family.who_two', { teacher: family.teacher ?? '', second: visit.secondStaff })
		: (family.teacher ?? '');
	const body = visitCalendar({
		uid: `${visit.bookingId}@huisbezoek`,
		sequence: visit.sequence,
		startsAt: visit.startsAt,
		endsAt: visit.endsAt,
		title: t('family.ics_title', { school: family.schoolName }),
		location: place,
		description: [
			`${t('family.who')}: ${who}`,
			visit.interpreterLanguage
				? t('family.interpreter_arrange', {
						language: languageName(visit.interpreterLanguage, lang)
					})
				: visit.ownInterpreterLanguage
					? t('family.interpreter_bring', {
							language: languageName(visit.ownInterpreterLanguage, lang)
						})
					: '',
			t('family.help', { phone: family.schoolPhone })
		]
			.filter(Boolean)
			.join('\n')
	});
	return new Response(body, {
		headers: {
			'Content-Type': 'text/calendar; charset=utf-8',
			'Content-Disposition': 'attachment; filename="huisbezoek.ics"',
			'Cache-Control': 'no-store',
			'X-Robots-Tag': 'noindex'
		}
	});
};
