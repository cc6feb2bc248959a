/**
 * Translation keys are checked by the compiler: `t('family.change_until', { count })` must name a
 * key that Dutch (the source language) has, or `npm run check` fails. Keys built at run time
 * must be built from typed parts (`family.problems.${ChoiceProblem}`), so each one exists.
 */
import 'i18next';
import type nl from '../../../messages/nl.json';

declare module 'i18next' {
	interface CustomTypeOptions {
		resources: { translation: typeof nl };
	}
}
