import { test as base, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { targetState, type TargetState } from './targets';
import type { RecordedMail } from '../support/mail-recorder';

export const test = base.extend<{ state: TargetState }>({
	// eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as a pattern
	state: async ({}, use, testInfo) => use(targetState(testInfo.project.name)),
	baseURL: async ({ state }, use) => use(state.url)
});

export { expect };

/** Fills in and sends the sign-in form, without waiting for the outcome. */
export async function submitSignIn(page: Page, email: string, password: string) {
	await page.goto('/sign-in');
	await page.getByLabel('E-mailadres').fill(email);
	await page.getByLabel('Wachtwoord').fill(password);
	await page.getByRole('button', { name: 'Inloggen' }).click();
}

/**
 * Signs in and waits until the staff pages are reached: a `goto` straight after the click
 * could otherwise leave before the session cookie is set, and land back on the sign-in page.
 */
/**
 * A phone on a slow network: the page's scripts arrive 1.5 s after its HTML, so a test can type
 * into a form before they run.
 */
export async function holdBackScripts(page: Page) {
	await page.route('**/_app/immutable/**', async (route) => {
		await new Promise((resolve) => setTimeout(resolve, 1500));
		await route.continue();
	});
}

export async function signIn(page: Page, email: string, password: string) {
	await submitSignIn(page, email, password);
	await expect(page).toHaveURL(/\/staff(\/|\?|$)/);
}

/** WCAG 2.2 AA as axe checks it: no violations at all. */
export async function expectAccessible(page: Page) {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
		.analyze();
	const summary = results.violations.map(
		(v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
	);
	expect(summary).toEqual([]);
}

/** Nothing wider than the screen: a 360 px phone never scrolls sideways. */
export async function expectNoSidewaysScroll(page: Page) {
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow, `sideways scroll on ${page.url()}`).toBeLessThanOrEqual(0);
}

/** Both widths the staff pages are built for, each checked with axe and for sideways scrolling. */
export async function atBothWidths(page: Page, check: () => Promise<void>) {
	for (const width of [1280, 360]) {
		await page.setViewportSize({ width, height: 800 });
		await check();
		await expectAccessible(page);
		await expectNoSidewaysScroll(page);
	}
}

/** The mails this spec's server sent to `address` so far, oldest first (the SMTP recorder's). */
export async function mailsTo(state: TargetState, address: string): Promise<RecordedMail[]> {
	const response = await fetch(`${state.mail}/received?to=${encodeURIComponent(address)}`);
	if (!response.ok) throw new Error(`mail recorder answered ${response.status}`);
	return (await response.json()) as RecordedMail[];
}

/** The family's personal link in a mail, as the parent's mail program shows it. */
export function linkIn(mail: RecordedMail): string {
	const link = /https?:\/\/\S+?\/f\/[a-z2-7]{32}/.exec(mail.text)?.[0];
	if (!link) throw new Error(`no family link in "${mail.subject}"`);
	return link;
}
