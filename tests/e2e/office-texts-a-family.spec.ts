import { expect, expectAccessible, signIn, test } from './fixtures';
import type { Browser, Page } from '@playwright/test';
import type { RecordedRequest } from '../support/sms-recorder';

/**
 * The office sends the Kowalska family (Polish; Fatma Demir visits it) a fresh link by text: a
 * WhatsApp message whose wa.me link carries the text, and an SMS that the stand-in provider
 * receives. Both are plain form posts (the page has no script for them). Each link opens the
 * family's own page, in Polish, in a browser without JavaScript. No other spec texts this
 * family, and a new text leaves its letter and e-mail links working.
 */

const NUMBER = '+31634567890';

async function familyId(page: Page): Promise<string> {
	await page.goto('/staff/privacy?q=Kowalska');
	const href = await page.getByRole('link', { name: /Zofia Kowalska/ }).getAttribute('href');
	return href!.split('/').pop()!;
}

/** Opens a family link as a parent would: a browser of its own, no staff session. */
async function expectFamilyPage(browser: Browser, url: string) {
	const parent = await browser.newContext({ javaScriptEnabled: false });
	const page = await parent.newPage();
	const response = await page.goto(url);
	expect(response?.status()).toBe(200);
	await expect(page.locator('html')).toHaveAttribute('lang', 'pl');
	await expect(page.locator('main')).toContainText('Zofia');
	await parent.close();
}

test('the office sends a family its link by WhatsApp and by SMS', async ({
	page,
	state,
	browser
}) => {
	test.setTimeout(90_000);
	const office = state.demo.staff.find((s) => s.role === 'admin')!;
	await signIn(page, office.email, office.password);
	const id = await familyId(page);
	await page.goto(`/staff/families/${id}`);
	const card = page.locator('section', {
		has: page.getByRole('heading', { name: 'Link per sms of WhatsApp' })
	});
	await expect(card.getByLabel('Naar wie')).toHaveValue(/.+/);
	await expect(card.getByRole('option', { name: 'Agnieszka Kowalska: 0634567890' })).toHaveCount(1);

	await card.getByRole('button', { name: 'WhatsApp-bericht maken' }).click();
	await expect(card.getByRole('status')).toHaveText(
		`Het bericht aan ${NUMBER} staat klaar. Open WhatsApp en druk op verzenden.`
	);
	const open = card.getByRole('link', { name: 'Open WhatsApp' });
	const href = (await open.getAttribute('href'))!;
	expect(href.startsWith('https://wa.me/31634567890?text=')).toBe(true);
	await expect(open).toHaveAttribute('rel', /noopener/);
	const whatsapp = new URL(href).searchParams.get('text')!;
	expect(whatsapp).toContain('prosimy wybrać termin wizyty domowej');
	expect(whatsapp).not.toContain('Zofia');
	const whatsappLink = new RegExp(`${state.url}/f/[a-z2-7]{32}`).exec(whatsapp)?.[0];
	expect(whatsappLink, whatsapp).toBeTruthy();
	await expectAccessible(page);
	await expectFamilyPage(browser, whatsappLink!);

	await card.getByRole('button', { name: 'Sms sturen' }).click();
	await expect(card.getByRole('status')).toHaveText(`De sms aan ${NUMBER} is onderweg.`);
	// The server's own worker sends it: the stand-in provider gets it within a few seconds.
	const mine = async () =>
		((await (await fetch(`${state.sms}/received`)).json()) as RecordedRequest[]).filter(
			(r) =>
				r.json?.recipients?.toString() === NUMBER.slice(1) &&
				String(r.json.body).includes(state.url)
		);
	await expect.poll(async () => (await mine()).length, { timeout: 20_000 }).toBeGreaterThan(0);
	const [sms] = await mine();
	expect(sms!.path).toBe('/messages');
	expect(sms!.headers.authorization).toBe('AccessKey e2e-key');
	expect(sms!.json).toMatchObject({ originator: 'Spitsbergen', datacoding: 'auto' });
	const text = String(sms!.json!.body);
	expect(text).toMatch(/^obs De Spitsbergen \(demo\): prosimy wybrać termin wizyty domowej: /);
	const smsLink = new RegExp(`${state.url}/f/[a-z2-7]{32}`).exec(text)![0];
	expect(smsLink).not.toBe(whatsappLink);
	await expectFamilyPage(browser, smsLink);
	// The WhatsApp link made before it still works: each channel has its own link.
	await expectFamilyPage(browser, whatsappLink!);

	// In the Mailbox the text shows as what it is: a text to a number, not a mail.
	await page.goto(`/staff/mailbox?family=${id}&kind=text_link`);
	const item = page.locator('li.mail').filter({ hasText: NUMBER });
	await expect(item.first()).toContainText('Sms');
	await expect(item.first()).toContainText('Link per sms aan het gezin');
	await expectAccessible(page);
});
