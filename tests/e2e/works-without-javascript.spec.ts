import { expect, signIn, test } from './fixtures';

test.use({ javaScriptEnabled: false });

test('with JavaScript off, a teacher signs in, switches to English and signs out', async ({
	page,
	state
}) => {
	const teacher = state.demo.staff.find((s) => s.role === 'teacher')!;
	await signIn(page, teacher.email, teacher.password);
	await expect(page).toHaveURL(/\/staff$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Welkom, ${teacher.name}`);

	await page.getByLabel('Taal').selectOption('en');
	await page.getByRole('button', { name: 'Kies taal' }).click();
	await expect(page).toHaveURL(/\/staff$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Welcome, ${teacher.name}`);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');

	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page).toHaveURL(/\/sign-in$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
});

test('with JavaScript off, a family link opens the family page', async ({ page, state }) => {
	// A family reading Dutch: the others get their page in their own language.
	const family = state.demo.families.find((f) => f.language === 'nl' && f.teacher)!;
	await page.goto(new URL(new URL(family.url).pathname, state.url).toString());
	// Open or already booked by another spec on the shared demo: the family's page either way.
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Uw (huisbezoek|afspraak)$/);
	await expect(page.getByText(family.teacher!)).toBeVisible();
});
