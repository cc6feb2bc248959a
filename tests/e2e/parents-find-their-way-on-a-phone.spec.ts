import type { Page } from '@playwright/test';
import { expect, expectAccessible, expectNoSidewaysScroll, test } from './fixtures';
import { expectTapTargets } from './tap-targets';
import type { TargetState } from './targets';
import { messages } from './messages';

/**
 * The parent pages on a phone: a thumb reaches every control, "not at home" leads to school
 * before it leads to no meeting, and the choose-a-time page shows days before times.
 * Families of their own: Kowalska only looks (Fatma Demir's times belong to parents-book),
 * Osei books one of Lisa Mulder's times at school, Smith (Anouk Visser, no times) declines.
 */
const pathOf = (state: TargetState, surname: string) =>
	new URL(state.demo.families.find((f) => f.name.includes(surname))!.url).pathname;

async function useLanguage(page: Page, state: TargetState, lang: string) {
	await page.context().addCookies([{ name: 'lang', value: lang, url: state.url }]);
}

test.describe('on a 360 px phone', () => {
	test.use({ viewport: { width: 360, height: 780 } });

	test('“rather not at home” offers a time at school first, and no meeting second', async ({
		page,
		state
	}) => {
		await useLanguage(page, state, 'nl');
		await page.goto(pathOf(state, 'Kowalska'));
		await page.getByRole('link', { name: 'Ik wil liever geen afspraak' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Liever geen afspraak');
		const school = page.getByRole('link', { name: 'Kies een tijd op school' });
		const decline = page.getByRole('button', { name: 'Ik wil geen afspraak' });
		// School is the filled button, above; declining is an outlined button under it.
		await expect(school).toHaveClass(/\bprimary\b/);
		await expect(decline).not.toHaveClass(/\bprimary\b/);
		const [schoolBox, declineBox] = [(await school.boundingBox())!, (await decline.boundingBox())!];
		expect(schoolBox.y + schoolBox.height).toBeLessThan(declineBox.y);
		expect(await school.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
			'rgb(29, 78, 137)'
		);
		expect(await decline.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
			'rgb(255, 255, 255)'
		);
		await expectAccessible(page);
		await school.click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kies een tijd');
		await expect(page.getByRole('link', { name: 'Op school' })).toHaveAttribute(
			'aria-current',
			'true'
		);
	});

	test('every control on every parent page is at least 44 × 44 px, in Dutch and in Arabic', async ({
		page,
		state
	}) => {
		test.setTimeout(120_000);
		const open = pathOf(state, 'Kowalska');
		const osei = pathOf(state, 'Osei');
		const smith = pathOf(state, 'Smith');
		const pages = [
			open,
			`${open}/book?place=home`,
			`${open}/book?place=school`,
			`${open}/book?place=neutral`,
			`${open}/decline`,
			`${osei}/book?place=home`,
			new URL(state.demo.newsletterUrl!).pathname,
			'/f/' + 'a'.repeat(32)
		];
		for (const lang of ['nl', 'ar']) {
			await useLanguage(page, state, lang);
			for (const path of pages) {
				await page.goto(path);
				await expectTapTargets(page);
				await expectNoSidewaysScroll(page);
			}
			// A day opened, with its times; and a refused form with its messages.
			await page.goto(`${open}/book?place=home`);
			await page.locator('details.slot-day summary').first().click();
			await expectTapTargets(page);
			await page.getByRole('button', { name: messages(lang).family.confirm }).click();
			await expect(page.getByRole('alert')).toBeVisible();
			await expectTapTargets(page);
		}
		// Booked (Osei, at school with Lisa Mulder), the cancel page, and declined (Smith).
		await useLanguage(page, state, 'nl');
		await page.goto(`${osei}/book?place=school`);
		await page.locator('details.slot-day summary').first().click();
		await page.locator('details.slot-day[open] input[name="slotId"]').first().check();
		await page.getByRole('button', { name: 'Afspraak maken' }).click();
		await expect(page.getByRole('status')).toHaveText('Gelukt! Uw afspraak staat vast.');
		await page.goto(smith + '/decline');
		await page.getByRole('button', { name: 'Ik wil geen afspraak' }).click();
		await expect(page.getByRole('status')).toContainText('De leerkracht weet nu');
		for (const lang of ['nl', 'ar']) {
			await useLanguage(page, state, lang);
			for (const path of [osei, `${osei}/cancel`, smith]) {
				await page.goto(path);
				await expectTapTargets(page);
				await expectNoSidewaysScroll(page);
			}
		}
	});

	test('the choose-a-time page shows the days first, and is short on a phone', async ({
		page,
		state
	}, testInfo) => {
		await useLanguage(page, state, 'nl');
		const open = pathOf(state, 'Kowalska');
		for (const place of ['home', 'school', 'neutral']) {
			await page.goto(`${open}/book?place=${place}`);
			// The neutral page also lists the school's places, and other specs (and their retries) add
			// some: their cards are not counted, so the bound does not depend on which specs ran first.
			const height = await page.evaluate(() => {
				const places = [...document.querySelectorAll('input[name="placeId"]')].map(
					(input) => input.closest('label')?.getBoundingClientRect().height ?? 0
				);
				return document.documentElement.scrollHeight - places.reduce((a, b) => a + b, 0);
			});
			testInfo.annotations.push({
				type: 'height at 360 px without the place cards',
				description: `book?place=${place}: ${height} px`
			});
			// Fatma Demir's 24 times as 24 rows made this page 3,500–3,850 px long.
			expect(height, `book?place=${place}`).toBeLessThan(2600);
			// Six closed days, each saying how many times it has.
			await expect(page.locator('details.slot-day')).toHaveCount(6);
			await expect(page.locator('details.slot-day[open]')).toHaveCount(0);
			await expect(page.locator('details.slot-day summary').first()).toContainText(/\d+ tijden/);
			await expectAccessible(page);
		}
	});

	test.describe('without JavaScript', () => {
		test.use({ javaScriptEnabled: false });

		test('a refused form comes back with the chosen day open and the time still chosen', async ({
			page,
			state
		}) => {
			await useLanguage(page, state, 'en');
			await page.goto(`${pathOf(state, 'Kowalska')}/book?place=school`);
			await expect(page.locator('script')).toHaveCount(0);
			const day = page.locator('details.slot-day').nth(3);
			await day.locator('summary').click();
			const radio = day.locator('input[name="slotId"]').nth(1);
			const slotId = await radio.getAttribute('value');
			await radio.check();
			await page
				.getByLabel('Questions or topics for the teacher')
				.evaluate((el) => el.removeAttribute('maxlength'));
			await page.getByLabel('Questions or topics for the teacher').fill('x'.repeat(1200));
			await page.getByRole('button', { name: 'Make the appointment' }).click();
			await expect(page.getByRole('alert')).toContainText('Your questions are too long');
			await expect(page.locator('details.slot-day[open]')).toHaveCount(1);
			await expect(page.locator('details.slot-day').nth(3)).toHaveAttribute('open', '');
			await expect(page.locator(`input[name="slotId"][value="${slotId}"]`)).toBeChecked();
		});
	});
});

test('on a desktop the parent pages sit in the middle of the screen, also right to left', async ({
	page,
	state
}) => {
	await page.setViewportSize({ width: 1280, height: 800 });
	for (const lang of ['nl', 'ar']) {
		await useLanguage(page, state, lang);
		await page.goto(pathOf(state, 'Kowalska'));
		const { left, right } = await page.locator('.parent').evaluate((el) => {
			const box = el.getBoundingClientRect();
			return { left: box.left, right: document.documentElement.clientWidth - box.right };
		});
		expect(
			Math.abs(left - right),
			`${lang}: ${left} px left, ${right} px right`
		).toBeLessThanOrEqual(2);
		expect(left).toBeGreaterThan(100);
	}
});
