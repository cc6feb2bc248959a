import type { Browser, Page } from '@playwright/test';
import {
	expect,
	expectAccessible,
	expectNoSidewaysScroll,
	linkIn,
	mailsTo,
	signIn,
	test
} from './fixtures';
import type { TargetState } from './targets';
import { messages } from './messages';

const ar = messages('ar');
const uk = messages('uk');

/** Each scenario uses its own demo family, so the specs can run side by side on one server. */
function family(state: TargetState, surname: string) {
	const found = state.demo.families.find((f) => f.name.includes(surname));
	if (!found) throw new Error(`no demo family ${surname}`);
	return { ...found, path: new URL(found.url).pathname };
}

async function chooseLanguage(page: Page, endonym: string) {
	await page.getByRole('button', { name: endonym, exact: true }).click();
}

/** The school office, signed in in a browser of its own, next to the parent's. */
async function asOffice(browser: Browser, state: TargetState, work: (page: Page) => Promise<void>) {
	const context = await browser.newContext();
	const page = await context.newPage();
	const admin = state.demo.staff.find((s) => s.role === 'admin')!;
	await signIn(page, admin.email, admin.password);
	await work(page);
	await context.close();
}

/** The days are folded (one <details> each, no script needed): unfold one unless it is open. */
async function openDay(page: Page, day: number) {
	const details = page.locator('.slot-day').nth(day);
	if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
}

/**
 * A free time in the list: its radio, and its label (weekday, date and time). The specs share one
 * demo server, so each books with Fatma Demir (Jeroen's families belong to the teacher's own
 * spec) on a day of its own: her six visiting days have four times each.
 */
async function timeOn(page: Page, day: number, index = 0) {
	await openDay(page, day);
	const radio = page.locator('.slot-day').nth(day).locator('input[name="slotId"]').nth(index);
	const label = (await radio.locator('xpath=ancestor::label').innerText())
		.replace(/\s+/g, ' ')
		.trim();
	return { radio, label };
}

test.describe('parents choose a time', () => {
	test.use({ viewport: { width: 360, height: 780 } });

	test('a parent asks for her link on the newsletter page and books a home visit', async ({
		page,
		browser,
		state
	}) => {
		// The newsletter form, the link mail on the school's mail server and a booking: about
		// 30 s on a busy machine.
		test.setTimeout(90_000);
		const peters = family(state, 'Peters');
		await page.goto(new URL(state.demo.newsletterUrl!).pathname);
		await chooseLanguage(page, 'Nederlands');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Uw link voor het huisbezoek');
		await expectAccessible(page);
		await page.getByLabel('Uw e-mailadres').fill(peters.email!.toUpperCase());
		await page.getByRole('button', { name: 'Stuur mij mijn link' }).click();
		const answer = page.getByRole('status');
		await expect(answer).toContainText('Als school dit adres');

		// An unknown address gets the very same answer.
		await page.goto(new URL(state.demo.newsletterUrl!).pathname);
		await page.getByLabel('Uw e-mailadres').fill('nobody@nowhere.example');
		await page.getByRole('button', { name: 'Stuur mij mijn link' }).click();
		await expect(page.getByRole('status')).toContainText(
			'Als school dit adres (nobody@nowhere.example)'
		);

		// The mail goes out through the school's mail server. Other specs mail this family too
		// (an invitation for another round): pick the link mail.
		let link = '';
		await expect(async () => {
			const mail = (await mailsTo(state, peters.email!))
				.filter((m) => m.subject.includes('Uw link voor het huisbezoek'))
				.at(-1);
			expect(mail).toBeDefined();
			link = linkIn(mail!);
		}).toPass({ timeout: 20_000 });

		await page.goto(new URL(link).pathname);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Uw huisbezoek');
		await page.getByRole('link', { name: 'Bij u thuis' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kies een tijd');
		await expectAccessible(page);
		await expectNoSidewaysScroll(page);
		const { radio, label } = await timeOn(page, 0);
		await radio.check();
		await page
			.getByLabel('Vragen of onderwerpen voor de leerkracht')
			.fill('Julia slaapt slecht sinds de verhuizing.');
		await page.getByRole('button', { name: 'Afspraak maken' }).click();

		await expect(page.getByRole('status')).toHaveText('Gelukt! Uw afspraak staat vast.');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Uw afspraak');
		await expect(page.getByRole('main')).toContainText(label.split(',')[0]!);
		await expect(page.getByRole('main')).toContainText('Bij u thuis');
		await expect(page.getByRole('main')).toContainText('Julia slaapt slecht');
		await expectAccessible(page);

		const download = page.waitForEvent('download');
		await page.getByRole('link', { name: 'Zet in mijn agenda' }).click();
		const ics = await (await download).createReadStream().then(async (stream) => {
			let text = '';
			for await (const chunk of stream) text += chunk;
			return text;
		});
		expect(ics).toContain('BEGIN:VEVENT');
		expect(ics).not.toContain('Julia');
		expect(ics).not.toContain('/f/');

		// The teacher sees it at once.
		const teacherContext = await browser.newContext();
		const teacherPage = await teacherContext.newPage();
		const fatma = state.demo.staff.find((s) => s.name.startsWith('Fatma'))!;
		await signIn(teacherPage, fatma.email, fatma.password);
		await teacherPage.goto('/staff/families?status=booked');
		await teacherPage.getByRole('link', { name: 'Julia Peters' }).click();
		await expect(teacherPage.getByText('Julia slaapt slecht sinds de verhuizing.')).toBeVisible();
		await teacherContext.close();
	});

	test('a parent declines a home visit and chooses school, with a reason', async ({
		page,
		browser,
		state
	}) => {
		const kaya = family(state, 'Kaya');
		await page.goto(kaya.path);
		// The family's home language comes first; the parent switches to English.
		await expect(page.locator('html')).toHaveAttribute('lang', 'tr');
		await chooseLanguage(page, 'English');
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await page.getByRole('link', { name: 'At school' }).click();
		await page.getByText('Why not at home?').click();
		await page.getByLabel('Reason', { exact: true }).selectOption('no_space');
		await page.getByLabel('In your own words').fill('We live with three families in one flat.');
		await (await timeOn(page, 1)).radio.check();
		await page.getByRole('button', { name: 'Make the appointment' }).click();
		await expect(page.getByRole('status')).toHaveText('Done! Your appointment is booked.');
		await expect(page.getByRole('main')).toContainText('At school');

		await asOffice(browser, state, async (office) => {
			await office.goto('/staff/families?status=booked');
			await office.getByRole('link', { name: 'Can Kaya, Elif Kaya' }).click();
			// The visit's summary says it; the booking form below starts from the same words.
			await expect(
				office
					.getByRole('paragraph')
					.filter({ hasText: 'We live with three families in one flat.' })
			).toBeVisible();
			const bookingForm = office.locator('form[action="?/book"]');
			await expect(bookingForm.getByLabel('Toelichting (niet verplicht)')).toHaveValue(
				'We live with three families in one flat.'
			);
		});
	});

	test('a parent asks for an Arabic interpreter, in Arabic, right to left', async ({
		page,
		browser,
		state
	}) => {
		// Two parents' pages and the office's, with axe: 24 s on a quiet machine, over 30 s in CI.
		test.slow();
		const haddad = family(state, 'Haddad');
		await page.goto(haddad.path);
		await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
		await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
		await expectAccessible(page);
		await page.getByRole('link', { name: ar.family.place_home }).click();
		await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
		await expectAccessible(page);
		await expectNoSidewaysScroll(page);
		await (await timeOn(page, 3)).radio.check();
		// Three choices, the language hidden until one with an interpreter is chosen.
		await expect(
			page.getByRole('radio', { name: ar.family.interpreter_none_choice })
		).toBeChecked();
		await expect(page.getByLabel(ar.family.interpreter_language)).toBeHidden();
		await page.getByRole('radio', { name: ar.family.interpreter_arrange_choice }).check();
		// The family's home language comes first.
		await expect(page.getByLabel(ar.family.interpreter_language)).toHaveValue('ar');
		await expectAccessible(page);
		await expectNoSidewaysScroll(page);
		await page.getByRole('button', { name: ar.family.confirm }).click();
		await expect(page.getByRole('status')).toBeVisible();
		await expect(page.getByRole('main')).toContainText(
			// A value in a right-to-left sentence comes isolated (U+2068 … U+2069).
			ar.family.interpreter_arrange.replace('{{language}}', '\u2068العربية\u2069')
		);
		await expectAccessible(page);

		await asOffice(browser, state, async (office) => {
			await office.goto('/staff/families');
			await office.getByRole('link', { name: /een tolk gevraagd/ }).click();
			const request = office.locator('tbody tr').filter({ hasText: 'Omar Haddad' });
			await expect(request).toContainText('Arabisch');
		});
	});

	test('a parent reschedules, then cancels', async ({ page, state }) => {
		const vanDerBerg = family(state, 'van der Berg');
		await page.goto(vanDerBerg.path);
		await chooseLanguage(page, 'Nederlands');
		await page.getByRole('link', { name: 'Op school' }).click();
		const first = await timeOn(page, 4, 0);
		await first.radio.check();
		await page.getByRole('button', { name: 'Afspraak maken' }).click();
		await expect(page.getByRole('main')).toContainText(first.label.split(',')[0]!);

		await page.getByRole('link', { name: 'Andere tijd of plek kiezen' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Uw afspraak veranderen');
		// The current time is offered and checked; the parent takes the next one.
		await expect(page.locator('input[name="slotId"]:checked')).toHaveCount(1);
		// The parent's own time is in the list again; the parent takes another one that day.
		const second = await timeOn(page, 4, 2);
		await second.radio.check();
		await page.getByRole('button', { name: 'Afspraak maken' }).click();
		await expect(page.getByRole('main')).toContainText(second.label.split(',')[0]!);

		await page.getByRole('link', { name: 'Afspraak afzeggen' }).click();
		await expectAccessible(page);
		await page.getByRole('button', { name: 'Ja, afzeggen' }).click();
		await expect(page.getByRole('status')).toHaveText(
			'Uw afspraak is afgezegd. U kunt een nieuwe tijd kiezen.'
		);
		await expect(
			page.getByRole('heading', { level: 2, name: 'Waar wilt u afspreken?' })
		).toBeVisible();
	});

	test('two parents race for the same last time: exactly one gets it, the other a fresh list', async ({
		browser,
		state
	}) => {
		const open = async (b: Browser, surname: string) => {
			const context = await b.newContext({
				viewport: { width: 360, height: 780 },
				locale: 'nl-NL'
			});
			const page = await context.newPage();
			// The school times, straight away: for a booked family the same list, to move to.
			await page.goto(`${family(state, surname).path}/book?place=school`);
			await chooseLanguage(page, 'Nederlands');
			await expect(page.locator('input[name="slotId"]').first()).toBeAttached();
			return { context, page };
		};
		// Families no other spec reads: the race books one of them in Dutch, which becomes the
		// family's language for its mail. The Kaya family booked a school time in the test above
		// (when it runs first): it races to move to the last one, the Petrova family to book it.
		const a = await open(browser, 'Kaya');
		const b = await open(browser, 'Petrova');
		const last = async (page: Page) => {
			await openDay(page, (await page.locator('.slot-day').count()) - 1);
			return page.locator('input[name="slotId"]').last();
		};
		const slotId = await (await last(a.page)).getAttribute('value');
		expect(await (await last(b.page)).getAttribute('value')).toBe(slotId);
		await (await last(a.page)).check();
		await (await last(b.page)).check();
		await Promise.all([
			a.page.getByRole('button', { name: 'Afspraak maken' }).click(),
			b.page.getByRole('button', { name: 'Afspraak maken' }).click()
		]);

		const won = async (page: Page) =>
			(await page.getByRole('status').count()) > 0 &&
			(await page.getByRole('status').innerText()).startsWith('Gelukt');
		await Promise.all([a.page.waitForLoadState(), b.page.waitForLoadState()]);
		const results = [await won(a.page), await won(b.page)];
		expect(results.filter(Boolean)).toHaveLength(1);
		const loser = results[0] ? b.page : a.page;
		await expect(loser.getByRole('alert')).toContainText('iemand anders koos deze tijd net eerder');
		await expect(loser.locator(`input[name="slotId"][value="${slotId}"]`)).toHaveCount(0);
		await a.context.close();
		await b.context.close();
	});
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false, viewport: { width: 360, height: 780 } });

	test('a parent books with JavaScript off, and the pages carry no script at all', async ({
		page,
		state
	}) => {
		const warsame = family(state, 'Warsame');
		const response = await page.goto(warsame.path);
		expect(response!.headers()['cache-control']).toBe('no-store');
		expect(response!.headers()['x-robots-tag']).toBe('noindex');
		expect(response!.headers()['referrer-policy']).toBe('same-origin');
		await expect(page.locator('script')).toHaveCount(0);
		await chooseLanguage(page, 'English');
		await page.getByRole('link', { name: 'At another place' }).click();
		await expect(page.locator('script')).toHaveCount(0);
		await page.getByRole('radio', { name: /Buurthuis Het Anker/ }).check();
		await (await timeOn(page, 5)).radio.check();
		// Too long a question is refused with a message, and what was typed stays.
		await page
			.getByLabel('Questions or topics for the teacher')
			.evaluate((el) => el.removeAttribute('maxlength'));
		await page.getByLabel('Questions or topics for the teacher').fill('x'.repeat(1200));
		await page.getByRole('button', { name: 'Make the appointment' }).click();
		await expect(page.getByRole('alert')).toContainText('Your questions are too long');
		await expect(page.getByLabel('Questions or topics for the teacher')).toHaveValue(
			'x'.repeat(1200)
		);
		await page.getByLabel('Questions or topics for the teacher').fill('<script>alert(1)</script>');
		await (await timeOn(page, 5)).radio.check();
		await page.getByRole('button', { name: 'Make the appointment' }).click();
		await expect(page.getByRole('status')).toHaveText('Done! Your appointment is booked.');
		await expect(page.getByRole('main')).toContainText('<script>alert(1)</script>');
		await expect(page.locator('script')).toHaveCount(0);
	});
});

test('every parent page passes axe in every language and fits a 360 px phone', async ({
	page,
	context,
	state
}) => {
	// 7 languages × 8 pages, each with axe: about two minutes on a quiet machine (the language
	// picker has fourteen buttons now), five and more under CI load.
	test.setTimeout(600_000);
	await page.setViewportSize({ width: 360, height: 780 });
	const shevchenko = family(state, 'Shevchenko');
	const pages = [
		shevchenko.path,
		`${shevchenko.path}/book?place=home`,
		`${shevchenko.path}/book?place=school`,
		`${shevchenko.path}/book?place=neutral`,
		`${shevchenko.path}/decline`,
		new URL(state.demo.newsletterUrl!).pathname
	];
	for (const lang of ['nl', 'en', 'fr', 'ar', 'tr', 'pl', 'uk']) {
		await context.addCookies([{ name: 'lang', value: lang, url: state.url }]);
		for (const path of pages) {
			await page.goto(path);
			await expect(page.locator('html')).toHaveAttribute('lang', lang);
			await expectAccessible(page);
			await expectNoSidewaysScroll(page);
		}
	}
	// And the confirmation and cancel pages, once booked.
	await page.goto(`${shevchenko.path}/book?place=home`);
	await (await timeOn(page, 2)).radio.check();
	// The last language the loop above chose.
	await page.getByRole('button', { name: uk.family.confirm }).click();
	for (const lang of ['nl', 'en', 'fr', 'ar', 'tr', 'pl', 'uk']) {
		await context.addCookies([{ name: 'lang', value: lang, url: state.url }]);
		for (const path of [shevchenko.path, `${shevchenko.path}/cancel`]) {
			await page.goto(path);
			await expectAccessible(page);
			await expectNoSidewaysScroll(page);
		}
	}
});

test('the "another time" and "call me" pages, and a family page with both asked, pass axe in every language', async ({
	page,
	context,
	state
}) => {
	// Tesfay (Anouk Visser, who has no times): no other spec opens this family's pages.
	test.setTimeout(600_000);
	await page.setViewportSize({ width: 360, height: 780 });
	const tesfay = family(state, 'Tesfay');
	const pages = [`${tesfay.path}/other-time`, `${tesfay.path}/call-me`];
	const every = ['nl', 'en', 'fr', 'ar', 'tr', 'pl', 'uk'];
	for (const lang of every) {
		await context.addCookies([{ name: 'lang', value: lang, url: state.url }]);
		for (const path of pages) {
			await page.goto(path);
			await expect(page.locator('html')).toHaveAttribute('lang', lang);
			await expectAccessible(page);
			await expectNoSidewaysScroll(page);
		}
	}
	// Both asked (the last language the loop chose): the family's page shows them, with the forms.
	await page.goto(`${tesfay.path}/other-time`);
	await page.getByLabel(uk.other_time.days.tue).check();
	await page.getByRole('button', { name: uk.other_time.send }).click();
	await expect(page.getByRole('status')).toHaveText(uk.other_time.saved);
	await page.goto(`${tesfay.path}/call-me`);
	await page.getByLabel(uk.call_me.phone_label).fill('06 1234 5678');
	await page.getByRole('button', { name: uk.call_me.send }).click();
	await expect(page.getByRole('status')).toHaveText(uk.call_me.saved);
	for (const lang of every) {
		await context.addCookies([{ name: 'lang', value: lang, url: state.url }]);
		for (const path of [tesfay.path, ...pages]) {
			await page.goto(path);
			await expect(page.locator('html')).toHaveAttribute('lang', lang);
			await expectAccessible(page);
			await expectNoSidewaysScroll(page);
		}
	}
});

test('a wrong or revoked family link opens nothing', async ({ page }) => {
	for (const path of ['/f/not-a-token', '/f/' + 'a'.repeat(32), '/f/' + 'x'.repeat(10_000)]) {
		const response = await page.goto(path);
		expect(response!.status()).toBe(404);
	}
});
