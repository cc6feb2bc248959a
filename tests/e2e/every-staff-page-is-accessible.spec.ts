import { expect, expectAccessible, expectNoSidewaysScroll, signIn, test } from './fixtures';

/** Every staff page an admin can open, on a 360 px phone and on a desktop: axe finds nothing, nothing scrolls sideways. */
const pages = [
	'/staff',
	'/staff/families',
	'/staff/slots/day?date=2026-10-21',
	'/staff/slots?week=2026-10-19',
	'/staff/slots/new',
	'/staff/roster',
	'/staff/team',
	'/staff/rounds',
	'/staff/rounds/new',
	'/staff/places',
	'/staff/reports?show=all',
	'/staff/reports/export',
	'/staff/privacy',
	'/staff/school',
	'/staff/school/words',
	'/staff/privacy?q=Yılmaz',
	'/staff/calendar',
	'/staff/mailbox'
];

for (const width of [360, 1280]) {
	test(`every staff page at ${width} px`, async ({ page, state }) => {
		// About twenty pages, each run through axe: two minutes and more on a busy machine.
		test.setTimeout(300_000);
		await page.setViewportSize({ width, height: 800 });
		const admin = state.demo.staff.find((s) => s.role === 'admin')!;
		await signIn(page, admin.email, admin.password);
		for (const path of pages) {
			const response = await page.goto(path);
			expect(response?.status(), path).toBe(200);
			await expectAccessible(page);
			await expectNoSidewaysScroll(page);
		}
		// Pages reached from lists: a person, a family, a round, a slot.
		await page.goto('/staff/team');
		await page.getByRole('table').getByRole('link').first().click();
		await expectAccessible(page);
		await expectNoSidewaysScroll(page);
		await page.goto('/staff/families');
		await page.locator('tbody').getByRole('link').first().click();
		await expectAccessible(page);
		await expectNoSidewaysScroll(page);
		await page.goto('/staff/rounds');
		await page.getByRole('link', { name: 'Huisbezoeken (demo)' }).click();
		await expectAccessible(page);
		await expectNoSidewaysScroll(page);
		await page.getByRole('link', { name: 'Evaluatie van deze ronde' }).click();
		await expectAccessible(page);
		await expectNoSidewaysScroll(page);
		await page.goto('/staff/privacy?q=Yılmaz');
		await page.getByRole('link', { name: /Emre Yılmaz/ }).click();
		await expectAccessible(page);
		await expectNoSidewaysScroll(page);
	});
}
