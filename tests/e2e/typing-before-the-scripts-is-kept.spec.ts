import { expect, holdBackScripts, signIn, test } from './fixtures';

/**
 * The office on a slow connection: a form is on screen long before the page's scripts, and what
 * is typed meanwhile must still be there, and be saved, once they have run. A field drawn with
 * `value=` is set again when the scripts take over the page, and loses it; `defaultValue` keeps it.
 */
test('a translation typed before the page has its scripts is kept and saved', async ({
	page,
	state
}) => {
	const office = state.demo.staff.find((s) => s.role === 'admin')!;
	await signIn(page, office.email, office.password);
	await holdBackScripts(page);
	await page.goto('/staff/school/words?lang=tr', { waitUntil: 'commit' });
	const field = page
		.locator('.field')
		.filter({ has: page.locator('p[lang="nl"]', { hasText: /^Hobby’s en sport$/ }) })
		.locator('input[name="text"], textarea[name="text"]');
	await field.fill('Hobiler ve spor');
	await page.waitForLoadState('networkidle');
	await expect(field).toHaveValue('Hobiler ve spor');
	await page.getByRole('button', { name: 'Vertalingen opslaan' }).click();
	await expect(page.getByRole('status')).toHaveText('De vertalingen zijn opgeslagen.');
	await expect(field).toHaveValue('Hobiler ve spor');

	// Typed and not saved, then another language shown: its fields are its own, empty here (kept
	// typing must not carry text over into the next language's fields).
	await field.fill('Hobiler');
	await page.getByLabel('Vertalen in').selectOption('pl');
	await page.getByRole('button', { name: 'Toon' }).click();
	await expect(page).toHaveURL(/lang=pl/);
	await expect(field).toHaveAttribute('lang', 'pl');
	await expect(field).toHaveValue('');
});

test('an interpreter filled in before the page has its scripts is added as filled in', async ({
	page,
	state
}) => {
	const office = state.demo.staff.find((s) => s.role === 'admin')!;
	await signIn(page, office.email, office.password);
	await holdBackScripts(page);
	await page.goto('/staff/interpreters/people', { waitUntil: 'commit' });
	const add = page.locator('form[action="?/add"]');
	const name = `Tolk ${Date.now()}`;
	// Not the form's defaults: a service, not a volunteer; a language ticked.
	await add.getByLabel('Naam').fill(name);
	await add.getByLabel('Tolkendienst').check();
	await add.getByLabel('Turks').check();
	await add.getByLabel('Telefoon').fill('020 555 0101');
	await page.waitForLoadState('networkidle');
	await expect(add.getByLabel('Naam')).toHaveValue(name);
	await expect(add.getByLabel('Tolkendienst')).toBeChecked();
	await expect(add.getByLabel('Turks')).toBeChecked();
	await expect(add.getByLabel('Telefoon')).toHaveValue('020 555 0101');
	await add.getByRole('button', { name: 'Toevoegen' }).click();
	await expect(page.getByRole('status')).toHaveText('De tolk is toegevoegd.');
	const card = page.locator('form').filter({ has: page.locator(`input[value="${name}"]`) });
	await expect(card.getByLabel('Tolkendienst')).toBeChecked();
	await expect(card.getByLabel('Turks')).toBeChecked();
	await expect(card.getByLabel('Telefoon')).toHaveValue('020 555 0101');
});
