/**
 * A stand-in for an SMS provider's API on loopback: a real HTTP server that records every request
 * (method, path, headers, body) and answers with the statuses a test queues (201 with an id when
 * none is queued). `GET /received` lists what it got, for a browser test in another process.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
	method: string;
	path: string;
	headers: http.IncomingHttpHeaders;
	body: string;
	json: Record<string, unknown> | null;
}

export interface SmsRecorder {
	url: string;
	received: RecordedRequest[];
	/** The next answers, in order: a status and an optional body. */
	answer(...answers: { status: number; body?: unknown }[]): void;
	stop(): Promise<void>;
}

export async function startSmsRecorder(): Promise<SmsRecorder> {
	const received: RecordedRequest[] = [];
	const queued: { status: number; body?: unknown }[] = [];
	let ids = 0;
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			if (req.method === 'GET' && req.url === '/received') {
				res.writeHead(200, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify(received));
				return;
			}
			const body = Buffer.concat(chunks).toString('utf8');
			let json: Record<string, unknown> | null;
			try {
				json = JSON.parse(body) as Record<string, unknown>;
			} catch {
				json = null;
			}
			received.push({
				method: req.method ?? '',
				path: req.url ?? '',
				headers: req.headers,
				body,
				json
			});
			const next = queued.shift() ?? { status: 201, body: { id: `msg${++ids}` } };
			res.writeHead(next.status, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify(next.body ?? {}));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		received,
		answer: (...answers) => queued.push(...answers),
		stop: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}
