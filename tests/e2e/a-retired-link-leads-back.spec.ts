import type { Browser, Page } from '@playwright/test';
import {
	expect,
	expectAccessible,
	expectNoSidewaysScroll,
	linkIn,
	mailsTo,
	signIn,
	test
} from './fixtures';
import { expectTapTargets } from './tap-targets';
import type { TargetState } from './targets';
import type { RecordedMail } from '../support/mail-recorder';

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

const isLinkMail = (m: RecordedMail) => m.subject.includes('Your link for the home visit');

/** Asks for a link and waits for its mail: the order of the mails is the order of the asking. */
async function askAndReceive(page: Page, state: TargetState) {
	const before = (await mailsTo(state, SMITH)).filter(isLinkMail).length;
	await askForLink(page, state);
	await expect
		.poll(async () => (await mailsTo(state, SMITH)).filter(isLinkMail).length, {
			timeout: 20_000
		})
		.toBe(before + 1);
}

/**
 * The links mailed to Smith so far, newest first, read from the school's mail server; the newest
 * mail shown as a phone's mail program shows it. The office's Mailbox keeps no link.
 */
async function mailedLinks(browser: Browser, state: TargetState) {
	const mails = (await mailsTo(state, SMITH)).filter(isLinkMail).reverse();
	const links = mails.map(linkIn);
	const context = await browser.newContext({ viewport: { width: 360, height: 780 } });
	const phone = await context.newPage();
	await phone.setContent(mails[0]!.html);
	const button = phone.getByRole('link', { name: 'Open your page' });
	await expect(button).toBeVisible();
	expect(await button.getAttribute('href')).toBe(links[0]);
	// The button carries words; the address under it wraps instead of widening the mail.
	await expectNoSidewaysScroll(phone);
	const buttonBox = (await button.boundingBox())!;
	expect(buttonBox.width).toBeLessThanOrEqual(360);
	expect(buttonBox.height).toBeGreaterThanOrEqual(44);

	// The office sees the mails as sent, each without the link, and where to make a new one.
	const office = await context.newPage();
	const admin = state.demo.staff.find((s) => s.role === 'admin')!;
	await signIn(office, admin.email, admin.password);
	await office.goto('/staff/mailbox?kind=family_link');
	await office
		.locator('li.mail details')
		.evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
	const kept = office
		.getByRole('listitem')
		.filter({ hasText: SMITH })
		.filter({ hasText: 'Your link for the home visit' });
	await expect(kept).toHaveCount(mails.length);
	for (const text of await kept.allInnerTexts()) {
		expect(text).toContain('Verstuurd');
		expect(text).toContain(
			'Persoonlijke link verwijderd uit de portal; maak zo nodig een nieuwe via de gezinspagina.'
		);
		expect(text).not.toContain('/f/');
	}
	await context.close();
	return links;
}

test('an old link names the school, gives its phone, and asks for a fresh link without script', async ({
	page,
	browser,
	state
}) => {
	// Three link requests, their mails, the mailbox, and axe in three languages.
	test.setTimeout(120_000);
	await page.setViewportSize({ width: 360, height: 780 });
	await askAndReceive(page, state);
	await askAndReceive(page, state);
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
