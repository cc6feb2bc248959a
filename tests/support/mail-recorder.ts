/**
 * A real SMTP server on loopback (smtp.ts) with an HTTP side: `GET /received` lists every mail it
 * accepted, raw and parsed, for a browser test in another process, as sms-recorder.ts does for
 * texts. `?to=<address>` keeps only the mails to that address (the raw mails carry pictograms:
 * the whole list grows large).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSmtp, type Received } from './smtp';

/** One mail as `GET /received` gives it. */
export interface RecordedMail {
	envelopeTo: string[];
	from: string;
	to: string;
	subject: string;
	text: string;
	html: string;
	raw: string;
}

export interface MailRecorder {
	/** Where the portal sends: `SMTP_URL`. */
	smtpUrl: string;
	/** Where a test reads: `GET /received`. */
	url: string;
	stop(): Promise<void>;
}

const recorded = (mail: Received): RecordedMail => ({
	envelopeTo: mail.envelopeTo,
	from: mail.parsed.from?.text ?? '',
	to: [mail.parsed.to ?? []]
		.flat()
		.map((a) => a.text)
		.join(', '),
	subject: mail.parsed.subject ?? '',
	text: mail.parsed.text ?? '',
	html: typeof mail.parsed.html === 'string' ? mail.parsed.html : '',
	raw: mail.raw
});

export async function startMailRecorder(): Promise<MailRecorder> {
	const smtp = await startSmtp();
	const server = http.createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://recorder');
		if (req.method !== 'GET' || url.pathname !== '/received') {
			res.writeHead(404).end();
			return;
		}
		const to = url.searchParams.get('to')?.toLowerCase();
		const mails = smtp.received
			.filter((m) => !to || m.envelopeTo.some((a) => a.toLowerCase() === to))
			.map(recorded);
		res.writeHead(200, { 'Content-Type': 'application/json' });
		res.end(JSON.stringify(mails));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		smtpUrl: smtp.url,
		url: `http://127.0.0.1:${port}`,
		stop: async () => {
			await new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			});
			await smtp.stop();
		}
	};
}
