import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import * as path from 'path';
import * as cdk from 'aws-cdk-lib';

// The public API as the jsii assembly (.jsii) describes it, turned into positions where a user gives
// a value (a parameter, a prop of a struct inside it, an entry of a list), each with the kinds of
// value that are wrong there. test/kinds.test.ts feeds every wrong kind to every position.

/** A jsii type reference. */
export interface TypeRef {
  readonly primitive?: string;
  readonly fqn?: string;
  readonly collection?: { readonly kind: string; readonly elementtype: TypeRef };
  readonly union?: unknown;
}

interface Parameter { readonly name: string; readonly type: TypeRef; readonly optional?: boolean }
interface Method { readonly name: string; readonly static?: boolean; readonly parameters?: Parameter[] }
interface JsiiType {
  readonly fqn: string;
  readonly name: string;
  readonly kind: 'class' | 'interface' | 'enum';
  readonly datatype?: boolean;
  readonly interfaces?: string[];
  readonly abstract?: boolean;
  readonly properties?: Parameter[];
  readonly methods?: Method[];
  readonly initializer?: { readonly parameters?: Parameter[] };
  readonly members?: Array<{ readonly name: string }>;
}

export const ASSEMBLY_FILE = path.join(__dirname, '..', '..', '.jsii');
const OWN = 'cdk-verified-mail-domain.';

/** The assembly's types by fqn; run `npx projen compile` to make it. */
export function loadTypes(): Record<string, JsiiType> {
  if (!existsSync(ASSEMBLY_FILE)) throw new Error(`${ASSEMBLY_FILE} is missing: run 'npx projen compile' first`);
  // An assembly older than the source would test the API as it was: a new prop would go unnoticed.
  const made = statSync(ASSEMBLY_FILE).mtimeMs;
  const newer = sourceFiles(path.join(__dirname, '..', '..', 'src')).find((f) => statSync(f).mtimeMs > made);
  if (newer) throw new Error(`${ASSEMBLY_FILE} is older than ${newer}: run 'npx projen compile' first`);
  return JSON.parse(readFileSync(ASSEMBLY_FILE, 'utf8')).types;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory()
    ? sourceFiles(path.join(dir, d.name))
    : d.name.endsWith('.ts') ? [path.join(dir, d.name)] : []));
}

/** A call into the public API: a static factory, a constructor or an instance method. */
export interface EntryPoint {
  readonly className: string;
  /** '<init>' for the constructor. */
  readonly method: string;
  readonly isStatic: boolean;
  readonly parameters: Parameter[];
}

/** Where a value sits in a call: the parameter's index, then prop names and list indexes. */
export type Step = number | string;

/** One place a user gives a value. */
export interface Position {
  readonly entry: EntryPoint;
  readonly steps: Step[];
  readonly type: TypeRef;
  readonly optional: boolean;
  /** True for an entry of a list: absent (null, undefined) is never a value there. */
  readonly inList: boolean;
  /** The names a message about it may use: the prop or parameter, and the factory. */
  readonly names: string[];
  readonly label: string;
}

/** Constructor parameters that belong to the constructs programming model, not to this library. */
const CONSTRUCT_PARAMETERS = ['scope', 'id'];

export function entryPoints(types: Record<string, JsiiType>): EntryPoint[] {
  const out: EntryPoint[] = [];
  for (const t of Object.values(types)) {
    if (t.kind !== 'class' || !t.fqn.startsWith(OWN)) continue;
    const init = (t.initializer?.parameters ?? []).filter((p) => !CONSTRUCT_PARAMETERS.includes(p.name));
    if (!t.abstract && init.length > 0) out.push({ className: t.name, method: '<init>', isStatic: false, parameters: t.initializer!.parameters! });
    for (const m of t.methods ?? []) {
      if ((m.parameters ?? []).length > 0) out.push({ className: t.name, method: m.name, isStatic: m.static === true, parameters: m.parameters! });
    }
  }
  return out;
}

export function positions(types: Record<string, JsiiType>, entry: EntryPoint): Position[] {
  const call = entry.method === '<init>' ? `new ${entry.className}` : `${entry.className}.${entry.method}`;
  // An instance method is called on an object (`mail.grantSendEmail`): its messages name the method alone.
  const calls = entry.isStatic || entry.method === '<init>' ? [call] : [call, entry.method];
  const out: Position[] = [];
  const walk = (steps: Step[], type: TypeRef, optional: boolean, inList: boolean, names: string[], label: string, depth: number) => {
    out.push({ entry, steps, type, optional, inList, names, label });
    if (depth > 4) return;
    const element = type.collection?.elementtype;
    if (element) walk([...steps, 0], element, false, true, names, `${label}[0]`, depth + 1);
    const struct = type.fqn ? types[type.fqn] : undefined;
    if (struct?.datatype) {
      for (const p of struct.properties ?? []) {
        walk([...steps, p.name], p.type, p.optional === true, false, [p.name, ...calls], `${label}.${p.name}`, depth + 1);
      }
    }
  };
  entry.parameters.forEach((p, i) => {
    if (entry.method === '<init>' && CONSTRUCT_PARAMETERS.includes(p.name)) return;
    walk([i], p.type, p.optional === true, false, [p.name, ...calls], `${call}(${p.name})`, 0);
  });
  return out;
}

/** The wrong kinds fed to every position; the one that is the position's own kind is left out. */
export const WRONG_KINDS: Record<string, () => unknown> = {
  'null': () => null,
  'a number': () => 42,
  'a string': () => 'x',
  'a list': () => ['x'],
  'a plain object': () => ({}),
};

/** The text a message must show for each wrong kind (describeValue's words, or the quoted value). */
export const SHOWN: Record<string, RegExp> = {
  'null': /\bnull\b/,
  'undefined': /\bundefined\b/,
  'a number': /\b42\b/,
  'a string': /['"]x['"]/,
  'a list': /\blist\b/,
  'a plain object': /\bobject\b/,
};

export function wrongKindsFor(types: Record<string, JsiiType>, position: Position): string[] {
  const t = position.type;
  const own = t.primitive === 'string' ? 'a string'
    : t.primitive === 'number' ? 'a number'
      : t.collection ? 'a list'
        : t.fqn && types[t.fqn]?.datatype ? 'a plain object' : undefined;
  const kinds = Object.keys(WRONG_KINDS).filter((k) => k !== own);
  return position.inList ? [...kinds, 'undefined'] : kinds;
}

/** The runtime object of a type named by its fqn (enums, classes), from this library or aws-cdk-lib. */
export function runtimeOf(fqn: string, own: Record<string, unknown>): any {
  const parts = fqn.split('.');
  if (fqn.startsWith(OWN)) return own[parts[1]];
  if (parts[0] === 'aws-cdk-lib') return parts.slice(1).reduce((o: any, p) => o?.[p], cdk);
  return undefined;
}

/** Every prop of a struct, its own and those of the structs it extends (`SesReceivingOptions extends SesEndpointOptions`). */
export function structProperties(types: Record<string, JsiiType>, fqn: string): string[] {
  const t = types[fqn];
  return [...(t.properties ?? []).map((p) => p.name), ...(t.interfaces ?? []).flatMap((i) => (types[i] ? structProperties(types, i) : []))];
}

/** The positions that take a struct of this library (an options object), where its keys are checked. */
export function structPositions(types: Record<string, JsiiType>, all: Position[]): Position[] {
  return all.filter((p) => p.type.fqn !== undefined && types[p.type.fqn]?.datatype === true && p.type.fqn.startsWith(OWN));
}
