import { requireAdmin } from '$lib/server/auth/guard';
import { failWith } from '$lib/server/forms';
import { readPolicyForm, retentionPolicy, saveRetentionPolicy } from '$lib/server/privacy/settings';
import { retentionLog, roundRemovalDates } from '$lib/server/privacy/retention';
import { findFamilies } from '$lib/server/privacy/family-data';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const me = requireAdmin(event);
	const db = event.locals.db;
	const policy = await retentionPolicy(db, me.schoolId);
	const query = (event.url.searchParams.get('q') ?? '').slice(0, 100);
	return {
		policy,
		rounds: await roundRemovalDates(db, me.schoolId, policy),
		log: await retentionLog(db, me.schoolId),
		query,
		found: query
			? await findFamilies(db, me.schoolId, query, Number(event.url.searchParams.get('page') ?? 1))
			: null,
		erased: event.url.searchParams.get('done') === 'erased',
		timeZone: me.timeZone
	};
};

export const actions: Actions = {
	save: async (event) => {
		const me = requireAdmin(event);
		const read = readPolicyForm(await event.request.formData());
		if (!read.ok) return failWith(400, read.errors, read.values);
		await saveRetentionPolicy(event.locals.db, me.schoolId, me.id, read.value);
		return { saved: true };
	}
};
