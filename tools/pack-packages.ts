import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/**
 * `npm run build && npm run packages`: the libs that are published on npm, built as packages
 * into `dist/packages/`. Each is compiled by `tsc` with its `libs/<lib>/tsconfig.pack.json`
 * (CommonJS with declarations, and no alias rewriting: `@switchboard/contracts` stays a package
 * import) into `dist/packages/<lib>/`, gets its package.json and README, is checked (every
 * package its compiled code requires is declared, `main` and `types` exist) and is packed by
 * `npm pack` into `dist/packages/<name>-<version>.tgz`. In dependency order: a lib is compiled
 * against the declarations of the ones packed before it.
 */
export const PACKED_LIBS = ['contracts', 'nats-client'] as const;

export interface PackageManifest {
  name: string;
  version: string;
  main?: string;
  types?: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

export interface PackedPackage {
  lib: string;
  name: string;
  /** The compiled package folder. */
  folder: string;
  tarball: string;
}

export interface PackOptions {
  /** The repository's root. */
  root: string;
  /** Where the package folders and tarballs go (`dist/packages`). */
  destination: string;
  log?: (line: string) => void;
}

/** Compiles, checks and packs every lib of PACKED_LIBS; throws on the first problem. */
export function packPackages(options: PackOptions): PackedPackage[] {
  const log = options.log ?? (() => undefined);
  // Made afresh: no package or tarball of an earlier run is left to be mistaken for this one's.
  const destination = resolve(options.destination);
  rmSync(destination, { recursive: true, force: true });
  mkdirSync(destination, { recursive: true });
  const packed: PackedPackage[] = [];
  for (const lib of PACKED_LIBS) {
    const libFolder = join(options.root, 'libs', lib);
    const manifest = readManifest(join(libFolder, 'package.json'));
    const folder = join(destination, lib);
    // A dependency packed before this one is compiled against as its published self.
    const paths: Record<string, string[]> = {};
    for (const before of packed) {
      if (declaredPackages(manifest).has(before.name)) paths[before.name] = [before.folder];
    }
    compile(join(libFolder, 'tsconfig.pack.json'), folder, paths);
    copyFileSync(join(libFolder, 'package.json'), join(folder, 'package.json'));
    copyFileSync(join(libFolder, 'README.md'), join(folder, 'README.md'));
    const problems = packageProblems(folder, manifest);
    if (problems.length > 0) {
      throw new Error(`${manifest.name} is not packed:\n  ${problems.join('\n  ')}`);
    }
    const tarball = npmPack(folder, destination, manifest);
    log(tarball);
    packed.push({ lib, name: manifest.name, folder, tarball });
  }
  return packed;
}

/** `tsc -p <tsconfig> --outDir <outDir>`, with `paths` replacing the tsconfig's; throws on errors. */
export function compile(tsconfig: string, outDir: string, paths?: Record<string, string[]>): void {
  const overrides: ts.CompilerOptions = { outDir };
  if (paths && Object.keys(paths).length > 0) overrides.paths = paths;
  const config = ts.getParsedCommandLineOfConfigFile(tsconfig, overrides, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(formatDiagnostics([diagnostic]));
    },
  });
  if (!config) throw new Error(`cannot read ${tsconfig}`);
  const program = ts.createProgram({
    rootNames: config.fileNames,
    options: config.options,
    projectReferences: config.projectReferences,
  });
  const diagnostics = [...config.errors, ...ts.getPreEmitDiagnostics(program)];
  if (diagnostics.some((d) => d.category === ts.DiagnosticCategory.Error)) {
    throw new Error(`${tsconfig} does not compile:\n${formatDiagnostics(diagnostics)}`);
  }
  const emitted = program.emit();
  if (emitted.emitSkipped || emitted.diagnostics.length > 0) {
    throw new Error(`${tsconfig} was not emitted:\n${formatDiagnostics(emitted.diagnostics)}`);
  }
}

/**
 * What is wrong with a compiled package folder: a package its `.js` or `.d.ts` files import or
 * require that its package.json does not declare (in `dependencies` or `peerDependencies`;
 * Node's built-in modules need none), a relative import that leaves the package or finds no
 * file, and a `main` or `types` that does not exist.
 */
export function packageProblems(folder: string, manifest: PackageManifest): string[] {
  const declared = declaredPackages(manifest);
  const problems: string[] = [];
  for (const field of ['main', 'types'] as const) {
    const file = manifest[field];
    if (!file) problems.push(`package.json has no "${field}"`);
    else if (!existsSync(join(folder, file))) problems.push(`"${field}" ${file} does not exist`);
  }
  for (const file of listFiles(folder)) {
    const isJs = file.endsWith('.js');
    if (!isJs && !file.endsWith('.d.ts')) continue;
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const where = relative(folder, file);
    for (const { fileName: specifier } of info.importedFiles) {
      if (specifier.startsWith('.') || specifier.startsWith('/')) {
        const target = resolve(dirname(file), specifier);
        if (target !== folder && !target.startsWith(folder + sep)) {
          problems.push(`${where} imports ${specifier}, outside the package`);
        } else if (isJs && !resolvesToFile(target)) {
          problems.push(`${where} requires ${specifier}, which is not in the package`);
        }
      } else if (!isBuiltin(specifier) && !declared.has(packageName(specifier))) {
        problems.push(`${where} requires ${specifier}, not in package.json's dependencies`);
      }
    }
    for (const { fileName: types } of info.typeReferenceDirectives) {
      if (types !== 'node' && !declared.has(types) && !declared.has(`@types/${types}`)) {
        problems.push(`${where} references the types of ${types}, not in the dependencies`);
      }
    }
  }
  return problems;
}

/** `lodash/fp` -> `lodash`, `@scope/name/sub` -> `@scope/name`. */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function declaredPackages(manifest: PackageManifest): Set<string> {
  return new Set([
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
  ]);
}

/** `npm pack` (no network, no scripts) of the folder into `destination`; the tarball's path. */
function npmPack(folder: string, destination: string, manifest: PackageManifest): string {
  const output = execFileSync(
    'npm',
    ['pack', '--json', '--ignore-scripts', '--pack-destination', destination],
    { cwd: folder, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const [result] = JSON.parse(output) as { filename: string; files: { path: string }[] }[];
  const files = new Set(result.files.map((f) => f.path));
  for (const file of [manifest.main, manifest.types]) {
    if (file && !files.has(file.replace(/^\.\//, ''))) {
      throw new Error(`${manifest.name}: ${file} is not in the tarball (package.json "files")`);
    }
  }
  return join(destination, result.filename);
}

function resolvesToFile(target: string): boolean {
  return [target, `${target}.js`, `${target}.json`, join(target, 'index.js')].some(
    (candidate) => statSync(candidate, { throwIfNoEntry: false })?.isFile() ?? false,
  );
}

function listFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

function readManifest(file: string): PackageManifest {
  return JSON.parse(readFileSync(file, 'utf8')) as PackageManifest;
}

function formatDiagnostics(diagnostics: readonly ts.Diagnostic[]): string {
  return ts.formatDiagnostics(diagnostics, {
    getCanonicalFileName: (name) => name,
    getCurrentDirectory: () => process.cwd(),
    getNewLine: () => '\n',
  });
}

function main(): void {
  // Run as dist/tools/pack-packages.js.
  const root = resolve(__dirname, '../..');
  try {
    packPackages({
      root,
      destination: join(root, 'dist/packages'),
      log: (tarball) => console.log(relative(process.cwd(), tarball)),
    });
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}

if (require.main === module) main();
