import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases';
import { makeFamilyInRound, makeSchool, makeStaff } from '../support/fixtures';
import { startSmsRecorder, type SmsRecorder } from '../support/sms-recorder';
import {
	auditEvent,
	family,
	guardian,
	outbox,
	outboxAttempt,
	school
} from '../../src/lib/server/db/schema';
import { drainOutbox, type WorkerDeps } from '../../src/lib/server/mail/worker';
import { mailboxTransport } from '../../src/lib/server/mail/transport';
import { messagebirdProvider, type SmsProvider } from '../../src/lib/server/sms/provider';
import { textFamilyLink, type TextChannel } from '../../src/lib/server/sms/family-text';
import { resolveFamilyLink } from '../../src/lib/server/families/links';
import { mailbox } from '../../src/lib/server/mail/mailbox';
import { readMailboxFilter } from '../../src/lib/server/mail/mailbox-filter';
import { familyMails } from '../../src/lib/server/families/mail';
import { translatorFor } from '../../src/lib/server/i18n';

const NOW = new Date('2026-10-15T08:00:00Z');
const ORIGIN = new URL('https://huisbezoek.school.example');
const LINK = /https:\/\/huisbezoek\.school\.example\/f\/([a-z2-7]{32})/;

describe.each(databaseKinds)('text messages to families on %s', (kind) => {
	let t: TestDatabase;
	let recorder: SmsRecorder;
	let provider: SmsProvider;
	let schoolId: string;
	let staffId: string;
	/** The worker with the MessageBird recorder; `null`: no provider set. */
	const deps = (now: Date, sms: SmsProvider | null = provider): WorkerDeps => ({
		db: t.db,
		transport: mailboxTransport(),
		...(sms && { sms }),
		origin: ORIGIN,
		fromAddress: 'huisbezoek@school.example',
		now: () => now
	});

	/** A family of its own per test, reading `language`, whose one parent has `phone` and no e-mail. */
	const newFamily = async (language: string, phone: string | null) => {
		const made = await makeFamilyInRound(t.db, schoolId, staffId);
		await t.db.update(family).set({ language }).where(eq(family.id, made.family.id));
		const [parent] = await t.db
			.update(guardian)
			.set({ phone, email: null, name: 'Olena' })
			.where(eq(guardian.familyId, made.family.id))
			.returning({ id: guardian.id });
		return { familyId: made.family.id, roundId: made.round.id, guardianId: parent!.id };
	};
	const send = (
		f: Awaited<ReturnType<typeof newFamily>>,
		channel: TextChannel,
		now = NOW,
		school = schoolId
	) =>
		textFamilyLink(t.db, {
			schoolId: school,
			roundId: f.roundId,
			familyId: f.familyId,
			guardianId: f.guardianId,
			staffId,
			channel,
			origin: ORIGIN,
			now
		});
	const rowsTo = (e164: string) => t.db.select().from(outbox).where(eq(outbox.toAddress, e164));

	beforeAll(async () => {
		t = await freshDatabase(kind);
		recorder = await startSmsRecorder();
		provider = messagebirdProvider({
			provider: 'messagebird',
			apiKey: 'test_key_123',
			from: 'DeSter',
			apiUrl: recorder.url
		});
		schoolId = (await makeSchool(t.db, 'OBS De Ster')).id;
		await t.db.update(school).set({ phone: '020 123 4567' }).where(eq(school.id, schoolId));
		staffId = (await makeStaff(t.db, schoolId, { role: 'admin' })).id;
	});
	afterAll(async () => {
		await recorder?.stop();
		await t?.dispose();
	});

	it("sends the link as MessageBird documents it, in the family's language, and the link opens the family", async () => {
		const f = await newFamily('uk', '06-12345670');
		const sent = await send(f, 'sms');
		expect(sent).toEqual({ ok: true, channel: 'sms', e164: '+31612345670' });
		const [queued] = await rowsTo('+31612345670');
		expect(queued).toMatchObject({ channel: 'sms', kind: 'text_link', language: 'uk' });

		const before = recorder.received.length;
		expect(await drainOutbox(deps(NOW))).toMatchObject({ sent: 1, failed: 0 });
		const request = recorder.received[before]!;
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/messages');
		expect(request.headers.authorization).toBe('AccessKey test_key_123');
		expect(request.headers['content-type']).toBe('application/json');
		expect(request.json).toMatchObject({
			originator: 'DeSter',
			recipients: ['31612345670'],
			reference: queued!.id,
			datacoding: 'auto'
		});
		const text = String(request.json!.body);
		expect(text).toContain('оберіть час домашнього візиту');
		expect(text).toContain('020 123 4567');
		expect(text).not.toContain('Kind');
		const token = LINK.exec(text)?.[1];
		expect(await resolveFamilyLink(t.db, token!)).toMatchObject({
			familyId: f.familyId,
			roundId: f.roundId,
			language: 'uk'
		});

		const [after] = await t.db.select().from(outbox).where(eq(outbox.id, queued!.id));
		expect(after!.status).toBe('sent');
		// Out of the database once sent; the family's page still finds the text by its family.
		expect(after!.payload).not.toHaveProperty('path');
		const [attempt] = await t.db
			.select()
			.from(outboxAttempt)
			.where(eq(outboxAttempt.outboxId, queued!.id));
		expect(attempt).toMatchObject({ ok: true, transport: 'sms:messagebird' });
		expect(attempt!.response).toContain('msg');
		const mails = await familyMails(t.db, schoolId, f.familyId);
		expect(mails.mails.map((m) => [m.kind, m.status])).toEqual([['text_link', 'sent']]);
	});

	it('reads numbers on the Belgian plan for a school in Brussels', async () => {
		const belgian = (await makeSchool(t.db, 'Klavertje Vier')).id;
		await t.db.update(school).set({ timeZone: 'Europe/Brussels' }).where(eq(school.id, belgian));
		const teacher = await makeStaff(t.db, belgian);
		const made = await makeFamilyInRound(t.db, belgian, teacher.id);
		const [parent] = await t.db
			.update(guardian)
			.set({ phone: '0470 12 34 56' })
			.where(eq(guardian.familyId, made.family.id))
			.returning({ id: guardian.id });
		const f = { familyId: made.family.id, roundId: made.round.id, guardianId: parent!.id };
		expect(await send(f, 'sms', NOW, belgian)).toMatchObject({ ok: true, e164: '+32470123456' });
		expect(await drainOutbox(deps(NOW))).toMatchObject({ sent: 1 });
		expect(recorder.received.at(-1)!.json).toMatchObject({ recipients: ['32470123456'] });
		// Another school's family is not this school's to text.
		expect(await send(f, 'sms', NOW, schoolId)).toEqual({ ok: false, problem: 'no_phone' });
	});

	it('tries again after a 5xx or no answer, and fails at once on a refused number', async () => {
		const f = await newFamily('nl', '0612345671');
		await send(f, 'sms');
		recorder.answer({ status: 503, body: { errors: [{ code: 1, description: 'busy' }] } });
		expect(await drainOutbox(deps(NOW))).toMatchObject({ retried: 1, sent: 0 });
		const [waiting] = await rowsTo('+31612345671');
		expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
		expect(waiting!.lastError).toContain('503');
		expect(waiting!.nextAttemptAt.getTime()).toBe(NOW.getTime() + 60_000);
		const later = new Date(NOW.getTime() + 60_000);
		expect(await drainOutbox(deps(later))).toMatchObject({ sent: 1 });
		const dutch = recorder.received.at(-1)!.json!.body as string;
		expect(dutch).toMatch(/^OBS De Ster: kies een tijd voor het huisbezoek: https:\/\//);

		const g = await newFamily('nl', '0612345672');
		await send(g, 'sms');
		recorder.answer({
			status: 422,
			body: { errors: [{ code: 9, description: 'no (correct) recipients found' }] }
		});
		expect(await drainOutbox(deps(NOW))).toMatchObject({ failed: 1, retried: 0 });
		const [refused] = await rowsTo('+31612345672');
		expect(refused!.status).toBe('failed');
		expect(refused!.lastError).toBe('SMS provider answered 422: 9 no (correct) recipients found');

		// A provider that is not there at all: tried again later.
		const h = await newFamily('nl', '0612345673');
		await send(h, 'sms');
		const gone = messagebirdProvider({
			provider: 'messagebird',
			apiKey: 'k',
			from: 'DeSter',
			apiUrl: 'http://127.0.0.1:9'
		});
		expect(await drainOutbox(deps(NOW, gone))).toMatchObject({ retried: 1 });
		const [unreached] = await rowsTo('+31612345673');
		expect(unreached!.lastError).toContain('SMS provider not reached');
	});

	it('keeps a text in the Mailbox without its link when no provider is set', async () => {
		const f = await newFamily('ar', '+31 6 12345674');
		await send(f, 'sms');
		const [queued] = await rowsTo('+31612345674');
		expect(queued!.payload).toHaveProperty('path');
		expect(await drainOutbox(deps(NOW, null))).toMatchObject({ sent: 1 });
		const [kept] = await rowsTo('+31612345674');
		// Kept is out: anyone reading the Mailbox could otherwise open the family's page.
		expect(kept!.payload).not.toHaveProperty('path');
		expect(kept!.payload).toHaveProperty('linkErased', true);
		expect(JSON.stringify(kept!.payload)).not.toContain('/f/');
		const [attempt] = await t.db
			.select()
			.from(outboxAttempt)
			.where(eq(outboxAttempt.outboxId, kept!.id));
		expect(attempt).toMatchObject({ transport: 'sms:mailbox' });
		const box = await mailbox(
			t.db,
			schoolId,
			{ origin: ORIGIN, fromAddress: 'huisbezoek@school.example' },
			readMailboxFilter(new URLSearchParams({ family: f.familyId }))
		);
		expect(box.messages).toHaveLength(1);
		const shown = box.messages[0]!;
		expect(shown).toMatchObject({ sms: true, toAddress: '+31612345674', reason: null });
		expect(shown.family?.id).toBe(f.familyId);
		expect(shown.message).toMatchObject({ lang: 'ar', dir: 'rtl', subject: '' });
		expect(shown.message!.text).toContain('اختاروا موعد الزيارة المنزلية');
		expect(shown.message!.text).not.toContain('/f/');
		// In the text, in the reader's words: the link is gone; beside it, in the office's: make a new one.
		expect(shown.message!.text).toContain(translatorFor('ar').t('sms.link_removed'));
		expect(shown.linkErased).toBe('family');
	});

	it('makes a WhatsApp link whose text opens the family, and leaves the SMS link working', async () => {
		const f = await newFamily('pl', '06 1234 5675');
		await send(f, 'sms');
		const [queued] = await rowsTo('+31612345675');
		const smsToken = LINK.exec(
			JSON.stringify(queued!.payload).replace('"/f/', `"${ORIGIN.origin}/f/`)
		)?.[1];
		const made = await send(f, 'whatsapp');
		if (!made.ok || made.channel !== 'whatsapp') throw new Error('no WhatsApp link');
		expect(made.href.startsWith('https://wa.me/31612345675?text=')).toBe(true);
		const text = decodeURIComponent(new URL(made.href).searchParams.get('text')!);
		expect(text).toContain('prosimy wybrać termin wizyty domowej');
		const token = LINK.exec(text)![1]!;
		expect(token).not.toBe(smsToken);
		expect((await resolveFamilyLink(t.db, token))?.familyId).toBe(f.familyId);
		expect((await resolveFamilyLink(t.db, smsToken!))?.familyId).toBe(f.familyId);
		// Nothing queued for WhatsApp: the staff member's phone sends it. Audited without the number.
		expect(await rowsTo('+31612345675')).toHaveLength(1);
		const audit = await t.db
			.select()
			.from(auditEvent)
			.where(
				and(eq(auditEvent.subjectId, f.familyId), eq(auditEvent.action, 'family.whatsapp_link'))
			);
		expect(audit).toHaveLength(1);
		expect(JSON.stringify(audit[0])).not.toContain('612345675');
	});

	it('refuses a landline, a number that is none, a parent without one, and a sixth text in a day', async () => {
		expect(await send(await newFamily('nl', '(010) 123 45 67'), 'sms')).toEqual({
			ok: false,
			problem: 'not_mobile'
		});
		expect(await send(await newFamily('nl', 'bel de buurvrouw'), 'whatsapp')).toEqual({
			ok: false,
			problem: 'not_a_number'
		});
		expect(await send(await newFamily('nl', '06 123'), 'sms')).toEqual({
			ok: false,
			problem: 'too_short'
		});
		expect(await send(await newFamily('nl', null), 'sms')).toEqual({
			ok: false,
			problem: 'no_phone'
		});
		const f = await newFamily('nl', '0612345676');
		for (let i = 0; i < 5; i++)
			expect(await send(f, i % 2 ? 'sms' : 'whatsapp'), `text ${i + 1}`).toMatchObject({
				ok: true
			});
		expect(await send(f, 'sms')).toEqual({ ok: false, problem: 'too_many' });
		expect(await rowsTo('+31612345676')).toHaveLength(2);
		// A day later the count starts again.
		expect(await send(f, 'sms', new Date(NOW.getTime() + 86_400_000))).toMatchObject({ ok: true });
	});
});
