import { expect, type Page } from '@playwright/test';

/**
 * Every control a parent can tap on the page is at least 44 × 44 CSS px: links, buttons, the
 * language buttons, day headers (summary), fields, and radios together with their labels.
 * Hidden ones (a closed day's times, a skip link's box still counts) are measured as drawn.
 */
export async function expectTapTargets(page: Page) {
	const small = await page.evaluate(() => {
		const selector = [
			'a[href]',
			'button',
			'summary',
			'select',
			'textarea',
			'input:not([type="hidden"]):not([type="radio"]):not([type="checkbox"])',
			'label:has(input[type="radio"])',
			'label:has(input[type="checkbox"])',
			'input[type="radio"]:not(label input)',
			'input[type="checkbox"]:not(label input)'
		].join(', ');
		return [...document.querySelectorAll<HTMLElement>(selector)]
			.filter(
				(el) =>
					el.getClientRects().length > 0 &&
					!el.closest('.visually-hidden') &&
					getComputedStyle(el).visibility !== 'hidden'
			)
			.map((el) => {
				const box = el.getBoundingClientRect();
				return {
					what: `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40)}"`,
					width: Math.round(box.width * 10) / 10,
					height: Math.round(box.height * 10) / 10
				};
			})
			.filter((c) => c.width < 44 || c.height < 44)
			.map((c) => `${c.what}: ${c.width}×${c.height}`);
	});
	expect(small, `controls under 44×44 px on ${page.url()}`).toEqual([]);
}
