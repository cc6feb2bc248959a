import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DataDirInUseError, lockDataDir } from './lock';

const dir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'hb-lock-'));

describe('the embedded database lock', () => {
	it('refuses a second holder and names the first', () => {
		const d = dir();
		const release = lockDataDir(d, 'server');
		expect(() => lockDataDir(d, 'command line')).toThrow(DataDirInUseError);
		try {
			lockDataDir(d, 'command line');
		} catch (error) {
			expect((error as Error).message).toContain('server');
			expect((error as Error).message).toContain(String(process.pid));
		}
		release();
		const again = lockDataDir(d, 'command line');
		again();
		expect(fs.existsSync(path.join(d, 'huisbezoek.lock'))).toBe(false);
	});

	it('takes over a lock left by a process that died', () => {
		const d = dir();
		const dead = spawnSync(process.execPath, [
			'-e',
			'process.stdout.write(String(process.pid))'
		]).stdout.toString();
		fs.writeFileSync(
			path.join(d, 'huisbezoek.lock'),
			JSON.stringify({ pid: Number(dead), role: 'server', host: os.hostname() })
		);
		const release = lockDataDir(d, 'server');
		expect(JSON.parse(fs.readFileSync(path.join(d, 'huisbezoek.lock'), 'utf8')).pid).toBe(
			process.pid
		);
		release();
	});

	it('respects a lock from another machine, which it cannot check', () => {
		const d = dir();
		fs.writeFileSync(
			path.join(d, 'huisbezoek.lock'),
			JSON.stringify({ pid: 1, role: 'server', host: 'elsewhere' })
		);
		expect(() => lockDataDir(d, 'server')).toThrow(DataDirInUseError);
	});
});
