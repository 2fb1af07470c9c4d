// The layering bites: each fixture in scripts/layering-fixtures/ breaks one rule and is linted (ESLint's
// Node API) or type-checked (scripts/typeBoundaries.mjs) as if it lived at its target path; the exact
// rule must fire. Positive cases prove the allow-lists let today's code through.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { boundaries, checkBoundary, type Boundary } from './typeBoundaries.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const eslint = new ESLint({ cwd: root });
const fixture = (name: string) => readFileSync(path.join(root, 'scripts/layering-fixtures', name), 'utf8');

async function lintAt(text: string, target: string) {
  const [result] = await eslint.lintText(text, { filePath: path.join(root, target) });
  return result!.messages;
}

/** The messageIds `layering/imports` reports for a fixture linted at `target`. */
async function layeringAt(name: string, target: string) {
  const messages = await lintAt(fixture(name), target);
  expect(messages.filter((m) => m.fatal)).toEqual([]);
  return messages.filter((m) => m.ruleId === 'layering/imports').map((m) => `${m.messageId}: ${m.message}`);
}

const boundary = (project: string): Boundary => boundaries.find((b) => b.project === project)!;

describe('layering lint: each forbidden import fails', () => {
  const cases: [fixture: string, target: string, messageId: string, names: string][] = [
    [
      'renderer-imports-engine-host.ts',
      'renderer/src/canvas/fixture.ts',
      'path',
      'engine/host/hostService.js',
    ],
    ['renderer-imports-electron-main.ts', 'renderer/src/canvas/fixture.ts', 'path', 'electron/hostCalls.js'],
    ['renderer-imports-contract.ts', 'renderer/src/canvas/fixture.ts', 'path', 'electron/contract/ipc.js'],
    ['renderer-bare-events.ts', 'renderer/src/run/fixture.ts', 'builtin', "'events'"],
    ['renderer-dynamic-node-fs.ts', 'renderer/src/files.fixture.ts', 'builtin', "'node:fs'"],
    ['renderer-require-fs.ts', 'renderer/src/files.fixture.ts', 'builtin', "'fs'"],
    ['renderer-computed-import.ts', 'renderer/src/files.fixture.ts', 'computed', 'computed name'],
    ['renderer-electron-package.ts', 'renderer/src/host/fixture.ts', 'package', "'electron'"],
    ['renderer-node-types-via-pg.ts', 'renderer/src/run/fixture.ts', 'package', "'pg'"],
    ['preload-node-fs.ts', 'electron/preload.ts', 'builtin', "'node:fs'"],
    ['preload-value-import-engine.ts', 'electron/preload.ts', 'typeOnly', 'engine/hostApi/errors.js'],
    ['preload-imports-engine-host.ts', 'electron/preload.ts', 'path', 'engine/host/hostService.js'],
    ['pure-node-path.ts', 'engine/model/fixture.ts', 'builtin', "'node:path'"],
    ['pure-imports-nodes.ts', 'engine/check/fixture.ts', 'path', 'engine/nodes/registry.js'],
    ['engine-electron.ts', 'engine/host/fixture.ts', 'package', "'electron'"],
    ['engine-imports-renderer.ts', 'engine/server/fixture.ts', 'path', 'renderer/src/store/index.js'],
    ['contract-imports-host.ts', 'electron/contract/fixture.ts', 'path', 'engine/host/hostService.js'],
  ];
  it.each(cases)('%s at %s: layering/imports %s', async (name, target, messageId, names) => {
    const reports = await layeringAt(name, target);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatch(new RegExp(`^${messageId}: `));
    expect(reports[0]).toContain(names);
  });

  it('every Node built-in, bare and node:-prefixed (module.builtinModules), fails in the renderer', async () => {
    const names = builtinModules.flatMap((m) => [m, `node:${m}`]);
    const text = names.map((m) => `import '${m}';`).join('\n');
    const messages = await lintAt(text, 'renderer/src/fixture.ts');
    const builtin = messages.filter((m) => m.ruleId === 'layering/imports' && m.messageId === 'builtin');
    expect(builtin).toHaveLength(names.length);
  });

  it('a Node global in the renderer fails no-restricted-globals', async () => {
    const messages = await lintAt(fixture('renderer-process-cwd.ts'), 'renderer/src/run/fixture.ts');
    expect(messages.map((m) => `${m.ruleId}: ${m.message}`)).toEqual([
      "no-restricted-globals: Unexpected use of 'process'. 'process' is a Node.js global: this code runs in a page.",
    ]);
  });
});

describe('layering lint: what the allow-lists let through', () => {
  it('the renderer imports React, zustand, @xyflow/react, engine pure modules and its own files', async () => {
    expect(await lintAt(fixture('renderer-allowed.ts'), 'renderer/src/canvas/fixture.ts')).toEqual([]);
  });

  it("the preload client, and only it, imports the preload's contract", async () => {
    expect(await layeringAt('renderer-imports-contract.ts', 'renderer/src/host/preloadClient.ts')).toEqual(
      [],
    );
    const client = readFileSync(path.join(root, 'renderer/src/host/preloadClient.ts'), 'utf8');
    expect(await lintAt(client, 'renderer/src/host/preloadClient.ts')).toEqual([]);
  });

  it('the preload imports electron, the contract, and engine pure modules as types', async () => {
    const preload = readFileSync(path.join(root, 'electron/preload.ts'), 'utf8');
    expect(preload).toMatch(/import type .* from '\.\.\/engine\/model\//);
    expect(await lintAt(preload, 'electron/preload.ts')).toEqual([]);
  });

  it('every source file of engine/, electron/ and renderer/src/ has a layer of its own', async () => {
    const files = execFileSync('git', ['ls-files', 'engine', 'electron', 'renderer/src'], { cwd: root })
      .toString()
      .split('\n')
      .filter((f) => /\.([mc]?[jt]s|tsx)$/.test(f) && !f.endsWith('.d.ts'));
    expect(files.length).toBeGreaterThan(100);
    const unassigned: string[] = [];
    for (const f of files) {
      const config = (await eslint.calculateConfigForFile(path.join(root, f))) as {
        rules: Record<string, [number, { layer: string }]>;
      };
      const layer = config.rules['layering/imports']?.[1].layer;
      if (!layer || layer.includes('no layer')) unassigned.push(f);
    }
    expect(unassigned).toEqual([]);
  });
});

describe('type boundaries: the browser-side programs hold no Node types and no engine host side', () => {
  it("the renderer's type-check fails on process.cwd() (TS2591: no Node types)", () => {
    const { diagnostics } = checkBoundary(boundary('renderer/tsconfig.json'), {
      path: 'renderer/src/run/fixture.ts',
      text: fixture('renderer-process-cwd.ts'),
    });
    expect(diagnostics.map((d) => d.code)).toEqual([2591]);
    expect(diagnostics[0]!.text).toContain("Cannot find name 'process'");
  });

  it("a package that references Node's types (@types/pg) breaks the renderer's boundary", () => {
    const { problems, diagnostics } = checkBoundary(boundary('renderer/tsconfig.json'), {
      path: 'renderer/src/run/fixture.ts',
      text: fixture('renderer-node-types-via-pg.ts'),
    });
    // tsc alone accepts this file: the leak the boundary check exists for.
    expect(diagnostics).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^renderer\/tsconfig\.json: Node's types \(@types\/node\) are in this program/,
    );
    expect(problems[0]).toContain('@types/pg/index.d.ts');
  });

  it("a pure engine module's type-check fails on process.cwd()", () => {
    const { diagnostics } = checkBoundary(boundary('engine/tsconfig.pure.json'), {
      path: 'engine/model/fixture.ts',
      text: fixture('pure-process-cwd.ts'),
    });
    expect(diagnostics.map((d) => d.code)).toEqual([2591]);
  });

  it("the preload's program refuses the engine's host side, even through `import type`", () => {
    const { problems } = checkBoundary(boundary('electron/tsconfig.preload.json'), {
      path: 'electron/preload.ts',
      text: fixture('preload-imports-engine-host.ts'),
    });
    expect(problems).toContain(
      'electron/tsconfig.preload.json: engine/host/hostService.ts is in this program; it may hold only ' +
        'electron/preload.ts, electron/contract/, engine/types/, engine/model/, engine/check/, engine/hostApi/',
    );
  });

  it('an allowed renderer file type-checks inside the boundary', () => {
    const result = checkBoundary(boundary('renderer/tsconfig.json'), {
      path: 'renderer/src/canvas/fixture.ts',
      text: fixture('renderer-allowed.ts'),
    });
    expect(result).toEqual({ problems: [], diagnostics: [] });
  });

  it("today's programs are inside their boundaries", () => {
    for (const b of boundaries) expect(checkBoundary(b).problems).toEqual([]);
  });
});
