import type { Page } from '@playwright/test';
import { expect, expectAccessible, expectNoSidewaysScroll, signIn, test } from './fixtures';
import type { TargetState } from './targets';

/**
 * Parents who read Farsi or Tigrinya get their pages in their own script on a 360 px phone:
 * Farsi right to left, Tigrinya's Ethiopic drawn as letters, not as boxes. The school's own
 * words come in the parent's language once the office translates them, and stay marked as Dutch
 * until then. The Ahmadi family reads Farsi, the Tesfay family Tigrinya; neither books here.
 */
// Pages with axe, screenshots and two people: over 30 s each on a loaded CI machine.
test.describe.configure({ timeout: 90_000 });

const pathOf = (state: TargetState, surname: string) =>
	new URL(state.demo.families.find((f) => f.name.includes(surname))!.url).pathname;

/** A picture of the page for the record: a file in the test's output, attached to the report. */
async function keep(page: Page, name: string) {
	const path = test.info().outputPath(`${name.replace(/\W+/g, '-')}.png`);
	await page.screenshot({ fullPage: true, path });
	await test.info().attach(name, { path, contentType: 'image/png' });
}

/**
 * Whether the page's font draws Ethiopic letters: a letter and an unassigned code point of the
 * Ethiopic block (U+1249) are drawn alike, as the same empty box, when no font has the script.
 */
const drawsEthiopic = (page: Page) =>
	page.evaluate(() => {
		const draw = (text: string) => {
			const canvas = document.createElement('canvas');
			canvas.width = 64;
			canvas.height = 64;
			const context = canvas.getContext('2d')!;
			context.font = `40px ${getComputedStyle(document.body).fontFamily}`;
			context.fillText(text, 8, 48);
			return Array.from(context.getImageData(0, 0, 64, 64).data).join();
		};
		const letter = draw('ሰ');
		const blank = draw('\u1249');
		return { letter: letter !== draw(''), differs: letter !== blank };
	});

/**
 * Where each group of the school's phone number is drawn, left to right, in the page's help line.
 * In a right-to-left sentence a number's groups must keep their order: 020 123 4567, never
 * 4567 123 020 (a parent would dial the wrong number).
 */
const phoneGroupsFromLeft = (page: Page, phone: string) =>
	page.locator('.parent-help').evaluate((element, phone) => {
		const node = [...element.childNodes].find((n) => n.textContent?.includes(phone))!;
		const start = node.textContent!.indexOf(phone);
		let at = start;
		return phone.split(' ').map((group) => {
			const range = document.createRange();
			range.setStart(node, at);
			range.setEnd(node, at + group.length);
			at += group.length + 1;
			return { group, left: Math.round(range.getBoundingClientRect().left) };
		});
	}, phone);

test.describe('on a 360 px phone', () => {
	test.use({ viewport: { width: 360, height: 780 } });

	test('a family reading Farsi gets its pages right to left, with the talking points in Farsi', async ({
		page,
		state
	}) => {
		await page.goto(pathOf(state, 'Ahmadi'));
		await expect(page.locator('html')).toHaveAttribute('lang', 'fa');
		await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
		// The language picker starts with the family's own language.
		await expect(page.locator('.parent-languages button').first()).toHaveText('فارسی');
		// The language class's standard points, in the portal's Farsi.
		const points = page.locator('main li[lang="fa"]');
		await expect(points.first()).toBeVisible();
		await expect(page.locator('main li[lang="nl"]')).toHaveCount(0);
		const heading = page.getByRole('heading', { level: 1 });
		const box = (await heading.boundingBox())!;
		// Right to left: the heading hugs the right edge of the phone.
		expect(360 - (box.x + box.width)).toBeLessThan(40);
		const groups = await phoneGroupsFromLeft(page, '020 123 4567');
		expect(groups.toSorted((a, b) => a.left - b.left).map((g) => g.group)).toEqual([
			'020',
			'123',
			'4567'
		]);
		await keep(page, 'fa family page 360px');
		await expectAccessible(page);
		await expectNoSidewaysScroll(page);

		await page.goto(`${pathOf(state, 'Ahmadi')}/book?place=school`);
		await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
		// Other families book Fatma's school times while this runs: the heading, not a time.
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(/[\u0600-\u06ff]/);
		await keep(page, 'fa choose a time 360px');
		await expectAccessible(page);
		await expectNoSidewaysScroll(page);
	});

	test('a family reading Tigrinya sees Ethiopic letters, not boxes', async ({ page, state }) => {
		await page.goto(pathOf(state, 'Tesfay'));
		await expect(page.locator('html')).toHaveAttribute('lang', 'ti');
		await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(/[\u1200-\u137f]/);
		expect(await drawsEthiopic(page)).toEqual({ letter: true, differs: true });
		await keep(page, 'ti family page 360px');
		await expectAccessible(page);
		await expectNoSidewaysScroll(page);

		await page.goto(`${pathOf(state, 'Tesfay')}/book`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('ግዜ ምረጹ');
		await keep(page, 'ti choose a time 360px');
		await expectAccessible(page);
		await expectNoSidewaysScroll(page);
	});
});

test('the office translates a neutral place for Farsi readers; an untranslated one stays marked as Dutch', async ({
	page,
	browser,
	state
}) => {
	await page.setViewportSize({ width: 360, height: 800 });
	const office = state.demo.staff.find((s) => s.role === 'admin')!;
	await signIn(page, office.email, office.password);
	await page.goto('/staff/school');
	await page.getByRole('link', { name: 'Eigen teksten vertalen voor ouders' }).click();
	await page.getByLabel('Vertalen in').selectOption('fa');
	await page.getByRole('button', { name: 'Toon' }).click();
	// The group 5 point the demo school wrote itself is listed; the standard ones are not.
	await expect(page.locator('p[lang="nl"]', { hasText: 'Hobby’s en sport' })).toBeVisible();
	await expect(page.locator('p[lang="nl"]', { hasText: 'Bedtijd' })).toHaveCount(0);
	const field = page
		.locator('.field')
		.filter({ has: page.locator('p[lang="nl"]', { hasText: /^Buurthuis Het Anker$/ }) })
		.locator('input[name="text"]');
	await expect(field).toHaveAttribute('dir', 'rtl');
	await field.fill('خانهٔ محله «هت آنکر»');
	await page.getByRole('button', { name: 'Vertalingen opslaan' }).click();
	await expect(page.getByRole('status')).toHaveText('De vertalingen zijn opgeslagen.');
	await expect(field).toHaveValue('خانهٔ محله «هت آنکر»');
	await expectAccessible(page);
	await expectNoSidewaysScroll(page);

	const parent = await (
		await browser.newContext({ viewport: { width: 360, height: 780 } })
	).newPage();
	await parent.goto(`${pathOf(state, 'Ahmadi')}/book?place=neutral`);
	await expect(parent.locator('strong[lang="fa"]')).toHaveText('خانهٔ محله «هت آنکر»');
	// The library has no Farsi name yet: its Dutch, read left to right, and a line that says so.
	// Other specs add places of their own: find the library by its name.
	const library = parent.locator('strong[lang="nl"]', { hasText: 'OBA Javaplein (bibliotheek)' });
	await expect(library).toBeVisible();
	await expect(library).toHaveAttribute('dir', 'ltr');
	await expect(parent.getByText('مدرسه این را به زبان هلندی نوشته است.')).toBeVisible();
	await keep(parent, 'fa neutral places 360px');
	await expectAccessible(parent);
	await parent.context().close();
});
