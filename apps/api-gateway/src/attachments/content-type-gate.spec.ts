import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from '@jest/globals';
import { AttachmentException } from './attachment.exception';
import { ContentTypeGate, SNIFF_BYTES, decideType, isAllowedType } from './content-type-gate';

const ALLOWED = ['image/png', 'application/pdf', 'text/plain', 'text/csv'];
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]);

/** Runs bytes through a gate; answers what came out and the decided type. */
async function gate(chunks: Buffer[], declared: string, name: string, allowed = ALLOWED) {
  const output: Buffer[] = [];
  const through = new ContentTypeGate(declared, name, allowed);
  await pipeline(
    Readable.from(chunks),
    through,
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        output.push(chunk);
        callback();
      },
    }),
  );
  return { bytes: Buffer.concat(output), contentType: through.contentType };
}

describe('decideType', () => {
  it('trusts the bytes over the claimed type', () => {
    expect(decideType('image/png', 'image/jpeg', 'x.jpg', ALLOWED)).toEqual({
      contentType: 'image/png',
      text: false,
    });
  });

  it('refuses a recognised type the workspace does not accept, naming the accepted ones', () => {
    const refuse = () => decideType('application/x-msdownload', 'image/png', 'x.png', ALLOWED);
    expect(refuse).toThrow(AttachmentException);
    expect(refuse).toThrow(/application\/x-msdownload.*image\/png, application\/pdf/);
  });

  it('accepts unrecognised content only as claimed text (by type or extension)', () => {
    expect(decideType(undefined, 'text/csv; charset=utf-8', 'a.bin', ALLOWED)).toEqual({
      contentType: 'text/csv',
      text: true,
    });
    expect(
      decideType(undefined, 'application/octet-stream', 'notes.TXT', ALLOWED).contentType,
    ).toBe('text/plain');
    expect(() => decideType(undefined, 'image/jpeg', 'x.jpg', ALLOWED)).toThrow(
      /not be recognised/,
    );
    expect(() => decideType(undefined, 'text/plain', 'a.txt', ['image/png'])).toThrow(
      AttachmentException,
    );
  });

  it('matches wildcard entries', () => {
    expect(isAllowedType('image/webp', ['image/*'])).toBe(true);
    expect(isAllowedType('imagery/webp', ['image/*'])).toBe(false);
  });
});

describe('ContentTypeGate (with file-type)', () => {
  it('recognises a PNG whatever it is called and passes every byte through', async () => {
    const result = await gate([PNG.subarray(0, 10), PNG.subarray(10)], 'text/plain', 'a.txt');
    expect(result.contentType).toBe('image/png');
    expect(result.bytes.equals(PNG)).toBe(true);
  });

  it('refuses an executable named .png before letting any byte through', async () => {
    await expect(gate([EXE], 'image/png', 'cat.png')).rejects.toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
  });

  it('refuses HTML named .jpg', async () => {
    await expect(
      gate([Buffer.from('<html><script>alert(1)</script></html>')], 'image/jpeg', 'cat.jpg'),
    ).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('accepts UTF-8 text longer than the sniffed head, split inside a character', async () => {
    const text = Buffer.from(`${'ä'.repeat(SNIFF_BYTES)}\nend`);
    const result = await gate([text.subarray(0, 4101), text.subarray(4101)], 'text/plain', 'a.txt');
    expect(result.contentType).toBe('text/plain');
    expect(result.bytes.equals(text)).toBe(true);
  });

  it('refuses "text" with NUL bytes or invalid UTF-8, also after the head', async () => {
    const head = Buffer.alloc(SNIFF_BYTES, 'a');
    await expect(gate([head, Buffer.from([0x61, 0x00])], 'text/plain', 'a.txt')).rejects.toThrow(
      /NUL/,
    );
    await expect(gate([head, Buffer.from([0xff, 0xfe])], 'text/csv', 'a.csv')).rejects.toThrow(
      /UTF-8/,
    );
    await expect(gate([Buffer.from([0x61, 0xc3])], 'text/plain', 'a.txt')).rejects.toThrow(/UTF-8/);
  });

  it('accepts an empty text file', async () => {
    expect((await gate([], 'text/plain', 'empty.txt')).contentType).toBe('text/plain');
  });
});
