import { error, fail } from '@sveltejs/kit';
import { requireAdmin } from '$lib/server/auth/guard';
import { config } from '$lib/server/config';
import { now, schoolToday } from '$lib/server/clock';
import { field, isUuid } from '$lib/server/forms';
import { currentRound } from '$lib/server/school/overview';
import { makeLetters, type LetterScope } from '$lib/server/families/letters';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const me = requireAdmin(event);
	const round = await currentRound(event.locals.db, me.schoolId, schoolToday());
	if (!round) error(404, { message: 'families.no_round' });
	return { roundName: round.name };
};

export const actions: Actions = {
	// A POST, not a link: printing makes new links, and a mail scanner must never do that.
	default: async (event) => {
		const me = requireAdmin(event);
		const round = await currentRound(event.locals.db, me.schoolId, schoolToday());
		if (!round) error(404, { message: 'families.no_round' });
		const form = await event.request.formData();
		const familyId = field(form, 'familyId');
		const which = field(form, 'scope');
		const scope: LetterScope | null = isUuid(familyId) ? { familyId } : which === 'all' || which === 'without_email' ? which : null;
		if (!scope) return fail(400, { error: 'families.letters_choose' });
		const letters = await makeLetters(event.locals.db, me.schoolId, round.id, scope, config().origin, config().schoolTimeZone, now());
		if (letters.length === 0) return fail(404, { error: 'families.letters_none' });
		return { letters };
	}
};
