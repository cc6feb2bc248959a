import { atBothWidths, expect, expectAccessible, signIn, test } from './fixtures';

/**
 * The demo's finished round, as the demo loaded it (no other spec books there): on Monday
 * 14 September Jeroen Bos visited the El Amrani family with an interpreter the office arranged
 * from a service, by phone, and the Yılmaz family, who brought their own; Fatma Demir's Somali
 * request was never arranged. The office reads what came of the round's requests. Read-only:
 * nothing here changes what other specs see.
 */
const monday = 'maandag 14 september 2026';

test('teachers see who interprets in their week and on their day sheet', async ({
	page,
	state
}) => {
	test.setTimeout(180_000);
	const jeroen = state.demo.staff.find((s) => s.email.startsWith('jeroen'))!;
	const fatma = state.demo.staff.find((s) => s.email.startsWith('fatma'))!;
	const week = page.getByRole('region', { name: monday });

	await signIn(page, jeroen.email, jeroen.password);
	await atBothWidths(page, async () => {
		await page.goto('/staff/slots?week=2026-09-14');
		const arranged = week.getByRole('listitem').filter({ hasText: '16:30–17:15' });
		await expect(arranged).toContainText(
			'Tolk: Arabisch — يوسف المنصوري, Tolkcentrum Nederland (tolkendienst), via de telefoon'
		);
		await expect(arranged.getByRole('link', { name: '088 123 4500' })).toHaveAttribute(
			'href',
			'tel:0881234500'
		);
		await expect(week.getByRole('listitem').filter({ hasText: '17:30–18:15' })).toContainText(
			'Het gezin neemt zelf iemand mee om te tolken: Turks'
		);
	});

	await page.getByRole('link', { name: `Dagoverzicht ${monday}` }).click();
	const visits = page.locator('ol.visits > li');
	await atBothWidths(page, async () => {
		await expect(visits.nth(1)).toContainText(
			'Tolk: Arabisch — يوسف المنصوري, Tolkcentrum Nederland (tolkendienst), via de telefoon'
		);
		await expect(visits.nth(2)).toContainText(
			'Het gezin neemt zelf iemand mee om te tolken: Turks'
		);
	});
	// On paper the phone number is plain text beside the interpreter.
	await page.emulateMedia({ media: 'print' });
	await expect(visits.nth(1).getByText('088 123 4500')).toBeVisible();
	await page.emulateMedia({ media: 'screen' });

	await page.context().clearCookies();
	await signIn(page, fatma.email, fatma.password);
	await page.goto('/staff/slots?week=2026-09-14');
	await expect(week.getByRole('listitem').filter({ hasText: '17:30–18:15' })).toContainText(
		'Tolk: Somalisch — nog te regelen (administratie)'
	);
	await expectAccessible(page);

	// The office's evaluation of that round: what came of the requests.
	const office = state.demo.staff.find((s) => s.title === 'office')!;
	await page.context().clearCookies();
	await signIn(page, office.email, office.password);
	await page.goto('/staff/rounds');
	await page.getByRole('link', { name: 'Kennismakingsbezoeken september (demo)' }).click();
	await page.getByRole('link', { name: 'Evaluatie van deze ronde' }).click();
	const interpreting = page
		.getByRole('table')
		.filter({ has: page.getByRole('columnheader', { name: 'Wie tolkte' }) });
	for (const [row, count] of [
		['Een collega', '0'],
		['Een vrijwilliger', '1'],
		['Een tolkendienst', '2'],
		['Gevraagd, niet geregeld', '2'],
		['Het gezin nam zelf iemand mee', '2']
	] as const)
		await expect(
			interpreting.getByRole('row', { name: new RegExp(`^${row}`) }).getByRole('cell')
		).toHaveText([count]);
	await atBothWidths(page, async () => {
		await expect(interpreting).toBeVisible();
	});
});
