import { describe, expect, it } from 'vitest';
import {
	familiesListedFor,
	mayActForFamily,
	mayChangeSlot,
	mayReadReport,
	mayViewFamily,
	runsSchool,
	slotsShownFor,
	type Viewer
} from './policy';

const SCHOOL = 'school-a';
const people = {
	office: { id: 'office', schoolId: SCHOOL, role: 'admin', title: 'office' },
	director: { id: 'director', schoolId: SCHOOL, role: 'admin', title: 'director' },
	// A small school's care coordinator who also teaches: the teacher role, the title's reading rights.
	careCoordinator: { id: 'ib', schoolId: SCHOOL, role: 'teacher', title: 'care_coordinator' },
	teacher: { id: 'teacher', schoolId: SCHOOL, role: 'teacher', title: 'teacher' },
	// Goes along to the teacher's visit as second staff member.
	second: { id: 'intern', schoolId: SCHOOL, role: 'teacher', title: 'intern' },
	colleague: { id: 'colleague', schoolId: SCHOOL, role: 'teacher', title: 'teacher' },
	otherSchoolAdmin: { id: 'elders', schoolId: 'school-b', role: 'admin', title: 'office' }
} satisfies Record<string, Viewer>;
type Person = keyof typeof people;

// The teacher's family, visited with the intern; and another teacher's family.
const ownFamily = { schoolId: SCHOOL, visitingStaffId: 'teacher', goingAlong: ['intern'] };
const otherFamily = { schoolId: SCHOOL, visitingStaffId: 'colleague', goingAlong: [] };
const ownSlot = { schoolId: SCHOOL, staffId: 'teacher' };
const ownReport = {
	schoolId: SCHOOL,
	slotStaffIds: ['teacher', 'intern'],
	reportStaffIds: ['teacher']
};
// A kept report whose booking is gone: only the names in it remain.
const keptReport = { schoolId: SCHOOL, slotStaffIds: [], reportStaffIds: ['colleague'] };

/** person → [school's work, view own family, view other family, act own, act other, change own slot, read own report, read kept report] */
const table: Record<Person, boolean[]> = {
	office: [true, true, true, true, true, true, true, true],
	director: [true, true, true, true, true, true, true, true],
	careCoordinator: [false, false, false, false, false, false, true, true],
	teacher: [false, true, false, true, false, true, true, false],
	second: [false, true, false, false, false, false, true, false],
	colleague: [false, false, true, false, true, false, false, true],
	otherSchoolAdmin: [true, false, false, false, false, false, false, false]
};

describe('the access policy', () => {
	it.each(Object.entries(table) as [Person, boolean[]][])(
		'decides for %s as its table says',
		(who, expected) => {
			const me = people[who];
			expect([
				runsSchool(me),
				mayViewFamily(me, ownFamily),
				mayViewFamily(me, otherFamily),
				mayActForFamily(me, ownFamily),
				mayActForFamily(me, otherFamily),
				mayChangeSlot(me, ownSlot),
				mayReadReport(me, ownReport),
				mayReadReport(me, keptReport)
			]).toEqual(expected);
		}
	);

	it('lists a teacher their own families and week, whatever they ask for; admins whom they ask for', () => {
		expect(familiesListedFor(people.teacher, 'colleague')).toBe('teacher');
		expect(familiesListedFor(people.teacher, null)).toBe('teacher');
		expect(familiesListedFor(people.office, 'colleague')).toBe('colleague');
		expect(familiesListedFor(people.office, null)).toBeNull();
		expect(slotsShownFor(people.teacher, 'colleague')).toBe('teacher');
		expect(slotsShownFor(people.office, 'colleague')).toBe('colleague');
		expect(slotsShownFor(people.office, null)).toBe('office');
	});
});
