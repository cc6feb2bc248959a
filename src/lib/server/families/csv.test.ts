import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('CSV for Dutch Excel', () => {
	it('writes a BOM, semicolons and CRLF, quotes what needs it and defuses formulas', () => {
		const csv = toCsv([
			['Naam', 'Vraag'],
			['Ayşe Yılmaz', 'Wat "leert" hij; en hoe?\nVerder niets'],
			['=HYPERLINK("http://x")', '+31 6 12345678'],
			['-2', '@SUM(A1)']
		]);
		expect(csv.startsWith('\uFEFFNaam;Vraag\r\n')).toBe(true);
		expect(csv).toContain('Ayşe Yılmaz;"Wat ""leert"" hij; en hoe?\nVerder niets"\r\n');
		expect(csv).toContain(`"'=HYPERLINK(""http://x"")";'+31 6 12345678\r\n`);
		expect(csv).toContain("'-2;'@SUM(A1)\r\n");
	});
});
