import 'reflect-metadata';
import { asyncApiDocument, replyTypeNames } from '@switchboard/contracts';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Writes the NATS interface's AsyncAPI document to asyncapi.json at the repository root
 * (committed; libs/contracts/src/asyncapi.spec.ts fails when it drifts). Reply types exist only
 * in the source text, so subject-map.ts is read from the repository, not from dist/.
 */
const ROOT = resolve(__dirname, '../../..');
const OUTPUT = resolve(ROOT, 'asyncapi.json');

const source = readFileSync(resolve(ROOT, 'libs/contracts/src/subject-map.ts'), 'utf8');
writeFileSync(OUTPUT, `${JSON.stringify(asyncApiDocument(replyTypeNames(source)), null, 2)}\n`);
console.log(`wrote ${OUTPUT}`);
