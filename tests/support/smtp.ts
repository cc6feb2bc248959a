/** A real SMTP server on loopback that keeps every message it accepts, parsed with mailparser. */
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';

export interface Received {
	envelopeTo: string[];
	raw: string;
	parsed: ParsedMail;
}

export interface TestSmtp {
	url: string;
	port: number;
	received: Received[];
	/** Stops listening (connections are refused) until `start` is called again on the same port. */
	stop(): Promise<void>;
	start(): Promise<void>;
	/** Resolves once `count` messages have arrived. */
	waitFor(count: number, timeoutMs?: number): Promise<void>;
}

export async function startSmtp(): Promise<TestSmtp> {
	const received: Received[] = [];
	let server: SMTPServer;
	let port = 0;
	const make = () =>
		new SMTPServer({
			authOptional: true,
			disabledCommands: ['STARTTLS'],
			logger: false,
			size: 5 * 1024 * 1024,
			onData(stream, session, callback) {
				const chunks: Buffer[] = [];
				stream.on('data', (c: Buffer) => chunks.push(c));
				stream.on('end', () => {
					const raw = Buffer.concat(chunks).toString('utf8');
					simpleParser(raw).then(
						(parsed) => {
							received.push({
								envelopeTo: session.envelope.rcptTo.map((r) => r.address),
								raw,
								parsed
							});
							callback();
						},
						(error: Error) => callback(error)
					);
				});
			}
		});
	const listen = () =>
		new Promise<void>((resolve, reject) => {
			server = make();
			server.on('error', () => {});
			const http = server.server;
			http.once('error', reject);
			server.listen(port, '127.0.0.1', () => {
				port = (http.address() as AddressInfo).port;
				resolve();
			});
		});
	await listen();
	return {
		get url() {
			return `smtp://127.0.0.1:${port}`;
		},
		get port() {
			return port;
		},
		received,
		stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
		start: listen,
		async waitFor(count, timeoutMs = 20_000) {
			const until = Date.now() + timeoutMs;
			while (received.length < count) {
				if (Date.now() > until)
					throw new Error(`expected ${count} messages, got ${received.length}`);
				await new Promise((r) => setTimeout(r, 25));
			}
		}
	};
}
