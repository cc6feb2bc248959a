/**
 * The school's own words in a parent's language: standard talking points come translated by the
 * portal, the school's own points, place names and notes and the round's name as the school
 * translated them, and anything untranslated stays Dutch, marked as Dutch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases';
import { makeFamilyInRound, makeSchool, makeStaff } from '../support/fixtures';
import { family, visitRound, visitRoundGroup } from '../../src/lib/server/db/schema';
import { addPlace } from '../../src/lib/server/places/manage';
import { familyPage } from '../../src/lib/server/families/page';
import { translatorFor } from '../../src/lib/server/i18n';
import {
	saveSchoolWords,
	schoolTexts,
	schoolWords,
	schoolWordsForMail,
	translationLanguages,
	withSchoolWords
} from '../../src/lib/server/school/words';

const TODAY = '2026-10-01';

describe.each(databaseKinds)("the school's own words on %s", (kind) => {
	let t: TestDatabase;

	beforeAll(async () => {
		t = await freshDatabase(kind);
	});
	afterAll(() => t?.dispose());

	/** A family in a round whose group talks about a standard point and one of the school's own. */
	const school = async () => {
		const schoolId = (await makeSchool(t.db)).id;
		const teacher = await makeStaff(t.db, schoolId, { role: 'teacher' });
		const made = await makeFamilyInRound(t.db, schoolId, teacher.id);
		await t.db
			.update(visitRoundGroup)
			.set({ talkingPoints: 'Kennismaken\nDe schooltuin\nBedtijd' })
			.where(eq(visitRoundGroup.roundId, made.round.id));
		const place = await addPlace(t.db, schoolId, {
			name: 'Buurthuis De Meeuw',
			address: 'Meeuwenlaan 1, Amsterdam',
			accessibility: 'Rolstoeltoegankelijk, open tot 21:00'
		});
		if (!place.ok) throw new Error('place refused');
		return { schoolId, ...made };
	};
	const arabic = (schoolId: string) => schoolWords(t.db, schoolId, 'ar', translatorFor('ar').t);

	it("gives standard points in the reader's language and keeps the school's own Dutch, marked as Dutch", async () => {
		const s = await school();
		const page = await familyPage(t.db, s.family.id, s.round.id, await arabic(s.schoolId));
		expect(page!.talkingPoints).toEqual([
			{ text: translatorFor('ar').t('talking_points.meet'), lang: 'ar' },
			{ text: 'De schooltuin', lang: 'nl' },
			{ text: translatorFor('ar').t('talking_points.bedtime'), lang: 'ar' }
		]);
		expect(page!.talkingPoints[0]!.text).not.toBe('Kennismaken');
		// A Dutch reader reads the school's text as written, with no query for translations.
		const dutch = await familyPage(t.db, s.family.id, s.round.id);
		expect(dutch!.talkingPoints.map((p) => p.text)).toEqual([
			'Kennismaken',
			'De schooltuin',
			'Bedtijd'
		]);
	});

	it('lists what the school wrote itself, and uses its translations until the Dutch changes', async () => {
		const s = await school();
		const texts = await schoolTexts(t.db, s.schoolId, 'ar', TODAY);
		expect(texts.map((x) => [x.kind, x.source])).toEqual([
			['round_name', s.round.name],
			['talking_point', 'De schooltuin'],
			['place_name', 'Buurthuis De Meeuw'],
			['place_note', 'Rolstoeltoegankelijk, open tot 21:00']
		]);
		expect(
			await saveSchoolWords(
				t.db,
				s.schoolId,
				'ar',
				[
					{ source: 'De schooltuin', text: 'حديقة المدرسة' },
					{ source: 'Buurthuis De Meeuw', text: 'مركز الحي دي ميو' },
					{ source: s.round.name, text: 'زيارات منزلية\r\nالخريف' },
					// Text the school does not use (a stale or forged form): ignored.
					{ source: 'Iets anders', text: 'شيء آخر' }
				],
				TODAY
			)
		).toEqual({ ok: true });
		const words = await arabic(s.schoolId);
		expect(words('De schooltuin')).toEqual({ text: 'حديقة المدرسة', lang: 'ar' });
		expect(words('Buurthuis De Meeuw')).toEqual({ text: 'مركز الحي دي ميو', lang: 'ar' });
		// One line for a name: the line break a paste brought along becomes a space.
		expect(words(s.round.name)).toEqual({ text: 'زيارات منزلية الخريف', lang: 'ar' });
		expect(words('Iets anders')).toEqual({ text: 'Iets anders', lang: 'nl' });
		expect((await schoolTexts(t.db, s.schoolId, 'ar', TODAY))[1]!.text).toBe('حديقة المدرسة');

		// The office rewrites the point: the old translation no longer matches it.
		await t.db
			.update(visitRoundGroup)
			.set({ talkingPoints: 'Kennismaken\nDe nieuwe schooltuin' })
			.where(eq(visitRoundGroup.roundId, s.round.id));
		const page = await familyPage(t.db, s.family.id, s.round.id, await arabic(s.schoolId));
		expect(page!.talkingPoints[1]).toEqual({ text: 'De nieuwe schooltuin', lang: 'nl' });

		// An empty field removes a translation.
		await saveSchoolWords(
			t.db,
			s.schoolId,
			'ar',
			[{ source: 'Buurthuis De Meeuw', text: '  ' }],
			TODAY
		);
		expect((await arabic(s.schoolId))('Buurthuis De Meeuw').lang).toBe('nl');
	});

	it('refuses Dutch, an unknown language and a text that is too long, and keeps schools apart', async () => {
		const s = await school();
		const other = await school();
		for (const lang of ['nl', 'xx', "ar'; drop table school_translation; --"])
			expect(
				await saveSchoolWords(
					t.db,
					s.schoolId,
					lang,
					[{ source: 'De schooltuin', text: 'x' }],
					TODAY
				)
			).toEqual({ ok: false, problem: 'unknown_language' });
		expect(
			await saveSchoolWords(
				t.db,
				s.schoolId,
				'ar',
				[
					{ source: 'De schooltuin', text: 'ok' },
					{ source: 'Buurthuis De Meeuw', text: 'x'.repeat(2001) }
				],
				TODAY
			)
		).toEqual({ ok: false, problem: 'too_long', index: 1 });
		// Nothing of a refused form is kept.
		expect((await arabic(s.schoolId))('De schooltuin').lang).toBe('nl');

		await saveSchoolWords(
			t.db,
			s.schoolId,
			'ar',
			[{ source: 'De schooltuin', text: 'حديقة' }],
			TODAY
		);
		expect((await arabic(other.schoolId))('De schooltuin')).toEqual({
			text: 'De schooltuin',
			lang: 'nl'
		});
	});

	it("leaves out rounds that are over and puts the languages of the school's families first", async () => {
		const s = await school();
		await t.db
			.update(visitRound)
			.set({ startsOn: '2026-01-05', endsOn: '2026-01-30' })
			.where(eq(visitRound.id, s.round.id));
		const kinds = (await schoolTexts(t.db, s.schoolId, 'ar', TODAY)).map((x) => x.kind);
		expect(kinds).toEqual(['place_name', 'place_note']);
		await t.db.update(family).set({ language: 'ti' }).where(eq(family.id, s.family.id));
		const languages = await translationLanguages(t.db, s.schoolId);
		expect(languages[0]).toBe('ti');
		expect(languages).not.toContain('nl');
	});

	it("writes mail with the school's words in the reader's language", async () => {
		const s = await school();
		await saveSchoolWords(
			t.db,
			s.schoolId,
			'tr',
			[{ source: 'Buurthuis De Meeuw', text: 'De Meeuw Mahalle Evi' }],
			TODAY
		);
		const words = await schoolWordsForMail(t.db, [
			{ schoolId: s.schoolId, language: 'tr' },
			{ schoolId: s.schoolId, language: 'nl' }
		]);
		const payload = { placeName: 'Buurthuis De Meeuw', roundName: s.round.name, other: 1 };
		expect(withSchoolWords(payload, words(s.schoolId, 'tr'))).toEqual({
			placeName: 'De Meeuw Mahalle Evi',
			roundName: s.round.name,
			other: 1
		});
		expect(withSchoolWords(payload, words(s.schoolId, 'nl'))).toEqual(payload);
	});
});
