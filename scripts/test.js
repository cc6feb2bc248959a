// `npm test`: every check a change must pass, in the order that fails fastest:
// types, lint, formatting, build, vitest (unit, integration on PGlite and on PostgreSQL when
// TEST_DATABASE_URL is set, built-server tests), then Playwright in a real Chromium.
// Ends with one summary line: "tests: N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureBrowser } from './browser.js';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
fs.mkdirSync(path.join(root, '.tmp'), { recursive: true });
const vitestReport = path.join(root, '.tmp', 'vitest.json');
const playwrightReport = path.join(root, '.tmp', 'playwright.json');
fs.rmSync(vitestReport, { force: true });
fs.rmSync(playwrightReport, { force: true });

const onlyServer = process.argv.includes('--server-only');

function step(title, command, args, env = {}) {
	console.log(`\n▶ ${title}`);
	const started = Date.now();
	const result = spawnSync(command, args, {
		cwd: root,
		stdio: 'inherit',
		env: { ...process.env, ...env }
	});
	console.log(
		`  ${title}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`
	);
	return result.status === 0;
}

function counts() {
	let passed = 0;
	let failed = 0;
	let skipped = 0;
	if (fs.existsSync(vitestReport)) {
		const v = JSON.parse(fs.readFileSync(vitestReport, 'utf8'));
		passed += v.numPassedTests;
		failed += v.numFailedTests;
		skipped += v.numPendingTests + v.numTodoTests;
	}
	if (fs.existsSync(playwrightReport)) {
		const p = JSON.parse(fs.readFileSync(playwrightReport, 'utf8')).stats;
		passed += p.expected + p.flaky;
		failed += p.unexpected;
		skipped += p.skipped;
	}
	return { passed, failed, skipped };
}

const steps = [
	() =>
		onlyServer ||
		(step('type check', bin('svelte-kit'), ['sync']) &&
			step('svelte-check', bin('svelte-check'), [
				'--tsconfig',
				'./tsconfig.json',
				'--fail-on-warnings'
			])),
	() => onlyServer || step('eslint', bin('eslint'), ['.']),
	() => onlyServer || step('prettier', bin('prettier'), ['--check', '.', '--log-level', 'warn']),
	() =>
		step('build', process.execPath, [
			path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
			'build',
			'--logLevel',
			'warn'
		]),
	() =>
		step('vitest', process.execPath, [
			path.join(root, 'node_modules', 'vitest', 'vitest.mjs'),
			'run',
			'--reporter=default',
			'--reporter=json',
			`--outputFile.json=${vitestReport}`
		]),
	() =>
		onlyServer ||
		step(
			'playwright',
			process.execPath,
			[
				path.join(root, 'node_modules', '@playwright', 'test', 'cli.js'),
				'test',
				'--reporter=list,json'
			],
			{ PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport }
		)
];

// The browser first: a laptop without one learns it in seconds, not after the other tests.
if (!onlyServer) {
	console.log('\n▶ browser');
	const browser = await ensureBrowser();
	if (!browser.ok) {
		console.log(
			'\nThe browser tests need Chromium: there is none on this machine, and Playwright’s own' +
				' could not be downloaded. Run this once, then npm test again:\n\n' +
				`  ${browser.command}\n`
		);
		process.exit(1);
	}
	console.log(`  browser: ${browser.browser} (${browser.source})`);
}

let ok = true;
for (const run of steps) {
	if (!run()) {
		ok = false;
		break;
	}
}
const { passed, failed, skipped } = counts();
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(ok && failed === 0 ? 0 : 1);
