import { field } from '$lib/server/forms';
import type { PlaceInput } from '$lib/server/places/manage';

/** A place as typed; `addPlace` and `updatePlace` clean and check it, and say what is wrong. */
export function readPlace(form: FormData): PlaceInput {
	return {
		name: field(form, 'name').slice(0, 300),
		address: field(form, 'address').slice(0, 400),
		accessibility: field(form, 'accessibility').slice(0, 1000)
	};
}
