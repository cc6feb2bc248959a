/** Requests against a running server and the server process's CPU for them (Linux /proc). */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { RunningServer } from '../../tests/support/server';

/** The server process's CPU time (user + system) so far, in ms, from /proc (Linux). */
const ticksPerSecond = (() => {
	try {
		return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })) || 100;
	} catch {
		return 100;
	}
})();
/** The server process's CPU time so far (user and system, ms) and its read/write system calls. */
export function usage(
	server: RunningServer
): { user: number; system: number; syscalls: number } | null {
	try {
		const fields = fs
			.readFileSync(`/proc/${server.process.pid}/stat`, 'utf8')
			.split(') ')[1]!
			.split(' ');
		const io = fs.readFileSync(`/proc/${server.process.pid}/io`, 'utf8');
		const count = (name: string) => Number(new RegExp(`^${name}: (\\d+)`, 'm').exec(io)?.[1] ?? 0);
		return {
			user: (Number(fields[11]) * 1000) / ticksPerSecond,
			system: (Number(fields[12]) * 1000) / ticksPerSecond,
			syscalls: count('syscr') + count('syscw')
		};
	} catch {
		return null;
	}
}

export async function pool(count: number, concurrency: number, work: (i: number) => Promise<void>) {
	let next = 0;
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < count) await work(next++);
		})
	);
}

export interface Figure {
	label: string;
	perSecond: number;
	/** Per request: server CPU ms (user + system), its system part, and read/write system calls. */
	cpu: number | null;
	system: number | null;
	syscalls: number | null;
	html: string;
}

/** `count` requests, `concurrency` at a time; `request(i)` makes the i-th and checks its answer. */
export async function measure(
	server: RunningServer,
	label: string,
	count: number,
	request: (i: number) => Promise<string>,
	{ untilIdle = false, concurrency = 4 } = {}
): Promise<Figure> {
	let html = '';
	const before = usage(server);
	const began = performance.now();
	await pool(count, concurrency, async (i) => {
		html = await request(i);
	});
	const seconds = (performance.now() - began) / 1000;
	if (untilIdle) await idle(server);
	const after = usage(server);
	const per = (pick: (u: NonNullable<ReturnType<typeof usage>>) => number) =>
		before && after ? (pick(after) - pick(before)) / count : null;
	return {
		label,
		perSecond: count / seconds,
		cpu: per((u) => u.user + u.system),
		system: per((u) => u.system),
		syscalls: per((u) => u.syscalls),
		html
	};
}

/**
 * Until the server has stopped working (under 1 ms of CPU in 200 ms, at most 30 s): a booking's
 * confirmation is composed and sent by the mail worker after the answer, and belongs to its cost.
 */
export async function idle(server: RunningServer) {
	const cpu = () => {
		const u = usage(server);
		return u ? u.user + u.system : 0;
	};
	const until = performance.now() + 30_000;
	let last = cpu();
	while (performance.now() < until) {
		await new Promise((resolve) => setTimeout(resolve, 200));
		const now = cpu();
		if (now - last < 1) return;
		last = now;
	}
}

export async function page(url: string): Promise<string> {
	const response = await fetch(url, { headers: { Accept: 'text/html' } });
	const body = await response.text();
	if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
	return body;
}
