import type { Page } from '@playwright/test';
import { expect, expectAccessible, expectNoSidewaysScroll, signIn, test } from './fixtures';

/**
 * The office arranges an interpreter: it adds one to the school's list, a family asks for one
 * (booked through the office's own form on the family page), the home page counts it, the list
 * shows it to arrange, the office arranges the interpreter and reads that they were mailed; on a
 * phone the list is cards; without JavaScript the office releases them and arranges them by
 * phone instead. The refusal of one interpreter at two overlapping visits is proven over HTTP in
 * tests/server/office-interpreters.test.ts: on the shared demo a second family at the same hour
 * needs another teacher, and handing a family over changes what staff-home.spec counts.
 *
 * The Yılmaz family (Jeroen Bos) is this spec's alone on the shared demo server, at Jeroen's last
 * visit of the round, Wednesday 4 November 18:30.
 */

const WHEN = '18:30–19:15, woensdag 4 november 2026';
const INTERPRETER = 'Derya Aksoy';

async function familyId(page: Page, surname: string, child: string): Promise<string> {
	await page.goto(`/staff/privacy?q=${encodeURIComponent(surname)}`);
	const href = await page.getByRole('link', { name: new RegExp(child) }).getAttribute('href');
	return href!.split('/').pop()!;
}

async function bookWithInterpreter(page: Page, id: string, language: string) {
	await page.goto(`/staff/families/${id}`);
	await page.getByRole('radio', { name: WHEN }).check();
	await page.getByRole('radio', { name: 'Thuis' }).check();
	await page.getByLabel('Tolk nodig?').selectOption({ label: language });
	await page.getByRole('button', { name: 'Afspraak opslaan' }).click();
	await expect(page.getByRole('status')).toHaveText('De afspraak is opgeslagen.');
}

const requestRow = (page: Page, child: string) =>
	page.locator('tbody tr').filter({ hasText: child });

test.describe.serial('the office arranges an interpreter', () => {
	test('adds an interpreter, sees the request on the home page and the list, and arranges it', async ({
		page,
		state
	}) => {
		test.setTimeout(180_000);
		await page.setViewportSize({ width: 1280, height: 900 });
		const office = state.demo.staff.find((s) => s.role === 'admin')!;
		await signIn(page, office.email, office.password);

		await test.step('the office adds an interpreter who speaks Turkish and Polish', async () => {
			await page.goto('/staff/interpreters/people');
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('De tolken van de school');
			const add = page.locator('form[action="?/add"]');
			await add.getByLabel('Naam').fill(INTERPRETER);
			await add.getByLabel('Vrijwilliger').check();
			await add.getByLabel('Turks').check();
			await add.getByLabel('Pools').check();
			await add.getByLabel('Telefoon').fill('06 5555 1234');
			await add.getByLabel('E-mailadres').fill('derya.aksoy@example.org');
			await add.getByRole('button', { name: 'Toevoegen' }).click();
			await expect(page.getByRole('status')).toHaveText('De tolk is toegevoegd.');
			await expect(page.getByRole('heading', { name: INTERPRETER })).toBeVisible();
			await expectAccessible(page);
			await expectNoSidewaysScroll(page);
		});

		await test.step('a family asks for a Turkish interpreter', async () => {
			const yilmaz = await familyId(page, 'Yılmaz', 'Emre Yılmaz');
			await bookWithInterpreter(page, yilmaz, 'Turks');
		});

		await test.step('the home page counts them and leads to the list', async () => {
			await page.goto('/staff');
			const figure = page.getByRole('link', { name: /Tolken nog te regelen/ });
			await expect(figure).toHaveAttribute('href', '/staff/interpreters');
			// Other specs may ask for interpreters too: at least this one.
			const count = Number(await figure.locator('.number').textContent());
			expect(count).toBeGreaterThanOrEqual(1);
			await figure.click();
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tolken');
			for (const [child, language] of [['Emre Yılmaz', 'Turks']] as const) {
				const row = requestRow(page, child);
				await expect(row).toContainText('woensdag 4 november, 18:30–19:15');
				await expect(row).toContainText(language);
				await expect(row).toContainText('○ Nog regelen');
				await expect(row.getByRole('link', { name: new RegExp(child) })).toHaveAttribute(
					'href',
					/^\/staff\/families\/[0-9a-f-]{36}$/
				);
			}
			await expectAccessible(page);
			await expectNoSidewaysScroll(page);
		});

		await test.step('arranged for Yılmaz, with the phone to call', async () => {
			const yilmaz = requestRow(page, 'Emre Yılmaz');
			await yilmaz.getByLabel('Wie tolkt').selectOption({ label: `${INTERPRETER} (Vrijwilliger)` });
			await yilmaz.getByLabel('Komt mee').check();
			await yilmaz.getByRole('button', { name: 'Regelen' }).click();
			await expect(page.getByRole('status')).toHaveText(
				`${INTERPRETER} is geregeld voor woensdag 4 november, 18:30 en kreeg een uitnodiging per e-mail.`
			);
			const arranged = requestRow(page, 'Emre Yılmaz');
			await expect(arranged).toContainText('✓ Geregeld');
			await expect(arranged.getByRole('link', { name: '06 5555 1234' })).toHaveAttribute(
				'href',
				'tel:0655551234'
			);

			await expectAccessible(page);
			await expectNoSidewaysScroll(page);
		});
	});

	test('reads the list and the interpreters as cards on a phone', async ({ page, state }) => {
		await page.setViewportSize({ width: 360, height: 800 });
		const office = state.demo.staff.find((s) => s.role === 'admin')!;
		await signIn(page, office.email, office.password);
		await page.goto('/staff/interpreters');
		await expect(requestRow(page, 'Emre Yılmaz')).toContainText('✓ Geregeld');
		await expectAccessible(page);
		await expectNoSidewaysScroll(page);
		await page.goto('/staff/interpreters/people');
		await expect(page.getByRole('heading', { name: INTERPRETER })).toBeVisible();
		await expectAccessible(page);
		await expectNoSidewaysScroll(page);
	});

	test.describe('without JavaScript', () => {
		// Axe and the scroll check run scripts in the page: the page above checked them.
		test.use({ javaScriptEnabled: false });

		test('releases the interpreter and arranges them by phone instead, with plain forms', async ({
			page,
			state
		}) => {
			await page.setViewportSize({ width: 360, height: 800 });
			const office = state.demo.staff.find((s) => s.role === 'admin')!;
			await signIn(page, office.email, office.password);
			await page.goto('/staff/interpreters');

			await requestRow(page, 'Emre Yılmaz')
				.getByRole('button', { name: new RegExp(`^Vrijgeven ${INTERPRETER}`) })
				.click();
			await expect(page.getByRole('status')).toHaveText(
				`${INTERPRETER} is niet langer geregeld voor woensdag 4 november, 18:30 en kreeg een afzegging per e-mail.`
			);
			await expect(requestRow(page, 'Emre Yılmaz')).toContainText('○ Nog regelen');

			const yilmaz = requestRow(page, 'Emre Yılmaz');
			await yilmaz.getByLabel('Wie tolkt').selectOption({ label: `${INTERPRETER} (Vrijwilliger)` });
			await yilmaz.getByLabel('Per telefoon').check();
			await yilmaz.getByRole('button', { name: 'Regelen' }).click();
			await expect(page.getByRole('status')).toHaveText(
				`${INTERPRETER} is geregeld voor woensdag 4 november, 18:30 en kreeg een uitnodiging per e-mail.`
			);
			await expect(requestRow(page, 'Emre Yılmaz')).toContainText('✓ Geregeld');
			await expect(requestRow(page, 'Emre Yılmaz')).toContainText('Per telefoon');
		});
	});
});
