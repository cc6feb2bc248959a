import type { Locator, Page } from '@playwright/test';
import { expect, holdBackScripts, signIn, test } from './fixtures';
import type { TargetState } from './targets';

/**
 * The office on a slow connection: a form is on screen long before the page's scripts, and what
 * is typed meanwhile must still be there, and be saved, once they have run. A field drawn with
 * `value=` is set again when the scripts take over the page, and loses it; `defaultValue` keeps it.
 */

/** Opens a page as the office, its HTML at once and its scripts 1.5 s later. */
async function openAsOffice(page: Page, state: TargetState, path: string) {
	const office = state.demo.staff.find((s) => s.role === 'admin')!;
	await signIn(page, office.email, office.password);
	await holdBackScripts(page);
	await page.goto(path, { waitUntil: 'commit' });
}
/**
 * Jeroen, a teacher, on a phone: a page reached from a list (its link picked by `link`), its
 * HTML at once and its scripts 1.5 s later.
 */
async function openAsTeacher(
	page: Page,
	state: TargetState,
	list: string,
	link: (page: Page) => Locator
) {
	await page.setViewportSize({ width: 360, height: 800 });
	const jeroen = state.demo.staff.find((s) => s.email.startsWith('jeroen'))!;
	await signIn(page, jeroen.email, jeroen.password);
	await page.goto(list);
	const href = await link(page).getAttribute('href');
	await holdBackScripts(page);
	await page.goto(href!, { waitUntil: 'commit' });
}

test('a translation typed before the page has its scripts is kept and saved', async ({
	page,
	state
}) => {
	await openAsOffice(page, state, '/staff/school/words?lang=tr');
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
	await openAsOffice(page, state, '/staff/interpreters/people');
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

test('what a teacher ticks in a visit report before the page has its scripts stays ticked', async ({
	page,
	state
}) => {
	// Any of her visits will do, with a report or without (another test writes one): nothing is
	// saved here, and each choice below is the other one than the page starts with.
	await openAsTeacher(page, state, '/staff/reports?show=all', (page) =>
		page.getByRole('listitem').getByRole('link').first()
	);
	const held = page.getByRole('group', { name: 'Is het bezoek doorgegaan?' });
	const answer = (await held.getByLabel('Ja').isChecked()) ? 'Nee' : 'Ja';
	const child = page.getByLabel('Het kind zelf');
	const childThere = !(await child.isChecked());
	const interpreter = page.getByLabel('Tolk', { exact: true });
	const kind = (await interpreter.inputValue()) === 'staff' ? 'family' : 'staff';
	await held.getByLabel(answer).check();
	await child.setChecked(childThere);
	await interpreter.selectOption(kind);
	await page.getByLabel('Wie tolkte?').fill('Ewa Zielińska');
	await page.waitForLoadState('networkidle');
	await expect(held.getByLabel(answer)).toBeChecked();
	await expect(child).toBeChecked({ checked: childThere });
	await expect(interpreter).toHaveValue(kind);
	await expect(page.getByLabel('Wie tolkte?')).toHaveValue('Ewa Zielińska');
});

test("what a teacher ticks and types in a family's booking form before the page has its scripts stays", async ({
	page,
	state
}) => {
	// Another spec books for this family; nothing is saved here, and each choice below is one the
	// page does not start with, whatever the family answered by then.
	await openAsTeacher(page, state, '/staff/families', (page) =>
		page.getByRole('link', { name: 'Daan de Vries, Noor de Vries' })
	);
	const form = page.locator('form[action="?/book"]');
	const unticked = async (name: string) => {
		const radios = form.locator(`input[type="radio"][name="${name}"]`);
		for (let i = 0; ; i++) if (!(await radios.nth(i).isChecked())) return radios.nth(i);
	};
	const time = await unticked('slotId');
	const place = await unticked('location');
	const interpreter = await unticked('interpreter');
	await time.check();
	await place.check();
	await interpreter.check();
	await form.getByLabel('Notitie van school').fill('Moeder belde terug, liever na vijven.');
	await form.getByLabel(/^Ander adres voor het bezoek/).fill('Oudegracht 12, Utrecht');
	await page.waitForLoadState('networkidle');
	await expect(time).toBeChecked();
	await expect(place).toBeChecked();
	await expect(interpreter).toBeChecked();
	await expect(form.getByLabel('Notitie van school')).toHaveValue(
		'Moeder belde terug, liever na vijven.'
	);
	await expect(form.getByLabel(/^Ander adres voor het bezoek/)).toHaveValue(
		'Oudegracht 12, Utrecht'
	);
});

test("a contact attempt a teacher notes before the family's page has its scripts stays as noted", async ({
	page,
	state
}) => {
	// Nothing is saved: the choices below are the form's others than it starts with (a call).
	await openAsTeacher(page, state, '/staff/families', (page) =>
		page.getByRole('link', { name: 'Daan de Vries, Noor de Vries' })
	);
	const attempt = page.locator('details.attempt');
	await attempt.locator('summary').click();
	await attempt.getByLabel('Brief').check();
	await attempt.getByLabel('Kiest zelf een tijd').check();
	await attempt.getByLabel('Notitie (niet verplicht)').fill('Brief meegegeven aan Daan.');
	await page.waitForLoadState('networkidle');
	await expect(attempt.getByLabel('Brief')).toBeChecked();
	await expect(attempt.getByLabel('Kiest zelf een tijd')).toBeChecked();
	await expect(attempt.getByLabel('Notitie (niet verplicht)')).toHaveValue(
		'Brief meegegeven aan Daan.'
	);
});

test('the phone menu opened before the page has its scripts stays open', async ({
	page,
	state
}) => {
	await page.setViewportSize({ width: 360, height: 800 });
	const jeroen = state.demo.staff.find((s) => s.email.startsWith('jeroen'))!;
	await signIn(page, jeroen.email, jeroen.password);
	await holdBackScripts(page);
	await page.goto('/staff', { waitUntil: 'commit' });
	const menu = page.getByRole('navigation', { name: 'Hoofdmenu' });
	await menu.locator('summary').click();
	await page.waitForLoadState('networkidle');
	await expect(menu.locator('details')).toHaveAttribute('open', '');
	// With the scripts running, choosing a page folds it again, as a new page would.
	await menu.getByRole('link', { name: 'Gezinnen', exact: true }).click();
	await expect(page).toHaveURL(/\/staff\/families/);
	await expect(menu.locator('details')).not.toHaveAttribute('open', '');
});
