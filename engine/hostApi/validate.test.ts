import { describe, expect, it } from 'vitest';
import { HOST_METHODS, parseHostRequest } from './validate.js';

const workflow = { sluice: 1, name: 'w', nodes: [], edges: [] };

describe('parseHostRequest', () => {
  it('accepts a well-formed request for every method', () => {
    // One sample per method: a method added without one fails here by name.
    const samples: Record<string, Record<string, unknown>> = {
      'nodes:list': {},
      'workflow:validate': { workflow },
      'workflow:infer': { workflow, path: 'a.sluice.json' },
      'workflow:open': { path: 'a.sluice.json' },
      'workflow:save': { path: 'a.sluice.json', text: '{}' },
      'workflow:list': { dir: 'flows' },
      'workflow:delete': { path: 'a.sluice.json' },
      'workflow:examples': {},
      'run:start': { workflow, path: 'a.sluice.json', overrides: [{ nodeId: 'n1', key: 'to', value: 3 }] },
      'trust:get': {},
      'trust:grant': { path: 'a.sluice.json' },
      'run:stop': { runId: 'r1' },
      'run:abort': { runId: 'r1' },
      'run:pause': { runId: 'r1' },
      'run:resume': { runId: 'r1' },
      'run:list': {
        workflow: 'w',
        status: 'failed',
        since: 0,
        before: { startedAt: 5, runId: 'r1' },
        limit: 10,
      },
      'run:logs': { runId: 'r1', nodeId: 'n1', afterSeq: 3, limit: 5 },
      'run:get': { runId: 'r1' },
      'run:outputs': { runId: 'r1' },
      'run:preview': { runId: 'r1', nodeId: 'n1', port: 'out' },
      'run:subscribe': { runId: 'r1', afterSeq: 12 },
      'run:unsubscribe': { runId: 'r1' },
    };
    expect(HOST_METHODS.filter((m) => !(m in samples))).toEqual([]);
    HOST_METHODS.forEach((method, i) => {
      expect(parseHostRequest({ id: i, method, params: samples[method] }), method).toEqual({
        id: i,
        method,
        params: samples[method],
      });
    });
  });

  it('refuses an unknown method, naming the known ones', () => {
    const r = parseHostRequest({ id: 1, method: 'fs:delete', params: {} });
    expect(r).toEqual({ error: expect.stringContaining('Unknown host method "fs:delete"') });
    expect((r as { error: string }).error).toContain('run:start');
  });

  it('refuses a missing id and a non-object request', () => {
    expect(parseHostRequest({ method: 'nodes:list', params: {} })).toEqual({
      error: expect.stringContaining('"id"'),
    });
    expect(parseHostRequest('nodes:list')).toEqual({ error: expect.stringContaining('JSON object') });
    expect(parseHostRequest(null)).toHaveProperty('error');
  });

  it('names the field at fault in params', () => {
    expect(parseHostRequest({ id: 1, method: 'workflow:open', params: {} })).toEqual({
      error: expect.stringMatching(/workflow:open.*path/),
    });
    expect(
      parseHostRequest({ id: 1, method: 'workflow:save', params: { path: 'a.sluice.json', text: 5 } }),
    ).toEqual({
      error: expect.stringContaining('text'),
    });
    expect(parseHostRequest({ id: 1, method: 'run:stop', params: { runId: '' } })).toEqual({
      error: expect.stringContaining('runId'),
    });
    expect(parseHostRequest({ id: 1, method: 'run:abort', params: { runId: 'r', kill: true } })).toEqual({
      error: expect.stringMatching(/run:abort.*kill/),
    });
    expect(parseHostRequest({ id: 1, method: 'run:abort', params: { runId: 'r' } })).toEqual({
      id: 1,
      method: 'run:abort',
      params: { runId: 'r' },
    });
    expect(parseHostRequest({ id: 1, method: 'run:start', params: { workflow: { name: 'x' } } })).toEqual({
      error: expect.stringContaining('workflow.'),
    });
    expect(
      parseHostRequest({
        id: 1,
        method: 'run:preview',
        params: { runId: 'r', nodeId: '../x', port: 'table' },
      }),
    ).toEqual({
      error: expect.stringContaining('nodeId must be a node id'),
    });
    expect(
      parseHostRequest({ id: 1, method: 'run:subscribe', params: { runId: 'r', afterSeq: 1.5 } }),
    ).toEqual({ error: expect.stringContaining('afterSeq must be a whole number') });
    // Unknown extra params are refused rather than silently ignored.
    expect(parseHostRequest({ id: 1, method: 'run:list', params: { all: true } })).toEqual({
      error: expect.stringContaining('all'),
    });
  });
});
