import openapiTS, { astToString } from 'openapi-typescript';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from '@jest/globals';

const root = resolve(__dirname, '../../..');

describe('the typed client', () => {
  // The gateway's e2e test holds openapi.json to the code; this holds the client to openapi.json.
  it('is generated from the committed openapi.json (npm run openapi)', async () => {
    const document = JSON.parse(await readFile(resolve(root, 'openapi.json'), 'utf8'));
    const schemaPath = resolve(root, 'libs/api-client/src/schema.d.ts');
    // Prettier's CLI, as `npm run openapi` formats it: its API loads ES modules, which jest's
    // module system does not.
    const generated = execFileSync(
      process.execPath,
      [require.resolve('prettier/bin/prettier.cjs'), '--stdin-filepath', schemaPath],
      { input: astToString(await openapiTS(document)), encoding: 'utf8' },
    );
    const committed = await readFile(schemaPath, 'utf8');
    // The command line puts a "generated, do not edit" comment on top; the API does not.
    expect(generated).toBe(committed.replace(/^\/\*\*[\s\S]*?\*\/\n\n/, ''));
  }, 30_000);
});
