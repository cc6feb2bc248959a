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

/** A clock time on the school's wall clock, in the reader's digits: "16:00" or "١٦:٠٠". */
export function formatTime(value: Date, lang: string, timeZone: string): string {
	return new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', timeZone }).format(value);
}

/** The day of an instant with its weekday, on the school's wall clock: "dinsdag 20 oktober". */
export function formatWeekday(value: Date, lang: string, timeZone: string): string {
	return new Intl.DateTimeFormat(lang, { weekday: 'long', day: 'numeric', month: 'long', timeZone }).format(value);
}

/** A language's name in the reader's language ("Arabisch", "Arabic", "العربية"), from the platform's own data. */
export function languageName(code: string, lang: string): string {
	try {
		return new Intl.DisplayNames([lang], { type: 'language' }).of(code) ?? code;
	} catch {
		return code;
	}
}

/** "Straat 1, 1234 AB Utrecht", leaving out what is empty. */
export function formatAddress(street: string, postalCode: string, city: string): string {
	return [street, `${postalCode} ${city}`.trim()].filter(Boolean).join(', ');
}
