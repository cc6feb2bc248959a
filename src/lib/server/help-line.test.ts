import { describe, expect, it } from 'vitest';
import { helpLine } from './help-line';
import { homeLanguageCode } from './roster/home-language';
import { composeMessage } from './mail/compose';
import { parentLanguages } from '../i18n/languages';

const ctx = {
	origin: new URL('https://huisbezoek.spitsbergen.example'),
	organizer: { name: 'obs De Spitsbergen', email: 'huisbezoek@spitsbergen.example' }
};
const declined = (language: string, kind: 'answer_declined' | 'staff_invite' = 'answer_declined') =>
	composeMessage(
		{
			kind,
			language,
			toAddress: 'ouder@example.org',
			toName: 'Ouder',
			payload: {
				schoolName: 'obs De Spitsbergen',
				schoolPhone: '020 123 4567',
				roundName: 'Huisbezoeken',
				name: 'Anouk',
				path: '/setup/abc',
				validUntil: '2026-10-20T08:00:00Z',
				timeZone: 'Europe/Amsterdam'
			}
		} as never,
		ctx
	);

describe('the line for a language the portal does not speak', () => {
	it('is in that language where the table has it, right to left where it reads so', () => {
		expect(helpLine('ru', '020 123 4567')).toEqual({
			lang: 'ru',
			dir: 'ltr',
			text: 'Это письмо о визите учителя вашего ребёнка к вам домой. Если нужна помощь, обратитесь в школу: 020 123 4567'
		});
		expect(helpLine('ps', '020 123 4567')).toMatchObject({ lang: 'ps', dir: 'rtl' });
		expect(helpLine('ur', '020 123 4567')!.text).toMatch(/020 123 4567$/);
	});

	it('is in English where the table lacks the language, or the roster named none we know', () => {
		for (const code of ['ln', 'und'])
			expect(helpLine(code, '020 123 4567')).toEqual({
				lang: 'en',
				dir: 'ltr',
				text: "This letter is about a home visit by your child's teacher. Ask the school for help: 020 123 4567"
			});
	});

	it('ends the sentence properly when the school has no phone number', () => {
		expect(helpLine('de', '')!.text).toMatch(/Hilfe bekommen Sie bei der Schule\.$/);
		expect(helpLine('zh', ' ')!.text).toMatch(/请联系学校。$/);
		expect(helpLine('am', '')!.text).toMatch(/ይጠይቁ።$/);
	});

	it('is not there for Dutch or for any language the portal speaks', () => {
		for (const code of parentLanguages) expect(helpLine(code, '020 123 4567'), code).toBeNull();
	});

	it('reaches a family through the roster: a known Dutch name keeps its code, an unknown one is und', () => {
		expect(homeLanguageCode('Russisch')).toBe('ru');
		expect(homeLanguageCode(' Koerdisch ')).toBe('ku');
		expect(homeLanguageCode('Portugees')).toBe('pt');
		expect(homeLanguageCode('Lingala')).toBe('und');
		expect(homeLanguageCode('')).toBe('nl');
		expect(homeLanguageCode(null)).toBe('nl');
	});
});

describe('a family mail in Dutch for a language the portal does not speak', () => {
	it('starts with the line in the family language, marked as such, and goes on in Dutch', () => {
		const mail = declined('ru');
		expect(mail.lang).toBe('nl');
		expect(mail.html).toContain(
			'<p lang="ru" dir="ltr" style="margin:0 0 16px;text-align:left">Это письмо о визите'
		);
		// Under the school's name, before any Dutch.
		expect(mail.text.split('\n\n')[1]).toMatch(/^Это письмо/);
		expect(mail.text).toContain('020 123 4567');
		// Pashto reads right to left inside a Dutch mail.
		expect(declined('ps').html).toContain(
			'<p lang="ps" dir="rtl" style="margin:0 0 16px;text-align:right">'
		);
	});

	it('has no such line in a language the portal speaks, nor in mail to staff', () => {
		expect(declined('so').text).not.toMatch(/home visit by your child/);
		expect(declined('nl').html).not.toContain('lang="en"');
		expect(declined('ru', 'staff_invite').html).not.toContain('lang="ru"');
	});
});
