// The `sluice` command as a user runs it: `node bin/sluice.js …` in a child process.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../model/run.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = mkdtempSync(path.join(os.tmpdir(), 'sluice-cli-'));

function sluice(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/sluice.js'), ...args], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, content: unknown): string {
  const p = path.join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return p;
}

const n = (id: string, type: string, params: Record<string, unknown> = {}) => ({
  id,
  type,
  params,
  position: { x: 0, y: 0 },
});
const e = (id: string, source: string, target: string, sourcePort = 'out', targetPort = 'in') => ({
  id,
  source,
  sourcePort,
  target,
  targetPort,
});

const good = file('good.sluice.json', {
  sluice: 1,
  name: 'good',
  nodes: [
    n('src', 'core.sequence', { from: 1, to: 5 }),
    n('sq', 'core.map', { code: 'x => x * x' }),
    n('out', 'core.collect'),
  ],
  edges: [e('e1', 'src', 'sq'), e('e2', 'sq', 'out')],
});

describe('sluice CLI', () => {
  it('run: exit 0 and human progress', () => {
    const r = sluice('run', good);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/run completed/);
    expect(r.stdout).toMatch(/collected 5 values/);
    // Each node's process is launched and assigned (`starting`) before its node runs (issue 9).
    const lines = r.stdout.split('\n');
    for (const id of ['src', 'sq', 'out']) {
      const starting = lines.indexOf(`  ${id}: starting`);
      expect([id, starting]).not.toEqual([id, -1]);
      expect(lines.indexOf(`  ${id}: running`)).toBeGreaterThan(starting);
    }
  });

  it('run --json: one RunEvent per line, ending with the completed run; --param overrides', () => {
    const r = sluice('run', good, '--json', '--param', 'src.to=3');
    expect(r.code).toBe(0);
    const events = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as RunEvent);
    expect(events.map((ev) => ev.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.at(-1)).toMatchObject({ kind: 'run-status', status: 'completed' });
    expect(events.some((ev) => ev.kind === 'log' && ev.message.startsWith('collected 3 values'))).toBe(true);
    const statuses = events.flatMap((ev) =>
      ev.kind === 'node-status' && ev.nodeId === 'sq' ? [[ev.status, typeof ev.time]] : [],
    );
    expect(statuses).toEqual([
      ['pending', 'number'],
      ['starting', 'number'],
      ['running', 'number'],
      ['completed', 'number'],
    ]);
  });

  it('run: exit 1 when the run fails, naming the node', () => {
    const bad = file('fails.sluice.json', {
      sluice: 1,
      name: 'f',
      nodes: [
        n('src', 'core.sequence'),
        n('m', 'core.map', { code: "x => { throw new Error('no ' + x) }" }),
        n('out', 'core.log'),
      ],
      edges: [e('e1', 'src', 'm'), e('e2', 'm', 'out')],
    });
    const r = sluice('run', bad);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('run failed: Node "m" (core.map) failed: no 1');
  });

  it('run: exit 2 with one short message for a missing file, bad JSON, or bad arguments', () => {
    for (const args of [
      ['run', path.join(dir, 'missing.json')],
      ['run', file('broken.sluice.json', '{ "sluice": 1,\n  "name": }')],
      ['run', good, '--param', 'nodot'],
      ['run'],
      ['frobnicate'],
      ['run', good, '--wat'],
    ]) {
      const r = sluice(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(3);
    }
    expect(sluice('run', path.join(dir, 'broken.sluice.json')).stderr).toMatch(/2:\d+/);
  });

  it('validate: prints all three problems, each naming node and port; exit 2', () => {
    const three = file('three.sluice.json', {
      sluice: 1,
      name: 'three',
      nodes: [n('src', 'core.sequence'), n('m', 'core.map'), n('f', 'core.filter'), n('x', 'core.nope')],
      edges: [e('e1', 'src', 'm', 'out', 'input'), e('e2', 'm', 'f', 'nope', 'in')],
    });
    const r = sluice('validate', three);
    expect(r.code).toBe(2);
    const lines = r.stderr
      .trim()
      .split('\n')
      .filter((l) => l.includes('error:'));
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(r.stderr).toMatch(/"x"/);
    expect(r.stderr).toMatch(/"input"/);
    expect(r.stderr).toMatch(/"nope"/);
    expect(sluice('validate', good).code).toBe(0);
  });

  it('nodes --json lists the core types; --version and --help exit 0', () => {
    const r = sluice('nodes', '--json');
    expect(r.code).toBe(0);
    const types = (JSON.parse(r.stdout) as Array<{ type: string }>).map((t) => t.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'core.sequence',
        'core.map',
        'core.filter',
        'core.collect',
        'core.log',
        'core.delay',
        'core.fail',
      ]),
    );
    expect(sluice('--version').code).toBe(0);
    expect(sluice('--help').stdout).toMatch(/sluice run FILE|run FILE/);
    for (const command of ['run', 'validate', 'nodes']) {
      const help = sluice(command, '--help');
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(/validate FILE/);
    }
  });

  it('Ctrl-C stops the run cleanly: cancelled, exit 1', async () => {
    const long = file('long.sluice.json', {
      sluice: 1,
      name: 'long',
      nodes: [
        n('src', 'core.sequence', { from: 1, to: 1e9, intervalMs: 2 }),
        n('out', 'core.log', { maxLines: 0 }),
      ],
      edges: [e('e1', 'src', 'out')],
    });
    const child = spawn(process.execPath, [path.join(root, 'bin/sluice.js'), 'run', long, '--json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    const running = new Promise<void>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        if (stdout.includes('"kind":"edge-counts"')) resolve();
      });
    });
    await running;
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(1);
    const events = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as RunEvent);
    expect(events.at(-1)).toMatchObject({ kind: 'run-status', status: 'cancelled' });
    // Stop drains: the source stops and ends its stream, the log node takes the rest and completes.
    const finals = events.filter(
      (ev) => ev.kind === 'node-status' && (ev.status === 'cancelled' || ev.status === 'completed'),
    );
    expect(finals.map((ev) => (ev.kind === 'node-status' ? [ev.nodeId, ev.status] : [])).sort()).toEqual([
      ['out', 'completed'],
      ['src', 'cancelled'],
    ]);
  });
});

const WEATHER = path.join(root, 'node_modules/vega-datasets/data/seattle-weather.csv');
const weatherFlow = (name: string, sql: string): string =>
  file(name, {
    sluice: 1,
    name,
    nodes: [
      n('src', 'csv.read', { path: WEATHER }),
      n('agg', 'sql.query', { sql }),
      n('out', 'data.inspect'),
    ],
    edges: [e('e1', 'src', 'agg', 'table', 'input'), e('e2', 'agg', 'out', 'table', 'in')],
  });
const problemLines = (stderr: string): string[] => stderr.split('\n').filter((l) => l.includes('error:'));

describe('one verdict: validate and run share the check', () => {
  it('validate --param src.path=missing.csv catches the missing path, named under its node; run agrees', () => {
    const flow = weatherFlow('weather.sluice.json', 'SELECT weather, count(*) AS n FROM input GROUP BY 1');
    expect(sluice('validate', flow).code).toBe(0);
    const v = sluice('validate', flow, '--param', 'src.path=missing.csv');
    expect(v.code).toBe(2);
    expect(v.stderr).toContain(
      `error: Node "src" (csv.read): could not work out its output types: file not found: ${path.join(dir, 'missing.csv')}`,
    );
    expect(v.stderr).not.toContain('(check)');
    const r = sluice('run', flow, '--param', 'src.path=missing.csv');
    expect(r.code).toBe(2);
    expect(problemLines(r.stderr)).toEqual(problemLines(v.stderr));
  });

  it('run and validate give exit 2 on the same invalid file; the missing column lists all six columns', () => {
    const flow = weatherFlow('typo.sluice.json', 'SELECT weathr, count(*) AS n FROM input GROUP BY 1');
    const v = sluice('validate', flow);
    const r = sluice('run', flow);
    expect(v.code).toBe(2);
    expect(r.code).toBe(2);
    const lines = problemLines(v.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('Node "agg" (sql.query)');
    expect(lines[0]).toContain('missing column "weathr" (did you mean "weather"?');
    expect(lines[0]).toContain('input has date, precipitation, temp_max, temp_min, wind, weather');
    expect(problemLines(r.stderr)).toEqual(lines);
  });
});
