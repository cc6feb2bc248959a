import { describe, expect, it } from 'vitest';
import { interpreterOnRecord } from './visit';

describe("a new report's interpreter", () => {
	it('starts from what the office arranged, or from the family bringing someone', () => {
		expect(
			interpreterOnRecord({ kind: 'service', name: 'Tolkcentrum', contact: 'Omar' }, false)
		).toEqual({
			kind: 'professional',
			name: 'Omar (Tolkcentrum)'
		});
		expect(
			interpreterOnRecord({ kind: 'staff', name: 'Fatma Demir', contact: null }, false)
		).toEqual({
			kind: 'staff',
			name: 'Fatma Demir'
		});
		expect(interpreterOnRecord({ kind: 'volunteer', name: 'Ayşe', contact: null }, true)).toEqual({
			kind: 'other',
			name: 'Ayşe'
		});
		expect(interpreterOnRecord(null, true)).toEqual({ kind: 'family', name: '' });
		expect(interpreterOnRecord(null, false)).toBeNull();
	});
});
