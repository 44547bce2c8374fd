import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { webPublicDir } from './public-dir';
import { fileFor } from './static-files';

const ROOT = resolve('/srv/web');

describe('fileFor', () => {
  it.each([
    ['/', join(ROOT, 'index.html')],
    ['/index.html', join(ROOT, 'index.html')],
    ['/assets/app.js?v=3', join(ROOT, 'assets/app.js')],
    ['/docs/', join(ROOT, 'docs/index.html')],
    ['/with%20space.txt', join(ROOT, 'with space.txt')],
  ])('maps %s into the folder', (url, file) => {
    expect(fileFor(ROOT, url)).toBe(file);
  });

  it.each([
    '/../package.json',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/assets/..%2f..%2fsecret',
    '/.env',
    '/.git/config',
    '/a%00.html',
    '/%E0%A4%A',
  ])('refuses %s', (url) => {
    expect(fileFor(ROOT, url)).toBeUndefined();
  });
});

describe('webPublicDir', () => {
  it('finds the placeholder page from the sources', () => {
    expect(existsSync(join(webPublicDir(), 'index.html'))).toBe(true);
  });
});
