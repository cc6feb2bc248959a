import { expect, expectAccessible, expectNoSidewaysScroll, signIn, test } from './fixtures';

test.describe('a teacher publishes her visiting times', () => {
	// One teacher's calendar, built up step by step: the overlap needs the times Anouk shares with
	// Tim, and the move and delete work on them. One story, so one test; as separate tests did,
	// each step signs in afresh.
	test('publishes two weeks of times, is refused an overlap for the second person, and moves and deletes a time on a phone', async ({
		page,
		state
	}) => {
		test.setTimeout(120_000);

		await test.step('two weeks of Tuesdays and Thursdays across 25 October keep 15:30 on the clock', async () => {
			const anouk = state.demo.staff.find((s) => s.email.startsWith('anouk'))!;
			await signIn(page, anouk.email, anouk.password);
			await page.getByRole('link', { name: 'Mijn tijden' }).click();
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mijn tijden');
			await page.getByRole('link', { name: 'Tijden toevoegen' }).click();

			await page.getByLabel('Vanaf').fill('2026-10-20');
			await page.getByLabel('Tot en met').fill('2026-10-30');
			await expect(page.getByLabel('dinsdag')).toBeChecked();
			await expect(page.getByLabel('donderdag')).toBeChecked();
			await page.getByLabel('Eerste bezoek begint om').fill('15:30');
			await page.getByLabel('Laatste bezoek is klaar om').fill('20:00');
			await page.getByLabel('Tweede persoon').selectOption({ label: 'Tim de Groot' });
			await expectAccessible(page);
			await page.getByRole('button', { name: 'Tijden toevoegen' }).click();

			await expect(page.getByRole('status')).toHaveText('16 tijden toegevoegd.');
			await expect(page.getByRole('heading', { level: 2 })).toContainText('Week 43');
			const tuesday = page.getByRole('region', { name: 'dinsdag 20 oktober 2026' });
			await expect(tuesday.getByRole('listitem')).toHaveCount(4);
			await expect(tuesday.getByRole('listitem').first()).toContainText('15:30–16:15');
			await expect(tuesday.getByRole('listitem').first()).toContainText('met Tim de Groot');

			await page.getByRole('link', { name: /Volgende week/ }).click();
			await expect(page.getByRole('heading', { level: 2 })).toContainText('Week 44');
			for (const day of ['dinsdag 27 oktober 2026', 'donderdag 29 oktober 2026']) {
				const items = page.getByRole('region', { name: day }).getByRole('listitem');
				await expect(items).toHaveCount(4);
				await expect(items.first()).toContainText('15:30–16:15');
				await expect(items.last()).toContainText('18:30–19:15');
			}
			await expectAccessible(page);
		});

		await test.step("a slot that overlaps the second staff member's other slot is refused", async () => {
			await page.context().clearCookies();
			const admin = state.demo.staff.find((s) => s.role === 'admin')!;
			await signIn(page, admin.email, admin.password);
			await page.goto('/staff/slots');
			await page.getByLabel('Agenda van').selectOption({ label: 'Jeroen Bos' });
			await page.getByRole('button', { name: 'Toon' }).click();
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tijden van Jeroen Bos');
			await page.getByRole('link', { name: 'Tijden toevoegen' }).click();
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(
				'Tijden toevoegen voor Jeroen Bos'
			);

			// Tuesday 27 October 16:00: Jeroen is free, but Tim goes with Anouk from 15:30 and 16:30.
			await page.getByLabel('Vanaf').fill('2026-10-27');
			await page.getByLabel('Tot en met').fill('2026-10-27');
			await page.getByLabel('Eerste bezoek begint om').fill('16:00');
			await page.getByLabel('Laatste bezoek is klaar om').fill('16:45');
			await page.getByLabel('Tweede persoon').selectOption({ label: 'Tim de Groot' });
			await page.getByRole('button', { name: 'Tijden toevoegen' }).click();
			await expect(page.getByRole('alert')).toHaveText(
				'Dat overlapt met een andere tijd van u of van de tweede persoon. Er is niets toegevoegd of gewijzigd.'
			);
			// What was typed stays filled in.
			await expect(page.getByLabel('Vanaf')).toHaveValue('2026-10-27');
			await expectAccessible(page);

			// Without Tim it fits.
			await page.getByLabel('Tweede persoon').selectOption({ label: 'Niemand' });
			await page.getByRole('button', { name: 'Tijden toevoegen' }).click();
			await expect(page.getByRole('status')).toHaveText('1 tijd toegevoegd.');
		});

		await test.step('a teacher moves and deletes a slot, on a phone', async () => {
			await page.context().clearCookies();
			await page.setViewportSize({ width: 360, height: 800 });
			const anouk = state.demo.staff.find((s) => s.email.startsWith('anouk'))!;
			await signIn(page, anouk.email, anouk.password);
			await page.goto('/staff/slots?week=2026-10-26');
			await expectNoSidewaysScroll(page);
			await page.getByRole('link', { name: 'Wijzigen donderdag 29 oktober 2026 18:30' }).click();
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tijd wijzigen');
			await expectAccessible(page);
			await expectNoSidewaysScroll(page);
			await page.getByLabel('Nieuwe begintijd').fill('19:15');
			await page.getByRole('button', { name: 'Verplaatsen', exact: true }).click();
			await expect(page.getByRole('status')).toHaveText('De tijd is verplaatst.');
			const thursday = page.getByRole('region', { name: 'donderdag 29 oktober 2026' });
			await expect(thursday.getByRole('listitem').last()).toContainText('19:15–20:00');

			await page.getByRole('link', { name: 'Wijzigen donderdag 29 oktober 2026 19:15' }).click();
			await page.getByRole('button', { name: 'Tijd verwijderen' }).click();
			await expect(page.getByRole('status')).toHaveText('De tijd is verwijderd.');
			await expect(thursday.getByRole('listitem')).toHaveCount(3);
		});
	});
});
