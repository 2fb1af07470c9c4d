// Shared by the SQL-shaped transforms: build a deferred query over named input tables, both at run
// time (real refs) and while the workflow is checked (empty stand-ins of the input port types).

import type { NodeContext } from '../../../sdk/index.js';
import { describe, withConnection } from '../lib/duck.js';
import { describeDuckError } from '../lib/errors.js';
import { assertOneSelect, NotOneSelectError } from '../lib/selectOnly.js';
import { deferQuery, materialize, sendTable, tablesOf, zipTables } from '../lib/tableIo.js';
import { queryRef, selectSql, standInRef, type TableColumn, type TableRef } from '../lib/tableRef.js';
import { columnsOfTypeExpr, tableTypeOf } from '../lib/tableType.js';

/** Output type of `sql` over inputs of the given types; plain `table` while an input's schema is unknown. */
export async function inferQueryType(
  sql: string | undefined,
  inputTypes: Record<string, string>,
  names: string[],
): Promise<string> {
  if (!sql) return 'table';
  const inputs: Record<string, TableRef> = {};
  let known = true;
  for (const name of names) {
    const columns = columnsOfTypeExpr(inputTypes[name]);
    if (columns) inputs[name] = standInRef(columns);
    else known = false;
  }
  try {
    const columns = await withConnection(async (c) => {
      // The node's own text alone first, even while input columns are unknown: a second statement or
      // a COPY is named as the user wrote it.
      await assertOneSelect(c, sql, 'SQL');
      return known ? describe(c, selectSql(queryRef(sql, inputs, []))) : undefined;
    });
    return columns ? tableTypeOf(columns) : 'table';
  } catch (err) {
    if (err instanceof NotOneSelectError) throw err;
    throw new Error(describeDuckError(err, 'Query'), { cause: err });
  }
}

/**
 * Runs a one-input transform: for every table on `table`, a deferred query built by `build` from the
 * incoming ref, sent on `table` (materialized first when `checkpoint` is set).
 */
export async function runSingleTransform(
  ctx: NodeContext<object>,
  build: (input: TableRef) => string,
  checkpoint = false,
): Promise<void> {
  for await (const input of tablesOf(ctx, 'table')) {
    const ref = await deferQuery(ctx, build(input), { input });
    await sendTable(ctx, 'table', checkpoint ? await materialize(ctx, ref, 'table') : ref);
  }
}

/** Runs a many-input transform: one table from each input in lockstep, `sql` over them. */
export async function runMultiTransform(
  ctx: NodeContext<object>,
  ports: string[],
  sql: string,
  checkpoint = false,
): Promise<void> {
  for await (const inputs of zipTables(ctx, ports)) {
    const ref = await deferQuery(ctx, sql, inputs);
    await sendTable(ctx, 'table', checkpoint ? await materialize(ctx, ref, 'table') : ref);
  }
}

/** A query with no input tables: deferred like any other, sent once. */
export async function runSourceQuery(
  ctx: NodeContext<object>,
  sql: string,
  checkpoint = false,
): Promise<void> {
  const ref = await deferQuery(ctx, sql, {});
  await sendTable(ctx, 'table', checkpoint ? await materialize(ctx, ref, 'table') : ref);
}

/** Splits `a, b c, d` (a column list parameter) into trimmed non-empty items. */
export function splitList(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Fails with the missing column's name when a listed column is not in the input. */
export function requireColumns(nodeId: string, columns: TableColumn[], names: string[]): void {
  const known = new Set(columns.map((c) => c.name));
  for (const name of names) {
    if (!known.has(name)) {
      throw new Error(`Node "${nodeId}": missing column "${name}" (columns: ${[...known].join(', ')})`);
    }
  }
}
