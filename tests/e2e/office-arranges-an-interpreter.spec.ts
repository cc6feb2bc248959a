import type { Browser, Page } from '@playwright/test';
import { expect, expectAccessible, expectNoSidewaysScroll, signIn, test } from './fixtures';

/**
 * The office arranges an interpreter: it adds one to the school's list, a family asks for one
 * through its own link, the home page counts it, the list
 * shows it to arrange, the office arranges the interpreter and reads that they were mailed; on a
 * phone the list is cards; without JavaScript the office releases them and arranges them by
 * phone instead. The refusal of one interpreter at two overlapping visits is proven over HTTP in
 * tests/server/office-interpreters.test.ts: on the shared demo a second family at the same hour
 * needs another teacher, and handing a family over changes what staff-home.spec counts.
 *
 * The Yılmaz family (Jeroen Bos) is this spec's alone on the shared demo server; it takes one of
 * Jeroen's free times at random.
 */

const INTERPRETER = 'Derya Aksoy';

async function familyId(page: Page, surname: string, child: string): Promise<string> {
	await page.goto(`/staff/privacy?q=${encodeURIComponent(surname)}`);
	const href = await page.getByRole('link', { name: new RegExp(child) }).getAttribute('href');
	return href!.split('/').pop()!;
}

/** The time the family booked, as the office's pages write it: "woensdag 4 november", "18:30". */
let booked = { day: '', start: '', end: '' };
const bookedWhen = () => `${booked.day}, ${booked.start}`;

/**
 * The family asks through its own link: home, a free time of Jeroen's taken at random, "please
 * arrange one". Never on his first or last day: other specs book his first Monday and race for
 * last times while this one runs.
 */
async function familyAsksForInterpreter(browser: Browser, path: string, language: string) {
	const context = await browser.newContext({ viewport: { width: 360, height: 780 } });
	const parent = await context.newPage();
	await parent.goto(path);
	await parent.getByRole('button', { name: 'Nederlands', exact: true }).click();
	await parent.getByRole('link', { name: 'Bij u thuis' }).click();
	const days = parent.locator('.slot-day');
	const day = days.nth(1 + Math.floor(Math.random() * ((await days.count()) - 2)));
	if ((await day.getAttribute('open')) === null) await day.locator('summary').click();
	const options = day.locator('label.slot-option');
	const option = options.nth(Math.floor(Math.random() * (await options.count())));
	const [, start, end] = /(\d{1,2}:\d{2}) tot (\d{1,2}:\d{2})/.exec(
		(await option.textContent()) ?? ''
	)!;
	booked = {
		day: (await day.locator('.day-name').textContent())!.trim(),
		start: start!,
		end: end!
	};
	await option.locator('input').check();
	await parent.getByRole('radio', { name: 'Ja, regel alstublieft een tolk voor ons' }).check();
	await parent.getByLabel('Welke taal?').selectOption({ label: language });
	await parent.getByRole('button', { name: 'Afspraak maken' }).click();
	await expect(parent.getByRole('status')).toBeVisible();
	await context.close();
}

const requestRow = (page: Page, child: string) =>
	page.locator('tbody tr').filter({ hasText: child });

test.describe.serial('the office arranges an interpreter', () => {
	test('adds an interpreter, sees the request on the home page and the list, and arranges it', async ({
		page,
		browser,
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

		await test.step('a family asks for a Turkish interpreter through its own link', async () => {
			const yilmaz = state.demo.families.find((f) => f.name.includes('Yılmaz'))!;
			await familyAsksForInterpreter(browser, new URL(yilmaz.url).pathname, 'Turks');
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
				await expect(row).toContainText(`${booked.day}, ${booked.start}–${booked.end}`);
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
				`${INTERPRETER} is geregeld voor ${bookedWhen()} en kreeg een uitnodiging per e-mail.`
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
				`${INTERPRETER} is niet langer geregeld voor ${bookedWhen()} en kreeg een afzegging per e-mail.`
			);
			await expect(requestRow(page, 'Emre Yılmaz')).toContainText('○ Nog regelen');

			const yilmaz = requestRow(page, 'Emre Yılmaz');
			await yilmaz.getByLabel('Wie tolkt').selectOption({ label: `${INTERPRETER} (Vrijwilliger)` });
			await yilmaz.getByLabel('Per telefoon').check();
			await yilmaz.getByRole('button', { name: 'Regelen' }).click();
			await expect(page.getByRole('status')).toHaveText(
				`${INTERPRETER} is geregeld voor ${bookedWhen()} en kreeg een uitnodiging per e-mail.`
			);
			await expect(requestRow(page, 'Emre Yılmaz')).toContainText('✓ Geregeld');
			await expect(requestRow(page, 'Emre Yılmaz')).toContainText('Per telefoon');
		});
	});

	test('the family moves the visit, then cancels: the office hears each once, the interpreter gets an update and a cancel', async ({
		page,
		browser,
		state
	}) => {
		test.setTimeout(180_000);
		const office = state.demo.staff.find((s) => s.role === 'admin')!;
		const yilmaz = state.demo.families.find((f) => f.name.includes('Yılmaz'))!;
		await signIn(page, office.email, office.password);
		const id = await familyId(page, 'Yılmaz', 'Emre Yılmaz');
		const subjects = async (kind: string) => {
			await page.goto(`/staff/mailbox?family=${id}&kind=${kind}`);
			// Each row names its kind and its subject: keep the subjects.
			const kindNames = ['Tolk gevraagd (aan de administratie)', 'Uitnodiging voor de tolk'];
			return (await page.locator('main li strong').allTextContents()).filter(
				(text) => !kindNames.includes(text)
			);
		};
		const count = (list: string[], pattern: RegExp) => list.filter((s) => pattern.test(s)).length;
		const officeBefore = await subjects('interpreter_request');
		const invitesBefore = await subjects('interpreter_visit');

		const context = await browser.newContext({ viewport: { width: 360, height: 780 } });
		const parent = await context.newPage();
		await parent.goto(new URL(yilmaz.url).pathname);
		await parent.getByRole('button', { name: 'Nederlands', exact: true }).click();

		await test.step('the family takes another time, keeping its interpreter', async () => {
			await parent.getByRole('link', { name: 'Andere tijd of plek kiezen' }).click();
			// The first day with another free time (the family's own day may have none left),
			// neither his first nor his last day, as above.
			const days = parent.locator('.slot-day');
			for (let i = 1; i < (await days.count()) - 1; i++) {
				const day = days.nth(i);
				const others = day.locator('input[name="slotId"]:not(:checked)');
				if ((await others.count()) === 0) continue;
				if ((await day.getAttribute('open')) === null) await day.locator('summary').click();
				await others.first().check();
				break;
			}
			await expect(
				parent.getByRole('radio', { name: 'Ja, regel alstublieft een tolk voor ons' })
			).toBeChecked();
			await parent.getByRole('button', { name: 'Afspraak maken' }).click();
			await expect(parent.getByRole('status')).toBeVisible();
		});

		await test.step('the office gets one "moved" mail, the interpreter an updated invite', async () => {
			const officeNow = await subjects('interpreter_request');
			expect(officeNow.length - officeBefore.length, officeNow.join(' | ')).toBe(1);
			expect(count(officeNow, /^Tolkverzoek verplaatst: Turks/)).toBe(1);
			const invitesNow = await subjects('interpreter_visit');
			expect(invitesNow.length - invitesBefore.length).toBe(1);
			expect(count(invitesNow, /^Gewijzigd: tolken bij een gesprek/)).toBe(1);
		});

		await test.step('the family cancels: one withdrawal for the office, a cancel for the interpreter', async () => {
			await parent.getByRole('link', { name: 'Afspraak afzeggen' }).click();
			await parent.getByRole('button', { name: 'Ja, afzeggen' }).click();
			await expect(parent.getByRole('status')).toHaveText(
				'Uw afspraak is afgezegd. U kunt een nieuwe tijd kiezen.'
			);
			const officeNow = await subjects('interpreter_request');
			expect(officeNow.length - officeBefore.length).toBe(2);
			expect(count(officeNow, /^Tolkverzoek ingetrokken: Turks/)).toBe(1);
			const invitesNow = await subjects('interpreter_visit');
			expect(invitesNow.length - invitesBefore.length).toBe(2);
			expect(count(invitesNow, /^Vervallen: tolken bij een gesprek/)).toBe(
				count(invitesBefore, /^Vervallen: tolken bij een gesprek/) + 1
			);
			await page.goto('/staff/interpreters?past=1');
			await expect(requestRow(page, 'Emre Yılmaz').first()).toContainText('Ingetrokken');
		});

		// The story's mails as the office's Mailbox shows them, with the invites' key lines: the
		// record a reviewer reads (the steps above assert what matters).
		const record: string[] = [];
		for (const kind of ['interpreter_request', 'interpreter_visit']) {
			await page.goto(`/staff/mailbox?family=${id}&kind=${kind}`);
			for (const mail of await page.locator('main li.mail').all()) {
				const lines = (await mail.locator('p').allTextContents())
					.map((line) => line.replace(/[ \t]+/g, ' ').trim())
					.filter((line) => line && !/^(Adres verbeteren|Bekijk)/.test(line));
				record.push(...lines);
				// Inside the folded body: a locator, since role queries skip what is hidden.
				const invite = mail.locator('a[href$="/invite.ics"]');
				if ((await invite.count()) > 0) {
					const ics = await (await page.request.get((await invite.getAttribute('href'))!)).text();
					record.push(
						...ics.split(/\r\n/).filter((l) => /^(METHOD|SEQUENCE|STATUS|DTSTART|SUMMARY)/.test(l))
					);
				}
				record.push('---');
			}
		}
		await test
			.info()
			.attach('mails of the walk', { body: record.join('\n'), contentType: 'text/plain' });
		console.log(`Mails of the walk:\n${record.join('\n')}`);
		await context.close();
	});
});
