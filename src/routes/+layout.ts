import { createTranslator } from '$lib/i18n/translator';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = ({ data }) => ({
	...data,
	t: createTranslator(data.lang, data.messages)
});
