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
import { expectTapTargets } from './tap-targets';
import type { TargetState } from './targets';
import { messages } from './messages';
import type { RecordedMail } from '../support/mail-recorder';

/**
 * "None of these times fit": a parent of the García family, reading Arabic on a phone without
 * script, asks for a Friday evening; Jeroen Bos (who visits Lucía in 3B) makes a time for that
 * family on his phone; the mail in Arabic brings the parent back with a fresh link, and the time
 * made for them is the first choice. Another family of Jeroen's (Hassan) neither sees that time
 * nor can book it. García is this spec's own family (no other spec books or answers for it); the time is on a Friday, when none of the
 * demo's teachers has times, so no other spec meets it.
 */
const ar = messages('ar');
const nl = messages('nl');
// The Hassan family reads Somali: its pages speak it.
const so = messages('so');
const CARMEN = 'carmen.garcia@example.com';
const FRIDAY = '2026-10-30';

function family(state: TargetState, surname: string) {
	const found = state.demo.families.find((f) => f.name.includes(surname));
	if (!found) throw new Error(`no demo family ${surname}`);
	return { ...found, path: new URL(found.url).pathname };
}

/** A parent's phone: 360 px wide and no JavaScript, as the parents' pages are built for. */
async function parentPhone(browser: Browser, state: TargetState) {
	const context = await browser.newContext({
		baseURL: state.url,
		javaScriptEnabled: false,
		viewport: { width: 360, height: 780 }
	});
	return { context, page: await context.newPage() };
}

/**
 * The page the parent sees, checked: it ships no script; axe and the measurements need script
 * of their own, so they run on the same address in a second, scripted browser at 360 px.
 */
async function checkParentPage(parent: Page, checker: Page, state: TargetState) {
	await expect(parent.locator('script')).toHaveCount(0);
	await checker.context().addCookies([{ name: 'lang', value: 'ar', url: state.url }]);
	await checker.goto(parent.url());
	await expect(checker.locator('html')).toHaveAttribute('dir', 'rtl');
	await expectAccessible(checker);
	await expectNoSidewaysScroll(checker);
	await expectTapTargets(checker);
}

/**
 * The links in the time_offered mails to Carmen García, as her mail server got them; the office's
 * Mailbox shows the same mails sent, without the link.
 */
async function offeredLinks(browser: Browser, state: TargetState): Promise<string[]> {
	// The mail is written with the time and sent by the server's own worker: wait for it.
	let offered: RecordedMail[] = [];
	await expect(async () => {
		offered = (await mailsTo(state, CARMEN)).filter((m) =>
			m.text.includes(ar.other_time.mail_confirm)
		);
		expect(offered.length).toBeGreaterThan(0);
	}).toPass({ timeout: 20_000 });
	const context = await browser.newContext({ baseURL: state.url });
	const office = await context.newPage();
	const admin = state.demo.staff.find((s) => s.role === 'admin')!;
	await signIn(office, admin.email, admin.password);
	await office.goto('/staff/mailbox?kind=time_offered');
	await office
		.locator('li.mail details')
		.evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
	const mails = office.getByRole('listitem').filter({ hasText: CARMEN });
	await expect(mails).toHaveCount(offered.length);
	for (const text of await mails.allInnerTexts()) {
		expect(text).toContain(ar.other_time.mail_intro);
		expect(text).toContain(nl.mailbox.link_erased.family);
		expect(text).not.toContain('/f/');
	}
	await context.close();
	return offered.reverse().map(linkIn);
}

test('a parent for whom no time fits asks for another; the teacher makes one for that family only; the parent books it', async ({
	browser,
	page: checker,
	state
}) => {
	test.setTimeout(180_000);
	await checker.setViewportSize({ width: 360, height: 780 });
	const garcia = family(state, 'García');
	const hassan = family(state, 'Hassan');
	const parent = await parentPhone(browser, state);
	const page = parent.page;

	await test.step('the parent, in Arabic, finds no time that fits and says when she could', async () => {
		await page.goto(garcia.path);
		await page.getByRole('button', { name: 'العربية', exact: true }).click();
		await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
		await page.getByRole('link', { name: ar.family.place_home }).click();
		await expect(page.getByText(ar.other_time.none_fit)).toBeVisible();
		await checkParentPage(page, checker, state);
		await page.getByRole('link', { name: ar.other_time.link }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(ar.other_time.title);
		await checkParentPage(page, checker, state);
		// Nothing chosen: told what to do, in her language.
		await page.getByRole('button', { name: ar.other_time.send }).click();
		await expect(page.getByRole('alert')).toContainText(ar.other_time.errors.say_something);
		await page.getByLabel(ar.other_time.days.fri).check();
		await page.getByLabel(ar.other_time.parts.evening).check();
		await page.getByLabel(ar.other_time.note_label).fill('بعد الساعة الخامسة <b>من فضلكم</b>');
		await page.getByRole('button', { name: ar.other_time.send }).click();
		await expect(page.getByRole('status')).toHaveText(ar.other_time.saved);
		await expect(page.getByRole('heading', { name: ar.other_time.asked_heading })).toBeVisible();
		await expect(page.getByText('بعد الساعة الخامسة <b>من فضلكم</b>')).toBeVisible();
		await checkParentPage(page, checker, state);
	});

	await test.step('the teacher, on her phone, sees the request and makes a Friday time for this family', async () => {
		const context = await browser.newContext({
			baseURL: state.url,
			viewport: { width: 360, height: 780 }
		});
		const teacher = await context.newPage();
		const jeroen = state.demo.staff.find((s) => s.email.startsWith('jeroen'))!;
		await signIn(teacher, jeroen.email, jeroen.password);
		await teacher.getByRole('link', { name: /Gezinnen die om een andere tijd vragen/ }).click();
		const request = teacher.getByRole('article').filter({ hasText: 'Lucía García' });
		await expect(request).toContainText(nl.other_time.days.fri);
		await expect(request).toContainText(nl.other_time.parts.evening);
		// The parent's words, as text.
		await expect(request).toContainText('<b>من فضلكم</b>');
		await expectAccessible(teacher);
		await expectNoSidewaysScroll(teacher);
		await request.getByLabel(nl.requests.date).fill(FRIDAY);
		await request.getByLabel(nl.requests.start).fill('18:00');
		await request.getByRole('button', { name: nl.requests.make_submit }).click();
		await expect(teacher.getByRole('status')).toHaveText(nl.requests.made_email);
		await expect(teacher.getByRole('article').filter({ hasText: 'Lucía García' })).toHaveCount(0);
		// In his week the time is his, marked as the family's.
		await teacher.goto('/staff/slots?week=2026-10-26');
		const friday = teacher
			.getByRole('region', { name: /vrijdag 30 oktober/ })
			.getByRole('listitem');
		await expect(friday).toContainText('18:00');
		await expect(friday).toContainText('Alleen voor gezin 3B');
		await context.close();
	});

	const [link] = await offeredLinks(browser, state);
	expect(link).toBeDefined();

	let madeSlot = '';
	await test.step('the mail brings the parent back; the time made for her comes first', async () => {
		await page.goto(new URL(link!).pathname);
		// She asked in Arabic: the page and the mail stay in Arabic.
		await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
		await page.getByRole('link', { name: ar.family.place_home }).click();
		const made = page.locator('.slot-option').first();
		await expect(made).toContainText(ar.other_time.made_for_you);
		madeSlot = (await made.locator('input[type="radio"]').getAttribute('value'))!;
		await checkParentPage(page, checker, state);
	});

	await test.step('another family of the same teacher neither sees that time nor can book it', async () => {
		const other = await parentPhone(browser, state);
		await other.page.goto(`${hassan.path}/book?place=home`);
		await expect(other.page.locator(`input[value="${madeSlot}"]`)).toHaveCount(0);
		await expect(other.page.getByText(so.other_time.made_for_you)).toHaveCount(0);
		// A forged post with its id: the database refuses it, the parent hears the time is gone.
		const response = await other.page.request.post(`${hassan.path}/book`, {
			form: { location: 'home', slotId: madeSlot, interpreter: 'none' },
			headers: { origin: state.url, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(response.status(), response.headers()['location'] ?? '').toBe(409);
		await other.page.setContent(await response.text());
		await expect(other.page.getByRole('alert')).toContainText(so.family.problems.slot_gone);
		await other.context.close();
	});

	await test.step('the parent books the time made for her', async () => {
		await page.locator(`input[value="${madeSlot}"]`).check();
		await page.getByRole('button', { name: ar.family.confirm }).click();
		await expect(page.getByRole('status')).toHaveText(ar.family.saved_booked);
		// Booked: the request is answered, no longer shown.
		await expect(page.getByRole('heading', { name: ar.other_time.asked_heading })).toHaveCount(0);
		await parent.context.close();
	});
});
