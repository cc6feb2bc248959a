/**
 * The pupil administration writes the home language in Dutch ("Arabisch"); pages and messages
 * need a language code. Unknown or empty values fall back to Dutch, the school's language.
 */
const codes: Record<string, string> = {
	nederlands: 'nl',
	vlaams: 'nl',
	engels: 'en',
	frans: 'fr',
	arabisch: 'ar',
	turks: 'tr',
	pools: 'pl',
	oekraïens: 'uk',
	oekraiens: 'uk',
	tigrinya: 'ti',
	tigrinia: 'ti',
	somalisch: 'so',
	farsi: 'fa',
	perzisch: 'fa',
	dari: 'fa',
	roemeens: 'ro',
	bulgaars: 'bg',
	spaans: 'es',
	russisch: 'ru',
	berbers: 'ar',
	tamazight: 'ar'
};

export function homeLanguageCode(dutchName: string | null | undefined): string {
	return codes[(dutchName ?? '').trim().toLowerCase()] ?? 'nl';
}
