import { expect, expectAccessible, expectNoSidewaysScroll, signIn, test } from './fixtures';

test('the office invites a teacher, who sets a password and gets a group', async ({
	page,
	browser,
	state
}) => {
	const admin = state.demo.staff.find((s) => s.role === 'admin')!;
	await signIn(page, admin.email, admin.password);
	await page.getByRole('link', { name: 'Medewerkers', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Medewerkers');
	await expectAccessible(page);

	await page.getByLabel('Naam').fill('Petra Vos');
	await page.getByLabel('E-mailadres').fill('petra.vos@spitsbergen.example');
	await page.getByLabel('Functie').selectOption({ label: 'Leerkracht' });
	await page.getByRole('button', { name: 'Uitnodigen' }).click();
	const link = await page.getByRole('status').locator('code').textContent();
	expect(link).toMatch(/\/setup\/[a-z2-7]{32}$/);

	// The same address twice is refused, and what was typed stays.
	await page.getByLabel('Naam').fill('Petra Vos');
	await page.getByLabel('E-mailadres').fill('petra.vos@spitsbergen.example');
	await page.getByRole('button', { name: 'Uitnodigen' }).click();
	await expect(page.getByRole('alert')).toHaveText('Dit e-mailadres heeft al een account.');

	// Petra, in her own browser.
	const petra = await browser.newPage({ baseURL: state.url, locale: 'nl-NL' });
	await petra.goto(new URL(link!).pathname);
	await petra.getByLabel('Nieuw wachtwoord').fill('petra haar eigen lange zin');
	await petra.getByLabel('Herhaal het wachtwoord').fill('petra haar eigen lange zin');
	await petra.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
	await signIn(petra, 'petra.vos@spitsbergen.example', 'petra haar eigen lange zin');
	await expect(petra.getByText('U heeft geen eigen groep.')).toBeVisible();

	// The office gives her group 7A, on a phone.
	await page.setViewportSize({ width: 360, height: 800 });
	await page.goto('/staff/team');
	await page.getByRole('link', { name: 'Petra Vos' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Petra Vos');
	await expectAccessible(page);
	await expectNoSidewaysScroll(page);
	await page.getByLabel('Groep 7A').check();
	await page.getByRole('button', { name: 'Groepen opslaan' }).click();
	await expect(page.getByRole('status')).toHaveText('De groepen zijn opgeslagen.');
	await expect(page.getByLabel('Groep 7A')).toBeChecked();

	await petra.reload();
	await expect(petra.getByText(/Groep 7A: \d+ leerlingen/)).toBeVisible();

	// Deactivated: Petra's open session ends at once.
	await page.getByRole('button', { name: 'Uitschakelen' }).click();
	await expect(page.getByRole('status')).toHaveText(
		'De medewerker is uitgeschakeld en overal uitgelogd.'
	);
	await petra.reload();
	await expect(petra).toHaveURL(/\/sign-in/);
	await petra.close();
});
