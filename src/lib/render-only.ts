/**
 * Data for a page that ships no script (`csr = false`: a family's pages, the newsletter page).
 * The server renders the page from it, and no browser ever reads it again. SvelteKit still writes
 * every load's data out as script text (devalue) before it knows the page has no script to put it
 * in: about 5 % of a parent page's server CPU, and on a family's pages the family twice, the
 * layout's copy and the page's. For data marked here, `transport` (hooks.ts) hands devalue one
 * digit instead, so it never walks the data.
 *
 * A request for the data itself (`__data.json`: a browser with script navigating to the page from
 * a staff page) gets it whole: that browser renders the page from it.
 */
const marked = new WeakSet<object>();

export function renderOnly<T extends object>(event: { isDataRequest: boolean }, data: T): T {
	if (!event.isDataRequest) marked.add(data);
	return data;
}

export const renderOnlyTransport = {
	encode: (value: unknown) => typeof value === 'object' && value !== null && marked.has(value) && 1,
	// Only a page rendered on the server is marked, and it has no script to decode anything.
	decode: () => undefined
};
