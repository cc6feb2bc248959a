/**
 * The request gate (admission/gate.ts) in the built server: with REQUESTS_AT_ONCE=1, a form post
 * whose body is still coming holds the only place, so a page waits for it, while /healthz does
 * not wait. When the body ends, both are answered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/databases';
import { startServer, type RunningServer } from '../support/server';

describe('one request at a time', () => {
	let server: RunningServer;

	beforeAll(async () => {
		server = await startServer({ DATA_DIR: tempDir('hb-gate'), REQUESTS_AT_ONCE: '1' });
	});
	afterAll(async () => {
		await server?.stop();
	});

	it('lets a page wait for the request before it, and never /healthz', async () => {
		let finishBody!: () => void;
		const bodyEnds = new Promise<void>((resolve) => (finishBody = resolve));
		const body = new ReadableStream<Uint8Array>({
			async start(controller) {
				controller.enqueue(new TextEncoder().encode('email=someone%40school.example&'));
				await bodyEnds;
				controller.enqueue(new TextEncoder().encode('password=wrong'));
				controller.close();
			}
		});
		const post = fetch(`${server.url}/sign-in`, {
			method: 'POST',
			body,
			duplex: 'half',
			redirect: 'manual',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				origin: server.url,
				accept: 'text/html'
			}
		} as RequestInit);
		// The post reaches the gate first, and its action waits for the rest of its body there.
		await new Promise((resolve) => setTimeout(resolve, 2000));

		let pageAnswered = false;
		const page = fetch(`${server.url}/sign-in`).then((response) => {
			pageAnswered = true;
			return response;
		});
		const health = await fetch(`${server.url}/healthz`);
		expect(health.status).toBe(200);
		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect(pageAnswered).toBe(false);

		finishBody();
		const posted = await post;
		await posted.arrayBuffer();
		expect(posted.status).toBeLessThan(500);
		expect((await page).status).toBe(200);
	});
});
