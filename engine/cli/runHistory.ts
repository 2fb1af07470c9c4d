// Where `sluice run` keeps a run: in the same history `sluice serve --workspace DIR` lists
// (`<DIR>/.sluice/runs`, engine/host/hostService.ts), so a run of a workspace's file from the
// command line shows in the editor's run history too.
//   --workspace DIR given       → <DIR>/.sluice/runs
//   else the nearest folder, from the workflow's folder upwards, that has a .sluice/runs history
//   else                        → .sluice/runs next to the workflow file
// The run's workflowPath is then relative to that workspace, as the editor's runs record it.

import { statSync } from 'node:fs';
import path from 'node:path';

export const RUNS_SUBDIR = path.join('.sluice', 'runs');

export interface RunHistoryPlace {
  /** The folder the run history lives in (`<workspace>/.sluice/runs`). */
  runsDir: string;
  /** The workflow's path as recorded: relative (with `/`) inside the workspace, else absolute. */
  workflowPath: string;
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The workspace a workflow file belongs to, by the rule above. */
export function findWorkspace(workflowFile: string, workspace?: string): string {
  if (workspace !== undefined) return path.resolve(workspace);
  const start = path.dirname(path.resolve(workflowFile));
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (isDir(path.join(dir, RUNS_SUBDIR))) return dir;
    if (path.dirname(dir) === dir) return start;
  }
}

export function runHistoryPlace(workflowFile: string, workspace?: string): RunHistoryPlace {
  const root = findWorkspace(workflowFile, workspace);
  const file = path.resolve(workflowFile);
  const rel = path.relative(root, file);
  const inside = rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  return {
    runsDir: path.join(root, RUNS_SUBDIR),
    workflowPath: inside ? rel.split(path.sep).join('/') : file,
  };
}
