/**
 * The pupil administration writes the home language in Dutch ("Arabisch"); pages and messages
 * need a language code. A language the portal does not speak keeps its own code, so its letters
 * carry a line in it (help-line.ts). Empty means Dutch, the school's language; a name this list
 * does not know is `und` (undetermined): the family then reads Dutch with a line in English.
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
	tamazight: 'ar',
	portugees: 'pt',
	braziliaans: 'pt',
	duits: 'de',
	italiaans: 'it',
	hongaars: 'hu',
	litouws: 'lt',
	lets: 'lv',
	tsjechisch: 'cs',
	slowaaks: 'sk',
	kroatisch: 'hr',
	bosnisch: 'bs',
	servisch: 'sr',
	grieks: 'el',
	albanees: 'sq',
	armeens: 'hy',
	georgisch: 'ka',
	chinees: 'zh',
	mandarijn: 'zh',
	kantonees: 'zh',
	vietnamees: 'vi',
	hindi: 'hi',
	urdu: 'ur',
	pasjtoe: 'ps',
	pashto: 'ps',
	amhaars: 'am',
	koerdisch: 'ku'
};

export function homeLanguageCode(dutchName: string | null | undefined): string {
	const name = (dutchName ?? '').trim().toLowerCase();
	if (!name) return 'nl';
	return codes[name] ?? 'und';
}
