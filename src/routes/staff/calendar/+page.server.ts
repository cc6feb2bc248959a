import { requireStaff } from '$lib/server/auth/guard';
import { activeFeed, issueFeed, revokeFeed } from '$lib/server/calendar/feed';
import { config } from '$lib/server/config';
import { now } from '$lib/server/clock';
import { recordAudit } from '$lib/server/audit/record';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const me = requireStaff(event);
	return { feed: await activeFeed(event.locals.db, me.id), timeZone: me.timeZone };
};

export const actions: Actions = {
	// The link is shown once: only its hash is kept. A new one stops the old one.
	issue: async (event) => {
		const me = requireStaff(event);
		const token = await issueFeed(event.locals.db, me.id, now());
		await recordAudit(event.locals.db, {
			schoolId: me.schoolId,
			actorKind: 'staff',
			actorId: me.id,
			action: 'calendar_feed.issued',
			subjectType: 'staff',
			subjectId: me.id
		});
		const https = new URL(`/cal/${token}.ics`, config().origin);
		return { https: https.toString(), webcal: https.toString().replace(/^https?:/, 'webcal:') };
	},
	revoke: async (event) => {
		const me = requireStaff(event);
		await revokeFeed(event.locals.db, me.id, now());
		await recordAudit(event.locals.db, {
			schoolId: me.schoolId,
			actorKind: 'staff',
			actorId: me.id,
			action: 'calendar_feed.revoked',
			subjectType: 'staff',
			subjectId: me.id
		});
		return { revoked: true };
	}
};
