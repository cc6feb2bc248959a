import type { Page } from '@playwright/test';
import { expect, expectAccessible, expectNoSidewaysScroll, signIn, test } from './fixtures';
import { expectTapTargets } from './tap-targets';
import { demoFamilies } from '../../src/lib/server/demo/data';
import { fullName } from '../../src/lib/server/roster/names';

/** The number on a figure's tile, found by its label. */
async function figure(region: ReturnType<Page['getByRole']>, label: string) {
	const link = region.getByRole('link', { name: new RegExp(`^\\d+ ${label}$`) });
	return Number((await link.textContent())!.trim().split(/\s/)[0]);
}

for (const width of [360, 1280]) {
	test.describe(`at ${width} px`, () => {
		test.use({ viewport: { width, height: 800 } });

		test("the office's home shows the running round's figures, each a link to its list", async ({
			page,
			state
		}) => {
			// Axe runs three times, once with the menu open: more than the default 30 s on a busy machine.
			test.setTimeout(90_000);
			const office = state.demo.staff.find((s) => s.title === 'office')!;
			await signIn(page, office.email, office.password);
			const round = page.getByRole('region', { name: 'Huisbezoeken (demo)' });
			await expect(round).toBeVisible();
			// Other browser tests book and decline meanwhile: the figures must agree with each other.
			const [invited, notAnswered, booked, home, school, neutral, ratherNot, declined] =
				await Promise.all(
					[
						'Uitgenodigd',
						'Nog geen antwoord',
						'Afspraak gemaakt',
						'Thuis',
						'Op school',
						'Op een neutrale plek',
						'Liever niet thuis',
						'Geen gesprek'
					].map((label) => figure(round, label))
				);
			expect(invited).toBe(state.counts['Huisbezoeken (demo)']!.invited);
			expect(booked).toBe(home! + school! + neutral!);
			expect(invited).toBe(booked! + declined! + notAnswered!);
			expect(ratherNot).toBe(school! + neutral! + declined!);
			const roundId = new URL(
				(await round.getByRole('link', { name: /^\d+ Uitgenodigd$/ }).getAttribute('href'))!,
				state.url
			).searchParams.get('round');
			expect(roundId).toMatch(/^[0-9a-f-]{36}$/);
			await expect(round.getByRole('link', { name: /^\d+ Nog geen antwoord$/ })).toHaveAttribute(
				'href',
				`/staff/not-answered?round=${roundId}`
			);
			for (const [label, status] of [
				['Thuis', 'home'],
				['Liever niet thuis', 'rather_not_home'],
				['Tolk gevraagd', 'interpreter'],
				['Bezoeken deze week', 'this_week']
			] as const)
				await expect(
					round.getByRole('link', { name: new RegExp(`^\\d+ ${label}$`) })
				).toHaveAttribute('href', `/staff/families?round=${roundId}&status=${status}`);
			await expect(
				round.getByRole('link', { name: /^\d+ Verslagen te schrijven$/ })
			).toHaveAttribute('href', '/staff/reports');
			await expect(
				page
					.getByRole('region', { name: 'E-mail' })
					.getByRole('link', { name: /^\d+ Niet verstuurd$/ })
			).toHaveAttribute('href', '/staff/mailbox?state=failed');
			// The office visits nobody: no list to call, no "My times".
			await expect(page.getByRole('heading', { name: /^Uw gezinnen/ })).toHaveCount(0);
			await expectAccessible(page);
			await expectNoSidewaysScroll(page);
			await expectTapTargets(page);

			const menu = page.getByRole('navigation', { name: 'Hoofdmenu' });
			if (width === 360) {
				// Folded away: one line with the name and a "Menu" button that works from the keyboard.
				await expect(menu.getByRole('link')).toHaveCount(0);
				const header = await page.locator('header').boundingBox();
				expect(header!.height).toBeLessThan(80);
				await menu.locator('summary').focus();
				await page.keyboard.press('Enter');
				await expectAccessible(page);
				await expectTapTargets(page);
			}
			await expect(menu.getByRole('link')).toHaveText([
				'Overzicht',
				'Gezinnen',
				'Tijden van het team',
				'Alle bezoeken',
				'Verslagen',
				'Bezoekrondes',
				'Postvak',
				'Tolken',
				'Leerlingen',
				'Medewerkers',
				'Plekken',
				'School',
				'Privacy'
			]);
			await expect(menu.getByRole('link', { name: 'Overzicht' })).toHaveAttribute(
				'aria-current',
				'page'
			);
			await menu.getByRole('link', { name: 'Postvak' }).click();
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Postvak');
			if (width === 360) await menu.locator('summary').click();
			await expect(menu.getByRole('link', { name: 'Postvak' })).toHaveAttribute(
				'aria-current',
				'page'
			);
		});

		test("a teacher's home shows her progress and the families to call, hers only", async ({
			page,
			state
		}) => {
			const jeroen = state.demo.staff.find((s) => s.email.startsWith('jeroen'))!;
			await signIn(page, jeroen.email, jeroen.password);
			const mine = page.getByRole('region', { name: 'Uw gezinnen in Huisbezoeken (demo)' });
			await expect(mine).toBeVisible();
			const families = await figure(mine, 'Gezinnen die u bezoekt');
			const notAnswered = await figure(mine, 'Nog geen antwoord');
			const booked = await figure(mine, 'Afspraak gemaakt');
			const declined = await figure(mine, 'Geen gesprek');
			expect(families).toBe(state.demo.families.filter((f) => f.teacher === 'Jeroen Bos').length);
			expect(families).toBe(booked + declined + notAnswered);

			// Every number to call is one of Jeroen's families; none is another teacher's.
			const teacherOf = (pupils: string[]) =>
				state.demo.families.find((f) => pupils.some((p) => f.name.includes(p)))?.teacher;
			const phones = new Map<string, string | null | undefined>();
			for (const family of demoFamilies)
				for (const guardian of family.guardians)
					if (guardian.phone)
						phones.set(guardian.phone, teacherOf(family.pupils.map((p) => fullName(p))));
			const dialled = await mine
				.locator('a[href^="tel:"]')
				.evaluateAll((links) => links.map((a) => a.getAttribute('href')!.slice('tel:'.length)));
			expect(dialled.length).toBeGreaterThan(0);
			expect(dialled.length).toBeLessThanOrEqual(notAnswered * 2);
			for (const number of dialled) expect(phones.get(number), number).toBe('Jeroen Bos');
			await expectAccessible(page);
			await expectNoSidewaysScroll(page);
			await expectTapTargets(page);

			const menu = page.getByRole('navigation', { name: 'Hoofdmenu' });
			if (width === 360) await menu.locator('summary').click();
			await expect(menu.getByRole('link')).toHaveText([
				'Overzicht',
				'Gezinnen',
				'Mijn tijden',
				'Mijn agenda',
				'Verslagen'
			]);
			await menu.getByRole('link', { name: 'Mijn tijden' }).click();
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mijn tijden');
		});
	});
}

test('the menu works without JavaScript on a phone', async ({ browser, state }) => {
	const context = await browser.newContext({
		javaScriptEnabled: false,
		viewport: { width: 360, height: 800 }
	});
	const page = await context.newPage();
	const office = state.demo.staff.find((s) => s.title === 'office')!;
	await signIn(page, office.email, office.password);
	const menu = page.getByRole('navigation', { name: 'Hoofdmenu' });
	await menu.locator('summary').click();
	await menu.getByRole('link', { name: 'Bezoekrondes' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bezoekrondes');
	await context.close();
});
