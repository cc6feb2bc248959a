import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases';
import { makeFamilyInRound, makeSchool, makeStaff } from '../support/fixtures';
import { startSmtp, type Received, type TestSmtp } from '../support/smtp';
import { createSlots } from '../../src/lib/server/slots/create';
import { bookVisit, cancelAnswer, parentActor } from '../../src/lib/server/booking/answer';
import {
	family,
	guardian,
	outbox,
	outboxAttempt,
	school,
	visitRound
} from '../../src/lib/server/db/schema';
import { smtpTransport, type Transport } from '../../src/lib/server/mail/transport';
import { drainOutbox, resendMessage, type WorkerDeps } from '../../src/lib/server/mail/worker';
import { STAFF_CHANGE_DELAY_MS } from '../../src/lib/server/booking/visit-messages';
import { visitChoice, wallTimes } from '../support/visits';

const AMS = 'Europe/Amsterdam';
const NOW = new Date('2026-10-15T08:00:00Z');
const at = (date: string, from: string, to: string) => wallTimes(date, from, to, AMS);
const home = visitChoice;
const TOKEN = 'a'.repeat(32);

function invite(mail: Received) {
	const file = mail.parsed.attachments.find((a) => a.contentType === 'application/ics');
	expect(file, 'the mail carries invite.ics').toBeTruthy();
	const text = file!.content.toString('utf8');
	for (const line of text.split('\r\n'))
		expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
	const calendar = new ICAL.Component(ICAL.parse(text));
	const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
	return { text, method: calendar.getFirstPropertyValue('method'), event };
}

describe.each(databaseKinds)('mail to families and staff on %s', (kind) => {
	let t: TestDatabase;
	let smtp: TestSmtp;
	let schoolId: string;
	let transport: Transport;
	/** The worker on a clock of the test's own choosing: each test moves its own. */
	const deps = (now: Date): WorkerDeps => ({
		db: t.db,
		transport,
		origin: new URL('https://huisbezoek.school.example'),
		fromAddress: 'huisbezoek@school.example',
		now: () => now
	});
	const to = (address: string) => smtp.received.filter((m) => m.envelopeTo.includes(address));
	let visits = 0;

	/**
	 * A teacher, a family reading Dutch and two visit times of their own, so a test reads only
	 * its own mail: one time before the clocks go back on 25 October, one after.
	 */
	const newVisit = async () => {
		const teacher = await makeStaff(t.db, schoolId, {
			name: 'Fatma Demir',
			email: `fatma.${++visits}@ster.example`
		});
		const made = await makeFamilyInRound(t.db, schoolId, teacher.id);
		await t.db
			.update(visitRound)
			.set({ startsOn: '2026-10-19' })
			.where(eq(visitRound.id, made.round.id));
		await t.db.update(family).set({ language: 'nl' }).where(eq(family.id, made.family.id));
		const parentAddress = (
			await t.db
				.select({ email: guardian.email })
				.from(guardian)
				.where(eq(guardian.familyId, made.family.id))
		)[0]!.email!;
		const created = await createSlots(
			t.db,
			{
				schoolId,
				roundId: made.round.id,
				staffId: teacher.id,
				secondStaffId: null,
				allowsHome: true,
				allowsSchool: true,
				allowsNeutral: true,
				times: [at('2026-10-23', '16:00', '16:45'), at('2026-10-26', '16:00', '16:45')]
			},
			AMS,
			NOW
		);
		if (!created.ok) throw new Error(created.reason);
		return {
			roundId: made.round.id,
			teacherId: teacher.id,
			teacherAddress: teacher.email,
			familyId: made.family.id,
			parentAddress,
			slots: created.ids
		};
	};
	/** The booking the Arabic-reading parent makes, with an interpreter. */
	const bookInArabic = (v: Awaited<ReturnType<typeof newVisit>>) =>
		bookVisit(
			t.db,
			schoolId,
			v.roundId,
			v.familyId,
			home(v.slots[0]!, { interpreterLanguage: 'ar' }),
			parentActor(TOKEN, 'ar'),
			NOW
		);

	beforeAll(async () => {
		t = await freshDatabase(kind);
		smtp = await startSmtp();
		transport = smtpTransport(smtp.url);
		schoolId = (await makeSchool(t.db, 'OBS De Ster')).id;
		await t.db
			.update(school)
			.set({
				mailFromName: 'OBS "De Ster"\r\nBcc: evil@example.org',
				replyTo: 'administratie@ster.example',
				phone: '020 123 4567'
			})
			.where(eq(school.id, schoolId));
	});
	afterAll(async () => {
		transport?.close();
		await smtp?.stop();
		await t?.dispose();
	});

	it('confirms a booking made in Arabic in Arabic, with an invite at the right instant', async () => {
		const v = await newVisit();
		const booked = await bookInArabic(v);
		expect(booked.ok).toBe(true);
		const result = await drainOutbox(deps(NOW));
		expect(result.failed).toBe(0);
		const [mail] = to(v.parentAddress);
		expect(mail).toBeTruthy();
		const { parsed } = mail!;
		expect(parsed.subject).toMatch(/[\u0600-\u06FF]/);
		expect(parsed.html).toContain('dir="rtl"');
		expect(parsed.html).toContain('lang="ar"');
		expect(parsed.text).toContain(`https://huisbezoek.school.example/f/${TOKEN}`);
		// The pages' pictograms travel inside the mail as PNG parts the HTML names by Content-ID,
		// each with its alt text in Arabic; no emoji, which show as boxes without an emoji font.
		const images = parsed.attachments.filter((a) => a.contentType === 'image/png');
		expect(images.map((a) => a.cid).sort()).toEqual(
			['home@huisbezoek', 'interpreter@huisbezoek', 'when@huisbezoek', 'who@huisbezoek'].sort()
		);
		for (const image of images) {
			expect(image.contentDisposition).toBe('inline');
			expect(image.content.subarray(1, 4).toString()).toBe('PNG');
		}
		// mailparser writes each cid: image it could resolve as data: into the HTML: all four
		// resolved, none left pointing at a missing part, each with alt text in Arabic.
		const shown = [...String(parsed.html).matchAll(/<img src="([^"]*)"[^>]* alt="([^"]*)"/g)];
		expect(shown).toHaveLength(4);
		for (const [, src, alt] of shown) {
			expect(src).toMatch(/^data:image\/png;base64,/);
			expect(alt).toMatch(/^[\u0600-\u06FF ]+$/);
		}
		expect(`${parsed.text}${parsed.html}`).not.toMatch(/\p{Extended_Pictographic}/u);
		// The school's name on the sender, without the header the office's typing tried to add.
		expect(parsed.from?.value[0]).toMatchObject({ address: 'huisbezoek@school.example' });
		expect(parsed.from?.value[0]?.name).not.toMatch(/[\r\n"]/);
		expect(parsed.headers.get('bcc')).toBeUndefined();
		expect(parsed.replyTo?.value[0]?.address).toBe('administratie@ster.example');
		const { method, event, text } = invite(mail!);
		expect(method).toBe('REQUEST');
		expect(event.uid).toBe(`${(booked as { bookingId: string }).bookingId}@huisbezoek`);
		expect(event.sequence).toBe(0);
		// 16:00 on the school's wall clock, in summer time.
		expect(event.startDate.toJSDate().toISOString()).toBe('2026-10-23T14:00:00.000Z');
		// No child's name, no home address in what syncs to outside calendars.
		expect(text).not.toMatch(/Kind\d|Straat 1/);
		// The teacher hears of it in Dutch, without the child's surname or the address.
		const [staffMail] = to(v.teacherAddress);
		expect(staffMail!.parsed.subject).toMatch(/^Nieuw huisbezoek/);
		expect(staffMail!.parsed.text).not.toMatch(/Test|Straat 1/);
		expect(invite(staffMail!).method).toBe('REQUEST');
		// The personal link leaves the database once it is sent.
		const [row] = await t.db
			.select({ payload: outbox.payload })
			.from(outbox)
			.where(and(eq(outbox.kind, 'visit_booked'), eq(outbox.toAddress, v.parentAddress)));
		expect((row!.payload as { path?: string }).path).toBeUndefined();
	});

	it('raises SEQUENCE on a change across the clock change, and cancels with the same UID', async () => {
		// The booking and its confirmation come first: the change and the cancel follow them.
		const v = await newVisit();
		expect((await bookInArabic(v)).ok).toBe(true);
		await drainOutbox(deps(NOW));
		const uid = invite(to(v.parentAddress)[0]!).event.uid;
		await bookVisit(
			t.db,
			schoolId,
			v.roundId,
			v.familyId,
			home(v.slots[1]!),
			parentActor(TOKEN, 'ar'),
			NOW
		);
		await drainOutbox(deps(NOW));
		const changed = invite(to(v.parentAddress)[1]!);
		expect(changed.method).toBe('REQUEST');
		expect(changed.event.uid).toBe(uid);
		expect(changed.event.sequence).toBe(1);
		// 16:00 after the clocks went back on 25 October: 15:00 UTC.
		expect(changed.event.startDate.toJSDate().toISOString()).toBe('2026-10-26T15:00:00.000Z');

		await cancelAnswer(t.db, schoolId, v.roundId, v.familyId, parentActor(TOKEN, 'ar'), NOW);
		await drainOutbox(deps(NOW));
		const cancelled = invite(to(v.parentAddress)[2]!);
		expect(cancelled.method).toBe('CANCEL');
		expect(cancelled.event.uid).toBe(uid);
		expect(cancelled.event.sequence).toBe(2);
		// The teacher's change and cancellation wait a few minutes, and reach them as one CANCEL.
		const teacherMails = to(v.teacherAddress).length;
		await drainOutbox(deps(new Date(NOW.getTime() + STAFF_CHANGE_DELAY_MS)));
		expect(to(v.teacherAddress)).toHaveLength(teacherMails + 1);
		const teacherCancel = invite(to(v.teacherAddress).at(-1)!);
		expect(teacherCancel.method).toBe('CANCEL');
		expect(teacherCancel.event.uid).toBe(uid);
		expect(teacherCancel.event.sequence).toBe(2);
	});

	it('sends nothing for a booking that was refused', async () => {
		const v = await newVisit();
		const other = await makeFamilyInRound(t.db, schoolId, v.teacherId);
		await bookVisit(
			t.db,
			schoolId,
			v.roundId,
			v.familyId,
			home(v.slots[0]!),
			parentActor(TOKEN, 'nl'),
			NOW
		);
		const before = await t.db.select({ n: sql<number>`count(*)::int` }).from(outbox);
		const refused = await bookVisit(
			t.db,
			schoolId,
			v.roundId,
			other.family.id,
			home(v.slots[0]!),
			parentActor(TOKEN, 'nl'),
			NOW
		);
		expect(refused).toEqual({ ok: false, problem: 'slot_taken' });
		expect(await t.db.select({ n: sql<number>`count(*)::int` }).from(outbox)).toEqual(before);
	});

	it('loses nothing while the mail server is down, and sends each message once with two workers', async () => {
		let clock = NOW;
		const schoolB = (await makeSchool(t.db)).id;
		const teacherB = (await makeStaff(t.db, schoolB)).id;
		const first = await makeFamilyInRound(t.db, schoolB, teacherB);
		const firstAddress = (
			await t.db
				.select({ email: guardian.email })
				.from(guardian)
				.where(eq(guardian.familyId, first.family.id))
		)[0]!.email!;
		const families = [first.family.id];
		for (let i = 1; i < 50; i++) {
			const [f] = await t.db
				.insert(family)
				.values({ schoolId: schoolB, visitingStaffId: teacherB, language: 'tr' })
				.returning({ id: family.id });
			await t.db
				.insert(guardian)
				.values({ familyId: f!.id, name: `Ouder ${i}`, email: `gezin${i}@families.example` });
			families.push(f!.id);
		}
		const times = Array.from({ length: 50 }, (_, i) =>
			at(
				`2026-11-${String(2 + Math.floor(i / 5)).padStart(2, '0')}`,
				`${13 + (i % 5)}:00`,
				`${13 + (i % 5)}:45`
			)
		);
		const made = await createSlots(
			t.db,
			{
				schoolId: schoolB,
				roundId: first.round.id,
				staffId: teacherB,
				secondStaffId: null,
				allowsHome: true,
				allowsSchool: true,
				allowsNeutral: true,
				times
			},
			AMS,
			NOW
		);
		const slotIds = made.ok ? made.ids : [];
		expect(slotIds).toHaveLength(50);

		// Pooled connections would keep the server from closing: let them go first.
		transport.close();
		await smtp.stop();
		transport = smtpTransport(smtp.url);
		const results = await Promise.all(
			families.map((f, i) =>
				bookVisit(
					t.db,
					schoolB,
					first.round.id,
					f,
					home(slotIds[i]!),
					parentActor(TOKEN, 'tr'),
					clock
				)
			)
		);
		expect(results.every((r) => r.ok)).toBe(true);
		const down = await drainOutbox(deps(clock));
		expect(down.sent).toBe(0);
		expect(down.retried).toBeGreaterThanOrEqual(50);

		await smtp.start();
		// Nothing is retried before its pause is over.
		expect((await drainOutbox(deps(clock))).claimed).toBe(0);
		clock = new Date(clock.getTime() + 2 * 60_000);
		const received = smtp.received.length;
		const [a, b] = await Promise.all([
			drainOutbox({ ...deps(clock), batchSize: 7 }),
			drainOutbox({ ...deps(clock), batchSize: 7 })
		]);
		expect(a.sent + b.sent).toBe(down.retried);
		const addresses = smtp.received
			.slice(received)
			.flatMap((m) => m.envelopeTo)
			.filter((address) => address.endsWith('@families.example') || address === firstAddress);
		expect(addresses).toHaveLength(50);
		expect(new Set(addresses).size).toBe(50);
		const attempts = await t.db
			.select({ ok: outboxAttempt.ok, n: sql<number>`count(*)::int` })
			.from(outboxAttempt)
			.groupBy(outboxAttempt.ok);
		expect(attempts.find((r) => !r.ok)?.n).toBeGreaterThanOrEqual(50);
	});

	it('fails a refused address at once, and the admin can send it again', async () => {
		const clock = NOW;
		const [row] = await t.db
			.insert(outbox)
			.values({
				schoolId,
				kind: 'answer_declined',
				toAddress: 'bad address',
				toName: 'X',
				payload: { schoolName: 'S', schoolPhone: '1', roundName: 'R' },
				createdAt: clock,
				nextAttemptAt: clock
			})
			.returning({ id: outbox.id });
		await drainOutbox(deps(clock));
		const [failed] = await t.db.select().from(outbox).where(eq(outbox.id, row!.id));
		expect(failed).toMatchObject({ status: 'failed', lastError: 'invalid recipient address' });
		await t.db
			.update(outbox)
			.set({ toAddress: 'goed@families.example' })
			.where(eq(outbox.id, row!.id));
		expect(await resendMessage(t.db, schoolId, row!.id, clock)).toBe(true);
		expect(await resendMessage(t.db, schoolId, row!.id, clock)).toBe(false);
		await drainOutbox(deps(clock));
		expect(
			(await t.db.select({ status: outbox.status }).from(outbox).where(eq(outbox.id, row!.id)))[0]!
				.status
		).toBe('sent');
	});
});
