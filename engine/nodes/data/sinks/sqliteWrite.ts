// sqlite.write: writes a table into a SQLite file (create / append / replace) inside one transaction.
import { RowCapture, captureUpstream, writePreview } from '../lib/previewCapture.js';
import { defineNode } from '../../../sdk/index.js';
import { streamRows, withConnection } from '../lib/duck.js';
import { blameFailure } from '../lib/blame.js';
import { tablesOf } from '../lib/tableIo.js';
import { quoteIdent, selectSql } from '../lib/tableRef.js';
import { checkTargetShape, type WriteMode } from './targetShape.js';

interface SqliteWriteParams {
  path: string;
  table: string;
  mode: WriteMode;
}

function sqliteTypeOf(sluiceType: string): string {
  if (sluiceType === 'integer' || sluiceType === 'boolean') return 'INTEGER';
  if (sluiceType === 'number') return 'REAL';
  return 'TEXT';
}

/** SQLite binds numbers, strings, bigints and null: booleans become 0/1, objects JSON text. */
function toSqlite(v: unknown, type: string): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'object') return JSON.stringify(v);
  if (type === 'integer' && typeof v === 'string' && /^-?\d+$/.test(v)) return BigInt(v);
  if (type === 'number' && typeof v === 'string') return Number(v);
  return v;
}

export default defineNode<SqliteWriteParams>({
  type: 'sqlite.write',
  title: 'Write SQLite',
  category: 'Sinks',
  description:
    'Writes the input table to a SQLite database table: create, append or replace, in one transaction.',
  inputs: [{ name: 'table', type: 'table' }],
  outputs: [{ name: 'result', type: 'record{table:string,rows:integer}' }],
  params: [
    {
      key: 'path',
      kind: 'path',
      mode: 'save',
      extensions: ['db', 'sqlite', 'sqlite3'],
      required: true,
      label: 'Database file',
    },
    { key: 'table', kind: 'string', required: true, label: 'Target table' },
    {
      key: 'mode',
      kind: 'choice',
      options: ['create', 'append', 'replace'],
      default: 'create',
      label: 'Mode',
    },
  ],
  preload: ['@duckdb/node-api'],
  async run(ctx) {
    const { default: Database } = await import('libsql');
    const file = ctx.resolvePath(ctx.params.path);
    const target = quoteIdent(ctx.params.table);
    for await (const ref of tablesOf(ctx, 'table', true)) {
      const db = new Database(file);
      let rows = 0;
      const capture = new RowCapture(ref.columns);
      try {
        db.exec('BEGIN IMMEDIATE');
        const existing = (db.prepare(`PRAGMA table_info(${target})`).all() as Array<{ name: string }>).map(
          (r) => r.name,
        );
        const names = ref.columns.map((c) => c.name);
        const create = `CREATE TABLE ${target} (${ref.columns.map((c) => `${quoteIdent(c.name)} ${sqliteTypeOf(c.type)}`).join(', ')})`;
        const mode = ctx.params.mode ?? 'create';
        if (mode === 'replace') {
          db.exec(`DROP TABLE IF EXISTS ${target}`);
          db.exec(create);
        } else if (existing.length === 0) {
          db.exec(create);
        } else if (mode === 'create') {
          throw new Error(
            `Node "${ctx.nodeId}": target table "${ctx.params.table}" already exists in ${file} (mode create); use append or replace`,
          );
        } else {
          checkTargetShape(ctx.nodeId, ctx.params.table, existing, names);
        }
        const insert = db.prepare(
          `INSERT INTO ${target} (${names.map(quoteIdent).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
        );
        const types = ref.columns.map((c) => c.type);
        await withConnection(async (c) => {
          try {
            for await (const chunk of streamRows(c, selectSql(ref), ctx.signal)) {
              capture.add(chunk);
              for (const row of chunk) insert.run(...row.map((v, i) => toSqlite(v, types[i]!)));
              rows += chunk.length;
              ctx.progress({ done: rows, message: `${rows} rows written` });
            }
          } catch (err) {
            throw await blameFailure(ctx, ref, err);
          }
        });
        db.exec('COMMIT');
      } catch (err) {
        if (db.inTransaction) db.exec('ROLLBACK');
        if (ctx.signal.aborted || (err instanceof Error && err.message.startsWith('Node "'))) throw err;
        throw new Error(`Node "${ctx.nodeId}": SQLite ${file}: ${(err as Error).message}`, { cause: err });
      } finally {
        db.close();
      }
      ctx.log.info(`${rows} rows written to table ${ctx.params.table} in ${file}`);
      await writePreview(ctx, ref, capture.preview());
      await captureUpstream(ctx, ref);
      await ctx.outputs['result']?.send({ table: ctx.params.table, rows });
    }
  },
});
