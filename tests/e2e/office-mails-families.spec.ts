import ICAL from 'ical.js';
import { expect, expectAccessible, expectNoSidewaysScroll, signIn, test } from './fixtures';

test('the office invites a round by e-mail and follows the progress; the mailbox shows each mail', async ({
	page,
	state
}) => {
	await page.setViewportSize({ width: 360, height: 800 });
	const admin = state.demo.staff.find((s) => s.role === 'admin')!;
	await signIn(page, admin.email, admin.password);

	// Its own round, so its new e-mail links leave the demo round's families alone.
	await page.goto('/staff/rounds/new');
	await page.getByLabel('Naam').fill('Huisbezoeken zomer 2027');
	await page.getByLabel('Eerste bezoekdag').fill('2027-06-01');
	await page.getByLabel('Laatste bezoekdag').fill('2027-06-30');
	await page.getByLabel('Vanaf', { exact: true }).fill('2026-10-10');
	await page.getByLabel('Tot', { exact: true }).fill('2027-05-30');
	await page.getByRole('button', { name: 'Opslaan' }).click();
	await expect(page.getByRole('status')).toHaveText('De bezoekronde is opgeslagen.');

	const mail = page.getByRole('region', { name: 'E-mail aan de gezinnen' });
	await expect(mail).toContainText('hebben een e-mailadres');
	await mail.getByRole('button', { name: 'Uitnodiging versturen' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Uitnodiging');
	await expectAccessible(page);
	await expectNoSidewaysScroll(page);
	// The page reloads itself until the worker is through.
	await expect(page.getByText('Klaar.')).toBeVisible({ timeout: 30_000 });
	const progress = page.getByRole('progressbar');
	expect(await progress.getAttribute('value')).toBe(await progress.getAttribute('max'));
	await expect(
		page.getByRole('button', { name: 'Brieven printen voor gezinnen zonder e-mail' })
	).toBeVisible();

	await page.goto('/staff/mailbox');
	await expectAccessible(page);
	const invitation = page
		.getByRole('listitem')
		.filter({ hasText: 'Kies een tijd voor het huisbezoek van' })
		.first();
	await expect(invitation).toBeVisible();
	const href = await invitation
		.getByRole('link', { name: 'Bekijk zoals de ontvanger het ziet' })
		.getAttribute('href');
	const html = await page.request.get(href!);
	expect(html.headers()['content-security-policy']).toContain("default-src 'none'");
	expect(await html.text()).toMatch(/<a href="http[^"]+\/f\/[A-Za-z0-9]+"/);
});

test('a teacher subscribes to her visits, and can stop the link', async ({ page, state }) => {
	const teacher = state.demo.staff.find((s) => s.role === 'teacher')!;
	await signIn(page, teacher.email, teacher.password);
	await page.getByRole('link', { name: 'Mijn agenda' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mijn agenda');
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Link maken' }).click();
	const url = await page.getByLabel('Abonnementslink').inputValue();
	expect(url).toMatch(/\/cal\/[A-Za-z0-9]+\.ics$/);
	const feed = await page.request.get(url);
	expect(feed.headers()['content-type']).toContain('text/calendar');
	const calendar = new ICAL.Component(ICAL.parse(await feed.text()));
	expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
	await page.getByRole('button', { name: 'Link stoppen' }).click();
	await expect(page.getByRole('status')).toContainText('De link werkt niet meer');
	expect((await page.request.get(url)).status()).toBe(404);
});

test('a forgotten password: the same answer for every address, and a mail for a real one', async ({
	page,
	browser,
	state
}) => {
	const teacher = state.demo.staff.find((s) => s.role === 'teacher')!;
	await page.goto('/sign-in');
	await page.getByRole('link', { name: 'Wachtwoord vergeten?' }).click();
	await expectAccessible(page);
	await page.getByLabel('E-mailadres').fill(teacher.email);
	await page.getByRole('button', { name: 'Stuur mij een link' }).click();
	await expect(page.getByRole('status')).toContainText('Als dit adres bij een account hoort');

	const admin = state.demo.staff.find((s) => s.role === 'admin')!;
	const office = await browser.newPage();
	await signIn(office, admin.email, admin.password);
	await office.goto('/staff/mailbox');
	await expect(
		office
			.getByRole('listitem')
			.filter({ hasText: teacher.email })
			.filter({ hasText: 'Nieuw wachtwoord voor Huisbezoek' })
			.first()
	).toBeVisible();
	await office.close();
});
