// Shared by the SQL-shaped transforms: build a deferred query over named input tables, both at run
// time (real refs) and while the workflow is checked (empty stand-ins of the input port types).

import type { NodeContext } from '../../../sdk/index.js';
import { describe, withConnection } from '../lib/duck.js';
import { columnsHint, describeDuckError } from '../lib/errors.js';
import { assertOneSelect, NotOneSelectError } from '../lib/selectOnly.js';
import { deferQuery, materialize, sendTable, tablesOf, zipTables } from '../lib/tableIo.js';
import { queryRef, selectSql, standInRef, type TableColumn, type TableRef } from '../lib/tableRef.js';
import { columnsOfTypeExpr, tableTypeOf } from '../lib/tableType.js';

/**
 * What a SQL-shaped node's check shares with its run (`ctx.inferred`): the query it described, the
 * input types it described it over and the columns it found. The run reuses them while its inputs
 * arrive with those types, so composing a query needs no DuckDB in the node's process.
 */
export interface CheckedQuery {
  sql: string;
  inputs: Record<string, string>;
  columns: TableColumn[];
}

/** Output type of `sql` over inputs of the given types; plain `table` while an input's schema is unknown. */
export async function inferQueryType(
  sql: string | undefined,
  inputTypes: Record<string, string>,
  names: string[],
  share?: (value: unknown) => void,
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
      // a COPY is named as the user wrote it, and a syntax error points into the text the user wrote.
      await assertOneSelect(c, sql, 'SQL');
      return known ? describe(c, selectSql(queryRef(sql, inputs, []))) : undefined;
    });
    if (!columns) return 'table';
    const checked = Object.fromEntries(names.map((n) => [n, inputTypes[n]!]));
    share?.({ sql, inputs: checked, columns } satisfies CheckedQuery);
    return tableTypeOf(columns);
  } catch (err) {
    if (err instanceof NotOneSelectError) throw err;
    const tables = Object.fromEntries(Object.entries(inputs).map(([n, r]) => [n, r.columns]));
    throw new Error(describeDuckError(err, '', tables), { cause: err });
  }
}

/** The columns the check found for `sql`, when the inputs arrived with the types it checked. */
export function checkedColumns(
  inferred: unknown,
  sql: string,
  inputs: Record<string, TableRef>,
): TableColumn[] | undefined {
  const kept = inferred as Partial<CheckedQuery> | undefined;
  if (!kept || kept.sql !== sql || !Array.isArray(kept.columns) || !kept.inputs) return undefined;
  const names = Object.keys(inputs);
  if (names.length !== Object.keys(kept.inputs).length) return undefined;
  const same = names.every((n) => tableTypeOf(inputs[n]!.columns) === kept.inputs![n]);
  return same ? kept.columns : undefined;
}

/**
 * Runs a one-input transform: for every table on `table`, a deferred query built by `build` from the
 * incoming ref, sent on `table` (materialized first when `checkpoint` is set).
 */
export async function runSingleTransform(
  ctx: NodeContext<object>,
  build: (input: TableRef) => string,
  checkpoint = false,
  /** The query keeps the input's columns (a sort, a dedupe): nothing to describe. */
  sameColumns = false,
): Promise<void> {
  for await (const input of tablesOf(ctx, 'table')) {
    const sql = build(input);
    const known = sameColumns ? input.columns : checkedColumns(ctx.inferred, sql, { input });
    const ref = await deferQuery(ctx, sql, { input }, known);
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
    const ref = await deferQuery(ctx, sql, inputs, checkedColumns(ctx.inferred, sql, inputs));
    await sendTable(ctx, 'table', checkpoint ? await materialize(ctx, ref, 'table') : ref);
  }
}

/** A query with no input tables: deferred like any other, sent once. */
export async function runSourceQuery(
  ctx: NodeContext<object>,
  sql: string,
  checkpoint = false,
): Promise<void> {
  const ref = await deferQuery(ctx, sql, {}, checkedColumns(ctx.inferred, sql, {}));
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
      throw new Error(
        `Node "${nodeId}": missing column "${name}" (${columnsHint(name, { input: columns })})`,
      );
    }
  }
}
