import { error } from '@sveltejs/kit';
import { requireAdmin } from '$lib/server/auth/guard';
import { config } from '$lib/server/config';
import { now, schoolToday } from '$lib/server/clock';
import { failWith } from '$lib/server/forms';
import { currentRound } from '$lib/server/school/overview';
import { countLetters, LETTERS_PER_BATCH, printLetters } from '$lib/server/families/letters';
import { groupsOfRound } from '$lib/server/families/table';
import { readLetterChoice, readLetterPrint, scopeOf } from './form';
import type { Actions, PageServerLoad } from './$types';

// Counting is a GET: it changes nothing, so the choice has an address and the count comes first.
export const load: PageServerLoad = async (event) => {
	const me = requireAdmin(event);
	const db = event.locals.db;
	const round = await currentRound(db, me.schoolId, schoolToday(me.timeZone));
	if (!round) error(404, { message: 'families.no_round' });
	const choice = readLetterChoice(event.url.searchParams);
	const [groups, count] = await Promise.all([
		groupsOfRound(db, me.schoolId, round.id),
		choice ? countLetters(db, me.schoolId, round.id, scopeOf(choice)) : null
	]);
	return { roundName: round.name, groups, choice, count, batchSize: LETTERS_PER_BATCH };
};

export const actions: Actions = {
	// A POST, not a link: printing makes new links, and a mail scanner must never do that.
	default: async (event) => {
		const me = requireAdmin(event);
		const round = await currentRound(event.locals.db, me.schoolId, schoolToday(me.timeZone));
		if (!round) error(404, { message: 'families.no_round' });
		const read = readLetterPrint(await event.request.formData());
		if (!read.ok) return failWith(400, read.errors, read.values);
		const batch = await printLetters(event.locals.db, {
			schoolId: me.schoolId,
			roundId: round.id,
			...read.value,
			origin: config().origin,
			timeZone: me.timeZone,
			now: now()
		});
		if (batch.letters.length === 0)
			return failWith(404, { form: 'families.letters_none' }, read.values);
		return { batch, choice: read.values, replaceLinks: read.value.replaceLinks };
	}
};
