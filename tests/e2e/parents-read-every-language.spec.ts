import { expect, expectAccessible, expectNoSidewaysScroll, test } from './fixtures';
import type { TargetState } from './targets';
import { parentLanguages } from '../../src/lib/i18n/languages';

/**
 * The parent languages that came after the first seven (Somali, Tigrinya, Farsi, Romanian,
 * Bulgarian, Spanish, Portuguese) on every parent page, with axe, on a 360 px phone.
 * parents-book walks the first seven through the same pages before and after a booking. Here
 * nothing is changed: the pages are read in whatever state other specs have left them.
 */
const firstSeven = ['nl', 'en', 'fr', 'ar', 'tr', 'pl', 'uk'];
const later = parentLanguages.filter((lang) => !firstSeven.includes(lang));

const pathOf = (state: TargetState, surname: string) =>
	new URL(state.demo.families.find((f) => f.name.includes(surname))!.url).pathname;

test('the seven later languages are in the list', () => {
	expect(later).toEqual(['so', 'ti', 'fa', 'ro', 'bg', 'es', 'pt']);
});

for (const lang of later) {
	test(`every parent page passes axe in ${lang} and fits a 360 px phone`, async ({
		page,
		context,
		state
	}) => {
		// Nine pages with axe each: over a minute on a loaded CI machine.
		test.setTimeout(240_000);
		await page.setViewportSize({ width: 360, height: 780 });
		await context.addCookies([{ name: 'lang', value: lang, url: state.url }]);
		const shevchenko = pathOf(state, 'Shevchenko');
		const tesfay = pathOf(state, 'Tesfay');
		for (const path of [
			shevchenko,
			`${shevchenko}/book?place=home`,
			`${shevchenko}/book?place=school`,
			`${shevchenko}/book?place=neutral`,
			`${shevchenko}/decline`,
			`${shevchenko}/cancel`,
			`${tesfay}/other-time`,
			`${tesfay}/call-me`,
			new URL(state.demo.newsletterUrl!).pathname
		]) {
			await page.goto(path);
			await expect(page.locator('html')).toHaveAttribute('lang', lang);
			await expectAccessible(page);
			await expectNoSidewaysScroll(page);
		}
	});
}
