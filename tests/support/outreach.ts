/** A small school for the not-answered list and contact attempts: two teachers, families made to order. */
import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from '../../src/lib/server/db';
import {
	booking,
	family,
	familyRequest,
	group,
	groupTeacher,
	guardian,
	outbox,
	pupil,
	visitRound,
	visitRoundGroup
} from '../../src/lib/server/db/schema';
import { makeSchool, makeStaff } from './fixtures';

export const TZ = 'Europe/Amsterdam';

export const viewerOf = (s: { id: string; schoolId: string; role: 'admin' | 'teacher' }) => ({
	id: s.id,
	schoolId: s.schoolId,
	role: s.role,
	title: s.role === 'admin' ? 'office' : 'teacher',
	timeZone: TZ
});

export async function outreachSchool(db: Database) {
	const school = await makeSchool(db);
	const office = await makeStaff(db, school.id, { role: 'admin', name: 'Kantoor' });
	const anna = await makeStaff(db, school.id, { name: 'Anna' });
	const bram = await makeStaff(db, school.id, { name: 'Bram' });
	const [g] = await db
		.insert(group)
		.values({ schoolId: school.id, name: '1A', year: 1 })
		.returning();
	await db.insert(groupTeacher).values({ groupId: g!.id, staffId: anna.id });
	const [round] = await db
		.insert(visitRound)
		.values({
			schoolId: school.id,
			name: 'Najaar',
			startsOn: '2026-10-26',
			endsOn: '2026-11-13',
			bookingOpensAt: new Date('2026-10-01T00:00:00Z'),
			bookingClosesAt: new Date('2026-11-12T00:00:00Z')
		})
		.returning();
	await db.insert(visitRoundGroup).values({ roundId: round!.id, groupId: g!.id });
	let n = 0;
	/** A family with one child in the round's group, visited by `visitor`. */
	async function addFamily(
		child: string,
		options: { visitor?: string; email?: boolean; phone?: string | null; inRound?: boolean } = {}
	) {
		const k = ++n;
		const [f] = await db
			.insert(family)
			.values({
				schoolId: school.id,
				street: `Straat ${k}`,
				postalCode: '1234 AB',
				city: 'Utrecht',
				visitingStaffId: options.visitor ?? anna.id,
				language: 'ar'
			})
			.returning();
		await db.insert(guardian).values({
			familyId: f!.id,
			name: `Ouder ${child}`,
			email: options.email === false ? null : `ouder-${child.toLowerCase()}-${k}@example.org`,
			phone: options.phone === undefined ? `06 1234 ${String(5000 + k)}` : options.phone
		});
		let groupId: string | null = g!.id;
		if (options.inRound === false) {
			const [other] = await db
				.insert(group)
				.values({ schoolId: school.id, name: `X${k}`, year: 7 })
				.returning();
			groupId = other!.id;
		}
		await db.insert(pupil).values({
			schoolId: school.id,
			familyId: f!.id,
			groupId,
			pupilNumber: `P${k}`,
			firstName: child,
			lastName: 'Test',
			birthDate: '2020-01-01'
		});
		return f!;
	}
	/** An inviting message of the round to the family's first guardian's address, as the worker left it. */
	async function mailed(
		familyId: string,
		status: 'sent' | 'failed' | 'pending',
		at: Date,
		kind: 'invitation' | 'nudge' = 'invitation'
	) {
		const [gu] = await db
			.select({ email: guardian.email })
			.from(guardian)
			.where(sql`${guardian.familyId} = ${familyId}`);
		await db.insert(outbox).values({
			schoolId: school.id,
			kind,
			toAddress: gu!.email!,
			familyId,
			roundId: round!.id,
			payload: { schoolName: 'School', roundName: 'Najaar', path: '/f/x' } as never,
			status,
			createdAt: at,
			sentAt: status === 'sent' ? at : null
		});
	}
	async function callMe(familyId: string, at: Date, phone = '+31612345678') {
		await db.insert(familyRequest).values({
			schoolId: school.id,
			roundId: round!.id,
			familyId,
			kind: 'call_me',
			phone,
			language: 'ar',
			createdAt: at
		});
	}
	async function booked(familyId: string, status: 'declined' | 'cancelled' = 'declined') {
		await db.insert(booking).values({ schoolId: school.id, roundId: round!.id, familyId, status });
	}
	const requests = async (familyId: string) =>
		rowsOf<{ kind: string; status: string; handled_by: string | null }>(
			await db.execute(
				sql`select kind, status, handled_by from family_request where family_id = ${familyId} order by created_at`
			)
		);
	return {
		school,
		office,
		anna,
		bram,
		group: g!,
		round: round!,
		addFamily,
		mailed,
		callMe,
		booked,
		requests
	};
}
