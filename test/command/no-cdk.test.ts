import { readFileSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';
import * as ts from 'typescript';

// The command runs without loading aws-cdk-lib (or constructs): it reads a synthesized app, it does not build one, and
// it shares the record model (record-model.ts), the zone-file reader (zone-file.ts), the limits (limits.ts) and the
// parsers with the construct. What each module requires at run time is read from its compiled JavaScript (imports
// used only as types are dropped by the compiler), and followed through the project's own modules.

const ROOT = resolve(__dirname, '../..');

/** The modules `file` requires at run time, as written. */
function runtimeRequires(file: string): string[] {
  const js = ts.transpileModule(readFileSync(file, 'utf8'), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } }).outputText;
  return [...js.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
}

/** Every package `entry` loads through the project's modules, with the chain that leads to it. */
function packagesLoaded(entry: string): Map<string, string[]> {
  const packages = new Map<string, string[]>();
  const seen = new Set<string>();
  const visit = (file: string, chain: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of runtimeRequires(file)) {
      if (spec.startsWith('.')) visit(`${resolve(dirname(file), spec)}.ts`, [...chain, relative(ROOT, file)]);
      else if (!packages.has(spec)) packages.set(spec, [...chain, relative(ROOT, file)]);
    }
  };
  visit(join(ROOT, entry), []);
  return packages;
}

/**
 * The libraries the command's `reports` verb reads mail, zip, XML and S3 with: bundled into assets/command/cli/ with
 * the command (CONTRIBUTING.md names each and why), never a dependency of the package.
 */
const BUNDLED = ['@aws-sdk/client-s3', 'fflate', 'postal-mime', 'saxes'];
const NODE = ['dns', 'fs', 'net', 'path', 'util', 'url', 'zlib'];

test('src/command/cli.ts loads Node\'s own modules and the bundled libraries only, from the reports verb only', () => {
  const loaded = packagesLoaded('src/command/cli.ts');
  const outside = [...loaded.entries()].filter(([p]) => !NODE.includes(p.replace(/^node:/, '')));
  expect(outside.map(([p]) => p).sort()).toEqual(BUNDLED);
  for (const [, chain] of outside) expect(chain[chain.length - 1]).toMatch(/^src\/command\/reports\//);
});

test.each(['src/record-model.ts', 'src/zone-file.ts', 'src/limits.ts', 'src/sending/spf-parser.ts'])(
  '%s loads only Node\'s own modules', (entry) => {
    const loaded = packagesLoaded(entry);
    expect([...loaded.keys()].filter((p) => !NODE.includes(p.replace(/^node:/, '')))).toEqual([]);
  });

test('the walk sees through a module that loads aws-cdk-lib', () => {
  expect([...packagesLoaded('src/records.ts').keys()]).toEqual(['aws-cdk-lib', 'aws-cdk-lib/aws-route53']);
});
