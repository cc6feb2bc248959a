/**
 * The school's own words in a parent's language. The office writes a round's name, talking
 * points and neutral places in Dutch; a parent reads them translated when a translation exists:
 * the school's own (school_translation), else the portal's for a standard talking point. Where
 * neither exists, the Dutch stays, marked as Dutch, so a screen reader switches voice, a right-
 * to-left page shows it left to right, and the page can say that the school wrote it in Dutch.
 */
import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { Database } from '../db';
import { transaction } from '../db/transaction';
import { family, neutralPlace, schoolTranslation, visitRound, visitRoundGroup } from '../db/schema';
import type { Translate } from '../../i18n/translator';
import { defaultLanguage, parentLanguages } from '../../i18n/languages';
import { standardPointKey } from '../visit-rounds/talking-points';
import { multiLine, singleLine } from '../forms';

/** A text as the reader gets it, with the language it is in: theirs, or Dutch. */
export interface Worded {
	text: string;
	lang: string;
}

export type InReadersWords = (dutch: string) => Worded;

export const TRANSLATION_MAX = 2000;

/** The school's words as it wrote them: for a Dutch reader, and where no reader is known. */
export const inDutch: InReadersWords = (text) => ({ text, lang: defaultLanguage });

const keyOf = (source: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(source)));

/**
 * The reader's words for the school's Dutch: one query for the school's translations into the
 * reader's language, none for a Dutch reader.
 */
export async function schoolWords(
	db: Database,
	schoolId: string,
	lang: string,
	t: Translate
): Promise<InReadersWords> {
	if (lang === defaultLanguage) return inDutch;
	const rows = await db
		.select({ source: schoolTranslation.source, text: schoolTranslation.text })
		.from(schoolTranslation)
		.where(and(eq(schoolTranslation.schoolId, schoolId), eq(schoolTranslation.language, lang)));
	const own = new Map(rows.map((r) => [r.source, r.text]));
	return (text) => {
		const mine = own.get(text);
		if (mine) return { text: mine, lang };
		const standard = standardPointKey(text);
		if (standard) return { text: t(`talking_points.${standard}`), lang };
		return { text, lang: defaultLanguage };
	};
}

/** Whether any of these is still the school's Dutch for a reader of another language. */
export const anyInDutch = (words: Worded[], lang: string) =>
	lang !== defaultLanguage && words.some((w) => w.lang === defaultLanguage);

export type SchoolTextKind = 'round_name' | 'talking_point' | 'place_name' | 'place_note';

export interface SchoolText {
	kind: SchoolTextKind;
	source: string;
	/** The school's translation into the language asked for, or '' when there is none. */
	text: string;
}

const lines = (text: string) =>
	text
		.split('\n')
		.map((line) => line.trim())
		.filter(Boolean);

/**
 * The Dutch the school wrote that parents can read now: the names and talking points of rounds
 * not yet over, and the active neutral places. Standard talking points are left out: the portal
 * translates those itself.
 */
export async function schoolTexts(
	db: Database,
	schoolId: string,
	lang: string,
	today: string
): Promise<SchoolText[]> {
	const [rounds, groups, places, translations] = await Promise.all([
		db
			.select({ name: visitRound.name, newPupil: visitRound.newPupilTalkingPoints })
			.from(visitRound)
			.where(and(eq(visitRound.schoolId, schoolId), gte(visitRound.endsOn, today))),
		db
			.select({ points: visitRoundGroup.talkingPoints })
			.from(visitRoundGroup)
			.innerJoin(visitRound, eq(visitRound.id, visitRoundGroup.roundId))
			.where(and(eq(visitRound.schoolId, schoolId), gte(visitRound.endsOn, today))),
		db
			.select({ name: neutralPlace.name, note: neutralPlace.accessibility })
			.from(neutralPlace)
			.where(and(eq(neutralPlace.schoolId, schoolId), eq(neutralPlace.active, true))),
		db
			.select({ source: schoolTranslation.source, text: schoolTranslation.text })
			.from(schoolTranslation)
			.where(and(eq(schoolTranslation.schoolId, schoolId), eq(schoolTranslation.language, lang)))
	]);
	const own = new Map(translations.map((r) => [r.source, r.text]));
	const found = new Map<string, SchoolTextKind>();
	const add = (kind: SchoolTextKind, source: string) => {
		if (source && !found.has(source)) found.set(source, kind);
	};
	for (const r of rounds) add('round_name', r.name);
	for (const point of [
		...rounds.flatMap((r) => lines(r.newPupil)),
		...groups.flatMap((g) => lines(g.points))
	])
		if (!standardPointKey(point)) add('talking_point', point);
	for (const p of places) {
		add('place_name', p.name);
		add('place_note', p.note.trim());
	}
	const order: SchoolTextKind[] = ['round_name', 'talking_point', 'place_name', 'place_note'];
	return [...found]
		.map(([source, kind]) => ({ kind, source, text: own.get(source) ?? '' }))
		.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
}

/** The languages a school translates into: the parents' languages but Dutch, its families' first. */
export async function translationLanguages(db: Database, schoolId: string): Promise<string[]> {
	const counts = await db
		.select({ language: family.language, families: sql<number>`count(*)::int` })
		.from(family)
		.where(and(eq(family.schoolId, schoolId), inArray(family.language, parentLanguages)))
		.groupBy(family.language);
	const read = new Map(counts.map((c) => [c.language, Number(c.families)]));
	return parentLanguages
		.filter((code) => code !== defaultLanguage)
		.sort((a, b) => (read.get(b) ?? 0) - (read.get(a) ?? 0));
}

export type SaveWordsProblem = 'unknown_language' | 'too_long';

/**
 * Saves the school's translations into one language: a text for each Dutch source the school
 * uses now (others are ignored: a stale form cannot store words for text no parent reads), an
 * empty text removes the translation.
 */
export async function saveSchoolWords(
	db: Database,
	schoolId: string,
	lang: string,
	entries: { source: string; text: string }[],
	today: string
): Promise<{ ok: true } | { ok: false; problem: SaveWordsProblem; index?: number }> {
	if (lang === defaultLanguage || !parentLanguages.includes(lang))
		return { ok: false, problem: 'unknown_language' };
	const inUse = new Map((await schoolTexts(db, schoolId, lang, today)).map((s) => [s.source, s]));
	const tooLong = entries.findIndex((e) => e.text.length > TRANSLATION_MAX);
	if (tooLong >= 0) return { ok: false, problem: 'too_long', index: tooLong };
	const keep: (typeof schoolTranslation.$inferInsert)[] = [];
	const drop: string[] = [];
	for (const entry of entries) {
		const used = inUse.get(entry.source);
		if (!used) continue;
		const text = used.kind === 'place_note' ? multiLine(entry.text) : singleLine(entry.text);
		if (text)
			keep.push({
				schoolId,
				language: lang,
				sourceKey: keyOf(used.source),
				source: used.source,
				text
			});
		else drop.push(keyOf(used.source));
	}
	await transaction(db, async (tx) => {
		if (drop.length > 0)
			await tx
				.delete(schoolTranslation)
				.where(
					and(
						eq(schoolTranslation.schoolId, schoolId),
						eq(schoolTranslation.language, lang),
						inArray(schoolTranslation.sourceKey, drop)
					)
				);
		if (keep.length > 0)
			await tx
				.insert(schoolTranslation)
				.values(keep)
				.onConflictDoUpdate({
					target: [
						schoolTranslation.schoolId,
						schoolTranslation.language,
						schoolTranslation.sourceKey
					],
					set: { text: sql`excluded.text`, updatedAt: sql`now()` }
				});
	});
	return { ok: true };
}

/**
 * The school's translations for mail: those of the schools and languages of a batch of
 * messages, in one query. Mail is written when it goes (and when the Mailbox shows it), so a
 * translation the school adds before then is used.
 */
export async function schoolWordsForMail(
	db: Database,
	readers: { schoolId: string; language: string }[]
): Promise<(schoolId: string, language: string) => InReadersWords> {
	const wanted = readers.filter((r) => r.language !== defaultLanguage);
	const rows =
		wanted.length === 0
			? []
			: await db
					.select({
						schoolId: schoolTranslation.schoolId,
						language: schoolTranslation.language,
						source: schoolTranslation.source,
						text: schoolTranslation.text
					})
					.from(schoolTranslation)
					.where(
						and(
							inArray(schoolTranslation.schoolId, [...new Set(wanted.map((r) => r.schoolId))]),
							inArray(schoolTranslation.language, [...new Set(wanted.map((r) => r.language))])
						)
					);
	const own = new Map(rows.map((r) => [`${r.schoolId}|${r.language}|${r.source}`, r.text]));
	return (schoolId, language) => (text) => {
		const mine = own.get(`${schoolId}|${language}|${text}`);
		return mine ? { text: mine, lang: language } : { text, lang: defaultLanguage };
	};
}

/** A message's payload with the school's words (a round's name, a place's name) as its reader reads them. */
export function withSchoolWords<P>(payload: P, words: InReadersWords): P {
	const fields = payload as { roundName?: unknown; placeName?: unknown };
	const roundName = typeof fields.roundName === 'string' && fields.roundName;
	const placeName = typeof fields.placeName === 'string' && fields.placeName;
	if (!roundName && !placeName) return payload;
	return {
		...payload,
		...(roundName && { roundName: words(roundName).text }),
		...(placeName && { placeName: words(placeName).text })
	};
}
