// What each browser-side TypeScript project may contain, checked on the program TypeScript builds
// (every file it reads, however it got there), not on the imports one file writes. A package's
// `/// <reference types="node" />` (@types/pg has one) would otherwise hand the renderer Node's
// globals, and `process.cwd()` would type-check in a page.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PURE = ['engine/types/', 'engine/model/', 'engine/check/', 'engine/hostApi/'];

/** project → the repository files its program may hold, and whether Node's types may be among them. */
export const boundaries = [
  { project: 'engine/tsconfig.pure.json', files: PURE, nodeTypes: false },
  {
    project: 'renderer/tsconfig.json',
    files: ['renderer/src/', 'electron/contract/', ...PURE],
    nodeTypes: false,
  },
  // Electron's own types reference Node's, so the preload has them; the engine's host side it has not.
  {
    project: 'electron/tsconfig.preload.json',
    files: ['electron/preload.ts', 'electron/contract/', ...PURE],
    nodeTypes: true,
  },
];

const NODE_TYPES = `${path.sep}node_modules${path.sep}@types${path.sep}node${path.sep}`;
const isNodeTypes = (file) => path.resolve(file).includes(NODE_TYPES);

function loadConfig(project) {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    path.join(root, project),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error(`cannot read ${project}`);
  return parsed;
}

/**
 * Builds the program of one boundary and returns its problems (one sentence each). With `extra`
 * ({ path, text }, a repository path) the program is that one file, read from memory as if it lived
 * at `path`, and `diagnostics` holds TypeScript's own errors too (the fixtures of layering.test.ts).
 */
export function checkBoundary(boundary, extra) {
  const config = loadConfig(boundary.project);
  const host = ts.createCompilerHost(config.options);
  let rootNames = config.fileNames;
  if (extra) {
    const virtual = path.join(root, extra.path);
    const { getSourceFile, fileExists, readFile } = host;
    host.fileExists = (f) => path.resolve(f) === virtual || fileExists.call(host, f);
    host.readFile = (f) => (path.resolve(f) === virtual ? extra.text : readFile.call(host, f));
    host.getSourceFile = (f, lang, ...rest) =>
      path.resolve(f) === virtual
        ? ts.createSourceFile(f, extra.text, lang, true)
        : getSourceFile.call(host, f, lang, ...rest);
    rootNames = [virtual];
  }
  const program = ts.createProgram({ rootNames, options: config.options, host });
  const files = program.getSourceFiles();
  const problems = [];

  if (!boundary.nodeTypes && files.some((f) => isNodeTypes(f.fileName))) {
    const via = files
      .filter((f) => !isNodeTypes(f.fileName) && !f.fileName.includes('/undici-types/'))
      .filter((f) => f.typeReferenceDirectives.some((r) => r.fileName === 'node'))
      .map((f) => path.relative(root, f.fileName));
    problems.push(
      `${boundary.project}: Node's types (@types/node) are in this program, so Node globals such as ` +
        `process type-check here; referenced by ${via.length ? via.join(', ') : 'a file (see tsc --explainFiles)'}`,
    );
  }
  for (const f of files) {
    const rel = path.relative(root, f.fileName).split(path.sep).join('/');
    if (rel.startsWith('..') || rel.startsWith('node_modules/') || rel.includes('/node_modules/')) continue;
    if (!boundary.files.some((p) => (p.endsWith('/') ? rel.startsWith(p) : rel === p))) {
      problems.push(
        `${boundary.project}: ${rel} is in this program; it may hold only ${boundary.files.join(', ')}`,
      );
    }
  }
  const diagnostics = extra
    ? ts.getPreEmitDiagnostics(program).map((d) => ({
        code: d.code,
        text: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
      }))
    : [];
  return { problems, diagnostics };
}

// `node scripts/typeBoundaries.mjs`: check every boundary (scripts/typecheck.mjs runs this).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let failed = 0;
  for (const b of boundaries) {
    const { problems } = checkBoundary(b);
    for (const p of problems) console.error(p);
    console.log(`boundary ${b.project}: ${problems.length ? 'broken' : 'ok'}`);
    if (problems.length) failed++;
  }
  process.exit(failed ? 1 : 0);
}
