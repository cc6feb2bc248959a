import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: { port: 5173, strictPort: false },
	test: {
		include: ['src/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/server/**/*.test.ts'],
		environment: 'node',
		// A test that asserts nothing cannot fail: vitest refuses it.
		expect: { requireAssertions: true },
		// Integration tests open real databases; PGlite's first open takes seconds.
		testTimeout: 60_000,
		hookTimeout: 120_000,
		// Each file gets its own databases; files in parallel would fight over 2 cores.
		fileParallelism: false
	}
});
