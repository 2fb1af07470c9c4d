// Human-readable output of `sluice run` and `sluice nodes`.
import type { NodeTypeInfo } from '../model/nodeTypeInfo.js';
import type { RunEvent } from '../model/run.js';

export function formatEvent(e: RunEvent): string | undefined {
  switch (e.kind) {
    case 'run-status':
      return `run ${e.status}${e.error ? `: ${e.error.message}` : ''}`;
    case 'node-status':
      if (e.status === 'pending') return undefined;
      if (e.status === 'retrying')
        return `  ${e.nodeId}: retrying (attempt ${e.attempt ?? '?'}) after: ${e.error?.message ?? 'an error'}`;
      return `  ${e.nodeId}: ${e.status}${e.error ? `: ${e.error.message}` : ''}`;
    case 'log':
      return `  [${e.nodeId ?? 'run'}] ${e.level === 'info' ? '' : `${e.level}: `}${e.message}`;
    default:
      return undefined;
  }
}

export function formatNodeTypes(list: NodeTypeInfo[]): string {
  const lines: string[] = [];
  for (const t of list) {
    lines.push(`${t.type}  ${t.title} (${t.category})`);
    lines.push(`    ${t.description}`);
    for (const p of t.inputs)
      lines.push(
        `    in  ${p.name}: ${p.type}${p.optional ? ' (optional)' : ''}${p.multi ? ' (multi)' : ''}`,
      );
    for (const p of t.outputs) lines.push(`    out ${p.name}: ${p.type}`);
    for (const p of t.params) {
      const def = p.default !== undefined ? ` = ${JSON.stringify(p.default)}` : '';
      lines.push(`    param ${p.key}: ${p.kind}${p.required ? ' (required)' : ''}${def}`);
    }
  }
  return lines.join('\n');
}
