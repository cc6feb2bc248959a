import { describe, expect, it } from 'vitest';
import {
	formatDate,
	formatDateTime,
	formatDay,
	formatTime,
	formatWeekday,
	formatWhen,
	languageName,
	scriptComma
} from './format';
import { languages as portalLanguages } from './i18n/languages';

const zone = 'Europe/Amsterdam';
// Monday 7 December 2026, 16:30–17:15 on the school's clock (winter time, UTC+1).
const start = new Date('2026-12-07T15:30:00Z');
const end = new Date('2026-12-07T16:15:00Z');
const languages = portalLanguages.map((l) => l.code);

/** Platform data may use Arabic-Indic or Persian digits or odd spaces; the reader sees the same thing. */
const plain = (text: string) =>
	text
		.replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
		.replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
		.replace(/[\u00a0\u202f]/g, ' ');

describe('times', () => {
	it.each(languages)('uses the 24-hour clock in %s, without a morning/afternoon mark', (lang) => {
		expect(plain(formatTime(start, lang, zone))).toBe('16:30');
		expect(plain(formatTime(new Date('2026-12-07T08:05:00Z'), lang, zone))).toBe('09:05');
		expect(formatTime(start, lang, zone)).not.toMatch(/AM|PM|[صم]\b|ص|م/);
	});

	it('follows summer and winter time on the school clock', () => {
		// 25 October 2026 ends summer time in the Netherlands.
		expect(formatTime(new Date('2026-10-23T14:30:00Z'), 'nl', zone)).toBe('16:30');
		expect(formatTime(new Date('2026-10-26T15:30:00Z'), 'nl', zone)).toBe('16:30');
	});
});

describe('a visit day and time in one line', () => {
	const expected: Record<string, string> = {
		nl: 'maandag 7 december, 16:30–17:15',
		en: 'Monday, December 7, 16:30–17:15',
		fr: 'lundi 7 décembre, 16:30–17:15',
		ar: 'الاثنين، 7 ديسمبر، 16:30–17:15',
		tr: '7 Aralık Pazartesi, 16:30–17:15',
		pl: 'poniedziałek, 7 grudnia, 16:30–17:15',
		uk: 'понеділок, 7 грудня, 16:30–17:15',
		so: 'Isniin, Diseembar 7, 16:30–17:15',
		ti: 'ሰኑይ፣ 7 ታሕሳስ፣ 16:30–17:15',
		fa: 'دوشنبه 7 دسامبر، 16:30–17:15',
		ro: 'luni, 7 decembrie, 16:30–17:15',
		bg: 'понеделник, 7 декември, 16:30–17:15',
		es: 'lunes, 7 de diciembre, 16:30–17:15',
		pt: 'segunda-feira, 7 de dezembro, 16:30–17:15'
	};

	it.each(languages)('reads naturally in %s', (lang) => {
		expect(plain(formatWhen(start, end, lang, zone))).toBe(expected[lang]);
	});

	it.each(['ar', 'fa'])('joins with the Arabic comma in %s, never a Latin one', (lang) => {
		const text = formatWhen(start, end, lang, zone);
		expect(text).not.toContain(',');
		expect(text).toContain('، ');
		expect(scriptComma(lang)).toBe('، ');
		expect(scriptComma('ti')).toBe('፣ ');
		expect(scriptComma('nl')).toBe(', ');
	});

	it('words a range as the caller asks, and a start alone without one', () => {
		expect(formatWhen(start, end, 'nl', zone, (from, to) => `${from} tot ${to}`)).toBe(
			'maandag 7 december, 16:30 tot 17:15'
		);
		expect(formatWhen(start, null, 'tr', zone)).toBe('7 Aralık Pazartesi, 16:30');
	});
});

describe('dates', () => {
	const expected: Record<string, [date: string, day: string, dateTime: string]> = {
		nl: ['7 december 2026', 'maandag 7 december 2026', '7 december 2026 om 16:30'],
		en: ['December 7, 2026', 'Monday, December 7, 2026', 'December 7, 2026 at 16:30'],
		fr: ['7 décembre 2026', 'lundi 7 décembre 2026', '7 décembre 2026 à 16:30'],
		ar: ['7 ديسمبر 2026', 'الاثنين، 7 ديسمبر 2026', '7 ديسمبر 2026 في 16:30'],
		tr: ['7 Aralık 2026', '7 Aralık 2026 Pazartesi', '7 Aralık 2026 16:30'],
		pl: ['7 grudnia 2026', 'poniedziałek, 7 grudnia 2026', '7 grudnia 2026 16:30'],
		uk: ['7 грудня 2026 р.', 'понеділок, 7 грудня 2026 р.', '7 грудня 2026 р. о 16:30'],
		so: ['Diseembar 7, 2026', 'Isniin, Diseembar 7, 2026', 'Diseembar 7, 2026 ee 16:30'],
		ti: ['ታሕሳስ 7, 2026', 'ሰኑይ፣ 7 ታሕሳስ 2026', 'ታሕሳስ 7, 2026 ሰዓት 16:30'],
		// Gregorian, as the school counts days: never the Solar Hijri "۱۶ آذر ۱۴۰۵".
		fa: ['7 دسامبر 2026', 'دوشنبه 7 دسامبر 2026', '7 دسامبر 2026 ساعت 16:30'],
		ro: ['7 decembrie 2026', 'luni, 7 decembrie 2026', '7 decembrie 2026 la 16:30'],
		bg: ['7 декември 2026 г.', 'понеделник, 7 декември 2026 г.', '7 декември 2026 г. в 16:30'],
		es: [
			'7 de diciembre de 2026',
			'lunes, 7 de diciembre de 2026',
			'7 de diciembre de 2026 a las 16:30'
		],
		pt: [
			'7 de dezembro de 2026',
			'segunda-feira, 7 de dezembro de 2026',
			'7 de dezembro de 2026 às 16:30'
		]
	};

	it.each(languages)('writes months out, in the language’s own case, in %s', (lang) => {
		const [date, day, dateTime] = expected[lang]!;
		expect(plain(formatDate('2026-12-07', lang, zone))).toBe(date);
		expect(plain(formatDate(start, lang, zone))).toBe(date);
		expect(plain(formatDay('2026-12-07', lang))).toBe(day);
		expect(plain(formatDay('2026-12-07', lang, false))).toBe(
			plain(formatWeekday(start, lang, zone))
		);
		expect(plain(formatDateTime(start, lang, zone))).toBe(dateTime);
		expect(formatDateTime(start, lang, zone)).not.toMatch(/\d{4}-\d{2}-\d{2}/);
	});

	it('keeps a calendar day on its day whatever the zone', () => {
		expect(formatDate('2026-10-25', 'nl', 'Pacific/Kiritimati')).toBe('25 oktober 2026');
		expect(formatDate('2026-10-25', 'nl', 'America/Los_Angeles')).toBe('25 oktober 2026');
	});

	it('gives the weekday of an instant on the school clock, not UTC', () => {
		// 23:30 UTC on Sunday is already Monday in Amsterdam.
		expect(formatWeekday(new Date('2026-12-06T23:30:00Z'), 'nl', zone)).toBe('maandag 7 december');
	});
});

describe('formatters are made once', () => {
	it('builds one Intl.DateTimeFormat per language, style and zone, not one per call', () => {
		const Original = Intl.DateTimeFormat;
		let made = 0;
		Intl.DateTimeFormat = class extends Original {
			constructor(...args: ConstructorParameters<typeof Original>) {
				super(...args);
				made++;
			}
		} as typeof Original;
		try {
			// A zone no other test uses, so nothing is cached yet.
			for (let i = 0; i < 50; i++)
				formatWhen(new Date(start.getTime() + i * 3_600_000), end, 'pl', 'Europe/Warsaw');
		} finally {
			Intl.DateTimeFormat = Original;
		}
		// weekday + time: two formatters, however many calls.
		expect(made).toBe(2);
	});

	it('keeps each text apart by language, zone and style, and stays right past its bound', () => {
		const moment = new Date('2026-11-03T17:00:00Z');
		expect(formatTime(moment, 'nl', zone)).toBe('18:00');
		expect(formatTime(moment, 'nl', 'Europe/London')).toBe('17:00');
		expect(formatWeekday(moment, 'nl', zone)).toBe('dinsdag 3 november');
		expect(formatWeekday(moment, 'en', zone)).toBe('Tuesday, November 3');
		expect(formatDay('2026-11-03', 'nl')).toBe('dinsdag 3 november 2026');
		expect(formatDay('2026-11-03', 'nl', false)).toBe('dinsdag 3 november');
		expect(formatDate('2026-11-03', 'nl', zone)).toBe('3 november 2026');
		// More different texts than are kept: it starts again and still says the right thing.
		for (let i = 0; i < 20_500; i++)
			formatTime(new Date(moment.getTime() + i * 60_000), 'nl', zone);
		expect(formatTime(new Date(moment.getTime() + 20_499 * 60_000), 'nl', zone)).toBe('23:39');
		expect(formatTime(moment, 'nl', zone)).toBe('18:00');
		expect(formatDay('2026-11-03', 'nl')).toBe('dinsdag 3 november 2026');
	});

	it('names languages from the platform, and survives an unknown code', () => {
		expect(languageName('ar', 'nl')).toBe('Arabisch');
		expect(languageName('ar', 'en')).toBe('Arabic');
		expect(languageName('not a code', 'nl')).toBe('not a code');
	});
});
