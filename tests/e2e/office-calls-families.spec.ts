import type { Locator, Page } from '@playwright/test';
import { expect, expectAccessible, expectNoSidewaysScroll, signIn, test } from './fixtures';
import { expectTapTargets } from './tap-targets';

/**
 * The office works through the families who have not answered, on a phone with JavaScript off:
 * from the home page's figure to the list, a call that nobody answers, a second that ends with
 * "will choose a time", both in the family's page. The Popescu family is the one: the families
 * table spec keeps it unanswered and nobody else records tries for it; the notes carry this run's
 * own mark, so a second run on the same server finds its own.
 */

const list = (page: Page) => page.getByRole('list', { name: 'Gezinnen zonder antwoord' });
/** A family's card: the list item with its heading (the cards' inner lists have none). */
const card = (page: Page, child: RegExp) =>
	list(page)
		.getByRole('listitem')
		.filter({ has: page.getByRole('heading', { level: 2, name: child }) });
const urgencies = (page: Page) =>
	list(page).locator(':scope > li .badges .badge:first-child').allTextContents();

async function recordTry(page: Page, family: Locator, outcome: string, note: string) {
	await family.getByText('Poging vastleggen').click();
	// The phone is chosen already: one tap for what came of it, one to save.
	await expect(family.getByRole('radio', { name: 'Gebeld' })).toBeChecked();
	await family.getByRole('radio', { name: outcome }).check();
	await family.getByLabel('Notitie (niet verplicht)').fill(note);
	await family.getByRole('button', { name: 'Opslaan' }).click();
	await expect(page.getByRole('status')).toHaveText('De poging is opgeslagen.');
}

test('the office calls a family from the list of families without an answer, on a phone without JavaScript', async ({
	browser,
	page: checker,
	state
}) => {
	// Axe runs three times on pages of a dozen forms: more than the default on a busy machine.
	test.setTimeout(180_000);
	const context = await browser.newContext({
		baseURL: state.url,
		javaScriptEnabled: false,
		viewport: { width: 360, height: 800 }
	});
	const page = await context.newPage();
	const office = state.demo.staff.find((s) => s.title === 'office')!;
	const mark = `run-${Date.now().toString(36)}`;
	await signIn(page, office.email, office.password);
	// Axe and the layout checks run scripts: a second page, with them, looks at what the first shows.
	await checker.setViewportSize({ width: 360, height: 800 });
	await signIn(checker, office.email, office.password);
	const check = async () => {
		await checker.goto(page.url());
		await expectAccessible(checker);
		await expectNoSidewaysScroll(checker);
		await expectTapTargets(checker);
	};
	await page
		.getByRole('region', { name: 'Huisbezoeken (demo)' })
		.getByRole('link', { name: /^\d+ Nog geen antwoord$/ })
		.click();
	await expect(page).toHaveURL(/\/staff\/not-answered\?round=[0-9a-f-]{36}$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gezinnen zonder antwoord');
	await expect(page.getByText(/^\d+ gezinnen zonder antwoord$/)).toBeVisible();
	await check();

	const popescu = card(page, /Ana Popescu/);
	await expect(popescu).toHaveCount(1);
	await expect(popescu.getByText('Taal: Roemeens')).toBeVisible();
	await recordTry(page, popescu, 'Geen gehoor', `${mark} voicemail`);
	await expect(popescu).toContainText('poging. Laatste: ');
	await expect(popescu).toContainText(`Gebeld, Geen gehoor (${office.name})`);
	await expect(popescu.locator('.badge').first()).not.toHaveText('Zegt zelf te kiezen');

	await recordTry(page, popescu, 'Kiest zelf een tijd', `${mark} kiest vanavond`);
	await expect(popescu.locator('.badge').first()).toHaveText('Zegt zelf te kiezen');
	// "Will choose" goes to the end: every family after it said the same, one before it did not.
	const order = await urgencies(page);
	const names = await list(page).locator(':scope > li h2').allTextContents();
	const at = names.findIndex((n) => n.includes('Ana Popescu'));
	expect(order.slice(at).every((u) => u === 'Zegt zelf te kiezen')).toBe(true);
	expect(order.slice(0, at).some((u) => u !== 'Zegt zelf te kiezen')).toBe(true);

	// Both tries in the family's own history, newest first, with who and the notes.
	await popescu.getByRole('heading', { level: 2 }).getByRole('link').click();
	const history = page.getByRole('region', { name: 'Pogingen om het gezin te bereiken' });
	const entries = history.getByRole('listitem').filter({ hasText: mark });
	await expect(entries).toHaveCount(2);
	await expect(entries.nth(0)).toContainText('Gebeld: Kiest zelf een tijd');
	await expect(entries.nth(0)).toContainText(`door ${office.name}`);
	await expect(entries.nth(0)).toContainText(`${mark} kiest vanavond`);
	await expect(entries.nth(1)).toContainText('Gebeld: Geen gehoor');
	await check();

	// A note longer than the field allows (sent past the browser's limit) is refused with a
	// message, the form comes back as filled in, and nothing is saved.
	const tries = checker.getByRole('region', { name: 'Pogingen om het gezin te bereiken' });
	await tries.getByText('Poging vastleggen').click();
	await tries.getByRole('radio', { name: 'Bij het hek' }).check();
	await tries.getByRole('radio', { name: 'Geen gehoor' }).check();
	const note = tries.getByLabel('Notitie (niet verplicht)');
	await note.evaluate((el) => el.removeAttribute('maxlength'));
	await note.fill(`${mark} ${'x'.repeat(500)}`);
	await tries.getByRole('button', { name: 'Opslaan' }).click();
	await expect(checker.getByText('De notitie is te lang: hooguit 500 tekens.')).toBeVisible();
	await expect(tries.getByRole('radio', { name: 'Bij het hek' })).toBeChecked();
	await expect(tries.getByRole('listitem').filter({ hasText: mark })).toHaveCount(2);
	await expectAccessible(checker);
	await context.close();
});

test('a teacher sees only the families she visits, and cannot record a try for another', async ({
	page,
	state
}) => {
	test.setTimeout(90_000);
	await page.setViewportSize({ width: 360, height: 800 });
	const office = state.demo.staff.find((s) => s.title === 'office')!;
	const jeroen = state.demo.staff.find((s) => s.email.startsWith('jeroen'))!;
	await signIn(page, office.email, office.password);
	await page.goto('/staff');
	await page
		.getByRole('region', { name: 'Huisbezoeken (demo)' })
		.getByRole('link', { name: /^\d+ Nog geen antwoord$/ })
		.click();
	const roundId = new URL(page.url()).searchParams.get('round')!;
	const popescuHref = await card(page, /Ana Popescu/)
		.getByRole('heading', { level: 2 })
		.getByRole('link')
		.getAttribute('href');
	const popescuId = popescuHref!.split('/').pop()!;

	await page.context().clearCookies();
	await signIn(page, jeroen.email, jeroen.password);
	await page
		.getByRole('region', { name: 'Uw gezinnen in Huisbezoeken (demo)' })
		.getByRole('link', { name: /^\d+ Nog geen antwoord$/ })
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gezinnen zonder antwoord');
	const headings = (await list(page).locator(':scope > li h2').allTextContents()).map((h) =>
		h.replace(/ \([^)]*\)/g, '').trim()
	);
	expect(headings.length).toBeGreaterThan(0);
	const teacherOf = (children: string) =>
		state.demo.families.find((f) => f.name === children)?.teacher;
	for (const children of headings) expect(teacherOf(children), children).toBe('Jeroen Bos');
	await expect(card(page, /Ana Popescu/)).toHaveCount(0);
	await expectAccessible(page);
	await expectNoSidewaysScroll(page);

	// A try for Anouk's family, sent by hand: as unknown as a family that does not exist.
	const response = await page.request.post(`/staff/not-answered?/attempt&round=${roundId}`, {
		form: { familyId: popescuId, channel: 'phone', outcome: 'no_answer', note: '' },
		headers: { origin: new URL(state.url).origin }
	});
	expect(response.status()).toBe(404);
});
