// Migrations of workflow documents from older file versions, applied before the schema check.
// A migration takes the parsed JSON of version n and returns the document of version n + 1; the
// registry sets `sluice` to n + 1 itself. None exists yet: version 1 is the first released format.

import { WORKFLOW_VERSION } from './workflow.js';

export type WorkflowDocument = Record<string, unknown>;
export type Migration = (doc: WorkflowDocument) => WorkflowDocument;

export type MigrationResult =
  { ok: true; doc: WorkflowDocument; applied: number[] } | { ok: false; message: string };

export class MigrationRegistry {
  private readonly steps = new Map<number, Migration>();

  constructor(readonly target: number = WORKFLOW_VERSION) {}

  /** Registers the step from version `from` to `from + 1`. */
  register(from: number, migrate: Migration): this {
    if (!Number.isInteger(from) || from >= this.target) {
      throw new Error(`A migration must start from a version below ${this.target}, not ${from}`);
    }
    if (this.steps.has(from)) throw new Error(`A migration from version ${from} is already registered`);
    this.steps.set(from, migrate);
    return this;
  }

  /** Brings `doc` of version `from` up to `target`, one step at a time. */
  migrate(doc: WorkflowDocument, from: number): MigrationResult {
    const applied: number[] = [];
    let current = doc;
    for (let v = from; v < this.target; v++) {
      const step = this.steps.get(v);
      if (!step) {
        return {
          ok: false,
          message: `This file has version ${from}, which this Sluice cannot read or migrate (it reads version ${this.target})`,
        };
      }
      current = { ...step(current), sluice: v + 1 };
      applied.push(v);
    }
    return { ok: true, doc: current, applied };
  }
}

/** The migrations `parseWorkflow` uses by default. */
export const workflowMigrations = new MigrationRegistry();
