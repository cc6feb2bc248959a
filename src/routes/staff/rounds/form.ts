import { field } from '$lib/server/forms';
import type { RoundInput } from '$lib/server/visit-rounds/manage';

const number = (value: string) => (/^\d{1,4}$/.test(value.trim()) ? Number(value.trim()) : NaN);

/**
 * The round form: `group` checkboxes name the groups that take part, `points.<id>` their talking
 * points. `saveRound` checks it and says what is wrong; a number that is no number reads as NaN.
 */
export function readRound(form: FormData): RoundInput {
	const text = (name: string, max = 40) => field(form, name).trim().slice(0, max);
	const chosen = form
		.getAll('group')
		.filter((v): v is string => typeof v === 'string')
		.slice(0, 200);
	return {
		name: field(form, 'name').slice(0, 300),
		startsOn: text('startsOn'),
		endsOn: text('endsOn'),
		visitMinutes: number(text('visitMinutes')),
		travelMinutes: number(text('travelMinutes')),
		opensOn: text('opensOn'),
		opensAt: text('opensAt'),
		closesOn: text('closesOn'),
		closesAt: text('closesAt'),
		changeDeadlineHours: number(text('changeDeadlineHours')),
		reminderHoursBefore: number(text('reminderHoursBefore')),
		includeNewPupils: field(form, 'includeNewPupils') === 'on',
		newPupilTalkingPoints: field(form, 'newPupilTalkingPoints').slice(0, 5000),
		groups: Object.fromEntries(chosen.map((id) => [id, field(form, `points.${id}`).slice(0, 5000)]))
	};
}
