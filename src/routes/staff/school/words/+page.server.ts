import { requireAdmin } from '$lib/server/auth/guard';
import { schoolToday } from '$lib/server/clock';
import { failWith, field } from '$lib/server/forms';
import { saveSchoolWords, schoolTexts, translationLanguages } from '$lib/server/school/words';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const me = requireAdmin(event);
	const db = event.locals.db;
	const languages = await translationLanguages(db, me.schoolId);
	const asked = event.url.searchParams.get('lang') ?? '';
	// The language most of the school's families read, unless another was asked for.
	const lang = languages.includes(asked) ? asked : languages[0]!;
	return {
		languages,
		target: lang,
		texts: await schoolTexts(db, me.schoolId, lang, schoolToday(me.timeZone))
	};
};

export const actions: Actions = {
	default: async (event) => {
		const me = requireAdmin(event);
		const form = await event.request.formData();
		const lang = field(form, 'lang');
		const sources = form.getAll('source').map(String);
		const texts = form.getAll('text').map(String);
		const entries = sources.map((source, i) => ({ source, text: texts[i] ?? '' }));
		const saved = await saveSchoolWords(
			event.locals.db,
			me.schoolId,
			lang,
			entries,
			schoolToday(me.timeZone)
		);
		if (!saved.ok) {
			const where = saved.index === undefined ? 'form' : `text-${saved.index}`;
			return failWith(400, { [where]: `school_words.${saved.problem}` }, { lang, texts });
		}
		return { saved: true };
	}
};
