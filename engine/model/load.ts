// Loading a workflow file: JSON → version check → migrations → schema → duplicate ids.
// Every problem names what is at fault; malformed JSON gets a 1-based line and column.

import { duplicateIdProblems } from './ids.js';
import { workflowMigrations, type MigrationRegistry, type WorkflowDocument } from './migrate.js';
import type { Problem } from './problem.js';
import { validateWorkflowDocument } from './schema.js';
import { WORKFLOW_VERSION, type Workflow } from './workflow.js';

export interface ParseOptions {
  /** Migrations from older versions; `workflowMigrations` by default. */
  migrations?: MigrationRegistry;
}

/**
 * Parses and checks the text of a workflow file. `workflow` is present only when there is no
 * error; the graph itself (node types, ports, types) is checked by `checkWorkflow`.
 */
export function parseWorkflow(
  text: string,
  options: ParseOptions = {},
): { workflow?: Workflow; problems: Problem[] } {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const { line, column } = jsonErrorLocation(body, message);
    return {
      problems: [
        {
          code: 'syntax',
          severity: 'error',
          message: `The file is not valid JSON at line ${line}, column ${column}: ${cleanJsonMessage(message)}`,
          line,
          column,
        },
      ],
    };
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    const got = doc === null ? 'null' : Array.isArray(doc) ? 'an array' : `a ${typeof doc}`;
    return {
      problems: [
        {
          code: 'schema',
          severity: 'error',
          message: `The file must hold a JSON object (a Sluice workflow), not ${got}`,
        },
      ],
    };
  }
  const migrated = migrate(doc as WorkflowDocument, options.migrations ?? workflowMigrations);
  if ('problem' in migrated) return { problems: [migrated.problem] };
  const { workflow, problems } = validateWorkflowDocument(migrated.doc);
  if (!workflow) return { problems };
  const duplicates = duplicateIdProblems(workflow);
  return duplicates.length ? { problems: duplicates } : { workflow, problems: [] };
}

function migrate(
  doc: WorkflowDocument,
  registry: MigrationRegistry,
): { doc: WorkflowDocument } | { problem: Problem } {
  const version = doc.sluice;
  const problem = (message: string): { problem: Problem } => ({
    problem: { code: 'version', severity: 'error', message, field: 'sluice' },
  });
  if (version === undefined) {
    return problem(
      `The file has no "sluice" version field, so it is not a Sluice workflow (this Sluice reads version ${WORKFLOW_VERSION})`,
    );
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return problem(
      `The file's "sluice" version must be a whole number, not ${JSON.stringify(version)} (this Sluice reads version ${WORKFLOW_VERSION})`,
    );
  }
  if (version > WORKFLOW_VERSION) {
    return problem(
      `This file was written by a newer Sluice (version ${version}); this Sluice reads version ${WORKFLOW_VERSION}`,
    );
  }
  if (version === WORKFLOW_VERSION) return { doc };
  const result = registry.migrate(doc, version);
  return result.ok ? { doc: result.doc } : problem(result.message);
}

/** V8's messages quote a snippet of the input; the position is reported separately. */
function cleanJsonMessage(message: string): string {
  return message
    .replace(/, ".*" is not valid JSON$/s, '')
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/ at position \d+.*$/s, '');
}

/**
 * Where JSON.parse failed, as a 1-based line and column. Engines report it differently (V8 gives
 * "at position N", newer ones "(line L column C)", some nothing); without a position, the failing
 * offset is found by parsing prefixes: a prefix that stops before the fault fails only with
 * "unexpected end", one that includes it fails otherwise.
 */
export function jsonErrorLocation(text: string, message: string): { line: number; column: number } {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]) };
  const pos = /position (\d+)/.exec(message);
  return offsetToLineColumn(text, pos ? Number(pos[1]) : findErrorOffset(text));
}

function findErrorOffset(text: string): number {
  const failsBeforeEnd = (length: number): boolean => {
    try {
      JSON.parse(text.slice(0, length));
      return false;
    } catch (e) {
      const message = e instanceof Error ? e.message : '';
      if (/end of (JSON )?(input|data)/i.test(message)) return false;
      // A cut-off number, string or escape fails at the cut itself: that is still "ending early".
      const at = /position (\d+)/.exec(message);
      return !at || Number(at[1]) < length;
    }
  };
  // Smallest prefix length that fails for a reason other than ending early; the fault is its last char.
  let lo = 1;
  let hi = text.length;
  if (hi === 0 || !failsBeforeEnd(hi)) return text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (failsBeforeEnd(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo - 1;
}

function offsetToLineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}
