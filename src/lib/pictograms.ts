/**
 * The pictograms pages and mails share: one 32 × 32 path each, drawn in the text colour. Pages
 * draw them inline (pictogram.svelte); mail carries them as small PNG images made from these
 * paths (scripts/pictograms.ts, src/lib/server/mail/pictogram-images.ts), since mail programs
 * do not draw SVG and emoji show as empty boxes where no emoji font is installed.
 */
export const pictogramPaths = {
	home: 'M16 3 2 15l1.3 1.5L6 14.2V29h8v-8h4v8h8V14.2l2.7 2.3L30 15 16 3Zm8 24h-4v-8h-8v8H8V12.5l8-6.9 8 6.9V27Z',
	school:
		'M16 2 2 9v2h28V9L16 2Zm0 2.2L25.6 9H6.4L16 4.2ZM4 13v2h2v10H4v2h24v-2h-2V15h2v-2H4Zm4 2h3v10H8V15Zm5 0h6v10h-2v-5h-2v5h-2V15Zm8 0h3v10h-3V15ZM2 28h28v2H2z',
	neutral:
		'M16 2a9 9 0 0 0-9 9c0 6.7 8 17.5 8.3 18l.7.9.7-.9C17 28.5 25 17.7 25 11a9 9 0 0 0-9-9Zm0 24.6C13.6 23.2 9 16 9 11a7 7 0 0 1 14 0c0 5-4.6 12.2-7 15.6ZM16 7a4 4 0 1 0 0 8 4 4 0 0 0 0-8Zm0 6a2 2 0 1 1 0-4 2 2 0 0 1 0 4Z',
	interpreter:
		'M3 4h15a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2h-7l-5 4v-4H3a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2Zm0 2v8h5v2l2.5-2H18V6H3Zm19 4h7a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2h-3v4l-5-4h-7a2 2 0 0 1-2-2v-2h2v2h7.7l2.3 1.8V22h5v-8h-7v-4Z',
	none: 'M16 2a14 14 0 1 0 0 28 14 14 0 0 0 0-28Zm0 2a12 12 0 0 1 9.2 19.7L8.3 6.8A12 12 0 0 1 16 4ZM4 16c0-2.9 1-5.6 2.8-7.7l16.9 16.9A12 12 0 0 1 4 16Z',
	when: 'M16 2a14 14 0 1 0 0 28 14 14 0 0 0 0-28Zm0 2a12 12 0 1 1 0 24 12 12 0 0 1 0-24Zm-1 4v9.1l6.9 4.1 1-1.7-5.9-3.5V8h-2Z',
	who: 'M11 4a5 5 0 1 0 0 10 5 5 0 0 0 0-10Zm0 2a3 3 0 1 1 0 6 3 3 0 0 1 0-6Zm10 0a4 4 0 1 0 0 8 4 4 0 0 0 0-8Zm0 2a2 2 0 1 1 0 4 2 2 0 0 1 0-4ZM11 16c-5 0-9 2.7-9 6v4h18v-4c0-3.3-4-6-9-6Zm0 2c4 0 7 2 7 4v2H4v-2c0-2 3-4 7-4Zm10-1.5c-.7 0-1.4.1-2 .2.8.6 1.4 1.3 1.8 2.1h.2c3 0 5 1.5 5 3v2h-3v2h5v-4c0-2.9-3.1-5.3-7-5.3Z',
	family:
		'M10 3a4 4 0 1 0 0 8 4 4 0 0 0 0-8Zm0 2a2 2 0 1 1 0 4 2 2 0 0 1 0-4Zm12 3a3 3 0 1 0 0 6 3 3 0 0 0 0-6Zm0 2a1 1 0 1 1 0 2 1 1 0 0 1 0-2ZM10 13c-4.4 0-8 2.5-8 5.5V29h2V18.5c0-1.7 2.7-3.5 6-3.5s6 1.8 6 3.5V29h2V18.5c0-3-3.6-5.5-8-5.5Zm12 3c-1.3 0-2.5.4-3.4 1l1.1 1.7c.6-.4 1.4-.7 2.3-.7 1.8 0 3 1.1 3 2.2V29h2v-8.8c0-2.3-2.2-4.2-5-4.2Z',
	was: 'M12 6 4 13l8 7v-5h8a6 6 0 0 1 0 12h-6v2h6a8 8 0 0 0 0-16h-8V6Z'
} as const;

export type PictogramKind = keyof typeof pictogramPaths;

/** The pictogram as a standalone SVG document, for making its PNG. */
export const pictogramSvg = (kind: PictogramKind, color: string, size: number) =>
	`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" width="${size}" height="${size}"><path fill="${color}" d="${pictogramPaths[kind]}"/></svg>`;
