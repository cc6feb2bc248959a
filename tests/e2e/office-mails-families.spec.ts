import ICAL from 'ical.js';
import {
	expect,
	expectAccessible,
	expectNoSidewaysScroll,
	mailsTo,
	signIn,
	test
} from './fixtures';

test('the office invites a round by e-mail and follows the progress; the mailbox shows each mail', async ({
	page,
	state
}) => {
	// The wave goes out through a real mail server, then axe twice: over 30 s on a busy machine.
	test.setTimeout(60_000);
	await page.setViewportSize({ width: 360, height: 800 });
	const admin = state.demo.staff.find((s) => s.role === 'admin')!;
	await signIn(page, admin.email, admin.password);

	// Its own round, so its new e-mail links leave the demo round's families alone.
	await page.goto('/staff/rounds/new');
	await page.getByLabel('Naam').fill('Huisbezoeken zomer 2027');
	await page.getByLabel('Eerste bezoekdag').fill('2027-06-01');
	await page.getByLabel('Laatste bezoekdag').fill('2027-06-30');
	await page.getByLabel('Vanaf', { exact: true }).fill('2026-10-10');
	await page.getByLabel('Tot', { exact: true }).fill('2027-05-30');
	await page.getByRole('button', { name: 'Opslaan' }).click();
	await expect(page.getByRole('status')).toHaveText('De bezoekronde is opgeslagen.');

	const mail = page.getByRole('region', { name: 'E-mail aan de gezinnen' });
	await expect(mail).toContainText('hebben een e-mailadres');
	await mail.getByRole('button', { name: 'Uitnodiging versturen' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Uitnodiging');
	await expectAccessible(page);
	await expectNoSidewaysScroll(page);
	// The page reloads itself until the worker is through.
	await expect(page.getByText('Klaar.')).toBeVisible({ timeout: 30_000 });
	const progress = page.getByRole('progressbar');
	expect(await progress.getAttribute('value')).toBe(await progress.getAttribute('max'));
	await expect(
		page.getByRole('button', { name: 'Brieven printen voor gezinnen zonder e-mail' })
	).toBeVisible();

	// Only invitations, and one in Dutch: in a full run other specs add newer mails ("Uitnodiging
	// voor de tolk", "… voor een collega"), and a family may read its mail in another language.
	await page.goto('/staff/mailbox?kind=invitation');
	await expectAccessible(page);
	const invitation = page
		.locator('li.mail')
		.filter({ has: page.locator('div[lang="nl"]') })
		.first();
	await expect(invitation).toBeVisible();
	// The message itself opens on demand.
	await invitation.getByText('Bericht lezen').click();
	await expect(invitation.getByText(/^Kies een tijd voor het huisbezoek van/)).toBeVisible();
	const href = await invitation
		.getByRole('link', { name: 'Bekijk zoals de ontvanger het ziet' })
		.getAttribute('href');
	const html = await page.request.get(href!);
	expect(html.headers()['content-security-policy']).toContain("default-src 'none'");
	// Sent: the family's link left the portal's database, and the office reads where it stood.
	const shown = await html.text();
	expect(shown).not.toMatch(/\/f\/[A-Za-z0-9]{8,}/);
	expect(shown).toContain('(De persoonlijke link is na verzending uit de portal gewist.)');
	await expect(invitation).toContainText(
		'Persoonlijke link verwijderd uit de portal; maak zo nodig een nieuwe via de gezinspagina.'
	);
	await expect(invitation).toContainText('Verstuurd');
	// The family got it, link and all, from the school's mail server.
	const address = await invitation.locator('.address').innerText();
	const subject = await invitation.locator('div[lang="nl"] strong').innerText();
	const received = (await mailsTo(state, address)).filter((m) => m.subject === subject);
	expect(received.length).toBeGreaterThan(0);
	expect(received.at(-1)!.html).toMatch(/<a href="http[^"]+\/f\/[A-Za-z0-9]+"/);
});

test('the office walks the mailbox on a phone and at a desk: filters, pages, a failed mail, one family', async ({
	page,
	state
}, testInfo) => {
	test.setTimeout(90_000);
	await page.setViewportSize({ width: 1280, height: 800 });
	const admin = state.demo.staff.find((s) => s.role === 'admin')!;
	await signIn(page, admin.email, admin.password);

	// Many mails: an invitation to every family of a round of its own.
	await page.goto('/staff/rounds/new');
	await page.getByLabel('Naam').fill('Kennismaking nieuwe ouders 2027');
	await page.getByLabel('Eerste bezoekdag').fill('2027-03-01');
	await page.getByLabel('Laatste bezoekdag').fill('2027-03-31');
	await page.getByLabel('Vanaf', { exact: true }).fill('2026-10-10');
	await page.getByLabel('Tot', { exact: true }).fill('2027-02-28');
	await page.getByRole('button', { name: 'Opslaan' }).click();
	await expect(page.getByRole('status')).toHaveText('De bezoekronde is opgeslagen.');
	await page
		.getByRole('region', { name: 'E-mail aan de gezinnen' })
		.getByRole('button', { name: 'Uitnodiging versturen' })
		.click();
	await expect(page.getByText('Klaar.')).toBeVisible({ timeout: 30_000 });

	// A colleague whose address the mail cannot take: her invitation fails.
	await page.goto('/staff/team');
	await page.getByLabel('Naam').fill('Renée Brouwer');
	await page.getByLabel('E-mailadres').fill('renée@spitsbergen.example');
	await page.getByLabel('Functie').selectOption({ label: 'Leerkracht' });
	// Past the browser's own check, as such addresses came in before the portal checked them.
	await page
		.getByRole('region', { name: 'Collega of stagiair uitnodigen' })
		.locator('form')
		.evaluate((form: HTMLFormElement) => (form.noValidate = true));
	await page.getByRole('button', { name: 'Uitnodigen' }).click();
	await expect(page.getByRole('status')).toBeVisible();
	await expect(async () => {
		await page.goto('/staff/mailbox?state=failed');
		await expect(page.getByRole('listitem').filter({ hasText: 'renée@' })).toHaveCount(1);
	}).toPass({ timeout: 30_000 });

	for (const width of [360, 1280]) {
		await page.setViewportSize({ width, height: 800 });
		await page.goto('/staff/mailbox');
		await expectAccessible(page);
		await expectNoSidewaysScroll(page);
		const height = await page.evaluate(() => document.documentElement.scrollHeight);
		const total = Number(/Berichten: (\d+)/.exec(await page.locator('main').innerText())![1]);
		testInfo.annotations.push({
			type: 'mailbox height',
			description: `${width} px: ${height} px for 25 of ${total} mails`
		});
		console.log(`mailbox at ${width} px: ${height} px tall, 25 of ${total} mails on the page`);
		expect(total).toBeGreaterThan(25);
		// One page of 25, failed mail first, each row compact.
		const rows = page.locator('li.mail');
		await expect(rows).toHaveCount(25);
		await expect(page.getByRole('heading', { level: 2 }).first()).toHaveText('Niet verstuurd');
		const failed = rows.filter({ hasText: 'renée@spitsbergen.example' });
		await expect(failed).toContainText('✕ Mislukt');
		await expect(failed).toContainText('Uitnodiging voor een collega');
		await expect(failed).toContainText('Laat het de collega zelf weten');
		await expect(rows.first()).toContainText('renée@spitsbergen.example');
		// The body opens on demand.
		await expect(failed.getByText(/^Uw account voor Huisbezoek/)).toBeHidden();
		await failed.getByText('Bericht lezen').click();
		await expect(failed.getByText(/^Uw account voor Huisbezoek/)).toBeVisible();
		await expect(
			failed.getByRole('link', { name: 'Bekijk zoals de ontvanger het ziet' })
		).toBeVisible();
		expect(height).toBeLessThan(width === 360 ? 12_000 : 8_000);
	}

	// The next page; the filters are a plain GET form, and the address says what is shown.
	await page.getByRole('link', { name: 'Volgende' }).click();
	await expect(page).toHaveURL(/\?page=2$/);
	await expect(page.getByRole('navigation', { name: "Pagina's" })).toContainText('Pagina 2 van');
	await expectAccessible(page);
	await page.getByLabel('Status').selectOption({ label: 'Verstuurd' });
	await page.getByLabel('Soort bericht').selectOption({ label: 'Uitnodiging' });
	await page.getByRole('button', { name: 'Tonen' }).click();
	await expect(page).toHaveURL(/\?state=sent&kind=invitation$/);
	const invitations = page.locator('li.mail');
	expect(await invitations.count()).toBeGreaterThan(0);
	for (const row of await invitations.all()) {
		await expect(row).toContainText('✓ Verstuurd');
		await expect(row).toContainText('Uitnodiging');
	}
	await expectAccessible(page);

	// One family's mail, from a row, and its page.
	const familyMail = page.getByRole('link', { name: /^Alle mail over dit gezin/ }).first();
	await familyMail.click();
	await expect(page).toHaveURL(/family=[0-9a-f-]{36}/);
	await expect(page.getByText(/^Alleen mail over het gezin van /)).toBeVisible();
	await expectAccessible(page);
	const toFamily = page.getByRole('link', { name: /^Gezin: / }).first();
	const familyHref = await toFamily.getAttribute('href');
	expect(familyHref).toMatch(/^\/staff\/families\/[0-9a-f-]{36}$/);
	expect(page.url()).toContain(familyHref!.split('/').at(-1)!);
	await page.getByRole('link', { name: 'Mail van alle gezinnen tonen' }).click();
	await expect(page).not.toHaveURL(/family=/);

	// A value the page does not know is left out quietly.
	await page.goto('/staff/mailbox?state=lost&kind=%3Cscript%3E&family=12&page=-1');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Postvak');
	await expect(page.getByLabel('Status')).toHaveValue('');
});

test('a teacher subscribes to her visits, and can stop the link', async ({ page, state }) => {
	const teacher = state.demo.staff.find((s) => s.role === 'teacher')!;
	await signIn(page, teacher.email, teacher.password);
	await page.getByRole('link', { name: 'Mijn agenda' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mijn agenda');
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Link maken' }).click();
	const url = await page.getByLabel('Abonnementslink').inputValue();
	expect(url).toMatch(/\/cal\/[A-Za-z0-9]+\.ics$/);
	const feed = await page.request.get(url);
	expect(feed.headers()['content-type']).toContain('text/calendar');
	const calendar = new ICAL.Component(ICAL.parse(await feed.text()));
	expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
	await page.getByRole('button', { name: 'Link stoppen' }).click();
	await expect(page.getByRole('status')).toContainText('De link werkt niet meer');
	expect((await page.request.get(url)).status()).toBe(404);
});

test('a forgotten password: the same answer for every address, and a mail for a real one', async ({
	page,
	browser,
	state
}) => {
	const teacher = state.demo.staff.find((s) => s.role === 'teacher')!;
	await page.goto('/sign-in');
	await page.getByRole('link', { name: 'Wachtwoord vergeten?' }).click();
	await expectAccessible(page);
	await page.getByLabel('E-mailadres').fill(teacher.email);
	await page.getByRole('button', { name: 'Stuur mij een link' }).click();
	await expect(page.getByRole('status')).toContainText('Als dit adres bij een account hoort');

	const admin = state.demo.staff.find((s) => s.role === 'admin')!;
	const office = await browser.newPage();
	await signIn(office, admin.email, admin.password);
	await office.goto('/staff/mailbox');
	await expect(
		office
			.locator('li.mail')
			.filter({ hasText: teacher.email })
			.filter({ hasText: 'Nieuw wachtwoord' })
			.first()
	).toBeVisible();
	await office.close();
});
