import { expect, signIn, test } from './fixtures';
import type { Page } from '@playwright/test';

/**
 * The office prints letters for the families of group 3B that have not answered yet: it counts
 * them first, then makes the first batch, numbered "Brieven 1–n van n". Printing only adds links:
 * every printed family whose demo link worked before still opens its page after. No family's
 * answer changes, so other specs' families are left as they were (whoever has answered by then,
 * the count and the batch agree).
 */

/** Whether a family link opens the family's page, in a parent's browser (no session, no script). */
async function opens(parent: Page, base: string, url: string): Promise<boolean> {
	// The demo's links name the demo's own address: the path is what counts.
	const response = await parent.goto(new URL(new URL(url).pathname, base).toString());
	return response?.status() === 200;
}

test('the office prints letters for the families of one group that have not answered', async ({
	page,
	state,
	browser
}) => {
	test.setTimeout(120_000);
	const parent = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
	const office = state.demo.staff.find((s) => s.role === 'admin')!;
	await signIn(page, office.email, office.password);
	await page.goto('/staff/families/letters');
	await page.getByLabel('Gezinnen die nog niet hebben geantwoord').check();
	await page.getByLabel('Groep', { exact: true }).selectOption({ label: '3B' });
	await page.getByRole('button', { name: 'Gezinnen tellen' }).click();

	const status = page.getByRole('status');
	await expect(status).toHaveText(/^\d+ gezin(nen)? in deze keuze\.$/);
	const count = Number(/^\d+/.exec((await status.textContent())!)![0]);
	expect(count).toBeGreaterThan(0);
	expect(new URL(page.url()).searchParams.get('scope')).toBe('not_answered');

	// The demo links that work now, to see that printing leaves them working.
	const before = new Map<string, boolean>();
	for (const family of state.demo.families)
		before.set(family.url, await opens(parent, state.url, family.url));

	await expect(
		page.getByLabel('Nieuwe links maken en de eerder gedrukte stoppen')
	).not.toBeChecked();
	await page.getByRole('button', { name: `Brieven 1–${Math.min(count, 50)} maken` }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		`Brieven 1–${count} van ${count}`
	);
	const letters = page.locator('article.letter');
	await expect(letters).toHaveCount(count);
	await expect(page.getByText('Eerdere links van deze gezinnen blijven werken.')).toBeVisible();

	// The printed families: those whose first child's first name a letter greets.
	const text = (await letters.allTextContents()).join(' ');
	const printed = state.demo.families.filter((f) =>
		new RegExp(`\\b${f.name.split(' ')[0]}\\b`, 'u').test(text)
	);
	const kept = printed.filter((f) => before.get(f.url));
	expect(kept.length).toBeGreaterThan(0);
	for (const family of kept)
		expect(await opens(parent, state.url, family.url), family.name).toBe(true);
	// And each letter's own new link opens too.
	const url = (await letters.first().locator('.link-box').textContent())!.trim();
	expect(await opens(parent, state.url, url)).toBe(true);
});
