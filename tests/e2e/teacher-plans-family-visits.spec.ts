import fs from 'node:fs';
import { expect, expectAccessible, expectNoSidewaysScroll, signIn, test } from './fixtures';
import { menuLink } from './menu';

test('a teacher books for families after phone calls, prints her day sheet and exports the list', async ({
	page,
	state
}) => {
	// Three bookings, a CSV and a printed page, each checked with axe: more than 30 s on a busy machine.
	test.setTimeout(120_000);
	await page.setViewportSize({ width: 360, height: 800 });
	const jeroen = state.demo.staff.find((s) => s.email.startsWith('jeroen'))!;
	await signIn(page, jeroen.email, jeroen.password);
	await (await menuLink(page, 'Gezinnen')).click();
	// Other specs on the shared demo answer for some of Jeroen's families too: count from here.
	const status = page.getByLabel('Status', { exact: true });
	const counted = async (label: string) =>
		Number(
			(await status.locator('option').filter({ hasText: label }).textContent())!.match(
				/\((\d+)\)/
			)![1]
		);
	const bookedBefore = await counted('Afspraak gemaakt');
	const declinedBefore = await counted('Geen bezoek');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gezinnen');
	await expectAccessible(page);
	await expectNoSidewaysScroll(page);

	// De Vries: a home visit, with a question, in the first free evening.
	await page.getByRole('link', { name: 'Daan de Vries, Noor de Vries' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Daan de Vries, Noor de Vries');
	await expectAccessible(page);
	await page.getByRole('radio', { name: '15:30–16:15, maandag 19 oktober 2026' }).check();
	await page.getByRole('radio', { name: 'Thuis' }).check();
	await page
		.getByRole('textbox', { name: 'Notitie van school' })
		.fill('Vader belde: Daan vindt lezen moeilijk.');
	await page.getByRole('button', { name: 'Afspraak opslaan' }).click();
	await expect(page.getByRole('status')).toHaveText('De afspraak is opgeslagen.');
	// The note is the school's: the family's own page shows the visit, never the note.
	const family = await page.context().newPage();
	await family.goto(
		new URL(state.demo.families.find((f) => f.name.includes('Daan de Vries'))!.url).pathname
	);
	await expect(family.getByRole('heading', { level: 1 })).toHaveText('Uw afspraak');
	await expect(family.locator('main')).not.toContainText('lezen moeilijk');
	await family.close();

	// El Amrani: at school, with an Arabic interpreter, the next visit that evening.
	await page.getByRole('link', { name: 'Ilyas El Amrani, Yasmine El Amrani' }).click();
	await expect(
		page.getByRole('radio', { name: '15:30–16:15, maandag 19 oktober 2026' })
	).toHaveCount(0);
	await page.getByRole('radio', { name: '16:30–17:15, maandag 19 oktober 2026' }).check();
	await page.getByRole('radio', { name: 'Op school' }).check();
	// Three choices: none, the family brings someone, or the school arranges one.
	const interpreter = page.getByRole('group', { name: 'Tolk nodig?' });
	await expect(interpreter.getByRole('radio')).toHaveCount(3);
	await interpreter.getByRole('radio', { name: 'De school regelt een tolk' }).check();
	// The family's own language is ready in the list.
	await expect(page.getByLabel('Taal van de tolk')).toHaveValue('ar');
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Afspraak opslaan' }).click();
	await expect(page.getByRole('status')).toHaveText('De afspraak is opgeslagen.');

	// Bakker: no visit at all, with a reason.
	await page.getByRole('link', { name: 'Sem Bakker' }).click();
	await page.getByLabel('Reden (niet verplicht)').last().selectOption({ label: 'Geen tijd' });
	await page.getByRole('button', { name: 'Opslaan: geen bezoek' }).click();
	await expect(page.getByRole('status')).toHaveText('Opgeslagen: dit gezin wil geen bezoek.');

	// The status filter counts each answer. Other specs answer for Jeroen's families too, and may
	// do so meanwhile in the other worker (office-and-teacher-open-a-family books the Hassans):
	// at least these two more, then.
	await expect.poll(() => counted('Afspraak gemaakt')).toBeGreaterThanOrEqual(bookedBefore + 2);
	await expect(status).toContainText(`Geen bezoek (${declinedBefore + 1})`);
	await status.selectOption({ label: `Geen bezoek (${declinedBefore + 1})` });
	await page.getByRole('button', { name: 'Toon' }).click();
	await expect(page.locator('tbody tr')).toHaveCount(declinedBefore + 1);
	const bakker = page.locator('tbody tr').filter({ hasText: 'Sem Bakker' });
	await expect(bakker).toContainText('Reden: Geen tijd');

	// The export opens in Dutch Excel: BOM, semicolons, the answers.
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: 'Downloaden voor Excel (CSV)' }).click()
	]);
	const csv = fs.readFileSync((await download.path())!, 'utf8');
	expect(csv.startsWith('\uFEFFKinderen;Groepen;Leerkracht;Status')).toBe(true);
	expect(csv).toContain('Sem Bakker;3B;Jeroen Bos;Geen bezoek gewenst');
	expect(csv).not.toContain('Daan de Vries');

	// The day sheet: both visits in order, with address, interpreter and talking points.
	await page.goto('/staff/slots/day?date=2026-10-19');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Dagoverzicht maandag 19 oktober 2026'
	);
	const visits = page
		.getByRole('listitem')
		.filter({ has: page.getByRole('heading', { level: 3 }) });
	await expect(visits).toHaveCount(2);
	await expect(visits.nth(0)).toContainText('15:30–16:15 Daan de Vries (3B), Noor de Vries (1A)');
	await expect(visits.nth(0)).toContainText('Thuis: Spitsbergenstraat 12, 1013 AB Amsterdam');
	await expect(visits.nth(0)).toContainText('Bedtijd');
	await expect(visits.nth(0)).toContainText('Daan vindt lezen moeilijk.');
	await expect(visits.nth(1)).toContainText('Op school');
	await expect(visits.nth(1)).toContainText('Tolk: Arabisch');
	await expectAccessible(page);

	// Printed: no navigation, the visits on paper.
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('banner')).toBeHidden();
	await expect(page.getByRole('button', { name: 'Afdrukken' })).toBeHidden();
	await expect(visits.nth(1)).toBeVisible();
	const pdf = await page.pdf({ format: 'A4' });
	expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
	expect(pdf.length).toBeGreaterThan(10_000);
});
