// `node scripts/nodes-doc.mjs`: writes docs/nodes.md from the built-in node definitions (ports,
// parameters) plus the hand-written example of each type below. engine/nodes/data/docs.test.ts fails
// when a type, a parameter or an example is missing from the file.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleForNode } from './build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'dist', 'tools', 'nodesDoc.js');
await bundleForNode({
  stdin: {
    contents: "export { builtinNodes } from './engine/nodes/registry.ts';",
    resolveDir: root,
    loader: 'ts',
  },
  outfile: bundle,
});
const { builtinNodes } = await import(pathToFileURL(bundle).href);

/** type → example parameters and a sentence on what they do. */
const examples = {
  'core.sequence': {
    params: { from: 1, to: 100, step: 1, intervalMs: 0 },
    text: 'Emits 1, 2, … 100 on `out`.',
  },
  'core.map': {
    params: { code: 'x => ({ n: x, square: x * x })', outputType: 'record{n:number,square:number}' },
    text: 'Turns each number into a record; the output port shows the declared type.',
  },
  'core.filter': { params: { code: 'x => x % 2 === 0' }, text: 'Keeps even values.' },
  'core.delay': { params: { ms: 250 }, text: 'A slow stage: useful to watch back-pressure on the canvas.' },
  'core.collect': {
    params: { file: 'squares.json' },
    text: 'Writes every value it received to `<run folder>/squares.json`.',
  },
  'core.log': { params: { maxLines: 100 }, text: 'Logs the first 100 values, then only counts.' },
  'core.fail': {
    params: { message: 'boom', after: 3, failAttempts: 1 },
    text: 'Fails the first attempt after 3 values; with a retry policy the second attempt succeeds.',
  },
  'csv.read': {
    params: { path: '../node_modules/vega-datasets/data/seattle-weather.csv' },
    text: 'The output port shows `table{date:date,precipitation:number,temp_max:number,temp_min:number,wind:number,weather:string}`, sniffed before the run.',
  },
  'parquet.read': {
    params: { path: '../node_modules/vega-datasets/data/flights-3m.parquet' },
    text: 'A 3-million-row file as a table reference: nothing is read until a node needs rows.',
  },
  'json.read': {
    params: { path: 'events.ndjson', format: 'newline_delimited' },
    text: 'One object per line; column types inferred by DuckDB.',
  },
  'postgres.query': {
    params: {
      sql: 'SELECT id, name, created_at FROM customers',
      connection: 'warehouse',
      connectionsFile: '~/.sluice/connections.json',
    },
    text: 'Fetches through a cursor (10 000 rows at a time) into Parquet in the run folder. The password comes from the connections file or an environment variable, never from the workflow.',
  },
  'sqlite.query': {
    params: { path: 'shop.db', sql: "SELECT * FROM orders WHERE status = 'open'" },
    text: 'Reads with libsql; declared column types are kept.',
  },
  'http.request': {
    params: { url: 'http://127.0.0.1:8080/users/{{id}}', method: 'GET' },
    text: 'With `{ "id": 7 }` arriving on `in`, calls `/users/7` and sends the parsed JSON body on `body`.',
  },
  'timer.schedule': {
    params: { cron: '0 */5 * * * *', count: 12 },
    text: 'Ticks every five minutes, twelve times; wire it to `http.request` to poll an API.',
  },
  'sql.query': {
    params: {
      sql: 'SELECT o.customer, sum(o.amount) AS total\nFROM orders o JOIN customers c ON o.customer = c.id\nGROUP BY o.customer',
      ports: [
        { name: 'orders', type: 'table' },
        { name: 'customers', type: 'table' },
      ],
    },
    text: 'Two input ports, `orders` and `customers`, are the two tables of the query. The result is a deferred query: the next SQL node composes it into its own, and a sink executes the whole chain once.',
  },
  'script.js': {
    params: {
      code: 'for await (const row of inputs.in) {\n  if (row.amount > config.min) await outputs.big.send(row);\n}',
      inputs: [{ name: 'in', type: 'record{amount:number}' }],
      outputs: [{ name: 'big', type: 'record{amount:number}' }],
      config: { min: 100 },
    },
    text: 'Ports come from the `inputs` / `outputs` parameters; the code is the body of an async function.',
  },
  'table.select': {
    params: { columns: 'date, temp_max AS high, weather' },
    text: 'Keeps three columns, renaming one.',
  },
  'table.filter': {
    params: { where: "weather = 'rain' AND precipitation > 10" },
    text: 'Any DuckDB boolean expression over the columns.',
  },
  'table.sort': { params: { by: 'precipitation DESC, date' }, text: 'Wettest days first.' },
  'table.dedupe': {
    params: { keys: 'customer_id' },
    text: 'One row per customer; empty keys removes identical rows.',
  },
  'table.join': {
    params: { condition: 'l.origin = r.iata', how: 'inner' },
    text: 'Joins routes (left) with airports (right); with `on: "id"` it joins on a column both sides share.',
  },
  'table.aggregate': {
    params: { groupBy: 'weather', aggregates: 'count(*) AS days, avg(temp_max) AS mean_high' },
    text: 'One row per kind of weather.',
  },
  'rows.to-table': {
    params: {},
    text: 'After a `script.js` that emits `{ id, score }` objects, makes a table that SQL nodes can query.',
  },
  'table.to-rows': { params: { batch: 500 }, text: 'Feeds a table to an HTTP API in messages of 500 rows.' },
  'stream.merge': {
    params: {
      ports: [
        { name: 'a', type: 'any' },
        { name: 'b', type: 'any' },
      ],
    },
    text: 'Joins two branches into one stream.',
  },
  'stream.split': {
    params: {
      route: "(order) => (order.amount > 100 ? 'review' : 'ok')",
      ports: [
        { name: 'review', type: 'any' },
        { name: 'ok', type: 'any' },
      ],
    },
    text: 'Routes each value by a function; return a list to send to several outputs, null to drop.',
  },
  'stream.batch': {
    params: { size: 100, timeoutMs: 2000, key: 'customer' },
    text: "Broadway's batcher: up to 100 values per customer, sent after at most 2 s.",
  },
  'stream.unbatch': { params: {}, text: 'The reverse of `stream.batch`.' },
  'csv.write': {
    params: { path: 'output/result.csv', header: true, delimiter: ',' },
    text: 'Written to a temporary file and renamed: a failed run leaves no half-written file.',
  },
  'parquet.write': {
    params: { path: 'output/result.parquet', compression: 'zstd' },
    text: 'Executes the deferred query chain that arrives and writes the rows once.',
  },
  'json.write': {
    params: { path: 'output/result.ndjson', format: 'newline_delimited' },
    text: 'NDJSON, or one array with `format: "array"`.',
  },
  'postgres.write': {
    params: {
      table: 'public.weather_by_month',
      mode: 'replace',
      host: '127.0.0.1',
      port: 5432,
      database: 'analytics',
      user: 'etl',
      passwordEnv: 'SLUICE_ANALYTICS_PASSWORD',
    },
    text: 'Drops and recreates the table and inserts every row in one transaction: readers see the old table or the new one, never half of it. `append` checks the target has the same columns and names the difference when not.',
  },
  'sqlite.write': {
    params: { path: 'output/results.db', table: 'weather', mode: 'append' },
    text: 'Creates the table on first use, then appends (one transaction per table).',
  },
  'data.inspect': {
    params: { rows: 10 },
    text: 'Logs `table{…}: N rows` and the first 10 rows; after the run the inspector previews the first 100.',
  },
};

function esc(s) {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function section(def) {
  const lines = [`### \`${def.type}\` — ${def.title}`, '', def.description, ''];
  const ports = (list, dir) =>
    list.map(
      (p) =>
        `- ${dir} \`${p.name}\`: \`${p.type}\`${p.optional ? ' (optional)' : ''}${p.multi ? ' (several edges merge)' : ''}${p.description ? ` — ${p.description}` : ''}`,
    );
  const portLines = [...ports(def.inputs, 'in'), ...ports(def.outputs, 'out')];
  const dynamic = def.params
    .filter((p) => p.kind === 'ports')
    .map(
      (p) =>
        `- ${p.kind === 'ports' && p.direction === 'input' ? 'in' : 'out'}: one port per entry of \`${p.key}\``,
    );
  lines.push(
    '**Ports**',
    '',
    ...(portLines.length || dynamic.length ? [...portLines, ...dynamic] : ['- none']),
    '',
  );
  if (def.params.length) {
    lines.push('**Parameters**', '', '| Key | Kind | Default | Meaning |', '|---|---|---|---|');
    for (const p of def.params) {
      const kind =
        p.kind === 'choice'
          ? `choice: ${p.options.join(' / ')}`
          : p.kind === 'code'
            ? `code (${p.language})`
            : p.kind;
      const dflt =
        p.default === undefined ? (p.required ? '*required*' : '') : `\`${esc(JSON.stringify(p.default))}\``;
      lines.push(
        `| \`${p.key}\` | ${kind} | ${dflt} | ${esc([p.label, p.description].filter(Boolean).join('. '))} |`,
      );
    }
    lines.push('');
  }
  const ex = examples[def.type];
  if (ex) {
    lines.push(
      '**Example**',
      '',
      '```json',
      JSON.stringify({ type: def.type, params: ex.params ?? {} }, null, 2),
      '```',
      '',
      ex.text,
      '',
    );
  } else throw new Error(`no example for ${def.type}`);
  if (def.preload?.length)
    lines.push(
      `*Pre-started workers load ${def.preload.map((m) => `\`${m}\``).join(', ')} for this type.*`,
      '',
    );
  return lines.join('\n');
}

const groups = new Map();
for (const def of builtinNodes()) {
  const list = groups.get(def.category) ?? [];
  list.push(def);
  groups.set(def.category, list);
}
const known = ['Sources', 'Transform', 'Flow', 'Sinks', 'Testing'];
const order = [...known, ...[...groups.keys()].filter((c) => !known.includes(c)).sort()];
const head = `# Node types

Every built-in node type, generated from its definition (ports, parameters) with an example of its
parameters by \`npm run docs:nodes\` (\`scripts/nodes-doc.mjs\`).
Built-in nodes use the same SDK as user nodes (\`engine/sdk\`), so this is also what a user node looks
like to the editor. \`sluice nodes\` prints the same list from the command line.

## Tables by reference

A \`table{…}\` port carries **one message per table**: a reference, never the rows. It is either a file
DuckDB reads directly (CSV with its read options, Parquet, JSON) or a *deferred query* — SQL over other
references, which the next SQL-shaped node (\`sql.query\`, \`table.*\`) composes into its own as CTEs
named after its input ports. Rows are produced only where they are needed:

- a sink (\`parquet.write\`, \`csv.write\`, \`json.write\`, \`postgres.write\`, \`sqlite.write\`) or
  \`table.to-rows\` / \`data.inspect\` executes the whole composed query once and reports its progress;
- \`sql.query\` with **checkpoint** writes its result to Parquet in the run folder (\`tables/\`);
- sources outside DuckDB (\`postgres.query\`, \`sqlite.query\`, \`rows.to-table\`) write their rows once to
  Parquet in the run folder.

Column schemas are part of the port type (\`table{date:date,temp_max:number}\`) and are known before
the run where possible: CSV/Parquet/JSON sources sniff their file, SQL-shaped nodes \`DESCRIBE\` their
query over empty stand-ins of their input types. A source node reuses the ref its run's check found
while the file is unchanged (same size, inode and times), so a file is sniffed once per run. Every
table a data node sends is also recorded in \`<run folder>/outputs/<node>.<port>.json\`. Its preview
(schema, exact row count, first 100 rows) is captured where the run executes it — by the sink or
\`data.inspect\` that reads it, by the node itself when nothing consumes its output — into
\`<node>.<port>.preview.json\`, and the inspector and REST show that record, never a query run again
on files that may have changed. A table that was only read inside a later node's query (a source
feeding a GROUP BY) has no captured rows, and its preview says so; tables in the run folder
(checkpoints, rows staged from databases) are read there.

Errors name what is at fault: a broken CSV row (file and the physical line where the row starts:
an unclosed or stray quote, a wrong field count), a binary or non-UTF-8 file (at the check), a SQL
syntax error (line and column in the node's SQL), a missing column (its name), a refused PostgreSQL connection (host:port), a
target table of the wrong shape (the columns on each side). Every file sink writes to a temporary
file and renames it; database sinks write in one transaction — a failure leaves no partial output.

A composed query runs where rows are needed, so a fault in an upstream fragment surfaces there (a
\`CAST\` that fails on a value, a broken row past the sniffer's sample). The executing node then runs
each fragment alone, inputs first (\`EXPLAIN ANALYZE\`, only after a failure), and blames the first one
that fails: that node is \`failed\`, with the line and column in its own SQL, and the nodes after it
are \`cancelled\`.

## Rows in JavaScript, and types in files

\`table.to-rows\` turns a table into plain JSON rows, which is what \`script.js\`, \`core.map\` and the
other message nodes see — one object per row, keyed by column name:

| DuckDB type | in a row | example |
| --- | --- | --- |
| \`DATE\` | string, \`YYYY-MM-DD\` | \`"2024-02-01"\` |
| \`TIMESTAMP\` | string, \`YYYY-MM-DD HH:MM:SS[.fff]\` (no time zone, no \`T\`) | \`"2024-02-01 13:45:00.5"\` |
| \`DECIMAL(p,s)\`, \`DOUBLE\` | number (a JS double: a \`DECIMAL\` beyond about 15 significant digits is rounded) | \`12.3\` |
| \`INTEGER\`, \`BIGINT\`, \`HUGEINT\` | number while it is a safe integer (below 2^53 in size), else a string of its digits, never rounded | \`5\`, \`"9007199254740993"\` |
| \`BOOLEAN\` | boolean | \`true\` |
| \`VARCHAR\` | string | \`"rain"\` |
| \`LIST\`, \`STRUCT\` | array, object | \`[1, 2]\`, \`{"a": 1}\` |
| NULL | \`null\` | |

So \`new Date(row.date)\` parses a date (as UTC midnight), and code that adds big integers should
use \`BigInt(row.n)\`. Rows going back into a table (\`rows.to-table\`) get their types from the values,
inferred by DuckDB's \`read_json\`: an ISO date string is read back as a date, a big integer kept as a
string stays text (cast it in the next \`sql.query\`).

A 128-bit integer — \`HUGEINT\`, which is what \`sum()\` of a \`BIGINT\` or \`INTEGER\` column gives — has
no Parquet type: \`parquet.write\` (DuckDB's \`COPY … (FORMAT parquet)\`) writes it as \`DOUBLE\`, exact
only up to 2^53. Cast it in the query to keep it exact: \`sum(n)::BIGINT\` (fails loudly if it does
not fit) or \`sum(n)::DECIMAL(38,0)\`. CSV and JSON sinks write every digit; \`postgres.write\`
(\`BIGINT\`) and \`sqlite.write\` (\`INTEGER\`) hold 64 bits, and a value beyond fails the write.

## Credentials

\`postgres.query\` and \`postgres.write\` never take a password parameter. Either \`passwordEnv\` names an
environment variable, or \`connection\` names an entry of a connections file kept outside the
workflow (default \`~/.sluice/connections.json\`, or the file \`SLUICE_CONNECTIONS_FILE\` names):

\`\`\`json
{
  "$allowEnv": ["DW_PASSWORD"],
  "warehouse": { "host": "db.internal", "port": 5432, "database": "dw", "user": "etl", "passwordEnv": "DW_PASSWORD" }
}
\`\`\`

A workflow travels, so it may name only variables that start with \`SLUICE_\` or that your own
connections file lists under \`"$allowEnv"\` (a received workflow cannot send \`AWS_SECRET_ACCESS_KEY\`
as a password to its author's server). An unset variable fails the node, naming it, before anything
connects. A connections file that group or others can read is refused until you run \`chmod 600 FILE\`.
`;
const body = order
  .filter((c) => groups.has(c))
  .map((c) => `## ${c}\n\n${groups.get(c).map(section).join('\n')}`)
  .join('\n');
writeFileSync(path.join(root, 'docs/nodes.md'), head + '\n' + body);
