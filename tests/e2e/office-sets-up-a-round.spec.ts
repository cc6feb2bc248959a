import { expect, expectAccessible, expectNoSidewaysScroll, signIn, test } from './fixtures';

test('the office sets up a visit round with talking points, and a neutral place', async ({
	page,
	state
}, testInfo) => {
	// Four axe runs on a busy two-core CI machine took longer than the default 30 s.
	test.slow();
	// A retry must not add a second place of the same name: the heading below would be ambiguous.
	const placeName = `Buurthuis De Meeuw${testInfo.retry ? ` ${testInfo.retry + 1}` : ''}`;
	await page.setViewportSize({ width: 360, height: 800 });
	const admin = state.demo.staff.find((s) => s.role === 'admin')!;
	await signIn(page, admin.email, admin.password);

	await page.goto('/staff/rounds');
	await expect(page.getByRole('link', { name: 'Huisbezoeken (demo)' })).toBeVisible();
	await page.getByRole('link', { name: 'Nieuwe bezoekronde' }).click();
	await expectAccessible(page);
	await expectNoSidewaysScroll(page);
	await expect(page.getByLabel('Groep 1A', { exact: true })).toBeChecked();
	await expect(page.getByLabel('Groep 7A', { exact: true })).not.toBeChecked();
	await expect(page.getByLabel('Onderwerpen voor groep 2T')).toHaveValue(/taalleerkracht/);

	await page.getByLabel('Naam').fill('Huisbezoeken voorjaar 2027');
	await page.getByLabel('Eerste bezoekdag').fill('2027-03-15');
	await page.getByLabel('Laatste bezoekdag').fill('2027-02-01');
	await page.getByRole('button', { name: 'Opslaan' }).click();
	await expect(page.getByRole('alert')).toHaveText('De laatste bezoekdag ligt vóór de eerste.');
	await expect(page.getByLabel('Naam')).toHaveValue('Huisbezoeken voorjaar 2027');

	await page.getByLabel('Laatste bezoekdag').fill('2027-04-02');
	await page.getByLabel('Vanaf', { exact: true }).fill('2027-02-15');
	await page.getByLabel('Tot', { exact: true }).fill('2027-03-30');
	await page.getByLabel('Onderwerpen voor groep 1A').fill('Kennismaken\nSpelen buiten');
	await page.getByRole('button', { name: 'Opslaan' }).click();
	await expect(page.getByRole('status')).toHaveText('De bezoekronde is opgeslagen.');
	// The round's page puts the mail to families first and folds the groups' talking points.
	const headings = await page.getByRole('heading', { level: 2 }).allTextContents();
	expect(headings.indexOf('E-mail aan de gezinnen')).toBeGreaterThanOrEqual(0);
	expect(headings.indexOf('E-mail aan de gezinnen')).toBeLessThan(
		headings.indexOf('Instellingen van de ronde')
	);
	await expect(page.getByLabel('Onderwerpen voor groep 1A')).toBeHidden();
	await page.getByText('Groepen en gespreksonderwerpen').click();
	await expect(page.getByLabel('Onderwerpen voor groep 1A')).toHaveValue(
		'Kennismaken\nSpelen buiten'
	);
	await expectAccessible(page);

	await page.goto('/staff/places');
	await expectAccessible(page);
	await page.getByLabel('Naam').last().fill(placeName);
	await page.getByLabel('Adres').last().fill('Meeuwenlaan 1, Amsterdam');
	await page
		.getByLabel('Toegankelijkheid en openingstijden')
		.last()
		.fill('Rolstoeltoegankelijk. Di en do tot 21 uur.');
	await page.getByRole('button', { name: 'Toevoegen' }).click();
	await expect(page.getByRole('status')).toHaveText('De plek is toegevoegd.');
	await expect(page.getByRole('heading', { name: placeName })).toBeVisible();
	await expectNoSidewaysScroll(page);

	// The office decides that Lisa Mulder visits the Tesfay family (no other spec books for it).
	await page.goto('/staff/families');
	await page.getByRole('link', { name: 'Aman Tesfay' }).click();
	await page.getByLabel('Leerkracht die op bezoek gaat').selectOption({ label: 'Lisa Mulder' });
	await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
	await expect(page.getByRole('status')).toHaveText(
		'Opgeslagen: een andere leerkracht bezoekt dit gezin. Een bestaande afspraak blijft staan.'
	);
	await expect(page.getByLabel('Leerkracht die op bezoek gaat')).toHaveValue(/.+/);
	await expectAccessible(page);
	await expectNoSidewaysScroll(page);
});
