/**
 * A page on another site that posts a form to the portal is refused, whatever that page does to
 * its referrer (which decides whether the browser sends its origin or "null"); the portal's own
 * forms keep working in the same browser, with and without JavaScript.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures';

let other: http.Server;
let otherOrigin: string;
let target: string;

/** The attacker's page: one button that posts a language choice (a harmless state change) to the portal. */
const attackPage = (
	referrer: string | null,
	action: string
) => `<!doctype html><html><head>${referrer ? `<meta name="referrer" content="${referrer}">` : ''}<title>elders</title></head>
<body><form method="POST" action="${action}"><input type="hidden" name="lang" value="ar"><input type="hidden" name="back" value="/sign-in"><button>Win a prize</button></form></body></html>`;

test.beforeAll(async () => {
	other = http.createServer((request, response) => {
		const url = new URL(request.url ?? '/', 'http://x');
		const referrer = url.searchParams.get('referrer');
		response.setHeader('Content-Type', 'text/html; charset=utf-8');
		if (url.pathname === '/sandboxed') {
			// A sandboxed frame's form posts with the origin "null".
			response.end(
				`<!doctype html><title>frame</title><iframe sandbox="allow-forms" srcdoc="${attackPage(null, target).replace(/"/g, '&quot;')}" style="width:400px;height:200px"></iframe>`
			);
		} else {
			response.end(attackPage(referrer, target));
		}
	});
	await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
	// 127.0.0.1 is another origin (and site) than the portal's localhost.
	otherOrigin = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
	await new Promise((resolve) => other.close(resolve));
});

for (const referrer of [null, 'no-referrer', 'same-origin', 'unsafe-url']) {
	test(`a cross-site form post is refused (referrer policy ${referrer ?? 'default'})`, async ({
		page,
		state
	}) => {
		target = `${state.url}/language`;
		await page.goto(`${otherOrigin}/?referrer=${referrer ?? ''}`);
		const [response] = await Promise.all([
			page.waitForResponse((r) => r.url() === target && r.request().method() === 'POST'),
			page.getByRole('button', { name: 'Win a prize' }).click()
		]);
		expect(response.status()).toBe(403);
		// Nothing changed: the portal still speaks Dutch to this browser.
		await page.goto(`${state.url}/sign-in`);
		await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
	});
}

test('a form post from a sandboxed frame on another site is refused', async ({ page, state }) => {
	target = `${state.url}/language`;
	await page.goto(`${otherOrigin}/sandboxed`);
	const frame = page.frameLocator('iframe');
	const [response] = await Promise.all([
		page.waitForResponse((r) => r.url() === target && r.request().method() === 'POST'),
		frame.getByRole('button', { name: 'Win a prize' }).click()
	]);
	expect(response.status()).toBe(403);
	await page.goto(`${state.url}/sign-in`);
	await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test("the portal's own form posts still go through", async ({ page, state }) => {
		const family = state.demo.families.find((f) => f.language === 'nl')!;
		await page.goto(new URL(family.url).pathname.replace(/^/, state.url));
		const [response] = await Promise.all([
			page.waitForResponse((r) => r.url().endsWith('/language') && r.request().method() === 'POST'),
			page.getByRole('button', { name: 'English' }).click()
		]);
		expect(response.status()).toBe(303);
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	});
});
