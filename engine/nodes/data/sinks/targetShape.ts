// The shape check of database sinks: a target table of the wrong shape fails the node with a message
// naming the columns on each side.

export type WriteMode = 'create' | 'append' | 'replace';

/** Throws when `existing` (the target's columns) and `incoming` (the input's) differ as sets. */
export function checkTargetShape(
  nodeId: string,
  table: string,
  existing: string[],
  incoming: string[],
): void {
  const have = new Set(existing);
  const want = new Set(incoming);
  const missing = incoming.filter((c) => !have.has(c));
  const extra = existing.filter((c) => !want.has(c));
  if (missing.length === 0 && extra.length === 0) return;
  const parts = [
    missing.length ? `missing in the table: ${missing.join(', ')}` : '',
    extra.length ? `not in the input: ${extra.join(', ')}` : '',
  ].filter(Boolean);
  throw new Error(
    `Node "${nodeId}": target table "${table}" has columns (${existing.join(', ')}) but the input has (${incoming.join(', ')}); ${parts.join('; ')}`,
  );
}

/** Splits `schema.table` (or `table`). */
export function splitTableName(name: string): { schema?: string; table: string } {
  const dot = name.indexOf('.');
  return dot > 0 ? { schema: name.slice(0, dot), table: name.slice(dot + 1) } : { table: name };
}
