import { describe, expect, it } from 'vitest';
import { pictogramPaths, type PictogramKind } from '../../pictograms';
import { pictogramImages, pictogramImagesSource } from './pictogram-images';
import { pictogramSourceHash } from './pictogram-source';
import { composeMessage } from './compose';
import { withImagesInline } from './pictograms';
import { composeContext, visitAtSchool } from './test-fixtures';

const ctx = composeContext;

describe('the pictograms mail carries', () => {
	it('are made from the paths the pages draw: change a path, and `npx tsx scripts/pictograms.ts` must run again', () => {
		expect(pictogramImagesSource).toBe(pictogramSourceHash());
		expect(Object.keys(pictogramImages).sort()).toEqual(Object.keys(pictogramPaths).sort());
	});

	it.each(Object.keys(pictogramPaths) as PictogramKind[])('%s is a 72 × 72 PNG', (kind) => {
		const png = Buffer.from(pictogramImages[kind], 'base64');
		expect(png.subarray(0, 8)).toEqual(
			Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
		);
		expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([72, 72]);
		// Not an empty picture: a drawn pictogram compresses to more than a blank square.
		expect(png.length).toBeGreaterThan(400);
	});
});

describe('a visit mail', () => {
	const declined = (language: string) =>
		composeMessage(
			{
				kind: 'visit_reminder',
				language,
				toAddress: 'ouder@example.org',
				toName: 'Ouder',
				payload: visitAtSchool
			} as never,
			ctx
		);

	it.each([
		['nl', 'Klok'],
		['ar', 'ساعة'],
		['ti', 'ሰዓት']
	])('shows its pictograms as images with alt text in %s, and no emoji anywhere', (lang, clock) => {
		const mail = declined(lang);
		expect(mail.pictograms).toContain('when');
		expect(mail.pictograms).toContain('school');
		expect(mail.html).toMatch(
			new RegExp(`<img src="cid:when@huisbezoek" width="24" height="24" alt="[^"]*${clock}`)
		);
		expect(`${mail.text}${mail.html}`).not.toMatch(/\p{Extended_Pictographic}/u);
	});

	it('shows in a browser with the images written in, as the Mailbox does', () => {
		const mail = declined('nl');
		const page = withImagesInline(mail.html, mail.pictograms);
		expect(page).not.toContain('cid:');
		expect(page).toContain(`src="data:image/png;base64,${pictogramImages.when}"`);
	});
});
