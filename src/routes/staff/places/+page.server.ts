import { redirect } from '@sveltejs/kit';
import { requireAdmin } from '$lib/server/auth/guard';
import { failWith, field } from '$lib/server/forms';
import { addPlace, listPlaces, updatePlace } from '$lib/server/places/manage';
import { readPlace } from './form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const me = requireAdmin(event);
	return {
		places: await listPlaces(event.locals.db, me.schoolId),
		saved: event.url.searchParams.get('saved')
	};
};

export const actions: Actions = {
	add: async (event) => {
		const me = requireAdmin(event);
		const place = readPlace(await event.request.formData());
		const result = await addPlace(event.locals.db, me.schoolId, place);
		if (!result.ok)
			return failWith(
				400,
				{ form: `places.errors.${result.problem}` },
				{ action: 'add', ...place }
			);
		redirect(303, '/staff/places?saved=added');
	},
	update: async (event) => {
		const me = requireAdmin(event);
		const form = await event.request.formData();
		// One form per place: the id says which one failed.
		const id = field(form, 'id').slice(0, 40);
		const place = readPlace(form);
		const result = await updatePlace(event.locals.db, me.schoolId, id, {
			...place,
			active: field(form, 'active') === 'on'
		});
		if (!result.ok)
			return failWith(
				result.problem === 'not_found' ? 404 : 400,
				{ form: `places.errors.${result.problem}` },
				{ action: 'update', id, ...place }
			);
		redirect(303, '/staff/places?saved=updated');
	}
};
