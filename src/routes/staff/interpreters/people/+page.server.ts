import { redirect } from '@sveltejs/kit';
import { requireAdmin } from '$lib/server/auth/guard';
import { now, schoolToday } from '$lib/server/clock';
import { failWith, field } from '$lib/server/forms';
import {
	addInterpreter,
	listInterpreters,
	setInterpreterActive,
	updateInterpreter,
	type InterpreterField,
	type InterpreterProblem
} from '$lib/server/interpreters/register';
import { interpreterLanguages } from '$lib/server/booking/choices';
import { activeStaff } from '$lib/server/staff/people';
import { fromWallTime } from '$lib/server/time/zone';
import { languages } from '$lib/i18n/languages';
import { languageName } from '$lib/format';
import type { FormErrors } from '$lib/forms';
import { readInterpreterForm } from './form';
import type { Actions, PageServerLoad } from './$types';

const saved = ['added', 'updated', 'retired', 'reactivated'] as const;

export const load: PageServerLoad = async (event) => {
	const me = requireAdmin(event);
	const db = event.locals.db;
	const lang = event.locals.language.code;
	// "From today": a visit earlier today still counts as one they are arranged for.
	const today = fromWallTime(schoolToday(me.timeZone), '00:00', me.timeZone) ?? now();
	const [people, colleagues] = await Promise.all([
		listInterpreters(db, me.schoolId, today),
		activeStaff(db, me.schoolId)
	]);
	return {
		people: people.map((p) => ({
			...p,
			languageNames: p.languages.map((l) => languageName(l, lang))
		})),
		colleagues: colleagues.map((c) => ({ id: c.id, name: c.name })),
		languageOptions: interpreterLanguages.map((code) => ({
			code,
			name: languageName(code, lang)
		})),
		mailLanguages: languages.map((l) => ({ code: l.code, name: l.endonym })),
		saved: saved.find((s) => s === event.url.searchParams.get('saved')) ?? null
	};
};

/** The domain's problems, field by field, as the page's message keys. */
const messages = (errors: Partial<Record<InterpreterField, InterpreterProblem>>): FormErrors =>
	Object.fromEntries(
		Object.entries(errors).map(([f, problem]) => [f, `interpreters.errors.${problem}` as const])
	);

export const actions: Actions = {
	add: async (event) => {
		const me = requireAdmin(event);
		const input = readInterpreterForm(await event.request.formData());
		const result = await addInterpreter(event.locals.db, me.schoolId, { ...input, active: true });
		if (!result.ok)
			return failWith(400, messages(result.errors), { action: 'add', id: '', ...input });
		redirect(303, '/staff/interpreters/people?saved=added');
	},
	update: async (event) => {
		const me = requireAdmin(event);
		const form = await event.request.formData();
		// One form per person: the id says which one failed.
		const id = field(form, 'id').slice(0, 40);
		const input = readInterpreterForm(form);
		const result = await updateInterpreter(event.locals.db, me.schoolId, id, input);
		if (!result.ok) {
			if ('notFound' in result)
				return failWith(
					404,
					{ form: 'interpreters.errors.not_found' },
					{ action: 'update', id, ...input }
				);
			return failWith(400, messages(result.errors), { action: 'update', id, ...input });
		}
		redirect(303, '/staff/interpreters/people?saved=updated');
	},
	active: async (event) => {
		const me = requireAdmin(event);
		const form = await event.request.formData();
		const id = field(form, 'id').slice(0, 40);
		const active = field(form, 'active') === 'yes';
		if (!(await setInterpreterActive(event.locals.db, me.schoolId, id, active)))
			return failWith(404, { form: 'interpreters.errors.not_found' }, { action: 'active', id });
		redirect(303, `/staff/interpreters/people?saved=${active ? 'reactivated' : 'retired'}`);
	}
};
