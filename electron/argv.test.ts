import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isWorkflowPath, workflowFilesFromArgv } from './argv.js';

describe('workflowFilesFromArgv', () => {
  const cwd = path.resolve('/home/ann/work');

  it('keeps only workflow files, resolved against the working folder of the launching shell', () => {
    const argv = [
      '/opt/Sluice/sluice',
      '--no-sandbox',
      'orders.sluice.json',
      '../b/Weather.SLUICE.JSON',
      'notes.txt',
    ];
    expect(workflowFilesFromArgv(argv, cwd)).toEqual([
      path.join(cwd, 'orders.sluice.json'),
      path.resolve(cwd, '../b/Weather.SLUICE.JSON'),
    ]);
  });

  it('skips the app folder of a development launch (`electron . file`) and Chromium switches', () => {
    const argv = [
      '/x/electron',
      '.',
      '--allow-file-access-from-files',
      '--flag=a.sluice.json',
      '/tmp/a.sluice.json',
    ];
    expect(workflowFilesFromArgv(argv, cwd)).toEqual([path.resolve('/tmp/a.sluice.json')]);
  });

  it('accepts file:// URLs and drops duplicates', () => {
    const argv = ['exe', 'file:///tmp/My%20Flow.sluice.json', '/tmp/My Flow.sluice.json'];
    expect(workflowFilesFromArgv(argv, cwd)).toEqual([path.resolve('/tmp/My Flow.sluice.json')]);
  });

  it('never treats argv[0] as a file, even when it looks like one', () => {
    expect(workflowFilesFromArgv(['a.sluice.json'], cwd)).toEqual([]);
    expect(isWorkflowPath('x.json')).toBe(false);
  });
});
