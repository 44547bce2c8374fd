import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loaderSource } from './widget-files.middleware';

const built = () => {
  const dir = mkdtempSync(join(tmpdir(), 'widget-files-'));
  writeFileSync(join(dir, 'widget.js'), 'let r=`__SWITCHBOARD_CHAT_URL__`;');
  return dir;
};

describe('loaderSource', () => {
  it('writes chat-gateway’s public URL into the loader, without a trailing slash', () => {
    expect(loaderSource(built(), 'https://chat.example.com/')).toBe(
      'let r=`https://chat.example.com`;',
    );
  });

  it('writes nothing when there is no URL (the widget then asks the desk’s host)', () => {
    expect(loaderSource(built())).toBe('let r=``;');
  });

  it('refuses a URL that could end the string it is written into', () => {
    expect(() => loaderSource(built(), 'https://chat.example.com/?a=`')).toThrow(/CHAT_PUBLIC_URL/);
  });
});
