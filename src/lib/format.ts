/**
 * Dates and times as the reader expects them: in their language, on the school's wall clock, in
 * one style everywhere. Months and weekdays are written out (never "2026-12-07"), in the
 * language's own case ("maandag 7 december"); times use the 24-hour clock in every language,
 * as Dutch and Flemish schools do ("16:30", never "04:30 PM" or "03:30 م"); and a day and a
 * time are joined with the comma of the reader's script (Arabic "،").
 */

const styles = {
	date: { dateStyle: 'long' },
	day: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
	dayInYear: { weekday: 'long', day: 'numeric', month: 'long' },
	weekday: { weekday: 'long', day: 'numeric', month: 'long' },
	time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
	dateTime: { dateStyle: 'long', timeStyle: 'short', hourCycle: 'h23' }
} satisfies Record<string, Intl.DateTimeFormatOptions>;

// Building a formatter loads locale data and costs far more than using one (a slot list
// formats about a hundred times per page): one per language, style and zone, kept for good.
// The keys are few: fourteen languages, six styles, the school's zone and UTC.
const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The locale a language's dates are written in. Persian defaults to the Solar Hijri calendar
 * ("۱۶ آذر ۱۴۰۵"); the school, its letters and the visit itself run on the Gregorian one, so
 * a Persian reader gets "۷ دسامبر", in Persian words and digits, the day the teacher means.
 */
const dateLocale = (lang: string) => (lang === 'fa' ? 'fa-u-ca-gregory' : lang);

function formatter(
	lang: string,
	style: keyof typeof styles,
	timeZone: string
): Intl.DateTimeFormat {
	const key = `${lang}|${style}|${timeZone}`;
	let found = formatters.get(key);
	if (!found) {
		found = new Intl.DateTimeFormat(dateLocale(lang), { ...styles[style], timeZone });
		formatters.set(key, found);
	}
	return found;
}

// Even a kept formatter spends microseconds in ICU per call, and a choose-a-time page formats
// the same few dozen instants for every family that opens it: keep the texts too, by language,
// zone and style, then by the instant's milliseconds (or the calendar day's text). Maps in
// maps, not one key put together: building and hashing a key string for each of a page's
// hundred calls cost more than the lookups. Bounded: a server that has formatted 20,000
// different texts starts again rather than grow.
type Kept = Map<number | string, string>;
const texts = new Map<string, Map<string, Map<keyof typeof styles, Kept>>>();
let textCount = 0;
const TEXTS_MAX = 20_000;

function keptTexts(lang: string, style: keyof typeof styles, timeZone: string): Kept {
	let zones = texts.get(lang);
	if (!zones) texts.set(lang, (zones = new Map()));
	let styled = zones.get(timeZone);
	if (!styled) zones.set(timeZone, (styled = new Map()));
	let kept = styled.get(style);
	if (!kept) styled.set(style, (kept = new Map()));
	return kept;
}

function keep(kept: Kept, key: number | string, text: string): string {
	if (textCount >= TEXTS_MAX) {
		for (const zones of texts.values())
			for (const styled of zones.values()) for (const k of styled.values()) k.clear();
		textCount = 0;
	}
	kept.set(key, text);
	textCount++;
	return text;
}

function formatted(
	lang: string,
	style: keyof typeof styles,
	timeZone: string,
	instant: Date
): string {
	const kept = keptTexts(lang, style, timeZone);
	const key = instant.getTime();
	return kept.get(key) ?? keep(kept, key, formatter(lang, style, timeZone).format(instant));
}

/** A calendar day ("2026-12-07") in a style, kept by its text: no date to parse when kept. */
function formattedDay(lang: string, style: keyof typeof styles, date: string): string {
	const kept = keptTexts(lang, style, 'UTC');
	return (
		kept.get(date) ?? keep(kept, date, formatter(lang, style, 'UTC').format(calendarDay(date)))
	);
}

/** A calendar day ("2026-12-07") as the instant of its midnight in UTC, so no zone shifts it. */
function calendarDay(date: string): Date {
	const [y, m, d] = date.split('-').map(Number);
	return new Date(Date.UTC(y!, m! - 1, d!));
}

/** The comma that joins parts of a sentence in the reader's script. */
export function scriptComma(lang: string): string {
	return scriptCommas[lang] ?? ', ';
}
const scriptCommas: Record<string, string> = { ar: '، ', fa: '، ', ti: '፣ ' };

/** "7 december 2026": a date-only string is a calendar day, shown without shifting zones; an instant on the school's clock. */
export function formatDate(value: string | Date, lang: string, timeZone: string): string {
	if (typeof value === 'string') return formattedDay(lang, 'date', value);
	return formatted(lang, 'date', timeZone, value);
}

/** "7 december 2026 om 16:30": a moment such as a deadline, with the language's own word between date and time. */
export function formatDateTime(value: Date, lang: string, timeZone: string): string {
	return formatted(lang, 'dateTime', timeZone, value);
}

/** A calendar day with its weekday: "dinsdag 27 oktober 2026", or "dinsdag 27 oktober" where the year goes without saying. */
export function formatDay(date: string, lang: string, withYear = true): string {
	return formattedDay(lang, withYear ? 'day' : 'dayInYear', date);
}

/** A clock time on the school's wall clock, 24-hour: "16:00". */
export function formatTime(value: Date, lang: string, timeZone: string): string {
	return formatted(lang, 'time', timeZone, value);
}

/** The day of an instant with its weekday, on the school's wall clock: "dinsdag 20 oktober". */
export function formatWeekday(value: Date, lang: string, timeZone: string): string {
	return formatted(lang, 'weekday', timeZone, value);
}

/**
 * A visit's day and time in one line: "maandag 7 december, 16:30–17:15", in Arabic
 * "الاثنين، 7 ديسمبر، 16:30–17:15". Pass `range` to word the times yourself ("16:30 tot 17:15").
 */
export function formatWhen(
	startsAt: Date,
	endsAt: Date | null,
	lang: string,
	timeZone: string,
	range?: (from: string, to: string) => string
): string {
	const from = formatTime(startsAt, lang, timeZone);
	const time = endsAt
		? (range ?? ((a, b) => `${a}–${b}`))(from, formatTime(endsAt, lang, timeZone))
		: from;
	return `${formatWeekday(startsAt, lang, timeZone)}${scriptComma(lang)}${time}`;
}

const languageNames = new Map<string, Intl.DisplayNames | null>();
// A page lists the same few dozen language names each time (the interpreter choice): keep them.
// Codes come from our own lists, but bounded all the same.
const nameTexts = new Map<string, string>();

/** A language's name in the reader's language ("Arabisch", "Arabic", "العربية"), from the platform's own data. */
export function languageName(code: string, lang: string): string {
	const key = `${lang}|${code}`;
	let name = nameTexts.get(key);
	if (name === undefined) {
		name = lookUpLanguageName(code, lang);
		if (nameTexts.size >= TEXTS_MAX) nameTexts.clear();
		nameTexts.set(key, name);
	}
	return name;
}

function lookUpLanguageName(code: string, lang: string): string {
	let names = languageNames.get(lang);
	if (names === undefined) {
		try {
			names = new Intl.DisplayNames([lang], { type: 'language' });
		} catch {
			names = null;
		}
		languageNames.set(lang, names);
	}
	try {
		return names?.of(code) ?? code;
	} catch {
		return code;
	}
}

/** "Straat 1, 1234 AB Utrecht", leaving out what is empty. */
export function formatAddress(street: string, postalCode: string, city: string): string {
	return [street, `${postalCode} ${city}`.trim()].filter(Boolean).join(', ');
}

/** A phone number as a `tel:` link dials it: digits and a leading plus only. */
export const telLink = (phone: string) => `tel:${phone.replace(/(?!^\+)[^\d]/g, '')}`;
