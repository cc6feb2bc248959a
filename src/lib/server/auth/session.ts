/**
 * Staff sessions as lucia-auth.com teaches: the cookie holds `<id>.<secret>`, the database the id
 * and a SHA-256 of the secret, compared in constant time. Sessions slide with use up to an
 * absolute maximum, so a forgotten browser on a school computer does not stay signed in for ever.
 */
import { and, eq, ne } from 'drizzle-orm';
import type { Database } from '../db';
import { school, staff, staffSession, staffTitle } from '../db/schema';
import { hashToken, looksLikeToken, newId, newSecret, sameHash } from './token';

const HOUR = 3_600_000;
/** Signed out after a day without use: teachers use the portal in short bursts. */
export const SESSION_IDLE_MS = 24 * HOUR;
/** And after two weeks whatever happens. */
export const SESSION_MAX_MS = 14 * 24 * HOUR;
/** Extend at most once an hour, not on every request: one write instead of hundreds. */
const TOUCH_INTERVAL_MS = HOUR;

export interface SessionStaff {
	id: string;
	schoolId: string;
	schoolName: string;
	/** The school's time zone: every date and time this person sees or types is on its clock. */
	timeZone: string;
	name: string;
	email: string;
	role: 'admin' | 'teacher';
	title: (typeof staffTitle.enumValues)[number];
	language: string;
}

export interface ValidSession {
	id: string;
	expiresAt: Date;
	staff: SessionStaff;
}

const ID_BYTES = 15;
const SECRET_BYTES = 20;

function expiry(createdAt: Date, now: Date): Date {
	return new Date(Math.min(now.getTime() + SESSION_IDLE_MS, createdAt.getTime() + SESSION_MAX_MS));
}

export async function createSession(
	db: Database,
	staffId: string,
	now = new Date()
): Promise<{ token: string; expiresAt: Date }> {
	const id = newId();
	const secret = newSecret();
	const expiresAt = expiry(now, now);
	await db.insert(staffSession).values({
		id,
		staffId,
		secretHash: hashToken(secret),
		createdAt: now,
		lastUsedAt: now,
		expiresAt
	});
	return { token: `${id}.${secret}`, expiresAt };
}

function splitToken(token: string): { id: string; secret: string } | null {
	const [id, secret, ...rest] = token.split('.');
	if (rest.length > 0 || !id || !secret) return null;
	if (!looksLikeToken(id, ID_BYTES) || !looksLikeToken(secret, SECRET_BYTES)) return null;
	return { id, secret };
}

export async function validateSession(
	db: Database,
	token: string,
	now = new Date()
): Promise<ValidSession | null> {
	const parts = splitToken(token);
	if (!parts) return null;
	const [row] = await db
		.select({
			session: staffSession,
			staff: {
				id: staff.id,
				schoolId: staff.schoolId,
				schoolName: school.name,
				timeZone: school.timeZone,
				name: staff.name,
				email: staff.email,
				role: staff.role,
				title: staff.title,
				language: staff.language,
				active: staff.active
			}
		})
		.from(staffSession)
		.innerJoin(staff, eq(staff.id, staffSession.staffId))
		.innerJoin(school, eq(school.id, staff.schoolId))
		.where(eq(staffSession.id, parts.id));
	if (!row) return null;
	const { session, staff: person } = row;
	if (!sameHash(hashToken(parts.secret), session.secretHash)) return null;
	if (!person.active || session.expiresAt <= now) {
		await db.delete(staffSession).where(eq(staffSession.id, session.id));
		return null;
	}
	let expiresAt = session.expiresAt;
	if (now.getTime() - session.lastUsedAt.getTime() >= TOUCH_INTERVAL_MS) {
		expiresAt = expiry(session.createdAt, now);
		await db
			.update(staffSession)
			.set({ lastUsedAt: now, expiresAt })
			.where(eq(staffSession.id, session.id));
	}
	const { active: _active, ...sessionStaff } = person;
	return { id: session.id, expiresAt, staff: sessionStaff };
}

export async function invalidateSession(db: Database, sessionId: string): Promise<void> {
	await db.delete(staffSession).where(eq(staffSession.id, sessionId));
}

/** After a password change or deactivation: every browser of that person is signed out. */
export async function invalidateAllSessions(
	db: Database,
	staffId: string,
	exceptId?: string
): Promise<void> {
	const all = eq(staffSession.staffId, staffId);
	await db.delete(staffSession).where(exceptId ? and(all, ne(staffSession.id, exceptId)) : all);
}
