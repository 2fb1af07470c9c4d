import { describe, expect, it } from 'vitest';
import { HOST_METHODS, parseHostRequest } from './validate.js';

const workflow = { sluice: 1, name: 'w', nodes: [], edges: [] };

describe('parseHostRequest', () => {
  it('accepts every well-formed request', () => {
    expect(parseHostRequest({ id: 1, method: 'nodes:list', params: {} })).toEqual({
      id: 1,
      method: 'nodes:list',
      params: {},
    });
    expect(
      parseHostRequest({ id: 2, method: 'run:start', params: { workflow, path: 'a.sluice.json' } }),
    ).toMatchObject({ method: 'run:start' });
    expect(parseHostRequest({ id: 3, method: 'workflow:list', params: {} })).toMatchObject({ id: 3 });
    expect(parseHostRequest({ id: 4, method: 'workflow:infer', params: { workflow } })).toMatchObject({
      method: 'workflow:infer',
    });
    expect(parseHostRequest({ id: 5, method: 'run:outputs', params: { runId: 'r1' } })).toMatchObject({
      params: { runId: 'r1' },
    });
    expect(
      parseHostRequest({ id: 6, method: 'run:subscribe', params: { runId: 'r1', afterSeq: 12 } }),
    ).toMatchObject({ params: { runId: 'r1', afterSeq: 12 } });
    expect(parseHostRequest({ id: 7, method: 'run:unsubscribe', params: { runId: 'r1' } })).toMatchObject({
      method: 'run:unsubscribe',
    });
    expect(
      parseHostRequest({ id: 8, method: 'trust:grant', params: { path: 'a.sluice.json' } }),
    ).toMatchObject({
      method: 'trust:grant',
    });
    // Issue 8 adds run:subscribe and run:unsubscribe, issue 10 trust:get and trust:grant.
    expect(HOST_METHODS).toHaveLength(20);
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
