import fs from 'node:fs';
import { expect, expectAccessible, expectNoSidewaysScroll, signIn, test } from './fixtures';
import { menuLink } from './menu';

const PAST_ROUND = 'Kennismakingsbezoeken september (demo)';

test('a teacher writes a visit report on a 360 px phone', async ({ page, state }) => {
	await page.setViewportSize({ width: 360, height: 800 });
	const jeroen = state.demo.staff.find((s) => s.email.startsWith('jeroen'))!;
	await signIn(page, jeroen.email, jeroen.password);
	await expect(page.getByRole('link', { name: /verslag(en)? te schrijven/ })).toBeVisible();
	await (await menuLink(page, 'Verslagen')).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Verslagen');
	const card = page.getByRole('listitem').filter({ hasText: 'Jakub (3B)' });
	await card.getByRole('link', { name: /Verslag schrijven/ }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Verslag van het bezoek');
	await expect(page.getByText('Kennismaken', { exact: true })).toBeVisible();
	await expectAccessible(page);
	await expectNoSidewaysScroll(page);

	// Held, but the main points forgotten: refused, and what was chosen stays.
	await page.getByRole('group', { name: 'Is het bezoek doorgegaan?' }).getByLabel('Ja').check();
	await page.getByLabel('Piotr Nowak').check();
	await page.getByLabel('Het kind zelf').check();
	await page.getByLabel('Tolk', { exact: true }).selectOption({ label: 'Collega van school' });
	await page.getByLabel('Wie tolkte?').fill('Ewa Zielińska');
	await page.getByRole('button', { name: 'Verslag opslaan' }).click();
	await expect(page.getByRole('alert')).toHaveText(
		'Het verslag is niet opgeslagen. Kijk de velden met een melding na.'
	);
	await expect(page.getByLabel('Belangrijkste punten')).toHaveAccessibleDescription(
		/Schrijf de belangrijkste punten op\./
	);
	await expect(page.getByLabel('Piotr Nowak')).toBeChecked();
	await expect(page.getByLabel('Wie tolkte?')).toHaveValue('Ewa Zielińska');
	await expectAccessible(page);

	await page
		.getByLabel('Belangrijkste punten')
		.fill('Jakub leest graag strips. Vader vraagt naar de voetbalclub; folder meegegeven.');
	await page.getByRole('group', { name: 'Vervolg' }).getByLabel('Geen vervolg nodig').check();
	await page.getByRole('button', { name: 'Verslag opslaan' }).click();
	await expect(page.getByRole('status')).toHaveText('Het verslag is opgeslagen.');
	await page.getByLabel('Toon').selectOption({ label: 'Alle bezoeken' });
	await page.getByRole('button', { name: 'Toon' }).click();
	await expect(page.getByRole('listitem').filter({ hasText: 'Jakub (3B)' })).toContainText(
		'Verslag geschreven'
	);
	await expectNoSidewaysScroll(page);

	// Another teacher's visit is not hers to read: the same answer as a missing one.
	const fatma = state.demo.staff.find((s) => s.email.startsWith('fatma'))!;
	await page.getByRole('listitem').filter({ hasText: 'Jakub (3B)' }).getByRole('link').click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Verslag van het bezoek');
	const reportUrl = page.url();
	expect(reportUrl).toMatch(/\/staff\/reports\/[0-9a-f-]{36}$/);
	const other = await page.context().browser()!.newPage();
	await signIn(other, fatma.email, fatma.password);
	const response = await other.goto(reportUrl);
	expect(response?.status()).toBe(404);
	await other.close();
});

test("the office exports a group's reports for ParnasSys, and the CSV keeps é, ö, ı and Arabic names", async ({
	page,
	state
}) => {
	const admin = state.demo.staff.find((s) => s.role === 'admin')!;
	await signIn(page, admin.email, admin.password);
	await page.goto('/staff/reports/export');
	await page.getByLabel('Ronde').selectOption({ label: PAST_ROUND });
	await page.getByLabel('Groep').selectOption({ label: '3B' });
	await page.getByRole('button', { name: 'Toon' }).click();
	const block = page.getByLabel('Emre Yılmaz, leerlingnummer 10234');
	await expect(block).toHaveValue(
		/^Huisbezoek \d\d-\d\d-\d{4} om 1\d:30 \(Thuis\)\nHet bezoek is doorgegaan\./
	);
	await expect(block).toHaveValue(/tolk: familielid \(Gökhan Yılmaz \(oom\)\)/);
	await expectAccessible(page);

	const download = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Download CSV van groep 3B' }).click();
	const file = await (await download).path();
	const bytes = fs.readFileSync(file);
	// The byte-order mark is what makes Dutch Excel read UTF-8; semicolons are its separator.
	expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3));
	const lines = text.split('\r\n');
	expect(lines[0]).toBe(
		'Leerlingnummer;Leerling;Groep;Datum;Tijd;Doorgegaan;Plaats;Medewerkers;Aanwezig;Belangrijkste punten;Vervolg'
	);
	for (const expected of [
		'Emre Yılmaz',
		'Ayşe Yılmaz',
		'Gökhan',
		'Türkçe',
		'crèche',
		'يوسف المنصوري',
		'Lucía García'
	])
		expect(text).toContain(expected);
	const emre = lines.find((l) => l.startsWith('10234;'))!;
	expect(emre.split(';').slice(0, 8)).toEqual([
		'10234',
		'Emre Yılmaz',
		'3B',
		expect.stringMatching(/^\d\d-\d\d-\d{4}$/),
		expect.stringMatching(/^1\d:30$/),
		'ja',
		'Thuis',
		'Jeroen Bos'
	]);
	expect(lines.find((l) => l.startsWith('10249;'))).toContain(
		';nee: Niemand thuis of niet gekomen;'
	);
});

test("the evaluation shows the demo rounds' figures as counted in SQL, as chart and as table", async ({
	page,
	state
}) => {
	const admin = state.demo.staff.find((s) => s.role === 'admin')!;
	await signIn(page, admin.email, admin.password);
	await page.goto('/staff/rounds');
	await page.getByRole('link', { name: 'Huisbezoeken (demo)' }).click();
	await page.getByRole('link', { name: 'Evaluatie van deze ronde' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Evaluatie: Huisbezoeken (demo)'
	);
	await expect(page.getByText(`Vergeleken met de vorige ronde: ${PAST_ROUND}.`)).toBeVisible();

	const past = state.counts[PAST_ROUND]!;
	const current = state.counts['Huisbezoeken (demo)']!;
	const totals = page.getByRole('table', { name: 'Totaal' });
	const cells = async (row: string) =>
		(
			await totals
				.getByRole('row', { name: new RegExp(`^${row}`) })
				.getByRole('cell')
				.allTextContents()
		).map(Number);
	// Columns: invited, booked, home, school, neutral, rather not at home, no meeting, not reached, reports.
	expect((await cells('Vorige ronde')).slice(0, 8)).toEqual([
		past.invited,
		past.booked,
		past.home,
		past.school,
		past.neutral,
		past.declined_home,
		past.declined,
		past.not_reached
	]);
	expect(past.booked).toBeGreaterThan(0);
	// Other specs book in the running round meanwhile: only who was invited is fixed.
	expect((await cells('Deze ronde'))[0]).toBe(current.invited);
	await expect(
		page.getByRole('img', { name: /Antwoorden in deze ronde en de vorige/ })
	).toBeVisible();
	await expectAccessible(page);

	// The finished round itself, with its interpreters.
	await page.goto('/staff/rounds');
	await page.getByRole('link', { name: PAST_ROUND }).click();
	await page.getByRole('link', { name: 'Evaluatie van deze ronde' }).click();
	await expect(page.getByText('Er is geen eerdere ronde om mee te vergelijken.')).toBeVisible();
	const interpreters = page
		.getByRole('table')
		.filter({ has: page.getByRole('columnheader', { name: 'Taal' }) });
	await expect(interpreters.getByRole('row', { name: /^Arabisch/ }).getByRole('cell')).toHaveText([
		String(past.arabic)
	]);
	const download = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Download de cijfers (CSV)' }).click();
	const csv = fs.readFileSync(await (await download).path(), 'utf8');
	expect(csv).toContain(`${PAST_ROUND};Totaal;;${past.invited};${past.booked};${past.home};`);
});

test("the office sets the retention periods and sees when each round's data goes", async ({
	page,
	state
}) => {
	const admin = state.demo.staff.find((s) => s.role === 'admin')!;
	await signIn(page, admin.email, admin.password);
	await page.getByRole('link', { name: 'Privacy' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Privacy en bewaartermijnen');
	// By default at the end of the school year: 31 July 2027 for both autumn rounds.
	await expect(
		page.getByRole('listitem').filter({ hasText: 'Huisbezoeken (demo): bewaard tot en met' })
	).toContainText('31 juli 2027');

	await page.getByLabel('Laatste dag van het schooljaar (maand-dag)').fill('31-07');
	await page.getByRole('button', { name: 'Bewaartermijnen opslaan' }).click();
	await expect(page.getByRole('alert')).toHaveText(
		'Niet opgeslagen. Kijk de velden met een melding na.'
	);
	await expect(
		page.getByLabel('Laatste dag van het schooljaar (maand-dag)')
	).toHaveAccessibleDescription(/Schrijf de laatste dag als maand-dag/);
	await expectAccessible(page);

	await page.getByLabel('Laatste dag van het schooljaar (maand-dag)').fill('06-30');
	await page.getByLabel('Verslagen in het portaal bewaren, in maanden na het bezoek').fill('24');
	await page.getByRole('button', { name: 'Bewaartermijnen opslaan' }).click();
	await expect(page.getByRole('status')).toHaveText('De bewaartermijnen zijn opgeslagen.');
	await expect(
		page.getByRole('listitem').filter({ hasText: 'Huisbezoeken (demo): bewaard tot en met' })
	).toContainText('30 juni 2027');

	// Back to the Dutch default, for whoever looks next.
	await page.getByLabel('Laatste dag van het schooljaar (maand-dag)').fill('07-31');
	await page.getByRole('button', { name: 'Bewaartermijnen opslaan' }).click();
	await expect(page.getByRole('status')).toHaveText('De bewaartermijnen zijn opgeslagen.');
});

test('a parent asks for their data and then for erasure: the office downloads it and erases the family', async ({
	page,
	state
}) => {
	const admin = state.demo.staff.find((s) => s.role === 'admin')!;
	await signIn(page, admin.email, admin.password);
	// Milan Jansen's family takes part in no round, so no other test needs it.
	await page.goto('/staff/privacy');
	await page.getByLabel('Leerlingnummer of naam').fill('10241');
	await page.getByRole('button', { name: 'Zoeken' }).click();
	await expect(page.getByRole('status')).toHaveText('1 gezin gevonden.');
	await page.getByRole('link', { name: 'Milan Jansen (10241)' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Gegevens van het gezin van Milan Jansen'
	);
	await expectAccessible(page);

	const download = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Download de gegevens (JSON)' }).click();
	const data = JSON.parse(fs.readFileSync(await (await download).path(), 'utf8'));
	expect(data.guardians).toMatchObject([{ name: 'Kim Jansen', email: 'kim.jansen@example.nl' }]);
	expect(data.pupils).toMatchObject([{ pupil_number: '10241', first_name: 'Milan' }]);

	await page.getByRole('button', { name: 'Gezin wissen' }).click();
	await expect(page.getByRole('alert')).toHaveText(
		'Vink eerst aan dat u het verzoek hebt gecontroleerd. Er is niets gewist.'
	);
	await page.getByLabel(/Ik heb gecontroleerd dat dit verzoek van de ouder komt/).check();
	await page.getByRole('button', { name: 'Gezin wissen' }).click();
	await expect(page.getByRole('status')).toHaveText('De gegevens van het gezin zijn gewist.');
	await expect(
		page.getByRole('listitem').filter({ hasText: 'Een gezin gewist op verzoek: 1 kinderen' })
	).toBeVisible();
	await page.getByLabel('Leerlingnummer of naam').fill('10241');
	await page.getByRole('button', { name: 'Zoeken' }).click();
	await expect(page.getByRole('status')).toHaveText('Geen gezin gevonden.');
});
