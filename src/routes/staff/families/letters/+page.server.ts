import { error } from '@sveltejs/kit';
import { requireAdmin } from '$lib/server/auth/guard';
import { config } from '$lib/server/config';
import { now, schoolToday } from '$lib/server/clock';
import { failWith } from '$lib/server/forms';
import { currentRound } from '$lib/server/school/overview';
import { makeLetters } from '$lib/server/families/letters';
import { readLetterScope } from './form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const me = requireAdmin(event);
	const round = await currentRound(event.locals.db, me.schoolId, schoolToday(me.timeZone));
	if (!round) error(404, { message: 'families.no_round' });
	return { roundName: round.name };
};

export const actions: Actions = {
	// A POST, not a link: printing makes new links, and a mail scanner must never do that.
	default: async (event) => {
		const me = requireAdmin(event);
		const round = await currentRound(event.locals.db, me.schoolId, schoolToday(me.timeZone));
		if (!round) error(404, { message: 'families.no_round' });
		const read = readLetterScope(await event.request.formData());
		if (!read.ok) return failWith(400, read.errors, read.values);
		const letters = await makeLetters(
			event.locals.db,
			me.schoolId,
			round.id,
			read.value,
			config().origin,
			me.timeZone,
			now()
		);
		if (letters.length === 0) return failWith(404, { form: 'families.letters_none' }, read.values);
		return { letters };
	}
};
