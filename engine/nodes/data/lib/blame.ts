// Blame for a failed composed query. A chain of SQL-shaped nodes composes into one query that runs
// where rows are needed (a sink); when it fails there, each fragment is run alone, inputs first, and
// the first that fails is the node at fault, with the position in that node's own SQL.

import type { NodeContext } from '../../../sdk/index.js';
import { withConnection } from './duck.js';
import { caretPosition, describeDuckError } from './errors.js';
import { composedSql, type TableRef } from './tableRef.js';
import { fileFaultText } from './fileFault.js';

/** An error that names the node at fault when another node found it (see ErrorInfo.blame). */
export class BlamedError extends Error {
  constructor(
    message: string,
    readonly blame: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'BlamedError';
  }
}

/** Every ref of the tree that a node made, inputs before the ref that reads them; each once. */
export function fragments(ref: TableRef, seen = new Set<TableRef>()): TableRef[] {
  if (seen.has(ref)) return [];
  seen.add(ref);
  const below = ref.source.kind === 'query' ? Object.values(ref.source.inputs) : [];
  const inner = below.flatMap((r) => fragments(r, seen));
  return ref.node ? [...inner, ref] : inner;
}

// Runs the whole plan (every projection included, unlike count(*)) and discards the rows.
const PROBE = 'EXPLAIN ANALYZE ';

/** The message of a fragment's failure, with the caret mapped into that node's own SQL. */
export function fragmentMessage(fragment: TableRef, nodeId: string, err: unknown): string {
  const base = describeDuckError(err, `Node "${nodeId}"`);
  const pos = caretPosition(err instanceof Error ? err.message : String(err));
  if (!pos || fragment.source.kind !== 'query') return base;
  const { sql, ownStart } = composedSql(fragment);
  const prefix = PROBE + sql.slice(0, ownStart);
  const line = pos.line - (prefix.split('\n').length - 1);
  if (line < 1) return base;
  const column = line === 1 ? pos.column - (prefix.length - prefix.lastIndexOf('\n') - 1) : pos.column;
  const head = `Node "${nodeId}": `;
  return `${head}line ${line}, column ${column} of its SQL: ${base.slice(head.length)}`;
}

/**
 * The error to fail with after executing `ref` failed with `err`: blamed on the first fragment that
 * fails alone, else on this node. Only a real failure is checked (never a stop).
 */
export async function blameFailure(ctx: NodeContext<object>, ref: TableRef, err: unknown): Promise<Error> {
  if (ctx.signal.aborted) return err instanceof Error ? err : new Error(String(err));
  for (const fragment of fragments(ref)) {
    const owner = fragment.node!;
    if (owner === ctx.nodeId) continue;
    try {
      await withConnection((c) => c.run(PROBE + composedSql(fragment).sql));
    } catch (probeErr) {
      if (ctx.signal.aborted) break;
      // A broken file is named by its physical line, which DuckDB does not report.
      const fault =
        fragment.source.kind !== 'query' ? await fileFaultText(fragment.source, probeErr) : undefined;
      const message = fault ? `Node "${owner}": ${fault}` : fragmentMessage(fragment, owner, probeErr);
      return new BlamedError(message, owner, { cause: err });
    }
  }
  return new Error(describeDuckError(err, `Node "${ctx.nodeId}"`), { cause: err });
}
