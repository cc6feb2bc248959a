import { textBlock } from '$lib/server/reports/export';
import { translatorFor } from '$lib/server/i18n';
import { exportRequest } from './request';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { me, rounds, groups, round, group, rows } = await exportRequest(event);
	const { t } = translatorFor(event.locals.language.code);
	return {
		rounds: rounds.map((r) => ({ id: r.id, name: r.name })),
		groups: groups.map((g) => ({ id: g.id, name: g.name })),
		round: round?.id ?? null,
		group: group ? { id: group.id, name: group.name } : null,
		blocks: rows.map((row) => ({
			key: `${row.pupilNumber}-${row.report.id}`,
			name: row.pupilName,
			number: row.pupilNumber,
			text: textBlock(row, t, me.timeZone)
		}))
	};
};
