// postgres.write: writes a table into PostgreSQL (create / append / replace) inside one transaction.
import { RowCapture, captureUpstream, writePreview } from '../lib/previewCapture.js';
import { defineNode } from '../../../sdk/index.js';
import {
  connectionParamSpecs,
  describePgError,
  resolvePgConfig,
  type ConnectionParams,
} from '../lib/connections.js';
import { streamRows, withConnection } from '../lib/duck.js';
import { blameFailure } from '../lib/blame.js';
import { connectPg, pgTypeOf } from '../lib/pg.js';
import { tablesOf } from '../lib/tableIo.js';
import { quoteIdent, selectSql } from '../lib/tableRef.js';
import { checkTargetShape, splitTableName, type WriteMode } from './targetShape.js';

interface PostgresWriteParams extends ConnectionParams {
  table: string;
  mode: WriteMode;
}

/** PostgreSQL's limit is 65535 bind parameters per statement. */
const MAX_PARAMS = 60_000;

export default defineNode<PostgresWriteParams>({
  type: 'postgres.write',
  title: 'Write PostgreSQL',
  category: 'Sinks',
  description:
    'Writes the input table to a PostgreSQL table: create (fails if it exists), append, or replace. One transaction: all rows or none.',
  inputs: [{ name: 'table', type: 'table' }],
  outputs: [{ name: 'result', type: 'record{table:string,rows:integer}' }],
  params: [
    { key: 'table', kind: 'string', required: true, label: 'Target table', placeholder: 'public.weather' },
    {
      key: 'mode',
      kind: 'choice',
      options: ['create', 'append', 'replace'],
      default: 'create',
      label: 'Mode',
    },
    ...connectionParamSpecs,
  ],
  preload: ['@duckdb/node-api'],
  async run(ctx) {
    const cfg = await resolvePgConfig(ctx.nodeId, ctx.params, ctx.resolvePath);
    const { schema, table } = splitTableName(ctx.params.table);
    const target = schema ? `${quoteIdent(schema)}.${quoteIdent(table)}` : quoteIdent(table);
    for await (const ref of tablesOf(ctx, 'table', true)) {
      const client = await connectPg(ctx.nodeId, cfg);
      let rows = 0;
      try {
        await client.query('BEGIN');
        const existing = (
          await client.query<{ column_name: string }>(
            `SELECT column_name FROM information_schema.columns
             WHERE table_schema = COALESCE($1, current_schema()) AND table_name = $2 ORDER BY ordinal_position`,
            [schema ?? null, table],
          )
        ).rows.map((r) => r.column_name);
        const names = ref.columns.map((c) => c.name);
        const create = `CREATE TABLE ${target} (${ref.columns.map((c) => `${quoteIdent(c.name)} ${pgTypeOf(c.type)}`).join(', ')})`;
        const mode = ctx.params.mode ?? 'create';
        if (mode === 'replace') {
          await client.query(`DROP TABLE IF EXISTS ${target}`);
          await client.query(create);
        } else if (existing.length === 0) {
          await client.query(create);
        } else if (mode === 'create') {
          throw new Error(
            `Node "${ctx.nodeId}": target table "${ctx.params.table}" already exists (mode create); use append or replace`,
          );
        } else {
          checkTargetShape(ctx.nodeId, ctx.params.table, existing, names);
        }
        const jsonCols = ref.columns.map((c) => c.type === 'json');
        const perStatement = Math.max(1, Math.floor(MAX_PARAMS / Math.max(1, names.length)));
        const columnList = names.map(quoteIdent).join(', ');
        let pending: unknown[][] = [];
        const capture = new RowCapture(ref.columns);
        const flush = async (): Promise<void> => {
          if (pending.length === 0) return;
          const values: unknown[] = [];
          const tuples = pending.map((row) => {
            const ph = row.map((v, i) => {
              values.push(jsonCols[i] && v !== null && typeof v !== 'string' ? JSON.stringify(v) : v);
              return `$${values.length}`;
            });
            return `(${ph.join(', ')})`;
          });
          await client.query(`INSERT INTO ${target} (${columnList}) VALUES ${tuples.join(', ')}`, values);
          rows += pending.length;
          pending = [];
          ctx.progress({ done: rows, message: `${rows} rows written` });
        };
        await withConnection(async (c) => {
          try {
            for await (const chunk of streamRows(c, selectSql(ref), ctx.signal)) {
              capture.add(chunk);
              for (const row of chunk) {
                pending.push(row);
                if (pending.length >= perStatement) await flush();
              }
            }
          } catch (err) {
            if (ctx.signal.aborted || (err instanceof Error && err.message.startsWith('Node "'))) throw err;
            if ((err as { code?: string }).code) throw err; // a PostgreSQL error, described below
            throw await blameFailure(ctx, ref, err);
          }
        });
        await flush();
        await client.query('COMMIT');
        await writePreview(ctx, ref, capture.preview());
        await captureUpstream(ctx, ref);
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        if (ctx.signal.aborted || (err instanceof Error && err.message.startsWith('Node "'))) throw err;
        throw describePgError(ctx.nodeId, cfg, err);
      } finally {
        await client.end().catch(() => undefined);
      }
      ctx.log.info(`${rows} rows written to ${ctx.params.table}`);
      await ctx.outputs['result']?.send({ table: ctx.params.table, rows });
    }
  },
});
