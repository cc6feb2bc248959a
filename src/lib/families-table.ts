/**
 * The families table's address: which round, which families (status, group, visitor, search),
 * in which order, which page. The GET parameters are a contract: the home page and other pages
 * link to them (`/staff/families?status=not_answered`), so names and values here stay as they are:
 *
 *   round=<roundId>  status=<one of tableStatuses>  group=<groupId>  visitor=<staffId>
 *   q=<text>  sort=<one of tableSorts>  dir=asc|desc (or sort=-<column>)  page=<n>
 *
 * Anything unknown or malformed falls back to the default, quietly: a hand-edited or outdated link
 * shows the table, never an error. Whether an id belongs to the school is the load's to check.
 * Kept out of `$lib/server`: the page builds its sort and page links with `tableHref`.
 */

export const tableStatuses = [
	'not_answered',
	'booked',
	'home',
	'school',
	'neutral',
	'rather_not_home',
	'declined',
	'interpreter',
	'this_week'
] as const;
export type TableStatus = (typeof tableStatuses)[number];

export const tableSorts = ['family', 'group', 'visitor', 'status', 'time'] as const;
export type TableSort = (typeof tableSorts)[number];

/** Rows per page: 50 rows stay well under the page's weight budget and fit a phone's scrolling. */
export const PAGE_SIZE = 50;
/** A search longer than this is cut: nobody types more to find a family, and each word costs a scan. */
export const SEARCH_MAX = 100;

export interface TableParams {
	roundId: string | null;
	status: TableStatus | null;
	groupId: string | null;
	visitorId: string | null;
	q: string;
	sort: TableSort;
	desc: boolean;
	page: number;
}

// One line of text: control characters and runs of spaces say nothing in a search.
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/g;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Lists about booked visits read best in time order; the others by family. */
export function defaultSort(status: TableStatus | null): TableSort {
	return status &&
		['booked', 'home', 'school', 'neutral', 'interpreter', 'this_week'].includes(status)
		? 'time'
		: 'family';
}

const pick = <T extends string>(values: readonly T[], value: string | null): T | null =>
	values.find((v) => v === value) ?? null;

const idOrNull = (value: string | null) => (value && UUID.test(value) ? value.toLowerCase() : null);

export function readTableParams(params: URLSearchParams): TableParams {
	const status = pick(tableStatuses, params.get('status'));
	const rawSort = params.get('sort') ?? '';
	const sort = pick(tableSorts, rawSort.replace(/^-/, ''));
	const dir = params.get('dir');
	const page = /^\d{1,6}$/.test(params.get('page') ?? '') ? Number(params.get('page')) : 1;
	return {
		roundId: idOrNull(params.get('round')),
		status,
		groupId: idOrNull(params.get('group')),
		visitorId: idOrNull(params.get('visitor')),
		q: (params.get('q') ?? '')
			.replace(CONTROL, ' ')
			.replace(/\s+/g, ' ')
			.trim()
			.slice(0, SEARCH_MAX),
		sort: sort ?? defaultSort(status),
		desc: sort ? dir === 'desc' || (dir !== 'asc' && rawSort.startsWith('-')) : false,
		page: Math.max(1, page)
	};
}

/**
 * The table's link with some parameters changed, writing only what differs from the default, so
 * links stay short and read as what they show (`?status=home&sort=time`). A change of filter or
 * order starts at page 1 unless the change names a page.
 */
export function tableHref(current: TableParams, change: Partial<TableParams> = {}): string {
	const next: TableParams = { ...current, page: 1, ...change };
	const query = new URLSearchParams();
	if (next.roundId) query.set('round', next.roundId);
	if (next.status) query.set('status', next.status);
	if (next.groupId) query.set('group', next.groupId);
	if (next.visitorId) query.set('visitor', next.visitorId);
	if (next.q) query.set('q', next.q);
	if (next.sort !== defaultSort(next.status) || next.desc) query.set('sort', next.sort);
	if (next.desc) query.set('dir', 'desc');
	if (next.page > 1) query.set('page', String(next.page));
	const search = query.toString();
	return search ? `/staff/families?${search}` : '/staff/families';
}
