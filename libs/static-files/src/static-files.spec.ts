import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { webPublicDir } from './public-dir';
import { cacheControlFor, deskHtmlHeaders, fileFor, isAppRoute } from './static-files';

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

describe('cacheControlFor', () => {
  it('keeps hashed assets for a year and revalidates the rest', () => {
    expect(cacheControlFor('/assets/index-B3x_9aQk.js')).toBe(
      'public, max-age=31536000, immutable',
    );
    expect(cacheControlFor('/widget/widget-BJ2Qcj8f.js')).toBe(
      'public, max-age=31536000, immutable',
    );
    expect(cacheControlFor('/assets/logo.svg')).toBe('no-cache');
    expect(cacheControlFor('/')).toBe('no-cache');
    expect(cacheControlFor('/favicon.svg')).toBe('no-cache');
  });
});

describe('isAppRoute', () => {
  it.each([
    ['/', true],
    ['/tickets/22', true],
    ['/admin/agents', true],
    ['/assets/missing.js', false],
    ['/favicon.ico', false],
  ])('%s → %s', (path, expected) => {
    expect(isAppRoute(path)).toBe(expected);
  });
});

describe('webPublicDir', () => {
  it('finds a dist/web build above the given folder', () => {
    const root = mkdtempSync(join(tmpdir(), 'static-files-'));
    mkdirSync(join(root, 'dist/web/assets'), { recursive: true });
    writeFileSync(join(root, 'dist/web/index.html'), '<!doctype html>');
    mkdirSync(join(root, 'dist/libs/static-files/src'), { recursive: true });
    expect(webPublicDir(join(root, 'dist/libs/static-files/src'))).toBe(join(root, 'dist/web'));
    mkdirSync(join(root, 'libs/static-files/src'), { recursive: true });
    expect(webPublicDir(join(root, 'libs/static-files/src'))).toBe(join(root, 'dist/web'));
  });

  it('says so when there is no build', () => {
    const root = mkdtempSync(join(tmpdir(), 'static-files-'));
    expect(() => webPublicDir(root)).toThrow(/dist\/web/);
  });
});

describe('deskHtmlHeaders', () => {
  it('lets the desk connect to its own origin only, or also to chat-gateway when named', () => {
    expect(deskHtmlHeaders()['content-security-policy']).toContain("connect-src 'self';");
    expect(deskHtmlHeaders('https://chat.example.com/')['content-security-policy']).toContain(
      "connect-src 'self' https://chat.example.com wss://chat.example.com;",
    );
    expect(deskHtmlHeaders('https://chat.example.com')['x-frame-options']).toBe('DENY');
  });
});
