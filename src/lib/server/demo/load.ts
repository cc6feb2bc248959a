/**
 * Loads the demo school (once) and issues fresh credentials for it (every time): passwords are
 * stored only as hashes and links only as token hashes, so the way to show a newcomer where to
 * sign in is to make new ones. Only the school marked `is_demo` is ever touched.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import { rowsOf, type Database } from '../db';
import {
	booking,
	contactAttempt,
	family,
	group,
	groupTeacher,
	guardian,
	interpreterRequest,
	neutralPlace,
	pupil,
	school,
	staff,
	visitReport,
	visitRound,
	visitRoundGroup
} from '../db/schema';
import { hashPassword } from '../auth/password';
import { randomToken } from '../auth/token';
import { familyUrl, issueFamilyLink } from '../families/links';
import { familiesInRound } from '../families/overview';
import {
	demoContactAttempts,
	demoFamilies,
	demoGroups,
	demoInterpreters,
	demoPastRound,
	demoPlaces,
	demoSchool,
	demoSlotPatterns,
	demoStaff,
	type DemoPastVisit
} from './data';
import { planSlots } from '../slots/plan';
import { createSlots } from '../slots/create';
import { addDays, fromWallTime } from '../time/zone';
import { fullNameSql } from '../roster/names';
import { transaction } from '../db/transaction';
import { addInterpreter } from '../interpreters/register';
import { arrangeInterpreter } from '../interpreters/arrange';
import { syncInterpreterRequest } from '../interpreters/requests';
import type { Viewer } from '../auth/policy';

export interface DemoCredentials {
	school: string;
	signInUrl: string;
	staff: {
		name: string;
		email: string;
		password: string;
		role: 'admin' | 'teacher';
		title: string;
	}[];
	/** The round's public link for the school newsletter. */
	newsletterUrl: string | null;
	/** `email` is a guardian's address on file: what a parent types on the newsletter page. */
	families: {
		name: string;
		language: string;
		teacher: string | null;
		email: string | null;
		url: string;
	}[];
}

// Any fixed number: it only serialises demo loads that run at the same moment.
const DEMO_LOCK_KEY = 4_711_2027;

/** Readable to type from a screen: 4 groups of 4 base32 characters, 80 bits. */
function demoPassword(): string {
	return randomToken(10).match(/.{4}/g)!.join('-');
}

/** The visit round starts next Monday and runs three weeks, so the demo is bookable today. */
function demoRoundDates(now: Date) {
	const day = now.getUTCDay();
	const monday = new Date(
		Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + ((8 - day) % 7 || 7))
	);
	const end = new Date(monday.getTime() + 18 * 86_400_000);
	const iso = (d: Date) => d.toISOString().slice(0, 10);
	// Booking closes the evening before the last visit day.
	return {
		startsOn: iso(monday),
		endsOn: iso(end),
		closes: new Date(end.getTime() - 86_400_000 + 17 * 3_600_000)
	};
}

async function createDemoSchool(tx: Database, now: Date, timeZone: string): Promise<string> {
	const [created] = await tx
		.insert(school)
		.values({ ...demoSchool, isDemo: true })
		.returning({ id: school.id });
	const schoolId = created!.id;
	await tx.insert(neutralPlace).values(demoPlaces.map((p) => ({ schoolId, ...p })));

	const staffIds = new Map<string, string>();
	for (const person of demoStaff) {
		const [row] = await tx
			.insert(staff)
			.values({
				schoolId,
				email: person.email,
				name: person.name,
				role: person.role,
				title: person.title
			})
			.returning({ id: staff.id });
		staffIds.set(person.key, row!.id);
	}

	const interpreterIds = new Map<string, string>();
	for (const i of demoInterpreters) {
		const added = await addInterpreter(tx, schoolId, {
			name: i.name,
			kind: i.kind,
			languages: i.languages,
			phone: i.phone,
			email: i.email,
			mailLanguage: 'nl',
			staffId: i.staff ? staffIds.get(i.staff)! : '',
			active: true
		});
		if (!added.ok) throw new Error(`demo interpreter ${i.key}: ${JSON.stringify(added.errors)}`);
		interpreterIds.set(i.key, added.id);
	}
	const office: Viewer = {
		id: staffIds.get('office')!,
		schoolId,
		role: 'admin',
		title: 'office'
	};

	const groupIds = new Map<string, string>();
	for (const g of demoGroups) {
		const [row] = await tx
			.insert(group)
			.values({ schoolId, name: g.name, year: g.year, isLanguageClass: g.isLanguageClass })
			.returning({ id: group.id });
		groupIds.set(g.name, row!.id);
		for (const key of g.teachers)
			await tx.insert(groupTeacher).values({ groupId: row!.id, staffId: staffIds.get(key)! });
	}

	const dates = demoRoundDates(now);
	const [round] = await tx
		.insert(visitRound)
		.values({
			schoolId,
			name: 'Huisbezoeken (demo)',
			startsOn: dates.startsOn,
			endsOn: dates.endsOn,
			// Open since yesterday: choosing a time works from the first minute of the demo.
			bookingOpensAt: new Date(now.getTime() - 86_400_000),
			bookingClosesAt: dates.closes
		})
		.returning({ id: visitRound.id });
	for (const g of demoGroups.filter((g) => g.inRound)) {
		await tx.insert(visitRoundGroup).values({
			roundId: round!.id,
			groupId: groupIds.get(g.name)!,
			talkingPoints: g.talkingPoints.join('\n')
		});
	}

	for (const p of demoSlotPatterns) {
		const plan = planSlots(
			{
				from: dates.startsOn,
				to: dates.endsOn,
				weekdays: p.weekdays,
				startTime: p.startTime,
				endTime: p.endTime,
				visitMinutes: 45,
				travelMinutes: p.travelMinutes
			},
			timeZone
		);
		if (!plan.ok) throw new Error(`demo slot pattern: ${plan.problem}`);
		const created = await createSlots(
			tx,
			{
				schoolId,
				roundId: round!.id,
				staffId: staffIds.get(p.teacher)!,
				secondStaffId: p.second ? staffIds.get(p.second)! : null,
				allowsHome: !p.schoolOnly,
				allowsSchool: true,
				allowsNeutral: !p.schoolOnly,
				times: plan.slots
			},
			timeZone,
			now
		);
		if (!created.ok) throw new Error(`demo slots: ${created.reason}`);
	}

	const families = new Map<string, { id: string; teacherId: string }>();
	for (const f of demoFamilies) {
		// One visit per family, by the teacher of the oldest child.
		const oldest = [...f.pupils].sort((a, b) => a.birthDate.localeCompare(b.birthDate))[0]!;
		const teacherKey = demoGroups.find((g) => g.name === oldest.group)!.teachers[0]!;
		const [row] = await tx
			.insert(family)
			.values({
				schoolId,
				street: f.street,
				postalCode: f.postalCode,
				city: demoSchool.city,
				language: f.language,
				visitingStaffId: staffIds.get(teacherKey)!
			})
			.returning({ id: family.id });
		families.set(f.key, { id: row!.id, teacherId: staffIds.get(teacherKey)! });
		for (const g of f.guardians)
			await tx.insert(guardian).values({ familyId: row!.id, ...g, language: f.language });
		for (const p of f.pupils) {
			await tx.insert(pupil).values({
				schoolId,
				familyId: row!.id,
				groupId: groupIds.get(p.group)!,
				pupilNumber: p.number,
				firstName: p.firstName,
				infix: p.infix ?? '',
				lastName: p.lastName,
				birthDate: p.birthDate,
				isNew: p.isNew ?? false
			});
		}
	}
	await addContactAttempts(
		tx,
		schoolId,
		round!.id,
		'demo',
		families,
		staffIds,
		(hours) => new Date(now.getTime() - hours * 3_600_000)
	);
	await createPastRound(
		tx,
		schoolId,
		dates.startsOn,
		families,
		[...groupIds]
			.filter(([name]) => demoGroups.find((g) => g.name === name)?.inRound)
			.map(([, id]) => id),
		timeZone,
		{ office, interpreterIds, staffIds }
	);
	return schoolId;
}

/** The finished round before the demo round, with its answers and reports (see `demoPastRound`). */
async function createPastRound(
	tx: Database,
	schoolId: string,
	demoStartsOn: string,
	families: Map<string, { id: string; teacherId: string }>,
	groupIds: string[],
	timeZone: string,
	interpreting: {
		office: Viewer;
		interpreterIds: Map<string, string>;
		staffIds: Map<string, string>;
	}
) {
	const startsOn = addDays(demoStartsOn, -35);
	const endsOn = addDays(startsOn, 18);
	const [round] = await tx
		.insert(visitRound)
		.values({
			schoolId,
			name: demoPastRound.name,
			startsOn,
			endsOn,
			bookingOpensAt: fromWallTime(addDays(startsOn, -14), '08:00', timeZone)!,
			bookingClosesAt: fromWallTime(addDays(endsOn, -1), '17:00', timeZone)!
		})
		.returning({ id: visitRound.id });
	const roundId = round!.id;
	for (const groupId of groupIds)
		await tx
			.insert(visitRoundGroup)
			.values({ roundId, groupId, talkingPoints: 'Kennismaken\nWelbevinden van uw kind' });
	const [place] = await tx
		.select({ id: neutralPlace.id })
		.from(neutralPlace)
		.where(eq(neutralPlace.schoolId, schoolId))
		.limit(1);
	await addContactAttempts(tx, schoolId, roundId, 'past', families, interpreting.staffIds, (days) =>
		fromWallTime(addDays(startsOn, days), '10:00', timeZone)!
	);
	const perTeacher = new Map<string, number>();
	// Monday to Thursday of the first two weeks.
	const days = [0, 1, 2, 3, 7, 8, 9, 10];
	for (const visit of demoPastRound.visits) {
		const fam = families.get(visit.family)!;
		if (visit.answer === 'none') continue;
		if (visit.answer === 'declined') {
			await tx.insert(booking).values({
				schoolId,
				roundId,
				familyId: fam.id,
				status: 'declined',
				notHomeReason: visit.reason ?? null
			});
			continue;
		}
		const n = perTeacher.get(fam.teacherId) ?? 0;
		perTeacher.set(fam.teacherId, n + 1);
		const date = addDays(startsOn, days[Math.floor(n / 3)]!);
		const start = ['15:30', '16:30', '17:30'][n % 3]!;
		const startsAt = fromWallTime(date, start, timeZone)!;
		// Slots in the past cannot be made through the form: the demo writes them directly.
		const created =
			await tx.execute(sql`insert into slot (school_id, round_id, staff_id, starts_at, ends_at)
			values (${schoolId}, ${roundId}, ${fam.teacherId}, ${startsAt.toISOString()}::timestamptz, ${new Date(startsAt.getTime() + 45 * 60_000).toISOString()}::timestamptz) returning id`);
		const slotId = rowsOf<{ id: string }>(created)[0]!.id;
		await tx.execute(
			sql`insert into slot_staff (slot_id, staff_id, starts_at, ends_at) select id, staff_id, starts_at, ends_at from slot where id = ${slotId}`
		);
		const [made] = await tx
			.insert(booking)
			.values({
				schoolId,
				roundId,
				familyId: fam.id,
				slotId,
				status: 'booked',
				location: visit.answer,
				neutralPlaceId: visit.answer === 'neutral' ? (place?.id ?? null) : null,
				interpreterLanguage: visit.interpreter ?? null,
				ownInterpreterLanguage: visit.ownInterpreter ?? null,
				notHomeReason: visit.reason ?? null
			})
			.returning({ id: booking.id });
		if (visit.interpreter)
			await requestInterpreter(tx, made!.id, visit, startsOn, timeZone, interpreting);
		const r = visit.report;
		if (!r) continue;
		await tx.insert(visitReport).values({
			schoolId,
			roundId,
			bookingId: made!.id,
			familyId: fam.id,
			held: r.held,
			notHeldReason: r.notHeldReason ?? null,
			heldAt: startsAt,
			location: visit.answer,
			staffIds: [fam.teacherId],
			parentsPresent: r.parents,
			childPresent: r.child ?? false,
			siblingsPresent: r.siblings ?? false,
			interpreter: r.interpreter ?? 'none',
			interpreterName: r.interpreterName ?? '',
			mainPoints: r.mainPoints,
			followUp: r.followUp ?? 'none',
			writtenBy: fam.teacherId
		});
	}
}

/**
 * The office heard of the request when the family booked, ten days before the round, and arranged
 * some of them three days later: through the same functions as the office's own screens, so the
 * requests, the office's mails and the interpreters' invites are what the school would have.
 */
async function requestInterpreter(
	tx: Database,
	bookingId: string,
	visit: DemoPastVisit,
	roundStartsOn: string,
	timeZone: string,
	{ office, interpreterIds }: { office: Viewer; interpreterIds: Map<string, string> }
) {
	await syncInterpreterRequest(
		tx,
		bookingId,
		fromWallTime(addDays(roundStartsOn, -10), '09:00', timeZone)!
	);
	if (!visit.arranged) return;
	const [request] = await tx
		.select({ id: interpreterRequest.id })
		.from(interpreterRequest)
		.where(eq(interpreterRequest.bookingId, bookingId));
	const arranged = await arrangeInterpreter(
		tx,
		office,
		request!.id,
		{
			interpreterId: interpreterIds.get(visit.arranged.interpreter)!,
			mode: visit.arranged.mode,
			contactName: visit.arranged.contactName ?? '',
			contactPhone: ''
		},
		fromWallTime(addDays(roundStartsOn, -7), '10:00', timeZone)!
	);
	if (!arranged.ok) throw new Error(`demo interpreter: ${arranged.problem}`);
}

/** The tries to reach families of one round (`demoContactAttempts`), at the times `at` makes of `when`. */
async function addContactAttempts(
	tx: Database,
	schoolId: string,
	roundId: string,
	round: 'past' | 'demo',
	families: Map<string, { id: string }>,
	staffIds: Map<string, string>,
	at: (when: number) => Date
) {
	const attempts = demoContactAttempts.filter((a) => a.round === round);
	if (attempts.length === 0) return;
	await tx.insert(contactAttempt).values(
		attempts.map((a) => ({
			schoolId,
			roundId,
			familyId: families.get(a.family)!.id,
			staffId: staffIds.get(a.by)!,
			channel: a.channel,
			outcome: a.outcome,
			note: a.note ?? '',
			createdAt: at(a.when)
		}))
	);
}

/** The families the demo round covers, with their children's names for the printed links. */
async function roundFamilies(tx: Database, roundId: string) {
	return tx.execute(sql`
		select f.id, f.language, s.name as teacher,
			(select min(g.email) from guardian g where g.family_id = f.id) as email,
			(select string_agg(${fullNameSql('p2')}, ', ' order by p2.birth_date)
			   from pupil p2 where p2.family_id = f.id) as children
		from family f
		join (${familiesInRound(roundId)}) fams on fams.family_id = f.id
		left join staff s on s.id = f.visiting_staff_id
		order by children`);
}

export async function loadDemo(
	db: Database,
	options: { origin: URL; now?: Date; timeZone?: string }
): Promise<{ created: boolean; credentials: DemoCredentials }> {
	const now = options.now ?? new Date();
	const passwords = new Map(demoStaff.map((p) => [p.email, demoPassword()]));
	// Hash before the transaction: Argon2 takes a moment, a transaction should not.
	const hashes = new Map(
		await Promise.all(
			[...passwords].map(async ([email, pw]) => [email, await hashPassword(pw)] as const)
		)
	);

	return transaction(db, async (tx) => {
		await tx.execute(sql`select pg_advisory_xact_lock(${DEMO_LOCK_KEY})`);
		let [existing] = await tx
			.select({ id: school.id, name: school.name })
			.from(school)
			.where(eq(school.isDemo, true));
		const created = !existing;
		if (!existing) {
			const id = await createDemoSchool(tx, now, options.timeZone ?? 'Europe/Amsterdam');
			existing = { id, name: demoSchool.name };
		}
		const schoolId = existing.id;

		const people = await tx
			.select({
				id: staff.id,
				email: staff.email,
				name: staff.name,
				role: staff.role,
				title: staff.title
			})
			.from(staff)
			.where(eq(staff.schoolId, schoolId));
		const staffOut: DemoCredentials['staff'] = [];
		for (const person of people) {
			const hash = hashes.get(person.email);
			if (!hash) continue;
			await tx
				.update(staff)
				.set({ passwordHash: hash, active: true })
				.where(and(eq(staff.id, person.id), eq(staff.schoolId, schoolId)));
			staffOut.push({
				name: person.name,
				email: person.email,
				password: passwords.get(person.email)!,
				role: person.role,
				title: person.title
			});
		}
		const order = (email: string) => demoStaff.findIndex((p) => p.email === email);
		staffOut.sort((a, b) => order(a.email) - order(b.email));

		// The demo round is the latest one; the finished round before it gets no links.
		const [round] = await tx
			.select({ id: visitRound.id, newsletterCode: visitRound.newsletterCode })
			.from(visitRound)
			.where(eq(visitRound.schoolId, schoolId))
			.orderBy(desc(visitRound.startsOn))
			.limit(1);
		const familiesOut: DemoCredentials['families'] = [];
		if (round) {
			const result = await roundFamilies(tx, round.id);
			for (const row of rowsOf<{
				id: string;
				language: string;
				teacher: string | null;
				email: string | null;
				children: string;
			}>(result)) {
				const token = await issueFamilyLink(tx, row.id, round.id, now);
				familiesOut.push({
					name: row.children,
					language: row.language,
					teacher: row.teacher,
					email: row.email,
					url: familyUrl(options.origin, token)
				});
			}
		}
		return {
			created,
			credentials: {
				school: existing.name,
				signInUrl: new URL('/sign-in', options.origin).toString(),
				staff: staffOut,
				newsletterUrl: round
					? new URL(`/n/${round.newsletterCode}`, options.origin).toString()
					: null,
				families: familiesOut
			}
		};
	});
}
