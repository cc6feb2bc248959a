/**
 * Every table's row count and a digest of its rows, to compare a database before and after
 * something that must leave it alone (an outage) or bring it back (a backup and restore).
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from '../../src/lib/server/db';

export type TableSnapshot = Map<string, { rows: number; digest: string }>;

export async function snapshotTables(db: Database): Promise<TableSnapshot> {
	const tables = rowsOf<{ table_name: string }>(
		await db.execute(
			sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`
		)
	);
	const snapshot: TableSnapshot = new Map();
	for (const { table_name: name } of tables) {
		const [row] = rowsOf<{ rows: number; digest: string }>(
			await db.execute(
				sql.raw(
					`select count(*)::int as rows, coalesce(md5(string_agg(t::text, E'\\n' order by t::text)), '') as digest from "public"."${name}" t`
				)
			)
		);
		snapshot.set(name, { rows: Number(row!.rows), digest: row!.digest });
	}
	return snapshot;
}

/** One line a table: its rows before and after, and whether the contents are the same. */
export function compareSnapshots(before: TableSnapshot, after: TableSnapshot): string[] {
	const names = [...new Set([...before.keys(), ...after.keys()])].sort();
	const width = Math.max(...names.map((n) => n.length));
	return names.map((name) => {
		const a = before.get(name);
		const b = after.get(name);
		const same = a && b && a.rows === b.rows && a.digest === b.digest;
		return `${name.padEnd(width)}  ${String(a?.rows ?? '-').padStart(6)} → ${String(b?.rows ?? '-').padStart(6)}  ${same ? 'same' : 'DIFFERENT'}`;
	});
}
