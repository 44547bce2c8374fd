import { describe, expect, it } from '@jest/globals';
import { sanitizeFileName } from './attachment-name';

describe('sanitizeFileName', () => {
  it('keeps only the last path segment', () => {
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFileName('C:\\fakepath\\report.pdf')).toBe('report.pdf');
    expect(sanitizeFileName('a/b\\c/../d.txt')).toBe('d.txt');
  });

  it('drops control and invisible format characters, and leading or trailing dots', () => {
    expect(sanitizeFileName('invoice\u202Egnp.exe')).toBe('invoicegnp.exe');
    expect(sanitizeFileName('line\r\nbreak\u0000.txt')).toBe('linebreak.txt');
    expect(sanitizeFileName('..hidden')).toBe('hidden');
    expect(sanitizeFileName('name. . ')).toBe('name');
  });

  it('falls back to a neutral name when nothing is left', () => {
    expect(sanitizeFileName(undefined)).toBe('attachment');
    expect(sanitizeFileName('../..')).toBe('attachment');
    expect(sanitizeFileName('\u0001\u0002')).toBe('attachment');
  });

  it('caps the length at 200 characters, keeping the extension and whole code points', () => {
    const long = `${'é'.repeat(300)}.pdf`;
    const capped = sanitizeFileName(long);
    expect(Array.from(capped)).toHaveLength(200);
    expect(capped.endsWith('.pdf')).toBe(true);
    expect(Array.from(sanitizeFileName('😀'.repeat(250)))).toHaveLength(200);
  });
});
