import type { Browser, Page } from '@playwright/test';
import { expect, expectAccessible, expectNoSidewaysScroll, signIn, test } from './fixtures';
import { expectTapTargets } from './tap-targets';
import type { TargetState } from './targets';

/**
 * A parent asks for her link twice on the newsletter page: the first mail's link is retired by
 * the second. The old link's page names the school, gives its phone and asks for a fresh link,
 * without script, in the reader's language. The mails themselves fit a 360 px phone.
 * The Smith family (Anouk Visser) is this spec's own: no other spec asks links for it.
 */
const SMITH = 'emma.smith@example.co.uk';

async function askForLink(page: Page, state: TargetState) {
	await page.goto(new URL(state.demo.newsletterUrl!).pathname);
	await page.getByRole('button', { name: 'English', exact: true }).click();
	await page.getByLabel('Your e-mail address').fill(SMITH);
	await page.getByRole('button', { name: 'Send me my link' }).click();
	await expect(page.getByRole('status')).toBeVisible();
}

/** The links mailed to Smith so far, newest first, and the address of the first mail's HTML. */
async function mailedLinks(browser: Browser, state: TargetState) {
	const context = await browser.newContext({ viewport: { width: 360, height: 780 } });
	const office = await context.newPage();
	const admin = state.demo.staff.find((s) => s.role === 'admin')!;
	await signIn(office, admin.email, admin.password);
	// The link mails, each opened (the Mailbox shows a message's text on demand).
	await office.goto('/staff/mailbox?kind=family_link');
	await office
		.locator('li.mail details')
		.evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
	const mails = office
		.getByRole('listitem')
		.filter({ hasText: SMITH })
		.filter({ hasText: 'Your link for the home visit' });
	const links: string[] = [];
	for (const text of await mails.allInnerTexts())
		links.push(text.match(/https?:\/\/\S+\/f\/[a-z2-7]{32}/)![0]);
	// The newest mail as the parent's mail program shows it, on a phone.
	await mails.first().getByRole('link', { name: 'Bekijk zoals de ontvanger het ziet' }).click();
	const button = office.getByRole('link', { name: 'Open your page' });
	await expect(button).toBeVisible();
	expect(await button.getAttribute('href')).toBe(links[0]);
	// The button carries words; the address under it wraps instead of widening the mail.
	await expectNoSidewaysScroll(office);
	const buttonBox = (await button.boundingBox())!;
	expect(buttonBox.width).toBeLessThanOrEqual(360);
	expect(buttonBox.height).toBeGreaterThanOrEqual(44);
	await context.close();
	return links;
}

test('an old link names the school, gives its phone, and asks for a fresh link without script', async ({
	page,
	browser,
	state
}) => {
	// Three link requests, the mailbox, and axe in three languages.
	test.setTimeout(120_000);
	await page.setViewportSize({ width: 360, height: 780 });
	await askForLink(page, state);
	await askForLink(page, state);
	const [newest, older] = await mailedLinks(browser, state);
	expect(older).toBeDefined();
	expect(newest).not.toBe(older);

	// The newer link works; the older one was replaced by it.
	await page.goto(new URL(newest!).pathname);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your home visit');

	const oldPath = new URL(older!).pathname;
	for (const lang of ['nl', 'ar', 'uk']) {
		await page.context().addCookies([{ name: 'lang', value: lang, url: state.url }]);
		const response = await page.goto(oldPath);
		expect(response!.status()).toBe(410);
		await expect(page.locator('html')).toHaveAttribute('lang', lang);
		await expect(page.locator('script')).toHaveCount(0);
		await expect(page.getByText(state.demo.school).first()).toBeVisible();
		await expect(page.getByText('020 123 4567')).toBeVisible();
		await expect(page.getByText('Oliver')).toHaveCount(0);
		await expectAccessible(page);
		await expectNoSidewaysScroll(page);
		await expectTapTargets(page);
	}

	// The form works without script; so does the page of a link we never made.
	const context = await browser.newContext({
		javaScriptEnabled: false,
		viewport: { width: 360, height: 780 },
		locale: 'nl-NL'
	});
	const parent = await context.newPage();
	await context.addCookies([{ name: 'lang', value: 'nl', url: state.url }]);
	await parent.goto(state.url + oldPath);
	await expect(parent.getByRole('heading', { level: 1 })).toHaveText('Deze link werkt niet meer');
	await parent.getByLabel('Uw e-mailadres').fill(SMITH);
	await parent.getByRole('button', { name: 'Stuur mij mijn link' }).click();
	await expect(parent.getByRole('status')).toContainText(`Als school dit adres (${SMITH}) kent`);

	// A link we never made: the same language buttons, no school, advice to ask the school.
	const unknown = await parent.goto(state.url + '/f/' + 'b'.repeat(32));
	expect(unknown!.status()).toBe(404);
	await expect(parent.getByRole('heading', { level: 1 })).toHaveText('Deze link werkt niet');
	await expect(parent.getByText(state.demo.school)).toHaveCount(0);
	await expect(parent.getByRole('button', { name: 'العربية' })).toBeVisible();
	await expect(parent.locator('script')).toHaveCount(0);
	await context.close();
	await page.goto('/f/' + 'b'.repeat(32));
	await expectAccessible(page);
	await expectTapTargets(page);
});
