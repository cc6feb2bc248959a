import { describe, expect, it } from 'vitest';
import { oneLine } from './query-log';

describe('oneLine', () => {
	it('keeps what follows a comment: on one line the comment would swallow it', () => {
		const query = `select id
			-- Once booking has closed, no time added helps.
			from slot
			where round_id = $1`;
		expect(oneLine(query)).toBe('select id from slot where round_id = $1');
	});
});
