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
import { settleDuplicates, type Conflict, type SkippedDuplicate } from './duplicates';

export interface RosterPreview {
	csv: Pick<ParsedCsv, 'encoding' | 'separator' | 'header'> & { rows: number };
	mapping: Mapping;
	missing: RosterField[];
	errors: RowError[];
	/** Addresses left out (the rows are imported without them). */
	warnings: RowWarning[];
	/** Rows that repeat an earlier one exactly: skipped. */
	duplicates: SkippedDuplicate[];
	/** Pupil numbers whose rows differ: each needs the office's choice of row. */
	conflicts: Conflict[];
	/** Per mapped field, the first value its column has: a wrong column shows at a glance. */
	samples: Partial<Record<RosterField, string>>;
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

function samplesOf(csv: ParsedCsv, mapping: Mapping): Partial<Record<RosterField, string>> {
	const samples: Partial<Record<RosterField, string>> = {};
	for (const field of rosterFields) {
		const column = mapping[field];
		if (column === undefined) continue;
		const value = csv.rows.map((r) => (r[column] ?? '').trim()).find(Boolean);
		if (value) samples[field] = value.slice(0, 60);
	}
	return samples;
}

/** The file through the mapping; `keep`: the lines the office chose for conflicting pupils. */
export function previewRoster(
	content: Uint8Array,
	get: (name: string) => string | null,
	guessWhenAbsent: boolean,
	keep: ReadonlySet<number> = new Set()
): { ok: true; preview: RosterPreview } | { ok: false; problem: CsvProblem } {
	const parsed = parseCsv(content);
	if (!parsed.ok) return { ok: false, problem: parsed.problem };
	const mapping = mappingFrom(get, parsed.csv.header, guessWhenAbsent);
	const missing = missingRequired(mapping);
	const read =
		missing.length > 0
			? { records: [], errors: [], warnings: [] }
			: readRecords(parsed.csv, mapping);
	const { records, duplicates, conflicts } = settleDuplicates(read.records, keep);
	const { errors, warnings } = read;
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
			duplicates,
			conflicts,
			samples: samplesOf(parsed.csv, mapping),
			records,
			families: clusterFamilies(records)
		}
	};
}
