/** Every language the portal can speak, with its own name for itself and its writing direction. */
export interface Language {
	code: string;
	/** The language's name in that language: a parent recognises their own. */
	endonym: string;
	dir: 'ltr' | 'rtl';
}

export const languages: Language[] = [
	{ code: 'nl', endonym: 'Nederlands', dir: 'ltr' },
	{ code: 'en', endonym: 'English', dir: 'ltr' }
];

/** Staff pages are in Dutch and English. */
export const staffLanguages = ['nl', 'en'] as const;
export const defaultLanguage = 'nl';

export function languageInfo(code: string): Language {
	return languages.find((l) => l.code === code) ?? languages[0]!;
}
