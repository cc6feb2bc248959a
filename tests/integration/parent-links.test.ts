import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases';
import { makeFamilyInRound, makeSchool, makeStaff } from '../support/fixtures';
import { family, familyLink, guardian, outbox } from '../../src/lib/server/db/schema';
import {
	issueFamilyLink,
	resolveFamilyLink,
	revokeFamilyLinks
} from '../../src/lib/server/families/links';
import {
	renewNewsletterCode,
	requestFamilyLink,
	roundByNewsletterCode,
	LINK_REQUESTS_PER_ADDRESS,
	LINK_REQUESTS_PER_NETWORK
} from '../../src/lib/server/families/newsletter';
import { printLetters, type LetterScope } from '../../src/lib/server/families/letters';
import { familyPage } from '../../src/lib/server/families/page';
import { visitRound } from '../../src/lib/server/db/schema';

const NOW = new Date('2026-10-15T08:00:00Z');
const ORIGIN = new URL('https://portal.example');
const tokenOf = (url: unknown) => String(url).split('/f/')[1]!;

describe.each(databaseKinds)('parents get their links on %s', (kind) => {
	let t: TestDatabase;
	let schoolId: string;
	let fixture: Awaited<ReturnType<typeof makeFamilyInRound>>;
	let email: string;

	let teacherId: string;

	beforeAll(async () => {
		t = await freshDatabase(kind);
		schoolId = (await makeSchool(t.db)).id;
		teacherId = (await makeStaff(t.db, schoolId)).id;
	});
	// Links, codes and mail belong to a family and its round: each test has a family of its own.
	beforeEach(async () => {
		fixture = await makeFamilyInRound(t.db, schoolId, teacherId);
		const [row] = await t.db
			.select({ email: guardian.email })
			.from(guardian)
			.where(eq(guardian.familyId, fixture.family.id));
		email = row!.email!;
	});
	afterAll(() => t?.dispose());

	const lettersFor = async (scope: LetterScope, schoolOf = schoolId, replaceLinks = false) =>
		(
			await printLetters(t.db, {
				schoolId: schoolOf,
				roundId: fixture.round.id,
				scope,
				after: null,
				printed: 0,
				replaceLinks,
				origin: ORIGIN,
				timeZone: 'Europe/Amsterdam',
				now: NOW
			})
		).letters;

	const newsletterRound = async () => {
		const [row] = await t.db
			.select({ code: visitRound.newsletterCode })
			.from(visitRound)
			.where(eq(visitRound.id, fixture.round.id));
		return (await roundByNewsletterCode(t.db, row!.code))!;
	};

	it('gives every round its own newsletter code, which the admin can replace', async () => {
		const round = await newsletterRound();
		expect(round.roundId).toBe(fixture.round.id);
		expect(await roundByNewsletterCode(t.db, 'nope')).toBeNull();
		expect(await roundByNewsletterCode(t.db, '0'.repeat(32))).toBeNull();
		const [before] = await t.db
			.select({ code: visitRound.newsletterCode })
			.from(visitRound)
			.where(eq(visitRound.id, fixture.round.id));
		expect(await renewNewsletterCode(t.db, schoolId, fixture.round.id)).toBe(true);
		expect(await roundByNewsletterCode(t.db, before!.code)).toBeNull();
		const other = await makeSchool(t.db);
		expect(await renewNewsletterCode(t.db, other.id, fixture.round.id)).toBe(false);
	});

	it('queues the personal link for a known address, whatever its case, and nothing for an unknown one', async () => {
		const round = await newsletterRound();
		const before = (await t.db.select().from(outbox)).length;
		expect(
			await requestFamilyLink(t.db, round, 'nobody@example.org', '10.0.0.1', ORIGIN, NOW)
		).toBe('accepted');
		expect((await t.db.select().from(outbox)).length).toBe(before);

		expect(await requestFamilyLink(t.db, round, email.toUpperCase(), '10.0.0.1', ORIGIN, NOW)).toBe(
			'accepted'
		);
		const [message] = await t.db.select().from(outbox).where(eq(outbox.toAddress, email));
		expect(message!.kind).toBe('family_link');
		const link = await resolveFamilyLink(t.db, tokenOf((message!.payload as { url: string }).url));
		expect(link).toMatchObject({
			familyId: fixture.family.id,
			roundId: fixture.round.id,
			schoolId
		});
	});

	it('keeps the office link working when a link is e-mailed, and revokes all on request', async () => {
		const office = await issueFamilyLink(t.db, fixture.family.id, fixture.round.id, NOW, 'office');
		await requestFamilyLink(t.db, await newsletterRound(), email, '10.0.0.2', ORIGIN, NOW);
		expect(await resolveFamilyLink(t.db, office)).not.toBeNull();
		const active = await t.db
			.select()
			.from(familyLink)
			.where(and(eq(familyLink.familyId, fixture.family.id), isNull(familyLink.revokedAt)));
		expect(active.map((l) => l.channel).sort()).toEqual(['email', 'office']);
		expect(await revokeFamilyLinks(t.db, fixture.family.id, fixture.round.id, NOW)).toBe(2);
		expect(await resolveFamilyLink(t.db, office)).toBeNull();
	});

	it('limits requests per address and per network address', async () => {
		const round = await newsletterRound();
		const address = 'flood@example.org';
		const results = [];
		for (let i = 0; i < LINK_REQUESTS_PER_ADDRESS.max + 2; i++)
			results.push(await requestFamilyLink(t.db, round, address, `10.1.0.${i}`, ORIGIN, NOW));
		expect(results.filter((r) => r === 'accepted')).toHaveLength(LINK_REQUESTS_PER_ADDRESS.max);
		const network = [];
		for (let i = 0; i < LINK_REQUESTS_PER_NETWORK.max + 2; i++)
			network.push(
				await requestFamilyLink(t.db, round, `p${i}@example.org`, '10.9.9.9', ORIGIN, NOW)
			);
		// Parents on the school's wifi share one address: a whole school's worth gets through first.
		expect(LINK_REQUESTS_PER_NETWORK.max).toBeGreaterThanOrEqual(300);
		expect(network.filter((r) => r === 'rate_limited').length).toBe(2);
	});

	it('prints a letter in the family language with a QR code; the old office link keeps working unless new links are asked for', async () => {
		const old = await issueFamilyLink(t.db, fixture.family.id, fixture.round.id, NOW, 'office');
		const letters = await lettersFor({ familyId: fixture.family.id });
		expect(letters).toHaveLength(1);
		expect(letters[0]!.qr).toMatchObject({
			size: 37,
			path: expect.stringMatching(/^M2 2h7v1h-7z/)
		});
		expect(letters[0]!.lang).toBe('nl');
		expect(await resolveFamilyLink(t.db, tokenOf(letters[0]!.url))).not.toBeNull();
		expect(await resolveFamilyLink(t.db, old)).not.toBeNull();
		const [renewed] = await lettersFor({ familyId: fixture.family.id }, schoolId, true);
		expect(await resolveFamilyLink(t.db, tokenOf(renewed!.url))).not.toBeNull();
		expect(await resolveFamilyLink(t.db, old)).toBeNull();
		expect(await resolveFamilyLink(t.db, tokenOf(letters[0]!.url))).toBeNull();
		const other = await makeSchool(t.db);
		expect(await lettersFor({ set: 'all', groupId: null }, other.id)).toEqual([]);
	});

	it('prints a Dutch letter with one line in the family language when the portal does not speak it', async () => {
		const letterIn = async (language: string) => {
			await t.db.update(family).set({ language }).where(eq(family.id, fixture.family.id));
			const [letter] = await lettersFor({ familyId: fixture.family.id });
			return letter!;
		};
		const russian = await letterIn('ru');
		expect(russian.lang).toBe('nl');
		expect(russian.helpLine).toMatchObject({ lang: 'ru', dir: 'ltr' });
		expect(russian.helpLine!.text).toMatch(/^Это письмо о визите учителя/);
		expect((await letterIn('und')).helpLine).toMatchObject({ lang: 'en' });
		const somali = await letterIn('so');
		expect(somali.lang).toBe('so');
		expect(somali.helpLine).toBeNull();
	});

	it('shows a family only its own page, never across schools', async () => {
		const page = await familyPage(t.db, fixture.family.id, fixture.round.id);
		expect(page?.children.map((c) => c.firstName)).toHaveLength(1);
		expect(page?.answer).toBeNull();
		const other = await makeSchool(t.db);
		const stranger = await makeFamilyInRound(t.db, other.id, (await makeStaff(t.db, other.id)).id);
		expect(await familyPage(t.db, fixture.family.id, stranger.round.id)).toBeNull();
	});
});
