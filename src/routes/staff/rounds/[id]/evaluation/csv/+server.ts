import { toCsv } from '$lib/server/families/csv';
import { translatorFor } from '$lib/server/i18n';
import { figureKeys, type RoundFigures } from '$lib/server/evaluation/figures';
import { interpretingKeys } from '$lib/evaluation';
import { evaluationRequest } from '../figures';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { current, previous } = await evaluationRequest(event);
	const { t } = translatorFor(event.locals.language.code);
	const header = (['round', 'scope', 'name'] as const)
		.map((k) => t(`evaluation.csv.${k}`))
		.concat(figureKeys.map((k) => t(`evaluation.figure.${k}`)));
	const rowsOf = (f: RoundFigures) => [
		[f.roundName, t('evaluation.csv.total'), '', ...figureKeys.map((k) => String(f.total[k]))],
		...f.groups.map((g) => [
			f.roundName,
			t('evaluation.csv.group'),
			g.label,
			...figureKeys.map((k) => String(g[k]))
		]),
		...f.teachers.map((g) => [
			f.roundName,
			t('evaluation.csv.teacher'),
			g.label || t('evaluation.no_teacher'),
			...figureKeys.map((k) => String(g[k]))
		]),
		...f.reasons.map((r) => [
			f.roundName,
			t('evaluation.csv.reason'),
			t(`families.reasons.${r.code}`, { defaultValue: r.code }),
			String(r.count)
		]),
		...f.interpreters.map((r) => [
			f.roundName,
			t('evaluation.csv.interpreter'),
			r.language,
			String(r.count)
		]),
		...(f.interpreting
			? interpretingKeys.map((k) => [
					f.roundName,
					t('evaluation.csv.interpreting'),
					t(`evaluation.interpreting_row.${k}`),
					String(f.interpreting![k])
				])
			: [])
	];
	const body = [...rowsOf(current), ...(previous ? rowsOf(previous) : [])];
	return new Response(toCsv([header, ...body]), {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': 'attachment; filename="evaluatie-huisbezoeken.csv"',
			'Cache-Control': 'no-store'
		}
	});
};
