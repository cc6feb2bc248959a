import { error, redirect } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guard';
import { seesWholeSchool } from '$lib/server/auth/policy';
import { now, schoolToday } from '$lib/server/clock';
import { failWith, isUuid } from '$lib/server/forms';
import { currentRound } from '$lib/server/school/overview';
import { roundsOfSchool } from '$lib/server/families/table';
import { recordContactViews } from '$lib/server/audit/record';
import { notAnsweredPage } from '$lib/server/outreach/not-answered';
import { readAttempt, recordAttempt } from '$lib/server/outreach/attempts';
import { formatDateTime, languageName } from '$lib/format';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** The round asked for (one of this school's), else the current one; null when the school has none. */
async function roundOf(event: RequestEvent | Parameters<PageServerLoad>[0]) {
	const me = requireStaff(event);
	const rounds = await roundsOfSchool(event.locals.db, me.schoolId);
	const asked = event.url.searchParams.get('round');
	const current = await currentRound(event.locals.db, me.schoolId, schoolToday(me.timeZone));
	const round =
		rounds.find((r) => r.id === asked) ?? rounds.find((r) => r.id === current?.id) ?? null;
	return { me, round, rounds };
}

const pageOf = (url: URL) => {
	const page = Number(url.searchParams.get('page') ?? '1');
	return Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1;
};

export const load: PageServerLoad = async (event) => {
	const { me, round, rounds } = await roundOf(event);
	const lang = event.locals.language.code;
	const office = seesWholeSchool(me);
	if (!round) return { round: null, rounds: [], office, list: null, done: false };
	const list = await notAnsweredPage(event.locals.db, me, round.id, pageOf(event.url));
	// The list shows parents' phone numbers: each family shown is a view of its contact details.
	await recordContactViews(event.locals.db, {
		schoolId: me.schoolId,
		staffId: me.id,
		familyIds: list.families
			.filter((f) => f.callMe?.phone || f.guardians.some((g) => g.phone))
			.map((f) => f.familyId),
		page: 'not_answered'
	});
	const at = (d: Date) => ({ text: formatDateTime(d, lang, me.timeZone), iso: d.toISOString() });
	return {
		round,
		rounds: rounds.length > 1 ? rounds : [],
		office,
		done: event.url.searchParams.get('done') === 'recorded',
		list: {
			total: list.total,
			page: list.page,
			pages: list.pages,
			families: list.families.map((f) => ({
				...f,
				languageName: languageName(f.language, lang),
				callMe: f.callMe
					? {
							...f.callMe,
							at: at(f.callMe.at),
							languageName: languageName(f.callMe.language, lang)
						}
					: null,
				mails: f.mails.map((m) => ({ ...m, at: at(m.at) })),
				lastAttempt: f.lastAttempt ? { ...f.lastAttempt, at: at(f.lastAttempt.at) } : null
			}))
		}
	};
};

export const actions: Actions = {
	attempt: async (event) => {
		const { me, round } = await roundOf(event);
		if (!round) error(404, { message: 'families.not_found' });
		const read = readAttempt(await event.request.formData());
		if (!read.ok) return failWith(400, read.errors, { action: 'attempt', ...read.values });
		if (!isUuid(read.values.familyId)) error(404, { message: 'families.not_found' });
		const result = await recordAttempt(
			event.locals.db,
			me,
			read.values.familyId,
			round.id,
			read.value,
			now()
		);
		// Another teacher's family, or another school's: as unknown as an id that does not exist.
		if (!result.ok && result.problem === 'not_found') error(404, { message: 'families.not_found' });
		if (!result.ok)
			return failWith(
				409,
				{ form: `outreach.errors.${result.problem}` },
				{ action: 'attempt', ...read.values }
			);
		const back = new URLSearchParams({ round: round.id, done: 'recorded' });
		const page = pageOf(event.url);
		if (page > 1) back.set('page', String(page));
		redirect(303, `/staff/not-answered?${back}`);
	}
};
