import {
	atBothWidths,
	expect,
	expectAccessible,
	expectNoSidewaysScroll,
	signIn,
	test
} from './fixtures';
import { messages } from './messages';

const en = messages('en');

/**
 * Anouk Visser's Monday 2 November, as one story: she adds two times (Tim de Groot goes along),
 * the Popescu family books the first at home with an interpreter, she reads it in her week, moves
 * it (an overlap is refused before she is asked to confirm) and takes her day sheet along.
 * The Popescu family and Anouk's Mondays belong to this spec alone on the shared demo server.
 */
test('a teacher reads her week, moves a booked visit and prints her day sheet', async ({
	page,
	browser,
	state
}) => {
	test.setTimeout(180_000);
	const anouk = state.demo.staff.find((s) => s.email.startsWith('anouk'))!;
	const popescu = state.demo.families.find((f) => f.name.includes('Popescu'))!;
	const monday = 'maandag 2 november 2026';

	await test.step('Anouk adds two times on Monday 2 November, with Tim going along', async () => {
		await signIn(page, anouk.email, anouk.password);
		await page.goto('/staff/slots/new');
		await page.getByLabel('Vanaf').fill('2026-11-02');
		await page.getByLabel('Tot en met').fill('2026-11-02');
		await page.getByLabel('maandag').check();
		await page.getByLabel('Eerste bezoek begint om').fill('16:00');
		await page.getByLabel('Laatste bezoek is klaar om').fill('18:00');
		await page.getByLabel('Tweede persoon').selectOption({ label: 'Tim de Groot' });
		await page.getByRole('button', { name: 'Tijden toevoegen' }).click();
		await expect(page.getByRole('status')).toHaveText('2 tijden toegevoegd.');
	});

	await test.step('the Popescu family books 16:00 at home, in English, with an interpreter', async () => {
		const context = await browser.newContext();
		await context.addCookies([{ name: 'lang', value: 'en', url: state.url }]);
		const parent = await context.newPage();
		await parent.goto(new URL(popescu.url).pathname);
		await parent.getByRole('link', { name: en.family.place_home }).click();
		const day = parent.locator('.slot-day').filter({ hasText: /November 2/ });
		if ((await day.getAttribute('open')) === null) await day.locator('summary').click();
		await day.getByRole('radio', { name: /16:00/ }).check();
		await parent.getByRole('radio', { name: en.family.interpreter_arrange_choice }).check();
		await parent.getByLabel(en.family.interpreter_language).selectOption('ro');
		await parent
			.getByLabel(en.family.questions_label)
			.fill('Ana is shy at school. How can we help?');
		await parent.getByRole('button', { name: en.family.confirm }).click();
		await expect(parent.getByRole('status')).toHaveText(en.family.saved_booked);
		await context.close();
	});

	const week = page.getByRole('region', { name: monday });
	await test.step('her week shows who booked, where, with whom and what they ask', async () => {
		await atBothWidths(page, async () => {
			await page.goto('/staff/slots?week=2026-11-02');
			const [booked, free] = [
				week.getByRole('listitem').first(),
				week.getByRole('listitem').last()
			];
			await expect(week.getByRole('listitem')).toHaveCount(2);
			await expect(booked).toContainText('16:00–16:45');
			await expect(booked).toContainText('Geboekt');
			await expect(booked).toContainText('Ana (1A)');
			await expect(booked).toContainText('Thuis: Lombokstraat 44, 1094 AM Amsterdam');
			await expect(booked).toContainText('Tolk: Roemeens');
			await expect(booked).toContainText('met Tim de Groot');
			await expect(booked).toContainText('Ana is shy at school.');
			await expect(free).toContainText('17:00–17:45');
			await expect(free).toContainText('Vrij');
			// More than colour: a solid border for booked, a dashed one for free.
			expect(await booked.evaluate((el) => getComputedStyle(el).borderInlineStartStyle)).toBe(
				'solid'
			);
			expect(await free.evaluate((el) => getComputedStyle(el).borderInlineStartStyle)).toBe(
				'dashed'
			);
		});
		// Tapping the visit opens the family.
		await week.getByRole('link', { name: 'Ana (1A)' }).click();
		await expect(page).toHaveURL(/\/staff\/families\/[0-9a-f-]{36}$/);
	});

	await test.step('moving it: the family is named, an overlap is refused before confirming, the family is told', async () => {
		await page.setViewportSize({ width: 360, height: 800 });
		await page.goto('/staff/slots?week=2026-11-02');
		await week.getByRole('link', { name: `Wijzigen ${monday} 16:00` }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tijd wijzigen');
		await expect(page.getByRole('main')).toContainText('Geboekt door');
		await expect(page.getByRole('link', { name: 'Ana (1A)' })).toBeVisible();
		await expectAccessible(page);

		// 17:00 is her own free time: refused straight away, no "are you sure?" first.
		await page.getByLabel('Nieuwe begintijd').fill('17:00');
		await page.getByRole('button', { name: 'Verplaatsen', exact: true }).click();
		await expect(page.getByRole('alert')).toHaveText(
			'Dat overlapt met een andere tijd van u of van de tweede persoon. Er is niets toegevoegd of gewijzigd.'
		);
		await expect(page.getByRole('button', { name: 'Toch verplaatsen' })).toHaveCount(0);

		await page.getByLabel('Nieuwe begintijd').fill('18:15');
		await page.getByRole('button', { name: 'Verplaatsen', exact: true }).click();
		await expect(
			page.getByText('het gezin krijgt een e-mail met de nieuwe tijd, in het Engels')
		).toBeVisible();
		await expectAccessible(page);
		await expectNoSidewaysScroll(page);
		await page.getByRole('button', { name: 'Toch verplaatsen' }).click();
		await expect(page.getByRole('status')).toHaveText(
			'De tijd is verplaatst. Het gezin heeft een e-mail met de nieuwe tijd gekregen, in het Engels.'
		);
		const moved = week.getByRole('listitem').last();
		await expect(moved).toContainText('18:15–19:00');
		await expect(moved).toContainText(
			'Verplaatst door school; het gezin heeft een e-mail gekregen (Engels).'
		);
	});

	await test.step('the day sheet: in order, with the route, a map link, phone and talking points', async () => {
		await page.setViewportSize({ width: 1280, height: 800 });
		await page.getByRole('link', { name: `Dagoverzicht ${monday}` }).click();
		await expect(page).toHaveURL(/\/staff\/slots\/day\?date=2026-11-02/);
		const visits = page.locator('ol.visits > li');
		await atBothWidths(page, async () => {
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Dagoverzicht ${monday}`);
			await expect(visits).toHaveCount(1);
			await expect(visits.first()).toContainText('18:15–19:00 Ana Popescu (1A)');
			await expect(visits.first()).toContainText('Huisbezoek 1 van de route');
			await expect(visits.first()).toContainText('Thuis: Lombokstraat 44, 1094 AM Amsterdam');
			await expect(visits.first()).toContainText('Tolk: Roemeens');
			await expect(visits.first()).toContainText('Samen met Tim de Groot');
			await expect(visits.first()).toContainText('Ana is shy at school.');
			await expect(visits.first()).toContainText('Kennismaken');
			await expect(visits.first().getByRole('link', { name: '0644455566' })).toHaveAttribute(
				'href',
				'tel:0644455566'
			);
			await expect(
				visits.first().getByRole('link', { name: /^Kaart\s*: Lombokstraat 44, 1094 AM Amsterdam$/ })
			).toHaveAttribute(
				'href',
				'https://www.openstreetmap.org/search?query=Lombokstraat%2044%2C%201094%20AM%20Amsterdam'
			);
			await expect(
				page.getByRole('region', { name: 'Route langs de huisbezoeken' }).getByRole('listitem')
			).toHaveCount(1);
		});

		// Another day with the buttons, and back; the date field takes a day too.
		await page.getByRole('button', { name: 'Volgende dag →' }).click();
		await expect(page).toHaveURL(/date=2026-11-03/);
		await expect(page.getByText('Op deze dag heeft u geen bezoeken.')).toBeVisible();
		await page.getByRole('button', { name: '← Vorige dag' }).click();
		await expect(page).toHaveURL(/date=2026-11-02/);
		await page.getByLabel('Dag', { exact: true }).fill('2026-11-03');
		await page.getByRole('button', { name: 'Toon' }).click();
		await expect(page).toHaveURL(/date=2026-11-03/);
		// The old address of the day sheet still leads here.
		await page.goto('/staff/families/day?date=2026-11-02');
		await expect(page).toHaveURL(/\/staff\/slots\/day\?date=2026-11-02$/);

		// Printed: no menu, no buttons, no date field; the visit on an A4 page.
		await page.emulateMedia({ media: 'print' });
		await expect(page.getByRole('banner')).toBeHidden();
		await expect(page.getByRole('button', { name: 'Afdrukken' })).toBeHidden();
		await expect(page.getByLabel('Dag', { exact: true })).toBeHidden();
		await expect(visits.first()).toBeVisible();
		await expect(visits.first()).toContainText('0644455566');
		const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
		await page.emulateMedia({ media: 'screen' });
	});
});
