import type { Page } from '@playwright/test';

/**
 * A link of the staff menu, opened first where it is folded away (on a phone the menu is a
 * "Menu" disclosure; on a wide screen its links are always there).
 */
export async function menuLink(page: Page, name: string) {
	const menu = page.getByRole('navigation', { name: 'Hoofdmenu' });
	const summary = menu.locator('summary');
	if ((await summary.isVisible()) && (await menu.locator('details[open]').count()) === 0)
		await summary.click();
	return menu.getByRole('link', { name, exact: true });
}
