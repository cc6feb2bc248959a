import { fail, redirect } from '@sveltejs/kit';
import { requireAdmin } from '$lib/server/auth/guard';
import { field } from '$lib/server/forms';
import { addPlace, listPlaces, updatePlace } from '$lib/server/places/manage';
import type { Actions, PageServerLoad } from './$types';

const input = (form: FormData) => ({
	name: field(form, 'name').slice(0, 300),
	address: field(form, 'address').slice(0, 400),
	accessibility: field(form, 'accessibility').slice(0, 1000)
});

export const load: PageServerLoad = async (event) => {
	const me = requireAdmin(event);
	return { places: await listPlaces(event.locals.db, me.schoolId), saved: event.url.searchParams.get('saved') };
};

export const actions: Actions = {
	add: async (event) => {
		const me = requireAdmin(event);
		const values = input(await event.request.formData());
		const result = await addPlace(event.locals.db, me.schoolId, values);
		if (!result.ok) return fail(400, { action: 'add', error: `places.errors.${result.problem}`, values });
		redirect(303, '/staff/places?saved=added');
	},
	update: async (event) => {
		const me = requireAdmin(event);
		const form = await event.request.formData();
		const id = field(form, 'id');
		const values = input(form);
		const result = await updatePlace(event.locals.db, me.schoolId, id, { ...values, active: field(form, 'active') === 'on' });
		if (!result.ok) return fail(result.problem === 'not_found' ? 404 : 400, { action: id, error: `places.errors.${result.problem}`, values });
		redirect(303, '/staff/places?saved=updated');
	}
};
