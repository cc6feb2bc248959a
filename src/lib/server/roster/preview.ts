/** What the office sees before importing: the mapping, the problems, and the families it will make. */
import { parseCsv, type CsvProblem, type ParsedCsv } from './csv';
import {
	guessMapping,
	missingRequired,
	rosterFields,
	type Mapping,
	type RosterField
} from './mapping';
import { readRecords, type RosterRecord, type RowError, type RowWarning } from './records';
import { clusterFamilies } from './families';

export interface RosterPreview {
	csv: Pick<ParsedCsv, 'encoding' | 'separator' | 'header'> & { rows: number };
	mapping: Mapping;
	missing: RosterField[];
	errors: RowError[];
	/** Addresses left out (the rows are imported without them). */
	warnings: RowWarning[];
	records: RosterRecord[];
	families: RosterRecord[][];
}

/** A mapping from form or query fields `map.<field>` = column number; missing ones guessed. */
export function mappingFrom(
	get: (name: string) => string | null,
	header: string[],
	guessWhenAbsent: boolean
): Mapping {
	const guessed = guessMapping(header);
	const mapping: Mapping = {};
	for (const field of rosterFields) {
		const raw = get(`map.${field}`);
		if (raw === null) {
			if (guessWhenAbsent && guessed[field] !== undefined) mapping[field] = guessed[field];
			continue;
		}
		const column = Number(raw);
		if (raw !== '' && Number.isInteger(column) && column >= 0 && column < header.length)
			mapping[field] = column;
	}
	return mapping;
}

export function previewRoster(
	content: Uint8Array,
	get: (name: string) => string | null,
	guessWhenAbsent: boolean
): { ok: true; preview: RosterPreview } | { ok: false; problem: CsvProblem } {
	const parsed = parseCsv(content);
	if (!parsed.ok) return { ok: false, problem: parsed.problem };
	const mapping = mappingFrom(get, parsed.csv.header, guessWhenAbsent);
	const missing = missingRequired(mapping);
	const { records, errors, warnings } =
		missing.length > 0
			? { records: [], errors: [], warnings: [] }
			: readRecords(parsed.csv, mapping);
	return {
		ok: true,
		preview: {
			csv: {
				encoding: parsed.csv.encoding,
				separator: parsed.csv.separator,
				header: parsed.csv.header,
				rows: parsed.csv.rows.length
			},
			mapping,
			missing,
			errors,
			warnings,
			records,
			families: clusterFamilies(records)
		}
	};
}
