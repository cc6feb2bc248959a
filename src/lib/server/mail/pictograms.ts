/** The pictograms a mail carries: each a small PNG, addressed from the HTML part by its Content-ID. */
import type { PictogramKind } from '../../pictograms';
import { pictogramCid } from './blocks';
import { pictogramImages } from './pictogram-images';

export const pictogramImagesFor = (kinds: PictogramKind[]) =>
	kinds.map((kind) => ({
		cid: pictogramCid(kind),
		filename: `${kind}.png`,
		content: Buffer.from(pictogramImages[kind], 'base64')
	}));

/**
 * The HTML part as a browser shows it on its own (the Mailbox's "as the reader sees it"): the
 * images written into it as data: addresses, since a browser cannot follow cid:.
 */
export const withImagesInline = (html: string, kinds: PictogramKind[]) =>
	kinds.reduce(
		(page, kind) =>
			page.replaceAll(
				`cid:${pictogramCid(kind)}`,
				`data:image/png;base64,${pictogramImages[kind]}`
			),
		html
	);
