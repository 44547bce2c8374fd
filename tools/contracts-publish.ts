import 'reflect-metadata';
import { ContractSnapshot, breakingChanges, contractSnapshot } from '@switchboard/contracts';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

/**
 * `npm run contracts:publish [-- --retire <subject> …]`: records the code's wire contract as the
 * published one (libs/contracts/published-contract.json), after checking it breaks nothing
 * published before. A breaking change is refused: it belongs in a `.v2` subject beside the
 * `.v1`. `--retire` drops a subject on purpose, once its successor has been out long enough.
 */
export const PUBLISHED_CONTRACT = resolve(
  __dirname,
  '../../libs/contracts/published-contract.json',
);

function main(): void {
  const { values } = parseArgs({ options: { retire: { type: 'string', multiple: true } } });
  const current = contractSnapshot();
  const published = existsSync(PUBLISHED_CONTRACT)
    ? (JSON.parse(readFileSync(PUBLISHED_CONTRACT, 'utf8')) as ContractSnapshot)
    : { schemas: {}, requests: {}, events: {} };
  for (const subject of values.retire ?? []) {
    delete published.requests[subject];
    delete published.events[subject];
  }
  const problems = breakingChanges(published, current);
  if (problems.length > 0) {
    console.error(`not published: ${problems.length} breaking change(s); make them .v2 subjects:`);
    for (const problem of problems) console.error(`  ${problem}`);
    process.exit(1);
  }
  writeFileSync(PUBLISHED_CONTRACT, `${JSON.stringify(current, null, 2)}\n`);
  console.log(
    `published ${Object.keys(current.requests).length} request and ${Object.keys(current.events).length} event subjects`,
  );
}

if (require.main === module) main();
