import fs from 'node:fs';
import path from 'node:path';
import type { DemoCredentials } from '../../src/lib/server/demo/load';

export type Target = 'pglite' | 'postgres';

export const FAKE_NOW = '2026-10-15T08:00:00Z';

export const e2eTargets = (): Target[] =>
	process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export const stateFile = (target: string) => path.resolve('.tmp', `e2e-${target}.json`);

export interface TargetState {
	url: string;
	demo: DemoCredentials;
	/** An empty school made with `create-admin`: its admin has only the setup link. */
	newSchool: { email: string; setupPath: string };
	/** The stand-in SMS provider's address: `GET /received` lists every text the servers sent. */
	sms: string;
	/** This server's own mail server on loopback: `GET /received?to=<address>` lists what it sent. */
	mail: string;
	/** Per round name: the figures counted in SQL right after the demo was loaded. */
	counts: Record<
		string,
		Record<
			| 'invited'
			| 'booked'
			| 'home'
			| 'school'
			| 'neutral'
			| 'declined_home'
			| 'declined'
			| 'not_reached'
			| 'arabic',
			number
		>
	>;
}

/** What global setup wrote for this project: the server's address and the demo credentials. */
export function targetState(target: string): TargetState {
	return JSON.parse(fs.readFileSync(stateFile(target), 'utf8')) as TargetState;
}
