// utilityProcess reports only an exit code; the Launcher contract (engine/runtime/contracts.ts) wants
// `code` null and `signal` set when the process was killed, like child_process. We know when we
// killed it, so we say so.

export function exitReport(
  code: number,
  killedWith: string | undefined,
): { code: number | null; signal: string | null } {
  // A process that had already finished cleanly before our kill landed keeps its own code 0.
  if (killedWith !== undefined && code !== 0) return { code: null, signal: killedWith };
  return { code, signal: null };
}
