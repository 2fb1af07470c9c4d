// Opening a workflow runs none of its SQL: hostile SQL in a received workflow is refused with a problem
// naming the node at open (the editor's validate + infer right after it), at validate, at infer and at
// run time, and writes or reads nothing — checked on the file system and on a local HTTP server.
import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { readdir, symlink, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../model/problem.js';
import type { Workflow } from '../model/workflow.js';
import { resultOf, startHarness, type Harness } from './testing/serveHarness.js';

let h: Harness;
let web: Server;
let webHits: string[];
let webUrl: string;

beforeAll(async () => {
  h = await startHarness();
  webHits = [];
  web = createServer((req, res) => {
    webHits.push(req.url ?? '');
    res.end('a,b\n1,2\n');
  });
  await new Promise<void>((r) => web.listen(0, '127.0.0.1', r));
  webUrl = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;
  await writeFile(path.join(h.outside, 'secret.csv'), 'password,owner\nhunter2,root\n');
});

afterAll(async () => {
  await new Promise((r) => web.close(r));
  await h.close();
});

function quote(p: string): string {
  return `'${p.replace(/'/g, "''")}'`;
}

/** A workflow whose node "evil" holds `sql`; with `wrapped`, the SQL sits behind an input port. */
function attack(sql: string, wrapped = false): Workflow {
  if (!wrapped) {
    return {
      sluice: 1,
      name: 'Attack',
      nodes: [{ id: 'evil', type: 'sql.query', params: { sql, ports: [] }, position: { x: 0, y: 0 } }],
      edges: [],
    };
  }
  return {
    sluice: 1,
    name: 'Attack',
    nodes: [
      { id: 'src', type: 'sql.query', params: { sql: 'SELECT 1 AS a', ports: [] }, position: { x: 0, y: 0 } },
      {
        id: 'evil',
        type: 'sql.query',
        params: { sql, ports: [{ name: 'input', type: 'table' }] },
        position: { x: 200, y: 0 },
      },
    ],
    edges: [{ id: 'e1', source: 'src', sourcePort: 'table', target: 'evil', targetPort: 'input' }],
  };
}

interface Case {
  name: string;
  sql: () => string;
  wrapped?: boolean;
  /** What the problem says. */
  message: RegExp;
  /** Files that must not exist afterwards. */
  notWritten: () => string[];
}

const owned = (): string => path.join(h.base, 'owned.sh');
const cases: Case[] = [
  {
    name: 'a second statement (COPY to a shell file)',
    sql: () =>
      `SELECT 1 AS a; COPY (SELECT 'echo owned' AS line) TO ${quote(owned())} (FORMAT csv, HEADER false)`,
    message: /found 2 statements; only one SELECT statement/,
    notWritten: () => [owned()],
  },
  {
    name: 'a COPY',
    sql: () => `COPY (SELECT 'echo owned' AS line) TO ${quote(owned())} (FORMAT csv, HEADER false)`,
    message: /found COPY, which is not a SELECT/,
    notWritten: () => [owned()],
  },
  {
    name: 'an ATTACH',
    sql: () => `ATTACH ${quote(path.join(h.base, 'attached.db'))} AS x`,
    message: /found ATTACH, which is not a SELECT/,
    notWritten: () => [path.join(h.base, 'attached.db')],
  },
  {
    name: 'an INSTALL from a server',
    sql: () => `INSTALL httpfs FROM ${quote(webUrl)}`,
    message: /found INSTALL, which is not a SELECT/,
    notWritten: () => [],
  },
  {
    name: 'SQL that closes the wrapper around an input port',
    sql: () =>
      `SELECT * FROM input) AS x; COPY (SELECT 'echo owned' AS line) TO ${quote(owned())} (FORMAT csv, HEADER false); SELECT * FROM (SELECT 1`,
    wrapped: true,
    message: /syntax error/,
    notWritten: () => [owned()],
  },
  {
    name: 'a read_csv of a path outside the workflow folder',
    sql: () => `SELECT * FROM read_csv(${quote(path.join(h.outside, 'secret.csv'))})`,
    message: /Permission Error: Cannot access file .*secret\.csv.* disabled by configuration/,
    notWritten: () => [],
  },
  {
    name: 'a URL',
    sql: () => `SELECT * FROM read_csv(${quote(`${webUrl}/data.csv`)})`,
    message: /Permission Error: Cannot access file "http.* disabled by configuration/,
    notWritten: () => [],
  },
];

function evilProblem(problems: Problem[]): Problem | undefined {
  return problems.find((p) => p.nodeId === 'evil' && p.severity === 'error');
}

describe('hostile SQL in a received workflow', () => {
  for (const [i, c] of cases.entries()) {
    it(`refuses ${c.name} at open, validate and infer, touching nothing`, async () => {
      const file = `attack-${i}.sluice.json`;
      await writeFile(path.join(h.workspace, file), JSON.stringify(attack(c.sql(), c.wrapped)));
      const before = await readdir(h.base, { recursive: true });

      // Opening = what the editor does with a file: open it, then validate and infer it.
      const opened = resultOf<{ text: string }>(await h.call('workflow:open', { path: file }));
      const workflow = JSON.parse(opened.text) as Workflow;
      const validated = resultOf<Problem[]>(await h.call('workflow:validate', { workflow, path: file }));
      const inferred = resultOf<{ problems: Problem[]; outputTypes: Record<string, unknown> }>(
        await h.call('workflow:infer', { workflow, path: file }),
      );
      for (const problems of [validated, inferred.problems]) {
        const p = evilProblem(problems);
        expect(p, JSON.stringify(problems)).toBeDefined();
        expect(p!.message).toMatch(/^Node "evil" \(sql\.query\)/);
        expect(p!.message).toMatch(c.message);
        expect(p!.message).not.toMatch(/hunter2/);
      }
      expect(inferred.outputTypes['evil']).toBeUndefined();

      for (const f of c.notWritten()) expect(existsSync(f), f).toBe(false);
      expect(await readdir(h.base, { recursive: true })).toEqual(before);
      expect(webHits).toEqual([]);
    });
  }

  it('reads no declared file outside the workspace, nor one a link inside leads out to', async () => {
    await symlink(path.join(h.outside, 'secret.csv'), path.join(h.workspace, 'link.csv'));
    for (const [id, p] of [
      ['far', path.join(h.outside, 'secret.csv')],
      ['up', '../outside/secret.csv'],
      ['link', 'link.csv'],
    ] as const) {
      const workflow: Workflow = {
        sluice: 1,
        name: 'Reader',
        nodes: [{ id, type: 'csv.read', params: { path: p }, position: { x: 0, y: 0 } }],
        edges: [],
      };
      await writeFile(path.join(h.workspace, `read-${id}.sluice.json`), JSON.stringify(workflow));
      for (const method of ['workflow:validate', 'workflow:infer']) {
        const r = await h.call(method, { workflow, path: `read-${id}.sluice.json` });
        const text = JSON.stringify(r);
        expect(text).toContain(`Node \\"${id}\\" (csv.read)`);
        expect(text).toContain('is outside what a check may read');
        expect(text).not.toMatch(/hunter2|password/);
      }
    }
  });

  it('refuses the COPY at Run too: the run is refused before any node starts, naming the node, and writes nothing', async () => {
    const sql = `SELECT 1 AS a; COPY (SELECT 'echo owned' AS line) TO ${quote(owned())} (FORMAT csv, HEADER false)`;
    const workflow = attack(sql);
    workflow.nodes.push({ id: 'sink', type: 'data.inspect', params: {}, position: { x: 300, y: 0 } });
    workflow.edges.push({ id: 'e9', source: 'evil', sourcePort: 'table', target: 'sink', targetPort: 'in' });
    // Run makes the check validate makes (issue 11: one verdict), so the statement is refused there.
    const r = await h.call('run:start', { workflow });
    expect('error' in r).toBe(true);
    expect(JSON.stringify(r)).toMatch(/Node \\"evil\\".*found 2 statements; only one SELECT/);
    expect(existsSync(owned())).toBe(false);
  });
});
