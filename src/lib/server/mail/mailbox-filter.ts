/**
 * The Mailbox's filter as its address carries it, so other pages can link to a view of it
 * (`/staff/mailbox?state=failed`, `?family=<id>` from a family's page). A value the page does not
 * know is left out quietly: an old or hand-edited link still opens the Mailbox, unfiltered.
 */
import { isUuid } from '../forms';
import { messageKinds, type MessageKind } from '../db/schema';

/** What the office asks about a mail: did it go, is it still on its way, did it fail. */
export const mailStates = ['failed', 'queued', 'sent'] as const;
export type MailState = (typeof mailStates)[number];

export interface MailboxFilter {
	state: MailState | null;
	kind: MessageKind | null;
	familyId: string | null;
	page: number;
}

// One screen on a phone holds about eight rows; 25 keep a page short and paging rare.
export const MAILBOX_PAGE_SIZE = 25;

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | null =>
	values.find((v) => v === value) ?? null;

export function readMailboxFilter(params: URLSearchParams): MailboxFilter {
	const page = Number(params.get('page'));
	const family = params.get('family');
	return {
		state: oneOf(mailStates, params.get('state')),
		kind: oneOf(messageKinds, params.get('kind')),
		familyId: isUuid(family) ? family.toLowerCase() : null,
		page: Number.isSafeInteger(page) && page >= 1 ? page : 1
	};
}

/** The Mailbox's address for a filter; page 1 and empty parts are left out. */
export function mailboxHref(filter: Partial<MailboxFilter>, extra: Record<string, string> = {}) {
	const params = new URLSearchParams();
	if (filter.state) params.set('state', filter.state);
	if (filter.kind) params.set('kind', filter.kind);
	if (filter.familyId) params.set('family', filter.familyId);
	if (filter.page && filter.page > 1) params.set('page', String(filter.page));
	for (const [name, value] of Object.entries(extra)) params.set(name, value);
	const query = params.toString();
	return query ? `/staff/mailbox?${query}` : '/staff/mailbox';
}
