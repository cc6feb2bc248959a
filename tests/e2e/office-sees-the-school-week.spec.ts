import { atBothWidths, expect, signIn, test } from './fixtures';

/**
 * The office reads every teacher's visits of a week in one list, walks to another week and to one
 * day without script, and prints it; a teacher is refused. It reads the demo's finished round in
 * September (Monday 14 September: Anouk Visser, Fatma Demir and Jeroen Bos, three visits each
 * but one) and changes nothing, so other specs' families stay as they are.
 */
test('the office reads and prints the whole school’s week; a teacher may not open it', async ({
	page,
	browser,
	state
}) => {
	test.setTimeout(120_000);
	const office = state.demo.staff.find((s) => s.role === 'admin')!;
	const monday = page.locator('section').filter({
		has: page.getByRole('heading', { name: /^maandag 14 september 2026/ })
	});
	const rows = monday.locator('tbody tr');

	await signIn(page, office.email, office.password);
	await test.step('the week of 14 September: every teacher’s visits, in time order', async () => {
		await atBothWidths(page, async () => {
			await page.goto('/staff/visits?week=2026-09-14');
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Alle bezoeken');
			await expect(page.getByText(/^Week 38: .* · 14 bezoeken$/)).toBeVisible();
			await expect(rows).toHaveCount(8);
			await expect(rows.locator('th')).toHaveText([
				'15:30–16:15',
				'15:30–16:15',
				'15:30–16:15',
				'16:30–17:15',
				'16:30–17:15',
				'16:30–17:15',
				'17:30–18:15',
				'17:30–18:15'
			]);
			const first = rows.first();
			await expect(first).toContainText('Anouk Visser');
			await expect(first).toContainText('Aman Tesfay (1B)');
			await expect(first).toContainText('Op school');
			await expect(first).toContainText('Het gezin neemt zelf iemand mee om te tolken: Tigrinya');
			const elAmrani = rows.filter({ hasText: 'Yasmine' });
			await expect(elAmrani).toContainText('Jeroen Bos');
			await expect(elAmrani).toContainText('Tolkcentrum Nederland (tolkendienst), via de telefoon');
			await expect(rows.filter({ hasText: 'Hodan' })).toContainText('Fatma Demir');
			await expect(rows.filter({ hasText: 'Hodan' })).toContainText('nog te regelen');
			await expect(rows.filter({ hasText: 'Ana Popescu' })).toContainText('Thuis: Lombokstraat 44');
			await expect(
				page
					.locator('section')
					.filter({ has: page.getByRole('heading', { name: /^dinsdag 15 september/ }) })
			).toContainText('Neutrale plek: Buurthuis Het Anker');
		});
	});

	await test.step('on paper: no menu, no controls, a table, each day on a page of its own', async () => {
		await page.emulateMedia({ media: 'print' });
		await expect(page.getByRole('navigation', { name: 'Hoofdmenu' })).toBeHidden();
		await expect(page.getByRole('button', { name: 'Toon' })).toBeHidden();
		await expect(page.getByRole('link', { name: /Volgende week/ })).toBeHidden();
		await expect(monday.locator('thead')).toBeVisible();
		const breaks = await page
			.locator('section.visits-day')
			.evaluateAll((days) => days.map((d) => getComputedStyle(d).breakBefore));
		expect(breaks).toEqual(['auto', 'page', 'page']);
		await page.emulateMedia({ media: 'screen' });
	});

	await test.step('without script: the next week by its link, one day by the form', async () => {
		const context = await browser.newContext({ baseURL: state.url, javaScriptEnabled: false });
		await context.addCookies(await page.context().cookies());
		const plain = await context.newPage();
		await plain.goto('/staff/visits?week=2026-09-14');
		await plain.getByRole('link', { name: /Volgende week/ }).click();
		await expect(plain).toHaveURL(/week=2026-09-21/);
		await expect(plain.getByText('Deze week zijn er geen bezoeken gepland.')).toBeVisible();
		await plain.getByLabel('Datum').fill('2026-09-16');
		await plain.getByLabel('Periode').selectOption({ label: 'Dag' });
		await plain.getByRole('button', { name: 'Toon' }).click();
		await expect(plain).toHaveURL(/date=2026-09-16&view=day/);
		await expect(plain.locator('tbody tr')).toHaveCount(1);
		await expect(plain.locator('tbody tr')).toContainText(
			'Nadia Bennani (vrijwilliger), aanwezig bij het gesprek'
		);
		await context.close();
	});

	await test.step('a teacher is refused', async () => {
		const jeroen = state.demo.staff.find((s) => s.email.startsWith('jeroen'))!;
		const context = await browser.newContext({ baseURL: state.url });
		const teacher = await context.newPage();
		await signIn(teacher, jeroen.email, jeroen.password);
		const response = await teacher.goto('/staff/visits');
		expect(response!.status()).toBe(403);
		await context.close();
	});
});
