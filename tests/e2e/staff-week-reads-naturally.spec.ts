import { expect, signIn, test } from './fixtures';

test('the week view writes months as the language does: "maandag 19 oktober", not "Maandag 19 Oktober"', async ({
	page,
	state
}) => {
	const jeroen = state.demo.staff.find((s) => s.email.startsWith('jeroen'))!;
	await signIn(page, jeroen.email, jeroen.password);
	await page.goto('/staff/slots?week=2026-10-19');
	// innerText is the text as drawn, after CSS text-transform.
	const days = await page.getByRole('heading', { level: 3 }).allInnerTexts();
	expect(days.length).toBeGreaterThan(0);
	expect(days[0]).toMatch(/^[Mm]aandag 19 oktober 2026$/);
	for (const day of days) expect(day).not.toMatch(/ [A-Z][a-z]+ \d{4}$/);
});
