import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkspacePaths } from './workspacePaths.js';

let base: string;
let ws: string;
let outside: string;

beforeAll(async () => {
  base = await realpath(await mkdtemp(path.join(os.tmpdir(), 'sluice-paths-')));
  ws = path.join(base, 'ws');
  outside = path.join(base, 'outside');
  await mkdir(path.join(ws, 'sub'), { recursive: true });
  await mkdir(outside);
  await writeFile(path.join(outside, 'secret.sluice.json'), '{}');
  await symlink(outside, path.join(ws, 'link-out'));
  await symlink(path.join(outside, 'secret.sluice.json'), path.join(ws, 'file-out.sluice.json'));
  await symlink(path.join(ws, 'sub'), path.join(ws, 'link-in'));
});
afterAll(() => rm(base, { recursive: true, force: true }));

describe('WorkspacePaths (confined)', () => {
  it('resolves paths inside the workspace, existing or not', async () => {
    const paths = await WorkspacePaths.create(ws, true);
    expect(await paths.resolve('a.sluice.json')).toBe(path.join(ws, 'a.sluice.json'));
    expect(await paths.resolve('sub/new/b.sluice.json')).toBe(path.join(ws, 'sub/new/b.sluice.json'));
    expect(await paths.resolve('link-in/c.sluice.json')).toBe(path.join(ws, 'sub/c.sluice.json'));
    expect(await paths.resolve(path.join(ws, 'sub'))).toBe(path.join(ws, 'sub'));
    expect(await paths.resolve('..foo.sluice.json')).toBe(path.join(ws, '..foo.sluice.json'));
    expect(paths.display(path.join(ws, 'sub', 'x.sluice.json'))).toBe('sub/x.sluice.json');
  });

  it('refuses .., absolute paths elsewhere and symlinks that lead out', async () => {
    const paths = await WorkspacePaths.create(ws, true);
    await expect(paths.resolve('../outside/secret.sluice.json')).rejects.toThrow(
      /"\.\.\/outside\/secret\.sluice\.json" leads outside the workspace/,
    );
    await expect(paths.resolve('sub/../../x.sluice.json')).rejects.toThrow(/outside the workspace/);
    await expect(paths.resolve('/etc/passwd')).rejects.toThrow(/outside the workspace/);
    await expect(paths.resolve('link-out/secret.sluice.json')).rejects.toThrow(/through a symbolic link/);
    await expect(paths.resolve('link-out/new.sluice.json')).rejects.toThrow(/through a symbolic link/);
    await expect(paths.resolve('file-out.sluice.json')).rejects.toThrow(/through a symbolic link/);
    await expect(paths.resolve('a\0b')).rejects.toThrow(/NUL/);
  });

  it('takes any path when not confined (the desktop app)', async () => {
    const paths = await WorkspacePaths.create(ws, false);
    expect(await paths.resolve('/etc/hosts')).toBe('/etc/hosts');
  });
});
