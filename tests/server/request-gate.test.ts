/**
 * The request gate (admission/gate.ts) in the built server: with REQUESTS_AT_ONCE=1, a form post
 * whose body is still coming holds the only place, so a page waits for it, while /healthz does
 * not wait. When the body ends, both are answered. A page whose client left while it waited is
 * not rendered.
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

	/** A sign-in post whose body stops halfway: it holds the only place until `finish()`. */
	function stalledPost() {
		let finish!: () => void;
		const bodyEnds = new Promise<void>((resolve) => (finish = resolve));
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
		return { response: post, finish: () => finish() };
	}
	const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
	/** The server's log lines of requests for a route. */
	const logged = (route: string) =>
		server
			.output()
			.split('\n')
			.filter((line) => line.includes('"event":"request"') && line.includes(`"route":"${route}"`))
			.map((line) => JSON.parse(line) as { method: string; status: number });

	it('lets a page wait for the request before it, and never /healthz', async () => {
		const post = stalledPost();
		// The post reaches the gate first, and its action waits for the rest of its body there.
		await pause(2000);

		let pageAnswered = false;
		const page = fetch(`${server.url}/sign-in`).then((response) => {
			pageAnswered = true;
			return response;
		});
		const health = await fetch(`${server.url}/healthz`);
		expect(health.status).toBe(200);
		await pause(1500);
		expect(pageAnswered).toBe(false);

		post.finish();
		const posted = await post.response;
		await posted.arrayBuffer();
		expect(posted.status).toBeLessThan(500);
		expect((await page).status).toBe(200);
	});

	it('does not render a page whose client left while it waited', async () => {
		const before = logged('/sign-in').length;
		const post = stalledPost();
		await pause(1000);
		// One parent gives up while waiting; another waits on.
		const leaving = new AbortController();
		const left = fetch(`${server.url}/sign-in?left`, { signal: leaving.signal }).catch(
			(error: Error) => error.name
		);
		await pause(300);
		const stays = fetch(`${server.url}/sign-in?stays`);
		await pause(300);
		leaving.abort();
		expect(await left).toBe('AbortError');
		await pause(500);

		post.finish();
		await (await post.response).arrayBuffer();
		const stayed = await stays;
		expect(stayed.status).toBe(200);
		expect(await stayed.text()).toContain('<form');
		await pause(300);
		const gets = logged('/sign-in')
			.slice(before)
			.filter((line) => line.method === 'GET');
		expect(gets.map((line) => line.status).sort()).toEqual([200, 499]);
	});
});
