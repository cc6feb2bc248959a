import fs from 'node:fs';
import path from 'node:path';
import { expect, expectAccessible, expectNoSidewaysScroll, signIn, test } from './fixtures';

const sample = path.resolve('tests/fixtures/roster-sample.csv');

test.describe('the office of a new school', () => {
	const password = 'een lange zin voor de administratie';

	// One school's roster, built up step by step: the password the first step sets opens the
	// others, and each import finds what the one before it left. One story, so one test; as
	// separate tests did, each step signs in afresh, at its own screen size.
	test('sets a password, imports the sample, imports it again on a phone, then a changed file', async ({
		page,
		state
	}, testInfo) => {
		test.setTimeout(150_000);
		const desktop = page.viewportSize()!;

		await test.step('sets a password from the one-time link', async () => {
			await page.goto(state.newSchool.setupPath);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Wachtwoord instellen');
			await expect(page.getByText('Welkom, Ilse Terpstra.')).toBeVisible();
			await expectAccessible(page);
			await page.getByLabel('Nieuw wachtwoord').fill(password);
			await page.getByLabel('Herhaal het wachtwoord').fill(password);
			await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
			await expect(page.getByRole('status')).toHaveText(
				'Uw wachtwoord is opgeslagen. U kunt nu inloggen.'
			);
			// The link works once.
			await page.goto(state.newSchool.setupPath);
			await expect(page.getByRole('alert')).toContainText('Deze link werkt niet meer');
		});

		await test.step('imports the sample export, checks the columns and sees the siblings joined', async () => {
			await page.context().clearCookies();
			await signIn(page, state.newSchool.email, password);
			await page.getByRole('link', { name: 'Leerlingen', exact: true }).click();
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Leerlingen inlezen');
			await expect(page.getByText('Nu in het portaal: 0 leerlingen in 0 gezinnen.')).toBeVisible();
			await page.getByLabel('Bestand (CSV)').setInputFiles(sample);
			await page.getByRole('button', { name: 'Bestand controleren' }).click();

			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Controleer het bestand');
			await expect(page.getByText(/12 regels, UTF-8, gescheiden door „;”/)).toBeVisible();
			await expect(page.getByLabel('Roepnaam')).toHaveValue('1');
			await expect(page.getByLabel('E-mail ouder 1')).toHaveValue('8');
			// The mapping step: take the phone numbers out, and the preview follows.
			await page.getByLabel('Telefoon ouder 1').selectOption({ label: '— niet in het bestand —' });
			await page.getByRole('button', { name: 'Voorbeeld bijwerken' }).click();
			await expect(page.getByLabel('Telefoon ouder 1')).toHaveValue('');
			await expect(page).toHaveURL(/mapped=1/);

			const families = page.getByRole('region', { name: 'Gezinnen' });
			await expect(families.getByText('12 leerlingen in 10 gezinnen')).toBeVisible();
			await expect(
				families.getByText('2 gezinnen met meer kinderen op school: één bezoek per gezin.')
			).toBeVisible();
			await expect(
				families.getByText('1 gezin zonder e-mailadres: dat krijgt een brief.')
			).toBeVisible();
			await expect(families.getByText('Noor de Vries (1A), Daan de Vries (3B)')).toBeVisible();
			await expect(
				families.getByText('Yasmine El Amrani (1A), Ilyas El Amrani (3B)')
			).toBeVisible();
			await expectAccessible(page);

			await page.getByRole('button', { name: '12 leerlingen inlezen' }).click();
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ingelezen');
			await expect(page.getByRole('status')).toHaveText(
				'Klaar: 12 nieuw, 0 bijgewerkt, 0 ongewijzigd.'
			);
			await expect(page.getByText('10 gezinnen, waarvan 10 nieuw.')).toBeVisible();
			await expectAccessible(page);

			// Only this school's numbers: the demo school's 21 families are not counted.
			await page.getByRole('link', { name: 'Naar het overzicht' }).click();
			const school = page.getByRole('region', { name: 'De school' });
			await expect(school.getByText('gezinnen')).toHaveText('10 gezinnen');
			await expect(school.getByText(/^\d+ leerlingen$/)).toHaveText('12 leerlingen');
		});

		await test.step('imports the same file again on a phone: nothing doubles', async () => {
			await page.context().clearCookies();
			await page.setViewportSize({ width: 360, height: 800 });
			await signIn(page, state.newSchool.email, password);
			await page.goto('/staff/roster');
			await expectNoSidewaysScroll(page);
			await page.getByLabel('Bestand (CSV)').setInputFiles(sample);
			await page.getByRole('button', { name: 'Bestand controleren' }).click();
			await expectNoSidewaysScroll(page);
			await page.getByRole('button', { name: '12 leerlingen inlezen' }).click();
			await expect(page.getByRole('status')).toHaveText(
				'Klaar: 0 nieuw, 0 bijgewerkt, 12 ongewijzigd.'
			);
			await expect(page.getByText('10 gezinnen, waarvan 0 nieuw.')).toBeVisible();
		});

		await test.step('imports a file without one pupil and with an address the mail cannot use', async () => {
			await page.context().clearCookies();
			await page.setViewportSize(desktop);
			// Noor de Vries left the school; Luca's father's address has a letter the mail cannot take.
			const changed = testInfo.outputPath('leerlingen-november.csv');
			fs.writeFileSync(
				changed,
				fs
					.readFileSync(sample, 'utf8')
					.replace(/\n10231;[^\n]*/, '')
					.replace('jeroen@example.nl', 'jeroen@exämple.nl')
			);
			await signIn(page, state.newSchool.email, password);
			await page.goto('/staff/roster');
			await page.getByLabel('Bestand (CSV)').setInputFiles(changed);
			await page.getByRole('button', { name: 'Bestand controleren' }).click();

			const leftOut = page.getByRole('region', {
				name: '1 e-mailadres kan de portal niet gebruiken'
			});
			await expect(leftOut.getByRole('listitem')).toHaveText([
				'Regel 7, E-mail ouder 1: jeroen@exämple.nl'
			]);
			await expect(leftOut).toContainText(
				'De leerlingen worden wel ingelezen, maar zonder dit adres.'
			);
			await expectAccessible(page);

			await page.getByRole('button', { name: '11 leerlingen inlezen' }).click();
			await expect(page.getByRole('status')).toHaveText(
				'Klaar: 0 nieuw, 0 bijgewerkt, 11 ongewijzigd.'
			);
			await expect(
				page.getByRole('heading', { name: '1 e-mailadres kan de portal niet gebruiken' })
			).toBeVisible();
			await expect(page.getByText('Regel 7, E-mail ouder 1: jeroen@exämple.nl')).toBeVisible();
			await expect(
				page.getByRole('heading', { name: '1 leerling niet in dit bestand' })
			).toBeVisible();
			await expect(page.getByText('Noor de Vries (10231)')).toBeVisible();
			await expectAccessible(page);
		});

		await test.step('a file with a row pasted twice and a pupil in two groups: the office chooses, on a phone', async () => {
			await page.context().clearCookies();
			await page.setViewportSize({ width: 360, height: 800 });
			const text = fs.readFileSync(sample, 'utf8');
			const daan = text.split('\n').find((l) => l.startsWith('10232;'))!;
			const yasmine = text.split('\n').find((l) => l.startsWith('10233;'))!;
			const file = testInfo.outputPath('leerlingen-dubbel.csv');
			// Lines 14 and 15: Daan exactly as on line 3, Yasmine in 2A where line 4 says 1A.
			fs.writeFileSync(file, `${text}${daan}\n${yasmine.replace(';1A;', ';2A;')}\n`);
			await signIn(page, state.newSchool.email, password);
			await page.goto('/staff/roster');
			await page.getByLabel('Bestand (CSV)').setInputFiles(file);
			await page.getByRole('button', { name: 'Bestand controleren' }).click();

			const skipped = page.getByRole('region', { name: 'Dubbele regels overgeslagen: 1' });
			await expect(skipped.getByRole('listitem')).toHaveText(['Regel 14 is gelijk aan regel 3']);
			const conflicts = page.getByRole('region', {
				name: 'Leerlingnummers met verschillende gegevens: 1'
			});
			const choice = conflicts.getByRole('group', {
				name: 'Leerlingnummer 10233 (Yasmine El Amrani)'
			});
			await expect(choice.getByRole('radio')).toHaveCount(2);
			await expect(choice.getByLabel('Regel 4 gebruiken: Groep: 1A')).not.toBeChecked();
			await expect(conflicts.getByRole('alert')).toHaveText('Nog te kiezen: 1');
			// The parents as the file's columns give them, before anything is imported.
			const families = page.getByRole('region', { name: 'Gezinnen' });
			await expect(
				families.getByText(
					/Ouders\/verzorgers: Sanne de Vries, sanne\.devries@example\.nl, 0612345678; Thijs de Vries, thijs\.devries@example\.nl/
				)
			).toBeVisible();
			await expect(page.getByText('Bijvoorbeeld: Sanne de Vries')).toBeVisible();
			// Nothing is imported until the choice is made.
			await expect(page.getByRole('button', { name: '11 leerlingen inlezen' })).toBeDisabled();
			await expectAccessible(page);
			await expectNoSidewaysScroll(page);

			await choice.getByLabel('Regel 15 gebruiken: Groep: 2A').check();
			await conflicts.getByRole('button', { name: 'Keuze toepassen' }).click();
			await expect(page).toHaveURL(/keep=15/);
			await expect(
				page
					.getByRole('group', { name: 'Leerlingnummer 10233 (Yasmine El Amrani)' })
					.getByLabel('Regel 15 gebruiken: Groep: 2A')
			).toBeChecked();
			await expectAccessible(page);
			await page.setViewportSize(desktop);
			await expectAccessible(page);
			await page.getByRole('button', { name: '12 leerlingen inlezen' }).click();
			await expect(page.getByRole('status')).toHaveText(
				'Klaar: 0 nieuw, 1 bijgewerkt, 11 ongewijzigd.'
			);
			await expect(page.getByText('Regel 14 is gelijk aan regel 3')).toBeVisible();
			await expect(
				page.getByText('Leerlingnummer 10233: regel 15 ingelezen, regel 4 niet')
			).toBeVisible();
			await expect(page.getByText('Yasmine El Amrani (10233): Groep')).toBeVisible();
			await expectAccessible(page);
		});
	});

	test('a teacher cannot open the import', async ({ page, state }) => {
		const teacher = state.demo.staff.find((s) => s.role === 'teacher')!;
		await signIn(page, teacher.email, teacher.password);
		await expect(page.getByRole('link', { name: 'Leerlingen', exact: true })).toHaveCount(0);
		const response = await page.goto('/staff/roster');
		expect(response?.status()).toBe(403);
		await expect(page.getByRole('alert')).toHaveText('U heeft geen toegang tot deze pagina.');
	});
});
