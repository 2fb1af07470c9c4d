import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync, writeFileSync } from 'node:fs';
const db = await DuckDBInstance.create(':memory:');
const c = await db.connect();
const lines = readFileSync('node_modules/vega-datasets/data/seattle-weather.csv','utf8').trimEnd().split('\n');
const quoted = lines.map(l => l.split(',').map(v => `"${v}"`).join(','));
const q1 = [...quoted]; q1[699] = q1[699].replace(/"$/, '');  // unclosed quote at end of line 700
writeFileSync('/tmp/scratch/q-unclosed.csv', q1.join('\n')+'\n');
const q2 = [...quoted]; q2[699] = q2[699].replace('","', ',"'); // stray
writeFileSync('/tmp/scratch/q-stray.csv', q2.join('\n')+'\n');
const p1 = [...lines]; p1[699] = p1[699].replace(',', ',"'); // stray quote at field start
writeFileSync('/tmp/scratch/p-stray-start.csv', p1.join('\n')+'\n');
const p2 = [...lines]; p2[699] = p2[699].replace(/(\w)$/, '$1"x'); // stray mid-field
writeFileSync('/tmp/scratch/p-stray-mid.csv', p2.join('\n')+'\n');
const p3 = [...lines]; p3[699] = p3[699] + ',extra';
writeFileSync('/tmp/scratch/p-extra.csv', p3.join('\n')+'\n');
console.log(q1[699], '|', q2[699], '|', p1[699], '|', p2[699]);
const run = async (q) => { try { const r = await c.runAndReadAll(q); console.log('ok', JSON.stringify(r.getRowsJson().slice(0,3))); } catch (e) { console.log('ERR', JSON.stringify(e.message)); } };
for (const f of ['q-unclosed','q-stray','p-stray-start','p-stray-mid','p-extra']) {
  const p = `/tmp/scratch/${f}.csv`;
  console.log('==', f);
  await run(`SELECT Quote, Escape, Delimiter FROM sniff_csv('${p}')`);
  await run(`SELECT count(*) FROM read_csv('${p}', quote='"', escape='"', delim=',', header=true, strict_mode=true)`);
  await run(`SELECT count(*) FROM read_csv('${p}', quote='"', escape='"', delim=',', header=true, strict_mode=true, store_rejects=true)`);
  await run(`SELECT line, line_byte_position, byte_position, error_type, error_message FROM reject_errors`);
}
