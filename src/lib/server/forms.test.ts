import { describe, expect, it } from 'vitest';
import { isEmail, isUuid, multiLine, singleLine } from './forms';

describe('form input', () => {
	it('makes one clean line of anything', () => {
		expect(singleLine('  Anouk\r\nBcc: evil@example.org ')).toBe('Anouk Bcc: evil@example.org');
		// A control is a space, never glue: a lone CR between two words keeps them apart.
		expect(singleLine('a\u0000b\u0007c\u2028d\u009f')).toBe('a b c d');
		expect(singleLine('Jan\rde Vries')).toBe('Jan de Vries');
		expect(singleLine('Jan \r\n\t de  Vries')).toBe('Jan de  Vries');
		expect(singleLine('Noor\u0085van\u000bDijk')).toBe('Noor van Dijk');
		expect(singleLine('e\u0301')).toBe('é');
	});

	it('keeps line breaks in longer text but no other controls', () => {
		expect(multiLine('een\r\ntwee\rdrie\u001b[31m')).toBe('een\ntwee\ndrie [31m');
		expect(multiLine('vader\u2028moeder\u000bopa')).toBe('vader\nmoeder opa');
	});

	it('accepts ordinary addresses and refuses headers, spaces and brackets', () => {
		for (const ok of ['juf.anna@school.nl', 'a+b@sub.example.be', 'ayşe@örnek.com.tr'])
			expect(isEmail(ok), ok).toBe(true);
		for (const bad of [
			'',
			'anna',
			'a@b',
			'a b@c.nl',
			'a@b.nl\r\nBcc: x@y.nl',
			'<a@b.nl>',
			'a@b.nl,c@d.nl',
			`${'a'.repeat(250)}@b.nl`
		]) {
			expect(isEmail(bad), bad).toBe(false);
		}
	});

	it('knows a database id from anything else', () => {
		expect(isUuid('0d6eefbe-0393-46ab-865f-c80ac745d216')).toBe(true);
		for (const bad of [
			'',
			'abc',
			'0D6EEFBE-0393-46AB-865F-C80AC745D216',
			'0d6eefbe03930-46ab-865f-c80ac745d216',
			'------------------------------------',
			null,
			42
		]) {
			expect(isUuid(bad), String(bad)).toBe(false);
		}
	});
});
