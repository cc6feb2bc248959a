import { error, redirect } from '@sveltejs/kit';
import { requireAdmin } from '$lib/server/auth/guard';
import { config } from '$lib/server/config';
import { failWith } from '$lib/server/forms';
import { now } from '$lib/server/clock';
import {
	findStaffMember,
	groupsOfSchool,
	newStaffLink,
	setActive,
	setGroups
} from '$lib/server/staff/manage';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function person(event: RequestEvent | Parameters<PageServerLoad>[0]) {
	const me = requireAdmin(event);
	const found = await findStaffMember(event.locals.db, me.schoolId, event.params.id);
	if (!found) error(404, { message: 'team.not_found' });
	return { me, found };
}

export const load: PageServerLoad = async (event) => {
	const { me, found } = await person(event);
	return {
		person: {
			id: found.id,
			name: found.name,
			email: found.email,
			title: found.title,
			active: found.active,
			hasPassword: found.hasPassword,
			groupIds: found.groupIds,
			isMe: found.id === me.id
		},
		groups: await groupsOfSchool(event.locals.db, me.schoolId),
		saved:
			(['groups', 'deactivated', 'reactivated'] as const).find(
				(s) => s === event.url.searchParams.get('saved')
			) ?? null
	};
};

export const actions: Actions = {
	groups: async (event) => {
		const { me, found } = await person(event);
		const form = await event.request.formData();
		const ids = form
			.getAll('group')
			.filter((v): v is string => typeof v === 'string')
			.slice(0, 200);
		await setGroups(event.locals.db, me.schoolId, me.id, found.id, ids);
		redirect(303, `/staff/team/${found.id}?saved=groups`);
	},
	active: async (event) => {
		const { me, found } = await person(event);
		const result = await setActive(event.locals.db, me.schoolId, me.id, found.id, !found.active);
		if (!result.ok)
			return failWith(400, { form: `team.errors.${result.reason}` }, { action: 'active' });
		redirect(303, `/staff/team/${found.id}?saved=${found.active ? 'deactivated' : 'reactivated'}`);
	},
	link: async (event) => {
		const { me, found } = await person(event);
		const token = await newStaffLink(event.locals.db, me.schoolId, me.id, found.id, now());
		if (!token) return failWith(400, { form: 'team.errors.inactive' }, { action: 'link' });
		return { link: new URL(`/setup/${token}`, config().origin).toString() };
	}
};
