import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { loadTypes } from './helpers/kinds';

// The TypeScript exports of src/index.ts are exactly the types of the jsii assembly: nothing is public
// in TypeScript alone (jsii skips free functions and constants silently, so other languages never see
// them), and every type of the assembly can be imported by name. Needs `npx projen compile` first.

const INDEX = path.join(__dirname, '..', 'src', 'index.ts');
const OWN = 'cdk-verified-mail-domain.';

/**
 * TypeScript-only exports the index may keep for a while, each with its reason: none today. Each entry must
 * still be a TypeScript-only export, so the list empties itself: once one is gone, the test says to remove it.
 */
const PENDING: string[] = [];

/**
 * Every name a module exports, type-only exports included, with what it is (class, interface, function...).
 * Only the project's own files are read: those under node_modules (aws-cdk-lib's types, the standard
 * library) stand empty, since what an export is needs only its own declaration, and reading them takes
 * half a minute.
 */
function moduleExports(file: string): Map<string, string> {
  const options: ts.CompilerOptions = { target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS, noLib: true, types: [], noEmit: true };
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile;
  host.getSourceFile = (name, version, ...rest) => (name.includes(`${path.sep}node_modules${path.sep}`) || name.includes('/node_modules/')
    ? ts.createSourceFile(name, 'export {};', version)
    : read.call(host, name, version, ...rest));
  const program = ts.createProgram([file], options, host);
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`${file} is not a module`);
  return new Map(checker.getExportsOfModule(moduleSymbol).map((s) => {
    const target = has(s.flags, ts.SymbolFlags.Alias) ? checker.getAliasedSymbol(s) : s;
    return [s.name, kindOf(target.flags)];
  }));
}

/** Whether a symbol's flags hold `flag` (a bit of the flags). */
function has(flags: ts.SymbolFlags, flag: ts.SymbolFlags): boolean {
  // eslint-disable-next-line no-bitwise
  return (flags & flag) !== 0;
}

function kindOf(flags: ts.SymbolFlags): string {
  const kinds: Array<[ts.SymbolFlags, string]> = [
    [ts.SymbolFlags.Class, 'class'], [ts.SymbolFlags.Interface, 'interface'], [ts.SymbolFlags.Enum, 'enum'],
    [ts.SymbolFlags.Function, 'function'], [ts.SymbolFlags.Variable, 'constant'], [ts.SymbolFlags.TypeAlias, 'type alias'],
  ];
  return kinds.find(([flag]) => has(flags, flag))?.[1] ?? 'other';
}

/** The top-level type names of the assembly. */
function assemblyNames(): Set<string> {
  return new Set(Object.values(loadTypes()).filter((t) => t.fqn.startsWith(OWN)).map((t) => t.fqn.slice(OWN.length)));
}

/** '' when the two sets agree, else what is in one and not the other. */
function mismatch(exported: Map<string, string>, assembly: Set<string>, pending: string[]): string {
  const tsOnly = [...exported].filter(([name]) => !assembly.has(name) && !pending.includes(name)).map(([name, kind]) => `${name} (${kind})`);
  const jsiiOnly = [...assembly].filter((name) => !exported.has(name));
  const stale = pending.filter((name) => !exported.has(name) || assembly.has(name));
  return [
    tsOnly.length ? `exported by src/index.ts but not in the jsii assembly, so TypeScript-only (jsii skips free functions and constants; keep them in their module, or make them a member of a class): ${tsOnly.sort().join(', ')}` : '',
    jsiiOnly.length ? `in the jsii assembly but not exported by name from src/index.ts (add them to its list): ${jsiiOnly.sort().join(', ')}` : '',
    stale.length ? `listed in PENDING but no longer a TypeScript-only export of src/index.ts (remove them from PENDING): ${stale.sort().join(', ')}` : '',
  ].filter((m) => m !== '').join('\n');
}

test('src/index.ts exports exactly the types of the jsii assembly', () => {
  expect(mismatch(moduleExports(INDEX), assemblyNames(), PENDING)).toBe('');
});

test('src/index.ts names every export: no `export *`', () => {
  const source = ts.createSourceFile(INDEX, ts.sys.readFile(INDEX)!, ts.ScriptTarget.ES2020);
  const star = source.statements.filter((s) => ts.isExportDeclaration(s) && s.exportClause === undefined).map((s) => s.getText(source));
  expect(star).toEqual([]);
});

describe('the comparison catches', () => {
  let dir: string;
  let count = 0;
  beforeAll(() => { dir = mkdtempSync(path.join(tmpdir(), 'exports-')); });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The exports of an index that re-exports the real one and adds `extra`. */
  function indexWith(extra: string): Map<string, string> {
    const file = path.join(dir, `index${++count}.ts`);
    const real = INDEX.replace(/\\/g, '/').replace(/\.ts$/, '');
    writeFileSync(file, `export * from '${real}';\n${extra}\n`);
    return moduleExports(file);
  }

  test.each([
    ['a free function', 'export function foo(): number { return 1; }', 'foo (function)'],
    ['a constant', 'export const X = 1;', 'X (constant)'],
    ['a type alias', 'export type Choice = string | number;', 'Choice (type alias)'],
  ])('%s added to the index', (_, extra, shown) => {
    expect(mismatch(indexWith(extra), assemblyNames(), PENDING)).toBe(
      `exported by src/index.ts but not in the jsii assembly, so TypeScript-only (jsii skips free functions and constants; keep them in their module, or make them a member of a class): ${shown}`);
  });

  test('a type of the assembly that the index leaves out', () => {
    const exported = moduleExports(INDEX);
    exported.delete('Spf');
    exported.delete('SpfOptions');
    expect(mismatch(exported, assemblyNames(), PENDING)).toBe('in the jsii assembly but not exported by name from src/index.ts (add them to its list): Spf, SpfOptions');
  });

  test('a PENDING name that the index no longer exports', () => {
    expect(mismatch(moduleExports(INDEX), assemblyNames(), [...PENDING, 'GONE'])).toBe(
      'listed in PENDING but no longer a TypeScript-only export of src/index.ts (remove them from PENDING): GONE');
  });
});
