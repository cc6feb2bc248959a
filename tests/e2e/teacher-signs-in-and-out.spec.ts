import { expect, holdBackScripts, signIn, submitSignIn, test } from './fixtures';

test('a teacher signs in, sees her groups, and signs out for good', async ({
	page,
	context,
	state
}) => {
	const teacher = state.demo.staff.find((s) => s.role === 'teacher')!;
	await signIn(page, teacher.email, teacher.password);

	await expect(page).toHaveURL(/\/staff$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Welkom, ${teacher.name}`);
	await expect(page.getByRole('heading', { name: 'Mijn groepen' })).toBeVisible();
	await expect(page.getByText(/Groep 1A: \d+ leerlingen/)).toBeVisible();
	await expect(page.getByText('Huisbezoeken (demo)')).toBeVisible();

	const cookies = await context.cookies();
	const session = cookies.find((c) => c.name === '__Host-session')!;
	expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
	expect(session.expires).toBeGreaterThan(Date.now() / 1000);

	await page.getByRole('button', { name: 'Uitloggen' }).click();
	await expect(page).toHaveURL(/\/sign-in$/);
	expect((await context.cookies()).find((c) => c.name === '__Host-session')).toBeUndefined();

	// The old cookie, put back by hand, opens nothing.
	await context.addCookies([session]);
	await page.goto('/staff');
	await expect(page).toHaveURL(/\/sign-in\?next=%2Fstaff$/);
});

test('a wrong password and an unknown address get the same message', async ({ page, state }) => {
	const teacher = state.demo.staff.find((s) => s.role === 'teacher')!;
	await submitSignIn(page, teacher.email, 'not my password');
	const first = await page.getByRole('alert').textContent();
	await submitSignIn(page, 'onbekend@spitsbergen.example', 'not my password');
	await expect(page.getByRole('alert')).toHaveText(first!);
	expect(first).toBe('Het e-mailadres of het wachtwoord klopt niet.');
	// The address stays filled in, the password does not.
	await expect(page.getByLabel('E-mailadres')).toHaveValue('onbekend@spitsbergen.example');
	await expect(page.getByLabel('Wachtwoord')).toHaveValue('');
});

test('an admin goes back to the page she asked for and sees the team', async ({ page, state }) => {
	const admin = state.demo.staff.find((s) => s.role === 'admin')!;
	await page.goto('/staff');
	await expect(page).toHaveURL(/\/sign-in\?next=%2Fstaff$/);
	await page.getByLabel('E-mailadres').fill(admin.email);
	await page.getByLabel('Wachtwoord').fill(admin.password);
	await page.getByRole('button', { name: 'Inloggen' }).click();
	await expect(page).toHaveURL(/\/staff$/);
	await page.getByRole('link', { name: 'Medewerkers beheren' }).click();
	const team = page.getByRole('table');
	await expect(team).toBeVisible();
	// Other tests may invite colleagues meanwhile: every demo colleague is listed, at least.
	for (const person of state.demo.staff)
		await expect(team.getByRole('cell', { name: person.email })).toBeVisible();
});

test('what a teacher types before the page has loaded its JavaScript is kept', async ({
	page,
	state
}) => {
	// A phone on a slow network: the form is there long before the scripts are.
	await holdBackScripts(page);
	const teacher = state.demo.staff.find((s) => s.role === 'teacher')!;
	await page.goto('/sign-in', { waitUntil: 'commit' });
	await page.getByLabel('E-mailadres').fill(teacher.email);
	await page.getByLabel('Wachtwoord').fill(teacher.password);
	await page.waitForLoadState('networkidle');
	await expect(page.getByLabel('E-mailadres')).toHaveValue(teacher.email);
	await page.getByRole('button', { name: 'Inloggen' }).click();
	await expect(page).toHaveURL(/\/staff$/);
});
