/**
 * How long a text message is as a phone counts it. A text in the GSM 7-bit alphabet fits 160
 * characters in one message (153 a part when split); one character outside it (Arabic, Cyrillic,
 * Polish ą, Turkish ş) makes the whole text UCS-2: 70 in one, 67 a part.
 */
const BASIC =
	'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** Characters that take an escape and one more place. */
const EXTENDED = '^{}\\[~]|€\f';

export interface SmsLength {
	encoding: 'gsm' | 'ucs2';
	/** Places used: GSM counts its extended characters twice, UCS-2 counts UTF-16 units. */
	units: number;
	/** How many messages the phone network bills. */
	parts: number;
}

export function smsLength(text: string): SmsLength {
	let units = 0;
	for (const char of text) {
		if (BASIC.includes(char)) units += 1;
		else if (EXTENDED.includes(char)) units += 2;
		else {
			const ucs = text.length;
			return { encoding: 'ucs2', units: ucs, parts: ucs <= 70 ? 1 : Math.ceil(ucs / 67) };
		}
	}
	return { encoding: 'gsm', units, parts: units <= 160 ? 1 : Math.ceil(units / 153) };
}
