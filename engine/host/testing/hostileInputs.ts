// Generated hostile inputs for the inference fuzz test: SQL that tries to write, attach, install,
// fetch, read outside, break out of the wrapper around an input port, or choke the parser; and path,
// expression and type-confused parameter values. Deterministic (seeded), so a failure reproduces.

/** A small seeded PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Targets {
  /** A folder the host must never write into or read from (outside its temp workspace). */
  canary: string;
  /** A local HTTP server that counts requests: nothing may reach it. */
  url: string;
}

function q(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

/** Statements and SELECTs that would act or read outside if DuckDB ran them. */
function payloads(t: Targets, i: number): string[] {
  const file = `${t.canary}/w${i}`;
  return [
    `COPY (SELECT 'echo owned' AS line) TO ${q(`${file}.sh`)} (FORMAT csv, HEADER false)`,
    `COPY (SELECT 1) TO ${q(`${file}.parquet`)} (FORMAT parquet)`,
    `EXPORT DATABASE ${q(`${file}-export`)}`,
    `ATTACH ${q(`${file}.db`)} AS a${i}`,
    `ATTACH ${q(`${file}.sqlite`)} (TYPE sqlite)`,
    `INSTALL httpfs`,
    `INSTALL httpfs FROM ${q(t.url)}`,
    `LOAD httpfs`,
    `FORCE INSTALL spatial FROM ${q(t.url)}`,
    `SET enable_external_access = true`,
    `SET allowed_directories = ['/']`,
    `RESET lock_configuration`,
    `PRAGMA threads=64`,
    `CREATE TABLE t${i} AS SELECT 1`,
    `CREATE SECRET s${i} (TYPE s3, KEY_ID 'x', SECRET 'y')`,
    `CALL dbgen(sf = 1)`,
    `CHECKPOINT`,
    `SELECT * FROM read_csv(${q(`${t.url}/data${i}.csv`)})`,
    `SELECT * FROM read_parquet(${q(`${t.url}/x.parquet`)})`,
    `SELECT * FROM read_json(${q(`s3://bucket/${i}.json`)})`,
    `SELECT * FROM read_text(${q(`${t.canary}/secret.txt`)})`,
    `SELECT * FROM read_csv(${q(`${t.canary}/secret.csv`)})`,
    `SELECT * FROM read_blob('/etc/passwd')`,
    `SELECT * FROM glob('/*')`,
    `SELECT * FROM read_csv('/etc/passwd')`,
    `SELECT * FROM ${q(`${t.canary}/secret.csv`)}`,
    `SELECT * FROM query(${q(`COPY (SELECT 1) TO ${q(`${file}.q`)}`)})`,
    `SELECT * FROM duckdb_settings()`,
    `SELECT current_setting('enable_external_access')`,
    `WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT * FROM r`,
    `SELECT * FROM range(1000000000000)`,
  ];
}

const BREAKERS = [
  '; ',
  ';\n',
  ') AS x; ',
  ')) AS x; ',
  ' -- ',
  ' /* ',
  '*/ ',
  "'; ",
  '"; ',
  '$$; ',
  '\0; ',
  '\u2028',
  ' \\; ',
];

/** One hostile SQL string (the i-th of a seeded sequence). */
export function hostileSql(rand: () => number, t: Targets, i: number): string {
  const p = payloads(t, i);
  const payload = pick(rand, p);
  switch (Math.floor(rand() * 9)) {
    case 0:
      return payload;
    case 1:
      return `SELECT 1 AS a${pick(rand, BREAKERS)}${payload}`;
    case 2:
      // Closes the wrapper around an input port, then opens it again.
      return `SELECT * FROM input) AS x; ${payload}; SELECT * FROM (SELECT 1`;
    case 3:
      return `${payload}${pick(rand, BREAKERS)}SELECT 1`;
    case 4: {
      // Random punctuation spliced into a payload.
      const at = Math.floor(rand() * payload.length);
      return payload.slice(0, at) + pick(rand, BREAKERS) + payload.slice(at);
    }
    case 5:
      return `${'('.repeat(1 + Math.floor(rand() * 300))}SELECT 1${')'.repeat(Math.floor(rand() * 300))}`;
    case 6:
      return `SELECT '${'x'.repeat(Math.floor(rand() * 20000))}' AS big; ${payload}`;
    case 7:
      return `WITH a AS (${payload}) SELECT * FROM a`;
    default:
      return Array.from({ length: 2 + Math.floor(rand() * 4) }, () => pick(rand, p)).join(
        pick(rand, BREAKERS),
      );
  }
}

/** Hostile values for path parameters (csv.read, parquet.read, json.read). */
export function hostilePath(rand: () => number, t: Targets, fifo: string): unknown {
  return pick(rand, [
    '/etc/passwd',
    '/etc/shadow',
    '/dev/zero',
    '/dev/urandom',
    '/proc/self/mem',
    '/',
    fifo,
    `${t.canary}/secret.csv`,
    `${t.url}/data.csv`,
    's3://bucket/x.parquet',
    '../../../../../../etc/passwd',
    '~/.ssh/id_rsa',
    'a\0b.csv',
    'x'.repeat(5000),
    '',
    42,
    { path: '/etc/passwd' },
    ['a.csv'],
    null,
  ]);
}

/** Hostile SQL expressions for table.filter's `where` and table.select's `columns`. */
export function hostileExpression(rand: () => number, t: Targets, i: number): unknown {
  const payload = pick(rand, payloads(t, i));
  return pick(rand, [
    `1=1) AS x; ${payload}; SELECT * FROM (SELECT 1`,
    `true; ${payload}`,
    `(${payload})`,
    `* FROM input) AS x; ${payload}; --`,
    `1 /* ${payload}`,
    123,
    { where: payload },
  ]);
}
