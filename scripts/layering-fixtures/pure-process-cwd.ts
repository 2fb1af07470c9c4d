// Checked as engine/model/fixture.ts: a Node global in a pure module (its type-check has no Node types).
export const here = process.cwd();
