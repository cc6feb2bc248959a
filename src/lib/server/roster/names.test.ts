import { describe, expect, it } from 'vitest';
import { fullName } from './names';

describe('a pupil full name', () => {
	it('keeps the name prefix, and adds no space without one', () => {
		expect(fullName({ firstName: 'Noor', infix: 'de', lastName: 'Vries' })).toBe('Noor de Vries');
		expect(fullName({ firstName: 'Luca', infix: 'van der', lastName: 'Berg' })).toBe(
			'Luca van der Berg'
		);
		expect(fullName({ firstName: 'Sem', infix: '', lastName: 'Bakker' })).toBe('Sem Bakker');
		expect(fullName({ firstName: 'Emre', infix: null, lastName: 'Yılmaz' })).toBe('Emre Yılmaz');
		expect(fullName({ firstName: 'Yasmine', lastName: 'El Amrani' })).toBe('Yasmine El Amrani');
	});
});
