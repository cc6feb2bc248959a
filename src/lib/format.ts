/** Dates as the reader expects them: in their language, on the school's wall clock. */
export function formatDate(value: string | Date, lang: string, timeZone: string): string {
	// A date-only string is a calendar day, not an instant: show it without shifting zones.
	if (typeof value === 'string') {
		const [y, m, d] = value.split('-').map(Number);
		return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(y!, m! - 1, d!)));
	}
	return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone }).format(value);
}

export function formatDateTime(value: Date, lang: string, timeZone: string): string {
	return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short', timeZone }).format(value);
}

/** A calendar day with its weekday: "dinsdag 27 oktober 2026". */
export function formatDay(date: string, lang: string): string {
	const [y, m, d] = date.split('-').map(Number);
	return new Intl.DateTimeFormat(lang, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y!, m! - 1, d!)));
}
