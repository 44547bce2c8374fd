import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';
import {
  PackageManifest,
  PackedPackage,
  packPackages,
  packageProblems,
} from '../../tools/pack-packages';

/**
 * The published packages as an integration gets them: `tools/pack-packages.ts` packs
 * @switchboard/contracts and @switchboard/nats-client, the tarballs are unpacked into a consumer's
 * node_modules outside the repository (third-party dependencies linked from the repository's
 * node_modules, so no network), and the consumer type-checks against their declarations and
 * loads them with Node. Nothing of libs/ is reachable from there: no paths, no aliases.
 */
const ROOT = resolve(__dirname, '../..');

let tmp: string;
let consumer: string;
let packed: PackedPackage[];

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'switchboard-packages-'));
  consumer = join(tmp, 'consumer');
  packed = packPackages({ root: ROOT, destination: join(tmp, 'packages') });
  const modules = join(consumer, 'node_modules');
  const thirdParty = new Set<string>();
  for (const { name, tarball } of packed) {
    const folder = join(modules, name);
    mkdirSync(folder, { recursive: true });
    execFileSync('tar', ['-xzf', tarball, '-C', folder, '--strip-components=1']);
    const manifest = readManifest(join(folder, 'package.json'));
    for (const [dependency, version] of Object.entries(manifest.dependencies ?? {})) {
      if (packed.some((p) => p.name === dependency)) continue;
      // What is linked is what the package declares: its pins are the repository's.
      const installed = readManifest(join(ROOT, 'node_modules', dependency, 'package.json'));
      expect(`${dependency}@${installed.version}`).toBe(`${dependency}@${version}`);
      thirdParty.add(dependency);
    }
    for (const dependency of Object.keys(manifest.peerDependencies ?? {})) {
      thirdParty.add(dependency);
    }
  }
  // What an integration has installed itself: Node's types (its own devDependency).
  thirdParty.add('@types/node');
  for (const name of thirdParty) {
    mkdirSync(dirname(join(modules, name)), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', name), join(modules, name), 'dir');
  }
  writeFileSync(join(consumer, 'package.json'), '{ "name": "consumer", "private": true }\n');
}, 60_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('the published packages', () => {
  it('are the two tarballs, with declarations and no monorepo paths', () => {
    expect(packed.map((p) => p.name)).toEqual([
      '@switchboard/contracts',
      '@switchboard/nats-client',
    ]);
    for (const name of ['contracts', 'nats-client']) {
      const folder = join(consumer, 'node_modules/@switchboard', name);
      expect(readFileSync(join(folder, 'src/index.d.ts'), 'utf8')).toContain('export');
      expect(readFileSync(join(folder, 'README.md'), 'utf8')).toContain(`@switchboard/${name}`);
    }
    const client = readFileSync(
      join(consumer, 'node_modules/@switchboard/nats-client/src/client.js'),
      'utf8',
    );
    expect(client).toContain('require("@switchboard/contracts")');
    expect(client).not.toMatch(/libs\/contracts|dist\//);
  });

  it('type-check in a consumer against their own declarations', () => {
    const index = join(consumer, 'index.ts');
    writeFileSync(index, CONSUMER_SOURCE);
    const options: ts.CompilerOptions = {
      noEmit: true,
      strict: true,
      target: ts.ScriptTarget.ES2023,
      module: ts.ModuleKind.Node16,
      moduleResolution: ts.ModuleResolutionKind.Node16,
      types: ['node'],
      typeRoots: [join(consumer, 'node_modules/@types')],
      skipLibCheck: false,
    };
    const host = ts.createCompilerHost(options);
    host.getCurrentDirectory = () => consumer;
    const program = ts.createProgram({ rootNames: [index], options, host });
    const diagnostics = ts.getPreEmitDiagnostics(program);
    expect(ts.formatDiagnostics(diagnostics, host)).toBe('');
    // The declarations came from the unpacked packages, not from libs/.
    const files = program.getSourceFiles().map((f) => f.fileName);
    expect(files.filter((f) => f.startsWith(join(ROOT, 'libs')))).toEqual([]);
    expect(files).toContain(join(consumer, 'node_modules/@switchboard/contracts/src/index.d.ts'));
  }, 30_000);

  it('load in Node, nats-client requiring the published contracts', () => {
    const script = `
      const client = require('@switchboard/nats-client');
      const contracts = require.resolve('@switchboard/contracts', {
        paths: [require.resolve('@switchboard/nats-client')],
      });
      console.log(JSON.stringify({
        exports: Object.fromEntries(Object.entries(client).map(([k, v]) => [k, typeof v])),
        contracts,
      }));`;
    const env = { ...process.env };
    delete env.NODE_PATH;
    const output = execFileSync(process.execPath, ['-e', script], {
      cwd: consumer,
      env,
      encoding: 'utf8',
    });
    const { exports, contracts } = JSON.parse(output) as {
      exports: Record<string, string>;
      contracts: string;
    };
    expect(exports).toMatchObject({
      connectIntegration: 'function',
      credentialIdFromCreds: 'function',
      SwitchboardError: 'function',
      ErrorCode: 'object',
      INTEGRATION_COMMANDS: 'object',
      INTEGRATION_QUERIES: 'object',
    });
    expect(contracts).toBe(join(consumer, 'node_modules/@switchboard/contracts/src/index.js'));
  });
});

describe('the dependency check', () => {
  it('refuses a package whose code requires what it does not declare', () => {
    const folder = join(tmp, 'undeclared');
    mkdirSync(join(folder, 'src'), { recursive: true });
    writeFileSync(
      join(folder, 'src/index.js'),
      [
        'require("node:crypto");',
        'require("fs");',
        'require("./other");',
        'require("declared/sub/path");',
        'require("@nats-io/jwt");',
        'require("../../../libs/contracts/src");',
        'const later = () => import("undeclared-esm");',
      ].join('\n'),
    );
    writeFileSync(join(folder, 'src/other.js'), '');
    writeFileSync(join(folder, 'src/index.d.ts'), 'export declare const x: import("typed").T;\n');
    const manifest: PackageManifest = {
      name: 'example',
      version: '1.0.0',
      main: 'src/index.js',
      types: 'src/index.d.ts',
      dependencies: { declared: '1.0.0' },
    };
    expect(packageProblems(folder, manifest)).toEqual([
      "src/index.d.ts requires typed, not in package.json's dependencies",
      "src/index.js requires @nats-io/jwt, not in package.json's dependencies",
      'src/index.js imports ../../../libs/contracts/src, outside the package',
      "src/index.js requires undeclared-esm, not in package.json's dependencies",
    ]);
    expect(packageProblems(folder, { ...manifest, types: 'index.d.ts' })).toContain(
      '"types" index.d.ts does not exist',
    );
  });
});

/** An integration's code: typed calls, and a wrong payload the compiler must refuse. */
const CONSUMER_SOURCE = `
import {
  connectIntegration,
  ErrorCode,
  INTEGRATION_COMMANDS,
  SwitchboardError,
} from '@switchboard/nats-client';
import type { EventOf, IntegrationClient, ReplyOf } from '@switchboard/nats-client';
import type { RequestOf } from '@switchboard/contracts';

export async function labelTicket(client: IntegrationClient, ticketId: string): Promise<void> {
  const reply: ReplyOf<'helpdesk.cmd.ticket.change-labels.v1'> = await client.request(
    'helpdesk.cmd.ticket.change-labels.v1',
    { ticketId, add: ['x'], remove: [] },
    { timeoutMs: 10_000 },
  );
  void reply;
  // @ts-expect-error \`add\` is a list of labels, not one
  await client.request('helpdesk.cmd.ticket.change-labels.v1', { ticketId, add: 'x', remove: [] });
  // @ts-expect-error not a subject an integration may send
  await client.request('helpdesk.cmd.workspace.create.v1', {});
}

export function isRetryable(error: unknown): boolean {
  return error instanceof SwitchboardError && (error.retryable || error.code === ErrorCode.CONFLICT);
}

export const commands: readonly string[] = INTEGRATION_COMMANDS;
export type Created = EventOf<'helpdesk.evt.ticket.created.v1'>;
export type Labels = RequestOf<'helpdesk.cmd.ticket.change-labels.v1'>;
export const connect: typeof connectIntegration = connectIntegration;
`;

function readManifest(file: string): PackageManifest {
  return JSON.parse(readFileSync(file, 'utf8')) as PackageManifest;
}
