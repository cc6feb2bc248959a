import { requireAdmin } from '$lib/server/auth/guard';
import { now, schoolToday } from '$lib/server/clock';
import { failWith, field } from '$lib/server/forms';
import { arrangeInterpreter, releaseInterpreter } from '$lib/server/interpreters/arrange';
import { interpreterRequests } from '$lib/server/interpreters/list';
import { arrangedPerson, type ArrangedPerson } from '$lib/server/interpreters/outcome';
import { listInterpreters } from '$lib/server/interpreters/register';
import { fromWallTime } from '$lib/server/time/zone';
import { formatWhen, languageName } from '$lib/format';
import { readArrangement } from './form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const me = requireAdmin(event);
	const db = event.locals.db;
	const lang = event.locals.language.code;
	const past = event.url.searchParams.get('past') === '1';
	const from = past ? null : fromWallTime(schoolToday(me.timeZone), '00:00', me.timeZone);
	const [list, people] = await Promise.all([
		interpreterRequests(db, me.schoolId, {
			from,
			page: Number(event.url.searchParams.get('page') ?? 1)
		}),
		listInterpreters(db, me.schoolId, now())
	]);
	// Only who can be arranged: active, and speaking the request's language (arrangeInterpreter
	// refuses anyone else, so offering them would only lead to a refusal).
	const active = people.filter((p) => p.active);
	return {
		past,
		page: list.page,
		pages: list.pages,
		total: list.total,
		toArrange: list.toArrange,
		hasInterpreters: active.length > 0,
		rows: list.rows.map((r) => ({
			id: r.id,
			status: r.status,
			language: languageName(r.language, lang),
			when: formatWhen(r.startsAt, r.endsAt, lang, me.timeZone),
			location: r.location,
			placeName: r.placeName,
			familyId: r.familyId,
			children: r.children,
			staffNames: r.staffNames,
			interpreter: r.interpreter,
			mode: r.mode,
			contactName: r.contactName,
			contactPhone: r.contactPhone,
			options: active
				.filter((p) => p.languages.includes(r.language))
				.map((p) => ({ id: p.id, name: p.name, kind: p.kind }))
		}))
	};
};

/** What the office reads after an arrangement changed: who, for when, and whether they were mailed. */
function done(
	kind: 'arranged' | 'released',
	person: ArrangedPerson | null,
	lang: string,
	tz: string
) {
	const line = person
		? {
				key: `interpreters.done_${kind}_${person.mailed ? 'mailed' : 'not_mailed'}` as const,
				name: person.name,
				when: formatWhen(person.startsAt, null, lang, tz)
			}
		: null;
	return { done: line };
}

const status = { not_found: 404, not_open: 409, interpreter_busy: 409 } as Record<string, number>;

export const actions: Actions = {
	arrange: async (event) => {
		const me = requireAdmin(event);
		const db = event.locals.db;
		const read = readArrangement(await event.request.formData());
		const values = { action: 'arrange' as const, ...read };
		if (!read.mode) return failWith(400, { form: 'interpreters.errors.mode_unknown' }, values);
		const result = await arrangeInterpreter(
			db,
			me,
			read.request,
			{ ...read, mode: read.mode },
			now()
		);
		if (!result.ok)
			return failWith(
				status[result.problem] ?? 400,
				{ form: `interpreters.errors.${result.problem}` },
				values
			);
		const person = await arrangedPerson(db, me.schoolId, read.request);
		return done('arranged', person, event.locals.language.code, me.timeZone);
	},
	release: async (event) => {
		const me = requireAdmin(event);
		const db = event.locals.db;
		const request = field(await event.request.formData(), 'request').slice(0, 40);
		const values = { action: 'release' as const, request };
		// Read before: once released, the request no longer names who it was.
		const person = await arrangedPerson(db, me.schoolId, request);
		const result = await releaseInterpreter(db, me, request, now());
		if (!result.ok)
			return failWith(
				status[result.problem] ?? 400,
				{ form: `interpreters.errors.${result.problem}` },
				values
			);
		return done('released', person, event.locals.language.code, me.timeZone);
	}
};
