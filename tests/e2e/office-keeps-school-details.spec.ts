import { expect, expectAccessible, expectNoSidewaysScroll, signIn, test } from './fixtures';
import { menuLink } from './menu';

test("the office sets where parents' replies go, on a phone, and a wrong address is refused", async ({
	page,
	state
}) => {
	await page.setViewportSize({ width: 360, height: 800 });
	const admin = state.demo.staff.find((s) => s.role === 'admin')!;
	await signIn(page, admin.email, admin.password);
	await (await menuLink(page, 'School')).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gegevens van de school');
	await expect(page.getByLabel('Naam van de school')).toHaveValue('obs De Spitsbergen (demo)');
	await expectAccessible(page);
	await expectNoSidewaysScroll(page);

	await page.getByLabel('Antwoorden gaan naar (e-mailadres)').fill('kantoor bij spitsbergen');
	await page.getByRole('button', { name: 'Gegevens opslaan' }).click();
	await expect(page.getByRole('alert')).toHaveText(
		'Niet opgeslagen. Kijk de velden met een melding na.'
	);
	await expect(page.getByLabel('Antwoorden gaan naar (e-mailadres)')).toHaveAccessibleDescription(
		/Dit is geen geldig e-mailadres\./
	);
	await expectAccessible(page);

	await page.getByLabel('Antwoorden gaan naar (e-mailadres)').fill('Kantoor@Spitsbergen.example');
	await page.getByRole('button', { name: 'Gegevens opslaan' }).click();
	await expect(page.getByRole('status')).toHaveText('De gegevens van de school zijn opgeslagen.');
	await page.reload();
	await expect(page.getByLabel('Antwoorden gaan naar (e-mailadres)')).toHaveValue(
		'kantoor@spitsbergen.example'
	);
	await expect(page.getByLabel(/namen van de kinderen en het adres/)).not.toBeChecked();
});
