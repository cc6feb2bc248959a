/**
 * CSV that Dutch Excel opens correctly: UTF-8 with a byte-order mark, semicolons, CRLF.
 * Cells that start like a formula are prefixed, so a parent's text can never run in Excel.
 */
export function toCsv(rows: string[][]): string {
	const cell = (value: string) => {
		const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
		return /[;"\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
	};
	return '\uFEFF' + rows.map((row) => row.map(cell).join(';')).join('\r\n') + '\r\n';
}
