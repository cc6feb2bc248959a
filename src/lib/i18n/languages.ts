/** Every language the portal can speak, with its own name for itself and its writing direction. */
export interface Language {
	code: string;
	/** The language's name in that language: a parent recognises their own. */
	endonym: string;
	dir: 'ltr' | 'rtl';
}

export const languages: Language[] = [
	{ code: 'nl', endonym: 'Nederlands', dir: 'ltr' },
	{ code: 'en', endonym: 'English', dir: 'ltr' },
	{ code: 'fr', endonym: 'Français', dir: 'ltr' },
	{ code: 'ar', endonym: 'العربية', dir: 'rtl' },
	{ code: 'tr', endonym: 'Türkçe', dir: 'ltr' },
	{ code: 'pl', endonym: 'Polski', dir: 'ltr' },
	{ code: 'uk', endonym: 'Українська', dir: 'ltr' },
	{ code: 'so', endonym: 'Soomaali', dir: 'ltr' },
	{ code: 'ti', endonym: 'ትግርኛ', dir: 'ltr' },
	{ code: 'fa', endonym: 'فارسی', dir: 'rtl' },
	{ code: 'ro', endonym: 'Română', dir: 'ltr' },
	{ code: 'bg', endonym: 'Български', dir: 'ltr' },
	{ code: 'es', endonym: 'Español', dir: 'ltr' },
	{ code: 'pt', endonym: 'Português', dir: 'ltr' }
];

/** Parents read every language the portal has. */
export const parentLanguages = languages.map((l) => l.code);

/** Staff pages are offered in Dutch and English (the other languages hold every key too). */
export const staffLanguages = ['nl', 'en'] as const;
export const defaultLanguage = 'nl';

export function languageInfo(code: string): Language {
	return languages.find((l) => l.code === code) ?? languages[0]!;
}

/**
 * The family's home language first, the rest in their usual order: a parent who reads little
 * Dutch finds their own language at the top of a list, not somewhere in the middle of it.
 */
export function homeLanguageFirst<T>(
	items: readonly T[],
	home: string | null | undefined,
	codeOf: (item: T) => string
): T[] {
	const own = items.filter((item) => codeOf(item) === home);
	return [...own, ...items.filter((item) => codeOf(item) !== home)];
}
