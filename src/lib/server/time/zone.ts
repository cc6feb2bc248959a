/**
 * Wall-clock time in the school's zone ⇄ instants in UTC, with the zone rules of the platform
 * (Intl), so that a 16:00 visit is 16:00 on both sides of a summer-time change.
 */

export interface WallTime {
	/** YYYY-MM-DD */
	date: string;
	/** HH:MM, 24-hour */
	time: string;
	/** 1 = Monday … 7 = Sunday (ISO) */
	weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
	let f = formatters.get(timeZone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
			weekday: 'short'
		});
		formatters.set(timeZone, f);
	}
	return f;
}

const weekdays: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

interface Parts {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
	weekday: number;
}

// formatToParts is the dearest call here, and pages ask again and again about the same few
// instants (the round's slots): keep the answers. Read-only to callers; bounded.
const known = new Map<string, Readonly<Parts>>();
const KNOWN_MAX = 20_000;

function parts(instant: Date, timeZone: string): Readonly<Parts> {
	const key = `${timeZone}|${instant.getTime()}`;
	let found = known.get(key);
	if (!found) {
		found = computeParts(instant, timeZone);
		if (known.size >= KNOWN_MAX) known.clear();
		known.set(key, found);
	}
	return found;
}

function computeParts(instant: Date, timeZone: string): Parts {
	const map = Object.fromEntries(
		formatter(timeZone)
			.formatToParts(instant)
			.map((p) => [p.type, p.value])
	);
	return {
		year: Number(map.year),
		month: Number(map.month),
		day: Number(map.day),
		hour: Number(map.hour),
		minute: Number(map.minute),
		second: Number(map.second),
		weekday: weekdays[map.weekday!]!
	};
}

/** Minutes the zone is ahead of UTC at that instant (+60 in Amsterdam in winter, +120 in summer). */
export function offsetMinutes(instant: Date, timeZone: string): number {
	const p = parts(instant, timeZone);
	const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
	return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

export function toWallTime(instant: Date, timeZone: string): WallTime {
	const p = parts(instant, timeZone);
	const pad = (n: number) => String(n).padStart(2, '0');
	return {
		date: `${p.year}-${pad(p.month)}-${pad(p.day)}`,
		time: `${pad(p.hour)}:${pad(p.minute)}`,
		weekday: p.weekday
	};
}

export const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
export const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** A real calendar date in YYYY-MM-DD form (no 31 February). */
export function isDate(value: string): boolean {
	const m = DATE_PATTERN.exec(value);
	if (!m) return false;
	const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
	return d.toISOString().slice(0, 10) === value;
}

export const minutesOfDay = (time: string) =>
	Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
export const timeOfMinutes = (m: number) =>
	`${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/**
 * The instant at which the school's clock shows `date time`. Null for a time that does not exist
 * that day (the hour skipped when summer time starts). In the hour that happens twice when summer
 * time ends, the first (summer-time) occurrence is taken.
 */
export function fromWallTime(date: string, time: string, timeZone: string): Date | null {
	if (!isDate(date) || !TIME_PATTERN.test(time)) return null;
	const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
	const naive = Date.UTC(y, mo - 1, d, Number(time.slice(0, 2)), Number(time.slice(3, 5)));
	// The offset a few hours before and after brackets any change that day; try the larger
	// (summer) offset first so an ambiguous time resolves to its first occurrence.
	const candidates = [
		...new Set([
			offsetMinutes(new Date(naive - 6 * 3_600_000), timeZone),
			offsetMinutes(new Date(naive + 6 * 3_600_000), timeZone)
		])
	].sort((a, b) => b - a);
	for (const offset of candidates) {
		const instant = new Date(naive - offset * 60_000);
		const back = toWallTime(instant, timeZone);
		if (back.date === date && back.time === time) return instant;
	}
	return null;
}

/** The calendar date `days` after `date` (negative: before). */
export function addDays(date: string, days: number): string {
	const [y, m, d] = date.split('-').map(Number) as [number, number, number];
	return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: string): number {
	const [y, m, d] = date.split('-').map(Number) as [number, number, number];
	return ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
}
