/** This round's figures and the previous round's, for the page and its CSV alike. */
import { error, type RequestEvent } from '@sveltejs/kit';
import { requireAdmin } from '$lib/server/auth/guard';
import { now } from '$lib/server/clock';
import { isUuid } from '$lib/server/forms';
import { previousRoundId, roundFigures } from '$lib/server/evaluation/figures';

export async function evaluationRequest(event: RequestEvent) {
	const me = requireAdmin(event);
	const roundId = event.params.id ?? '';
	const current = isUuid(roundId)
		? await roundFigures(event.locals.db, me.schoolId, roundId, now())
		: null;
	if (!current) error(404, { message: 'evaluation.not_found' });
	const previousId = await previousRoundId(event.locals.db, me.schoolId, roundId);
	const previous = previousId
		? await roundFigures(event.locals.db, me.schoolId, previousId, now())
		: null;
	return { me, current, previous };
}
