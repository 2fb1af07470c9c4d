// script.js: user JavaScript with its own declared ports, running in its own node process like any
// other node. The code is the body of an async function.
import { defineNode } from '../../../sdk/index.js';
import { compileBody } from './userCode.js';

interface ScriptParams {
  code: string;
  inputs: Array<{ name: string; type: string }>;
  outputs: Array<{ name: string; type: string }>;
  config: unknown;
}

const EXAMPLE = `// inputs.<port> are async iterables; outputs.<port>.send(value) respects back-pressure.
for await (const row of inputs.in) {
  await outputs.out.send({ ...row, seen: true });
}`;

export default defineNode<ScriptParams>({
  type: 'script.js',
  title: 'JavaScript',
  category: 'Transform',
  description:
    'Runs JavaScript in its own process. The body of an async function receiving inputs, outputs, config, log, progress, signal, runDir and resolvePath.',
  inputs: [],
  outputs: [],
  params: [
    { key: 'code', kind: 'code', language: 'javascript', required: true, default: EXAMPLE, label: 'Code' },
    {
      key: 'inputs',
      kind: 'ports',
      direction: 'input',
      default: [{ name: 'in', type: 'any' }],
      label: 'Inputs',
    },
    {
      key: 'outputs',
      kind: 'ports',
      direction: 'output',
      default: [{ name: 'out', type: 'any' }],
      label: 'Outputs',
    },
    {
      key: 'config',
      kind: 'json',
      default: {},
      label: 'Config',
      description: 'Any JSON, passed to the code as `config`.',
    },
  ],
  async run(ctx) {
    const names = ['inputs', 'outputs', 'config', 'log', 'progress', 'signal', 'runDir', 'resolvePath'];
    const fn = compileBody(ctx.nodeId, names, ctx.params.code);
    await fn(
      ctx.inputs,
      ctx.outputs,
      ctx.params.config,
      ctx.log,
      ctx.progress,
      ctx.signal,
      ctx.runDir,
      ctx.resolvePath,
    );
  },
});
