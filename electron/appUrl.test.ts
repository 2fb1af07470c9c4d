import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_INDEX_URL,
  CONTENT_SECURITY_POLICY,
  contentTypeFor,
  externalUrlToOpen,
  isAppUrl,
  resolveAppPath,
} from './appUrl.js';
import { unpacked } from './paths.js';

describe('resolveAppPath', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'sluice-renderer-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('maps app://sluice/ URLs to files of the renderer folder', () => {
    expect(resolveAppPath(APP_INDEX_URL, root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath('app://sluice/', root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath('app://sluice/assets/index-abc.js?v=1#x', root)).toBe(
      path.join(root, 'assets', 'index-abc.js'),
    );
  });

  it('refuses URLs that leave the folder or are not ours', () => {
    for (const url of [
      'app://sluice/../etc/passwd',
      'app://sluice/%2e%2e/%2e%2e/etc/passwd',
      'app://sluice/assets/..%2f..%2fsecret',
      'app://sluice/a%5c..%5c..%5csecret',
      'app://sluice/%00.js',
      'app://sluice/%E0%A4%A',
      'app://other/index.html',
      'file:///etc/passwd',
      'https://sluice/index.html',
    ]) {
      const resolved = resolveAppPath(url, root);
      if (resolved !== null) expect(resolved.startsWith(root + path.sep)).toBe(true);
    }
    // The URL parser removes plain and encoded dot segments; encoded slashes are caught after decoding.
    expect(resolveAppPath('app://sluice/%2e%2e/%2e%2e/etc/passwd', root)).toBe(
      path.join(root, 'etc', 'passwd'),
    );
    expect(resolveAppPath('app://sluice/assets/..%2f..%2fsecret', root)).toBeNull();
    expect(resolveAppPath('app://other/index.html', root)).toBeNull();
    expect(resolveAppPath('app://sluice/a%5c..%5c..%5csecret', root)).toBeNull();
    expect(resolveAppPath('app://sluice/%E0%A4%A', root)).toBeNull();
  });

  it('names content types so module scripts and styles load', () => {
    expect(contentTypeFor('x/index-abc.js')).toMatch(/^text\/javascript/);
    expect(contentTypeFor('x/style.CSS')).toMatch(/^text\/css/);
    expect(contentTypeFor('x/codicon.ttf')).toBe('font/ttf');
    expect(contentTypeFor('x/unknown.bin')).toBe('application/octet-stream');
  });
});

describe('CSP and external links', () => {
  it('allows scripts only from the app itself', () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d]));
    expect(directives.get('script-src')).toBe("script-src 'self'");
    expect(directives.get('default-src')).toBe("default-src 'none'");
    expect(directives.get('object-src')).toBe("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });

  it('opens only https links in the OS browser', () => {
    expect(externalUrlToOpen('https://example.org/docs?a=1')).toBe('https://example.org/docs?a=1');
    for (const url of [
      'http://example.org',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'not a url',
    ]) {
      expect(externalUrlToOpen(url)).toBeNull();
    }
    expect(isAppUrl('app://sluice/index.html')).toBe(true);
    expect(isAppUrl('app://sluice.evil/index.html')).toBe(false);
  });

  it('finds unpacked copies of files packed in app.asar', () => {
    const packed = path.join(
      path.sep,
      'opt',
      'Sluice',
      'resources',
      'app.asar',
      'dist',
      'engine',
      'worker.js',
    );
    expect(unpacked(packed)).toBe(
      path.join(path.sep, 'opt', 'Sluice', 'resources', 'app.asar.unpacked', 'dist', 'engine', 'worker.js'),
    );
    expect(unpacked('/repo/dist/engine/worker.js')).toBe('/repo/dist/engine/worker.js');
  });
});
