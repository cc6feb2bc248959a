/**
 * The office's warning about teachers with too few times: a few are listed; at a big school,
 * where it can be most of the 24 teachers, the list is folded under a line that counts them, so
 * the round's actions below it stay in view (issue 17, items 8 and 10).
 */
import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import { translatorFor } from '$lib/server/i18n';
import SlotShortages from './slot-shortages.svelte';

const teachers = (n: number) =>
	Array.from({ length: n }, (_, i) => ({
		staffId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
		staffName: `Leerkracht ${i + 1}`,
		toBook: 30,
		freeSlots: 6
	}));

describe('the office sees teachers with too few times', () => {
	it('lists three openly, each with a link to her week', () => {
		const { t } = translatorFor('nl');
		const html = render(SlotShortages, {
			props: { t, shortages: teachers(3), own: false }
		}).body;
		expect(html).not.toContain('<details');
		expect(html.match(/href="\/staff\/slots\?staff=/g)).toHaveLength(3);
		expect(html).toContain('30 gezinnen moeten nog kiezen, 6 vrije tijden');
	});

	it('folds 24 under a line that counts them, in every language the office reads', () => {
		for (const [lang, summary] of [
			['nl', 'Toon de 24 leerkrachten'],
			['en', 'Show the 24 teachers']
		] as const) {
			const { t } = translatorFor(lang);
			const html = render(SlotShortages, {
				props: { t, shortages: teachers(24), own: false }
			}).body;
			const folded = /<details>[\s\S]*<\/details>/.exec(html)?.[0] ?? '';
			expect(folded).toMatch(new RegExp(`<summary[^>]*>${summary}</summary>`));
			expect(folded.match(/href="\/staff\/slots\?staff=/g)).toHaveLength(24);
		}
	});

	it('tells a teacher her own shortage openly, never folded', () => {
		const { t } = translatorFor('nl');
		const html = render(SlotShortages, {
			props: { t, shortages: teachers(1), own: true }
		}).body;
		expect(html).not.toContain('<details');
		expect(html).toContain('href="/staff/slots/new"');
	});
});
