// DuckDB access for data nodes: one in-memory database per process, loaded lazily (dynamic import)
// so the worker bundle stays light and processes that never touch tables never load it.

import path from 'node:path';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { assertOneSelect } from './selectOnly.js';
import { sluiceTypeOf, type TableColumn } from './tableRef.js';

let instance: Promise<DuckDBInstance> | undefined;
let sandbox: DuckSandbox | undefined;

/** What a sandboxed database (the check's inference process) may touch. */
export interface DuckSandbox {
  /** Files DuckDB may read (absolute paths). */
  allowedPaths: string[];
  /** Folders DuckDB may read below (absolute paths). */
  allowedDirectories: string[];
  memoryLimit: string;
  threads: number;
}

/** A SQL list literal of strings. */
function listLiteral(items: string[]): string {
  return `[${items.map((i) => `'${i.replace(/'/g, "''")}'`).join(', ')}]`;
}

async function createInstance(): Promise<DuckDBInstance> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  if (!sandbox) return DuckDBInstance.create(':memory:');
  const db = await DuckDBInstance.create(':memory:', {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  });
  const c = await db.connect();
  try {
    // Order matters: the allow lists cannot change once external access is off, and nothing can
    // change once the configuration is locked.
    await c.run(`SET allowed_paths = ${listLiteral(sandbox.allowedPaths)}`);
    await c.run(`SET allowed_directories = ${listLiteral(sandbox.allowedDirectories)}`);
    await c.run(`SET memory_limit = '${sandbox.memoryLimit.replace(/'/g, '')}'`);
    await c.run(`SET threads = ${Math.max(1, Math.floor(sandbox.threads))}`);
    await c.run('SET enable_external_access = false');
    await c.run('SET lock_configuration = true');
  } finally {
    c.closeSync();
  }
  return db;
}

/**
 * Makes this process's database a sandbox: no network, no extension install or autoload, reads only
 * of the given files and folders, no writes, configuration locked. Call before any other use.
 */
export function sandboxDatabase(settings: DuckSandbox): void {
  if (instance) throw new Error('sandboxDatabase must be called before the database is opened');
  sandbox = settings;
}

/**
 * Whether this process may read `file` (outside a sandbox: always). Node-side reads of the check
 * (a CSV's header line, `stat`) keep to the same allow lists as DuckDB's own.
 */
export function mayRead(file: string): boolean {
  if (!sandbox) return true;
  const resolved = path.resolve(file);
  return (
    sandbox.allowedPaths.includes(resolved) ||
    sandbox.allowedDirectories.some((d) => resolved.startsWith(d.endsWith(path.sep) ? d : d + path.sep))
  );
}

async function getInstance(): Promise<DuckDBInstance> {
  instance ??= createInstance();
  return instance;
}

/**
 * Starts creating the database: a node calls this before it waits for its inputs (and a pre-started
 * worker while it idles), so DuckDB is ready when the first table arrives. Never rejects: a failure
 * shows in the node that uses the database.
 */
export function warmUp(): Promise<void> {
  return getInstance().then(
    () => undefined,
    () => undefined,
  );
}

/** Loads DuckDB's module without opening a database (a spare inference process, before its sandbox is known). */
export function loadDuckModule(): Promise<void> {
  return import('@duckdb/node-api').then(
    () => undefined,
    () => undefined,
  );
}

/** A fresh connection (its own interrupt and progress), closed by `withConnection`. */
export async function withConnection<T>(fn: (c: DuckDBConnection) => Promise<T>): Promise<T> {
  const db = await getInstance();
  const c = await db.connect();
  try {
    return await fn(c);
  } finally {
    c.closeSync();
  }
}

/** Column names and types of a SELECT, without running it (DESCRIBE binds the query only). */
export async function describe(c: DuckDBConnection, select: string): Promise<TableColumn[]> {
  await assertOneSelect(c, select, 'The composed query');
  const reader = await c.runAndReadAll(`DESCRIBE ${select}`);
  return reader.getRowObjectsJson().map((row) => {
    const dbType = String(row['column_type']);
    return { name: String(row['column_name']), type: sluiceTypeOf(dbType), dbType };
  });
}

export interface ExecuteOptions {
  signal: AbortSignal;
  /** Called about once a second while the statement runs (seconds elapsed). */
  onTick?: (seconds: number) => void;
}

/**
 * Runs one statement; interrupts DuckDB when `signal` aborts. DuckDB's own query progress is not
 * reported through the Node API here (it stays at -1/0), so callers report coarse steps and ticks.
 */
export async function execute(
  c: DuckDBConnection,
  sql: string,
  options: ExecuteOptions,
): Promise<Record<string, unknown>[]> {
  options.signal.throwIfAborted();
  const onAbort = (): void => c.interrupt();
  options.signal.addEventListener('abort', onAbort, { once: true });
  const started = Date.now();
  const timer = options.onTick
    ? setInterval(() => options.onTick?.(Math.round((Date.now() - started) / 1000)), 1000)
    : undefined;
  try {
    const reader = await c.runAndReadAll(sql);
    return reader.getRowObjectsJson();
  } catch (err) {
    if (options.signal.aborted) throw new Error('Cancelled', { cause: err });
    throw err;
  } finally {
    if (timer) clearInterval(timer);
    options.signal.removeEventListener('abort', onAbort);
  }
}

/**
 * JSON rows with integer and decimal columns as numbers (DuckDB's JSON gives BIGINT and DECIMAL as
 * strings); integers beyond 2^53 stay strings rather than lose digits.
 */
export function normalizeRows(
  rows: Record<string, unknown>[],
  columns: TableColumn[],
): Record<string, unknown>[] {
  const numeric = columns.filter((c) => c.type === 'integer' || c.type === 'number').map((c) => c.name);
  if (numeric.length === 0) return rows;
  for (const row of rows) {
    for (const name of numeric) {
      const v = row[name];
      if (typeof v !== 'string') continue;
      const n = Number(v);
      if (Number.isFinite(n) && (Number.isSafeInteger(n) || !/^-?\d+$/.test(v))) row[name] = n;
    }
  }
  return rows;
}

/** Streams the rows of a SELECT in DuckDB's chunks (about 2048 rows), as JSON-ready arrays. */
export async function* streamRows(
  c: DuckDBConnection,
  select: string,
  signal: AbortSignal,
): AsyncGenerator<unknown[][]> {
  const onAbort = (): void => c.interrupt();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    await assertOneSelect(c, select, 'The composed query');
    const result = await c.stream(select);
    for await (const rows of result.yieldRowsJson()) {
      signal.throwIfAborted();
      yield rows;
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
