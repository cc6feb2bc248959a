/**
 * Where mail goes. With SMTP_URL: nodemailer over SMTP, pooled. Without it (the demo, a laptop):
 * the mailbox transport, which delivers nothing and keeps each message for the admin's Mailbox
 * page, so every flow still runs end to end.
 */
import nodemailer from 'nodemailer';
import type { MailAddress } from './address';
import type { CalendarMethod } from '../calendar/ics';

export interface OutgoingMail {
	from: MailAddress;
	replyTo: MailAddress | null;
	to: MailAddress;
	subject: string;
	text: string;
	html: string;
	calendar: { method: CalendarMethod; content: string } | null;
	/** Images the HTML part shows by Content-ID (`cid:`): its pictograms. */
	images: { cid: string; filename: string; content: Buffer }[];
	/** The outbox id: lets a recipient's server and our log tie a bounce to the message. */
	messageId: string;
}

export interface Transport {
	name: 'smtp' | 'mailbox';
	/** Resolves with the server's answer; rejects with the error (`responseCode` for SMTP replies). */
	send(mail: OutgoingMail): Promise<string>;
	close(): void;
}

export function smtpTransport(url: string, maxConnections = 5): Transport {
	const pooled = new URL(url);
	if (!pooled.searchParams.has('pool')) pooled.searchParams.set('pool', 'true');
	if (!pooled.searchParams.has('maxConnections'))
		pooled.searchParams.set('maxConnections', String(maxConnections));
	const transporter = nodemailer.createTransport(pooled.toString());
	return {
		name: 'smtp',
		async send(mail) {
			const info = await transporter.sendMail({
				from: mail.from,
				to: mail.to,
				...(mail.replyTo && { replyTo: mail.replyTo }),
				subject: mail.subject,
				text: mail.text,
				html: mail.html,
				messageId: `<${mail.messageId}@huisbezoek>`,
				// Inline parts of a multipart/related HTML body, never listed as files to open.
				attachments: mail.images.map((image) => ({
					cid: image.cid,
					filename: image.filename,
					content: image.content,
					contentType: 'image/png',
					contentDisposition: 'inline' as const
				})),
				// Added as a text/calendar alternative (with its METHOD) and as invite.ics, as
				// Outlook, Gmail and Apple Mail each expect one of them.
				...(mail.calendar && {
					icalEvent: {
						method: mail.calendar.method,
						filename: 'invite.ics',
						content: mail.calendar.content
					}
				})
			});
			return String(info.response ?? 'accepted');
		},
		close: () => transporter.close()
	};
}

export function mailboxTransport(): Transport {
	return {
		name: 'mailbox',
		send: async () => 'kept in the mailbox (no SMTP_URL set)',
		close: () => {}
	};
}

/** SMTP when a server is configured; otherwise mail stays in the Mailbox page. */
export function transportFor(smtpUrl: string | null): Transport {
	return smtpUrl ? smtpTransport(smtpUrl) : mailboxTransport();
}
