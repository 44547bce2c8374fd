import openapiTS, { astToString } from 'openapi-typescript';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../../..');

describe('the typed client', () => {
  // The gateway's e2e test holds openapi.json to the code; this holds the client to openapi.json.
  it('is generated from the committed openapi.json (npm run openapi)', async () => {
    const document = JSON.parse(await readFile(resolve(root, 'openapi.json'), 'utf8'));
    const schemaPath = resolve(root, 'libs/api-client/src/schema.d.ts');
    const generated = await format(astToString(await openapiTS(document)), {
      ...(await resolveConfig(schemaPath)),
      filepath: schemaPath,
    });
    const committed = await readFile(schemaPath, 'utf8');
    // The command line puts a "generated, do not edit" comment on top; the API does not.
    expect(generated).toBe(committed.replace(/^\/\*\*[\s\S]*?\*\/\n\n/, ''));
  }, 30_000);
});
