import { redirect } from '@sveltejs/kit';
import { now } from '$lib/server/clock';
import { failWith } from '$lib/server/forms';
import { listPlaces } from '$lib/server/places/manage';
import { bookVisit, parentActor } from '$lib/server/booking/answer';
import { interpreterLanguages, notHomeReasons, openSlots } from '$lib/server/booking/choices';
import {
	interpreterChoiceOf,
	isInterpreterLanguage,
	isLocation,
	readChoice,
	type ChoiceValues
} from '$lib/server/booking/form';
import { toWallTime } from '$lib/server/time/zone';
import { homeLanguageFirst } from '$lib/i18n/languages';
import { inDutch, schoolWords } from '$lib/server/school/words';
import { translatorFor } from '$lib/server/i18n';
import { openedFamily, refuseLink } from '../family';
import type { Actions, PageServerLoad } from './$types';
import { renderOnly } from '$lib/render-only';

export const load: PageServerLoad = async ({ parent, url, locals, params, isDataRequest }) => {
	const { family, phase, timeZone } = openedFamily(await parent());
	if (phase !== 'open') redirect(303, `/f/${params.token}`);
	const asked = url.searchParams.get('place') ?? '';
	const location = isLocation(asked) ? asked : (family.answer?.location ?? 'home');
	const own = family.answer?.status === 'booked' ? family.answer : null;
	const link = locals.familyLink!;
	const [slots, places, words] = await Promise.all([
		// The hook opened the link with the times for a GET; after a refused form, read them again.
		link.openSlots ??
			openSlots(
				locals.db,
				family.schoolId,
				family.round.id,
				family.visitingStaffId,
				link.familyId,
				now(),
				own?.slotId ?? null
			),
		location === 'neutral' ? listPlaces(locals.db, family.schoolId) : Promise.resolve([]),
		location === 'neutral'
			? schoolWords(
					locals.db,
					family.schoolId,
					locals.language.code,
					translatorFor(locals.language.code).t
				)
			: inDutch
	]);
	const allowed = slots.filter((s) =>
		location === 'home' ? s.allowsHome : location === 'school' ? s.allowsSchool : s.allowsNeutral
	);
	// One list per day on the school's calendar, so a parent scans days first, then times.
	const days: {
		date: string;
		slots: { id: string; startsAt: Date; endsAt: Date; secondStaff: string | null }[];
	}[] = [];
	// A time the teacher made for this family comes first, on its own (openSlots sorts it first).
	const madeForYou = allowed
		.filter((s) => s.madeForFamily)
		.map((s) => ({ id: s.id, startsAt: s.startsAt, endsAt: s.endsAt, secondStaff: s.secondStaff }));
	for (const s of allowed.filter((s) => !s.madeForFamily)) {
		const date = toWallTime(s.startsAt, timeZone).date;
		let day = days.at(-1);
		if (day?.date !== date) days.push((day = { date, slots: [] }));
		day.slots.push({
			id: s.id,
			startsAt: s.startsAt,
			endsAt: s.endsAt,
			secondStaff: s.secondStaff
		});
	}
	// The form starts from the family's current answer when it is changing one.
	const initial: ChoiceValues = {
		location,
		slotId: own?.slotId ?? '',
		placeId: own?.placeId ?? '',
		visitAddress: own?.location === 'home' ? (own.visitAddress ?? '') : '',
		interpreter: own ? interpreterChoiceOf(own) : 'none',
		// The language the family named, else its home language when an interpreter speaks it.
		interpreterLanguage:
			own?.interpreterLanguage ??
			own?.ownInterpreterLanguage ??
			(isInterpreterLanguage(family.language) ? family.language : ''),
		questions: own?.questions ?? '',
		reason: own?.notHomeReason ?? '',
		reasonText: own?.notHomeReasonText ?? '',
		note: ''
	};
	return renderOnly(
		{ isDataRequest },
		{
			family,
			location,
			days,
			madeForYou,
			places: places
				.filter((p) => p.active)
				.map((p) => ({
					id: p.id,
					// The school's words: translated by the school, or marked as its Dutch.
					name: words(p.name),
					address: p.address,
					accessibility: p.accessibility ? words(p.accessibility) : null
				})),
			reasons: notHomeReasons,
			interpreterLanguages: homeLanguageFirst(
				interpreterLanguages,
				family.language,
				(code) => code
			),
			initial,
			changing: Boolean(own)
		}
	);
};

export const actions: Actions = {
	default: async ({ locals, request, params }) => {
		const link = locals.familyLink ?? (await refuseLink(locals.db, params.token));
		const read = readChoice(await request.formData());
		if (!read.ok) return failWith(400, read.errors, read.values);
		const result = await bookVisit(
			locals.db,
			link.schoolId,
			link.roundId,
			link.familyId,
			read.value,
			parentActor(params.token, locals.language.code),
			now()
		);
		if (result.ok && !result.changed) redirect(303, `/f/${params.token}?saved=unchanged`);
		if (!result.ok) {
			// A lost race or a vanished slot: the page reloads its list, the rest of the form stays filled in.
			const lostSlot =
				result.problem === 'slot_taken' ||
				result.problem === 'slot_gone' ||
				result.problem === 'too_late';
			const values: ChoiceValues = lostSlot ? { ...read.values, slotId: '' } : read.values;
			return failWith(409, { form: `family.problems.${result.problem}` }, values);
		}
		redirect(303, `/f/${params.token}?saved=booked`);
	}
};
