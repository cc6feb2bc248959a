/**
 * Makes the PNG pictograms mail carries (src/lib/server/mail/pictogram-images.ts) from the paths
 * pages draw (src/lib/pictograms.ts), in a real browser: run it after changing a path.
 *   npx tsx scripts/pictograms.ts
 * The images are 72 × 72 (three times the 24 px a mail shows them at, for sharp phones), in the
 * portal's blue on a transparent background.
 */
import fs from 'node:fs';
import { chromium } from '@playwright/test';
import { pictogramPaths, pictogramSvg, type PictogramKind } from '../src/lib/pictograms';
import { pictogramSourceHash, PICTOGRAM_COLOR } from '../src/lib/server/mail/pictogram-source';
import { systemChromium } from './browser.js';

const SIZE = 72;
const out = new URL('../src/lib/server/mail/pictogram-images.ts', import.meta.url);

const executablePath = systemChromium();
const browser = await chromium.launch(
	executablePath ? { executablePath, args: ['--no-sandbox', '--disable-gpu'] } : {}
);
try {
	const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE } });
	const images: [PictogramKind, string][] = [];
	for (const kind of Object.keys(pictogramPaths) as PictogramKind[]) {
		await page.setContent(
			`<body style="margin:0;background:transparent">${pictogramSvg(kind, PICTOGRAM_COLOR, SIZE)}</body>`
		);
		const png = await page.locator('svg').screenshot({ omitBackground: true });
		images.push([kind, png.toString('base64')]);
	}
	fs.writeFileSync(
		out,
		[
			'// Made by `npx tsx scripts/pictograms.ts` from src/lib/pictograms.ts: do not edit by hand.',
			"import type { PictogramKind } from '../../pictograms';",
			'',
			`export const pictogramImagesSource = '${pictogramSourceHash()}';`,
			'',
			'/** Each pictogram as a 72 × 72 PNG, base64. */',
			'export const pictogramImages: Record<PictogramKind, string> = {',
			...images.map(([kind, b64]) => `\t${kind}: '${b64}',`),
			'};',
			''
		].join('\n')
	);
	console.log(`wrote ${images.length} pictograms to ${out.pathname}`);
} finally {
	await browser.close();
}
