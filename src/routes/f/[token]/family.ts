/**
 * A family's pages below the layout: the layout loads the family, or for a link that opens none
 * it still renders (language buttons, the school of a retired link) and leaves the refusal to
 * the page. The error then shows inside this layout, whose pages ship no script.
 */
import { error } from '@sveltejs/kit';
import { now } from '$lib/server/clock';
import type { Database } from '$lib/server/db';
import type { FamilyPage } from '$lib/server/families/page';
import { retiredFamilyLink, type RetiredLink } from '$lib/server/families/links';

/** 410 for a link we issued and retired, 404 for anything we never issued. */
export function linkGone(retired: RetiredLink | null): never {
	error(retired ? 410 : 404, { message: retired ? 'family.link_retired' : 'family.link_invalid' });
}

/** The layout's data with the family, or the page refuses the link. */
export function openedFamily<T extends { family: FamilyPage | null; retired: RetiredLink | null }>(
	data: T
): Extract<T, { family: FamilyPage }> {
	if (!data.family) linkGone(data.retired);
	return data as Extract<T, { family: FamilyPage }>;
}

/** For a form action whose token opens no family: the same refusal as the page's. */
export async function refuseLink(db: Database, token: string): Promise<never> {
	linkGone(await retiredFamilyLink(db, token, now()));
}
