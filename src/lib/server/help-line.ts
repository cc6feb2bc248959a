/**
 * One line for a family whose language the portal does not speak. Its letters and mails stay
 * Dutch, and start with this line in the family's own language, so a parent knows what the paper
 * is about and whom to ask. Where this table lacks the language, the line is in English, the
 * language a helper in the family is likeliest to read.
 *
 * Written for this table, not reviewed by native speakers yet. Kept short on purpose: one
 * sentence about what the letter is, one about where to get help.
 */
import { defaultLanguage, languageInfo } from '../i18n/languages';
import { translatorFor } from './i18n';

const phrases: Record<string, string> = {
	en: "This letter is about a home visit by your child's teacher. Ask the school for help: {{phone}}",
	de: 'In diesem Brief geht es um einen Hausbesuch der Lehrkraft Ihres Kindes. Hilfe bekommen Sie bei der Schule: {{phone}}',
	it: "Questa lettera riguarda una visita a casa dell'insegnante di suo figlio. Chieda aiuto alla scuola: {{phone}}",
	ru: 'Это письмо о визите учителя вашего ребёнка к вам домой. Если нужна помощь, обратитесь в школу: {{phone}}',
	hu: 'Ez a levél arról szól, hogy gyermeke tanára meglátogatja Önöket otthon. Segítséget az iskolától kérhet: {{phone}}',
	lt: 'Šis laiškas apie jūsų vaiko mokytojo apsilankymą jūsų namuose. Pagalbos kreipkitės į mokyklą: {{phone}}',
	lv: 'Šī vēstule ir par jūsu bērna skolotāja apmeklējumu jūsu mājās. Pēc palīdzības vērsieties skolā: {{phone}}',
	cs: 'Tento dopis se týká návštěvy učitele vašeho dítěte u vás doma. O pomoc požádejte školu: {{phone}}',
	sk: 'Tento list sa týka návštevy učiteľa vášho dieťaťa u vás doma. O pomoc požiadajte školu: {{phone}}',
	hr: 'Ovo pismo govori o posjetu učitelja vašeg djeteta vašem domu. Za pomoć se obratite školi: {{phone}}',
	bs: 'Ovo pismo govori o posjeti učitelja vašeg djeteta vašem domu. Za pomoć se obratite školi: {{phone}}',
	sr: 'Ово писмо говори о посети учитеља вашег детета вашем дому. За помоћ се обратите школи: {{phone}}',
	el: 'Αυτή η επιστολή αφορά μια επίσκεψη στο σπίτι σας από τον δάσκαλο του παιδιού σας. Για βοήθεια, ρωτήστε το σχολείο: {{phone}}',
	sq: 'Kjo letër ka të bëjë me një vizitë në shtëpi nga mësuesi i fëmijës suaj. Për ndihmë pyesni shkollën: {{phone}}',
	hy: 'Այս նամակը ձեր երեխայի ուսուցչի՝ ձեր տուն այցելության մասին է։ Օգնության համար դիմեք դպրոցին՝ {{phone}}',
	ka: 'ეს წერილი ეხება თქვენი შვილის მასწავლებლის ვიზიტს თქვენს სახლში. დახმარებისთვის მიმართეთ სკოლას: {{phone}}',
	zh: '这封信是关于您孩子的老师到您家家访的事。如需帮助，请联系学校：{{phone}}',
	vi: 'Thư này nói về việc giáo viên của con bạn đến thăm nhà. Cần giúp đỡ, xin hỏi nhà trường: {{phone}}',
	hi: 'यह पत्र आपके बच्चे के शिक्षक के आपके घर आने के बारे में है। मदद के लिए स्कूल से पूछें: {{phone}}',
	ur: 'یہ خط آپ کے بچے کے استاد کے آپ کے گھر آنے کے بارے میں ہے۔ مدد کے لیے اسکول سے پوچھیں: {{phone}}',
	ps: 'دا لیک ستاسو کور ته ستاسو د ماشوم د ښوونکي د راتګ په اړه دی. د مرستې لپاره له ښوونځي وپوښتئ: {{phone}}',
	am: 'ይህ ደብዳቤ የልጅዎ መምህር ቤትዎን ስለሚጎበኙበት ነው። እርዳታ ከፈለጉ ትምህርት ቤቱን ይጠይቁ፦ {{phone}}',
	ku: 'Ev name li ser serdana mamosteyê zarokê we ya li mala we ye. Ji bo alîkariyê ji dibistanê bipirsin: {{phone}}'
};

const rightToLeft = new Set(['ur', 'ps']);

export interface HelpLine {
	lang: string;
	dir: 'ltr' | 'rtl';
	text: string;
}

/**
 * The line for a family's language, or null when the portal speaks it (the whole letter is in
 * that language then) or the family reads Dutch.
 */
export function helpLine(language: string, phone: string): HelpLine | null {
	if (language === defaultLanguage || translatorFor(language).lang === language) return null;
	const lang = language in phrases ? language : 'en';
	const dir = rightToLeft.has(lang) ? 'rtl' : languageInfo(lang).dir;
	const phrase = phrases[lang]!;
	// Without a phone number the sentence ends where the number would have come.
	const text = phone.trim()
		? phrase.replace('{{phone}}', phone.trim())
		: phrase.replace(/\s*[:：፦՝]\s*\{\{phone\}\}$/, fullStops[lang] ?? '.');
	return { lang, dir, text };
}

const fullStops: Record<string, string> = { zh: '。', hy: '։', am: '።', hi: '।', ur: '۔' };
