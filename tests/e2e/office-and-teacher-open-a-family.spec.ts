import { expect, expectAccessible, expectNoSidewaysScroll, signIn, test } from './fixtures';
import type { Page } from '@playwright/test';

/**
 * The staff's page of one family, as the office and as the family's teacher, on a phone and a
 * desktop: the answer and how to reach the parents come first, phone and e-mail are links one
 * can tap, and axe finds nothing. The Hassan family (Jeroen Bos visits it) is this spec's own:
 * no other spec books for it.
 */

/** The family's id, from the privacy page's search (a page no other spec changes). */
async function familyId(page: Page, surname: string, child: string): Promise<string> {
	await page.goto(`/staff/privacy?q=${encodeURIComponent(surname)}`);
	const href = await page.getByRole('link', { name: new RegExp(child) }).getAttribute('href');
	return href!.split('/').pop()!;
}

async function tappable(page: Page, name: string | RegExp) {
	const box = await page.getByRole('link', { name }).boundingBox();
	expect(box!.height, String(name)).toBeGreaterThanOrEqual(44);
}

for (const width of [360, 1280]) {
	test(`the family page at ${width} px, as the office and as its teacher`, async ({
		page,
		state
	}) => {
		test.setTimeout(90_000);
		await page.setViewportSize({ width, height: 800 });
		const office = state.demo.staff.find((s) => s.role === 'admin')!;
		const jeroen = state.demo.staff.find((s) => s.email.startsWith('jeroen'))!;

		await signIn(page, office.email, office.password);
		const hassan = await familyId(page, 'Hassan', 'Abdi Hassan');
		const haddad = await familyId(page, 'Haddad', 'Omar Haddad');
		await page.goto(`/staff/families/${hassan}`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Abdi Hassan, Ayaan Hassan');
		// On a phone the first screen is the answer and how to reach the parents.
		const sections = page.getByRole('heading', { level: 2 });
		await expect(sections.nth(0)).toHaveText(/^Antwoord voor /);
		await expect(sections.nth(1)).toHaveText('Contact met de ouders');
		const call = page.getByRole('link', { name: 'Bel Fadumo Hassan: 0699900011' });
		await expect(call).toHaveAttribute('href', 'tel:0699900011');
		await expect(
			page.getByRole('link', { name: 'Mail Fadumo Hassan: fadumo.hassan@example.com' })
		).toHaveAttribute('href', 'mailto:fadumo.hassan@example.com');
		await expect(
			page.getByRole('definition').filter({ hasText: 'Somalisch (Soomaali)' })
		).toHaveCount(2);
		await expect(page.getByText('Abdi Hassan, groep 3B')).toBeVisible();
		await expect(
			page.getByRole('link', { name: 'Alle berichten over dit gezin in het postvak' })
		).toHaveAttribute('href', `/staff/mailbox?family=${hassan}`);
		await tappable(page, 'Bel Fadumo Hassan: 0699900011');
		await tappable(page, 'Mail Fadumo Hassan: fadumo.hassan@example.com');
		await expectAccessible(page);
		await expectNoSidewaysScroll(page);

		await page.context().clearCookies();
		await signIn(page, jeroen.email, jeroen.password);
		await page.goto(`/staff/families/${hassan}`);
		await expect(call).toHaveAttribute('href', 'tel:0699900011');
		// The Mailbox is the office's: the teacher is not sent to a page he cannot open.
		await expect(
			page.getByRole('link', { name: 'Alle berichten over dit gezin in het postvak' })
		).toHaveCount(0);
		await expectAccessible(page);
		await expectNoSidewaysScroll(page);
		if (width === 360) {
			// The teacher books for the family after a phone call; the history names him.
			await page
				.getByRole('radio', { name: /\d{2}:\d{2}–\d{2}:\d{2}, / })
				.last()
				.check();
			await page.getByRole('radio', { name: 'Op school' }).check();
			await page.getByRole('button', { name: 'Afspraak opslaan' }).click();
			await expect(page).toHaveURL(/\/staff\/families\?done=booked/);
			await page.goto(`/staff/families/${hassan}`);
			await expect(
				page.getByRole('listitem').filter({ hasText: 'Afspraak gemaakt' })
			).toContainText('door Jeroen Bos, Op school');
			await expectAccessible(page);
			await expectNoSidewaysScroll(page);
		}
		// Another teacher's family: not found, and not a word of it.
		const other = await page.goto(`/staff/families/${haddad}`);
		expect(other?.status()).toBe(404);
		await expect(page.locator('main')).not.toContainText('Haddad');
		await expect(page.locator('main')).not.toContainText('0633344455');
	});
}
