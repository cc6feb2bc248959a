/**
 * What the mail pictograms are made from: the shared paths and the colour. Its hash is written
 * into pictogram-images.ts when the images are made, so a test notices a path changed without
 * the images being made again.
 */
import { createHash } from 'node:crypto';
import { pictogramPaths } from '../../pictograms';

export const PICTOGRAM_COLOR = '#1d4e89';

export const pictogramSourceHash = () =>
	createHash('sha256')
		.update(JSON.stringify({ paths: pictogramPaths, color: PICTOGRAM_COLOR }))
		.digest('hex')
		.slice(0, 16);
