import { expect, expectAccessible, expectNoSidewaysScroll, signIn, test } from './fixtures';

for (const width of [360, 1280]) {
	test.describe(`at ${width} px`, () => {
		test.use({ viewport: { width, height: 800 } });

		test('public pages pass axe', async ({ page, state }) => {
			for (const path of [
				'/',
				'/sign-in',
				'/setup/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
				'/does-not-exist'
			]) {
				await page.goto(path);
				await expectAccessible(page);
				await expectNoSidewaysScroll(page);
			}
			await page.goto(new URL(new URL(state.demo.families[0]!.url).pathname, state.url).toString());
			await expectAccessible(page);
			await expectNoSidewaysScroll(page);
		});

		test('sign-in errors pass axe and point at their fields', async ({ page }) => {
			await page.goto('/sign-in');
			await page.getByRole('button', { name: 'Inloggen' }).click();
			await expect(page.getByLabel('E-mailadres')).toHaveAttribute('aria-invalid', 'true');
			await expect(page.getByLabel('E-mailadres')).toHaveAccessibleDescription(
				'Vul uw e-mailadres in.'
			);
			await expectAccessible(page);
		});

		test('staff dashboards pass axe, for a teacher and for an admin, in Dutch and English', async ({
			page,
			state
		}) => {
			for (const role of ['teacher', 'admin'] as const) {
				const person = state.demo.staff.find((s) => s.role === role)!;
				await page.context().clearCookies();
				await signIn(page, person.email, person.password);
				await expect(page).toHaveURL(/\/staff$/);
				await expectAccessible(page);
				await expectNoSidewaysScroll(page);
			}
			await page.getByLabel('Taal').selectOption('en');
			await page.getByRole('button', { name: 'Kies taal' }).click();
			await expect(page.locator('html')).toHaveAttribute('lang', 'en');
			await expectAccessible(page);
		});
	});
}

test('the skip link moves the keyboard to the content', async ({ page }) => {
	await page.goto('/sign-in');
	await page.keyboard.press('Tab');
	await expect(page.getByRole('link', { name: 'Naar de inhoud' })).toBeFocused();
	await page.keyboard.press('Enter');
	await page.keyboard.press('Tab');
	await expect(page.getByLabel('E-mailadres')).toBeFocused();
});
