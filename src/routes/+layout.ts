import { loadTranslator } from '$lib/i18n/bundles';
import type { LayoutLoad } from './$types';

// The messages are not page data: the server would serialise all of them into every page. Each
// side loads its language's bundle itself (the browser as a cached file), so pages carry only `lang`.
export const load: LayoutLoad = async ({ data }) => ({
	...data,
	t: await loadTranslator(data.lang)
});
