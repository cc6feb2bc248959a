import { error } from '@sveltejs/kit';
import { familyAnswers } from '$lib/server/families/overview';
import { toCsv } from '$lib/server/families/csv';
import { recordAudit } from '$lib/server/audit/record';
import { toWallTime } from '$lib/server/time/zone';
import { translatorFor } from '$lib/server/i18n';
import { overviewRequest } from '../filter';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { me, round, filter } = await overviewRequest(event);
	if (!round) error(404, { message: 'families.no_round' });
	const { t } = translatorFor(event.locals.language.code);
	const timeZone = me.timeZone;
	const rows = await familyAnswers(event.locals.db, me.schoolId, round.id, filter);
	const header = (
		[
			'children',
			'groups',
			'teacher',
			'status',
			'date',
			'time',
			'place',
			'address',
			'interpreter',
			'own_interpreter',
			'questions',
			'reason'
		] as const
	).map((k) => t(`families.csv.${k}`));
	const body = rows.map((f) => [
		f.children.map((c) => c.name).join(', '),
		[...new Set(f.children.map((c) => c.group).filter(Boolean))].join(', '),
		f.teacher ?? '',
		t(`families.status.${f.status}`),
		f.startsAt ? toWallTime(f.startsAt, timeZone).date : '',
		f.startsAt && f.endsAt
			? `${toWallTime(f.startsAt, timeZone).time}-${toWallTime(f.endsAt, timeZone).time}`
			: '',
		f.location ? t(`families.place.${f.location}`) + (f.placeName ? `: ${f.placeName}` : '') : '',
		f.location === 'home' ? f.address : (f.placeAddress ?? ''),
		f.interpreterLanguage ?? '',
		f.ownInterpreterLanguage ?? '',
		f.questions ?? '',
		[
			f.notHomeReason
				? t(`families.reasons.${f.notHomeReason}`, { defaultValue: f.notHomeReason })
				: '',
			f.notHomeReasonText ?? ''
		]
			.filter(Boolean)
			.join(': ')
	]);
	await recordAudit(event.locals.db, {
		schoolId: me.schoolId,
		actorKind: 'staff',
		actorId: me.id,
		action: 'families.exported',
		subjectType: 'visit_round',
		subjectId: round.id,
		detail: { rows: rows.length }
	});
	return new Response(toCsv([header, ...body]), {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="huisbezoeken-${toWallTime(new Date(), timeZone).date}.csv"`,
			'Cache-Control': 'no-store'
		}
	});
};
