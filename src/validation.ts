import { domainToASCII } from 'url';
import { Duration, Token } from 'aws-cdk-lib';
import { DNS_LABEL_MAX, DNS_NAME_MAX } from './limits';

// Private checks shared by the construct and its value classes. Every check lets an unresolved
// token through unchanged: its value is known only at deploy time.

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
/** DNS names that are not host names (SPF include targets, `_spf.google.com`) may have labels starting with `_`. */
const DNS_LABEL = /^_?[a-z0-9]([a-z0-9_-]{0,61}[a-z0-9])?$/;

/** What a name is used as: a host name (letters, digits, hyphens) or any DNS name (underscores too). */
export enum NameKind { HOST, DNS }

/**
 * Normalizes a host name: lower case, one trailing dot dropped, Unicode converted to punycode.
 * Throws, naming the prop and the bad value, on anything that is not a host name (RFC 1035 labels).
 */
export function normalizeDomainName(prop: string, value: string, kind: NameKind = NameKind.HOST): string {
  checkKind(prop, value, typeof value === 'string', "a string such as 'example.com'");
  if (Token.isUnresolved(value)) return value;
  let name = value.endsWith('.') ? value.slice(0, -1) : value;
  if (/[^\x20-\x7e]/.test(name)) {
    const ascii = /\s/.test(name) ? '' : domainToASCII(name);
    if (!ascii) {
      throw new Error(`${prop} must be a domain name of ASCII letters, digits, hyphens and dots (internationalized names as punycode 'xn--...'), got '${value}'`);
    }
    name = ascii;
  }
  name = name.toLowerCase();
  if (name.length === 0) {
    throw new Error(`${prop} must be a domain name such as 'example.com', got '${value}'`);
  }
  if (name.length > DNS_NAME_MAX) {
    throw new Error(`${prop} must be at most ${DNS_NAME_MAX} characters long, got ${name.length}: '${value}'`);
  }
  for (const label of name.split('.')) {
    checkLabelText(prop, value, label, kind);
  }
  return name;
}

/** Checks a single DNS label (letters, digits, inner hyphens, 1-63 characters) and lower-cases it. */
export function normalizeLabel(prop: string, value: string): string {
  checkKind(prop, value, typeof value === 'string', "a string such as 'bounce'");
  if (Token.isUnresolved(value)) return value;
  if (value.includes('.')) {
    throw new Error(`${prop} must be a single DNS label without dots (e.g. 'bounce'), got '${value}'`);
  }
  const label = value.toLowerCase();
  checkLabelText(prop, value, label);
  return label;
}

function checkLabelText(prop: string, value: string, label: string, kind: NameKind = NameKind.HOST): void {
  if (label === '*') {
    throw new Error(`${prop} must not contain a wildcard label '*', got '${value}'`);
  }
  if (label.length === 0) {
    throw new Error(`${prop} must not contain an empty label (a leading dot or two dots in a row), got '${value}'`);
  }
  if (label.length > DNS_LABEL_MAX) {
    throw new Error(`${prop} labels must be 1-${DNS_LABEL_MAX} characters long, got ${label.length} in '${value}'`);
  }
  if (kind === NameKind.DNS ? !DNS_LABEL.test(label) : !LABEL.test(label)) {
    const allowed = kind === NameKind.DNS ? 'letters, digits, inner hyphens and underscores' : 'letters, digits and inner hyphens';
    throw new Error(`${prop} labels may hold only ${allowed}, got '${label}' in '${value}'`);
  }
}

/** True when `name` is `parent` or lies below it. Both are normalized names without trailing dot. */
export function isWithin(name: string, parent: string): boolean {
  return name === parent || name.endsWith(`.${parent}`);
}

/** An MX priority: an integer 0-65535. */
export function checkPriority(prop: string, priority: number): void {
  if (Token.isUnresolved(priority)) return;
  if (!Number.isInteger(priority) || priority < 0 || priority > 65535) {
    throw new Error(`${prop} must be an integer from 0 to 65535, got ${priority}`);
  }
}

/** A Duration in whole seconds from min to max; returns the seconds (a token passes through unchecked). */
export function wholeSeconds(prop: string, value: Duration, min: number, max: number): number {
  const seconds = secondsOf(prop, value);
  if (!Token.isUnresolved(seconds) && (!Number.isInteger(seconds) || seconds < min || seconds > max)) {
    throw new Error(`${prop} must be a whole number of seconds from ${min} to ${max}, got ${seconds}`);
  }
  return seconds;
}

/**
 * A Duration in seconds (a token passes through). aws-cdk-lib converts a token amount only from seconds:
 * `Duration.minutes(param.valueAsNumber)` cannot be converted at all, so it gets this message, not a raw one.
 */
export function secondsOf(prop: string, value: Duration): number {
  checkDuration(prop, value);
  try {
    return value.toSeconds({ integral: false });
  } catch {
    throw new Error(`${prop} must be a Duration that can be converted to seconds: one whose amount is a token must be given in seconds `
      + `(Duration.seconds(token)), got ${value.toString().replace(/\(.*\)$/, '(<token>)')}`);
  }
}

/** An enum's members by name, so that messages name them as the user wrote them (`DmarcPolicy.REJECT`). */
export interface EnumValues {
  /** The enum as users write it, e.g. `DmarcPolicy` or `ses.EasyDkimSigningKeyLength`. */
  readonly enumName: string;
  /** Member name -> value. */
  readonly members: Record<string, string>;
}

/** The members of `enumObject` (a TypeScript string enum) under `enumName`, less those in `except`. */
export function enumValues(enumName: string, enumObject: object, except: string[] = []): EnumValues {
  const members = Object.fromEntries(Object.entries(enumObject).filter(([, v]) => typeof v === 'string' && !except.includes(v)));
  return { enumName, members };
}

/**
 * A value from a fixed set (an enum given a stray value from JavaScript, say); tokens and undefined pass.
 * Given the enum, the message names each member and its value: `DmarcPolicy.NONE ('none')`.
 */
export function checkOneOf(prop: string, value: unknown, allowed: readonly string[] | EnumValues): void {
  if (value === undefined) return;
  checkMember(prop, value, allowed);
}

/** Like checkOneOf, for an entry that must be there (an entry of a list: `[undefined]` is refused). */
function checkMember(prop: string, value: unknown, allowed: readonly string[] | EnumValues): void {
  if (typeof value === 'string' && Token.isUnresolved(value)) return;
  const list = isEnumValues(allowed) ? Object.values(allowed.members) : allowed;
  if (typeof value === 'string' && list.includes(value)) return;
  const text = isEnumValues(allowed)
    ? Object.entries(allowed.members).map(([name, v]) => (name === v ? `${allowed.enumName}.${name}` : `${allowed.enumName}.${name} ('${v}')`)).join(', ')
    : allowed.join(', ');
  throw new Error(`${prop} must be one of ${text}, got ${typeof value === 'string' ? `'${value}'` : describeValue(value)}`);
}

function isEnumValues(allowed: readonly string[] | EnumValues): allowed is EnumValues {
  return !Array.isArray(allowed);
}

/** The prop's list of enum members, or an empty one; each entry is checked first, naming its index. */
export function enumListOf<T extends string>(prop: string, values: T[] | undefined, allowed: EnumValues): T[] {
  if (values === undefined) return [];
  checkLiteralList(prop, values);
  checkKind(prop, values, Array.isArray(values), `a list of ${allowed.enumName} members`);
  values.forEach((v, i) => checkMember(`${prop}[${i}]`, v, allowed));
  return values;
}

function checkLiteralList(prop: string, values: unknown): void {
  if (Token.isUnresolved(values)) {
    throw new Error(`${prop} must be a literal list (its entries may be tokens), got an unresolved list token`);
  }
}

/**
 * An options object (a struct): undefined when the parameter is optional, never a list, a string or a
 * number, whose keys would silently be read as absent. `call` names the factory, `example` shows one.
 */
export function checkOptions(call: string, value: unknown, example: string, required = false): void {
  const ok = (value === undefined && !required) || (typeof value === 'object' && value !== null && !Array.isArray(value));
  if (!ok) throw new Error(`${call} takes an options object such as ${example}, got ${describeValue(value)}`);
}

/** An optional string prop: undefined or a string (a token is a string too). */
export function optionalString(prop: string, value: unknown, example: string): string | undefined {
  checkKind(prop, value, value === undefined || typeof value === 'string', `a string such as ${example}`);
  return value as string | undefined;
}

/**
 * A construct of aws-cdk-lib given through its interface, duck-typed by the string attributes it must
 * have, so that one from another copy of aws-cdk-lib is accepted too.
 */
export function checkConstruct(prop: string, value: unknown, attributes: string[], expected: string): void {
  const ok = typeof value === 'object' && value !== null && attributes.every((a) => typeof (value as any)[a] === 'string');
  checkKind(prop, value, ok, expected);
}

/**
 * An SES resource name (configuration set, contact list, topic): 1 to `max` letters, digits, underscores
 * and dashes; `what` names the rule in the message. Undefined and a token pass.
 */
export function checkSesName(prop: string, name: unknown, max: number, what: string): void {
  if (name === undefined) return;
  checkKind(prop, name, typeof name === 'string', 'a string');
  const text = name as string;
  if (Token.isUnresolved(text)) return;
  if (!/^[A-Za-z0-9_-]+$/.test(text) || text.length > max) {
    throw new Error(`${prop} must be 1-${max} letters, digits, underscores (_) or dashes (-) (${what}), got '${text}'`);
  }
}

/** An optional text of at most `max` characters; `what` names the rule in the message. Undefined and a token pass. */
export function checkMaxLength(prop: string, value: unknown, max: number, what: string): void {
  if (value === undefined) return;
  checkKind(prop, value, typeof value === 'string', 'a string');
  const text = value as string;
  if (!Token.isUnresolved(text) && text.length > max) {
    throw new Error(`${prop} must be at most ${max} characters (${what}), got ${text.length}: '${text}'`);
  }
}

/** Only printable ASCII is allowed in TXT data this construct writes (SPF and DMARC are ASCII; Route53 splits UTF-16). */
export function checkPrintableAscii(prop: string, value: string): void {
  if (Token.isUnresolved(value)) return;
  const bad = value.match(/[^\x20-\x7e]/);
  if (bad) {
    throw new Error(`${prop} must contain only printable ASCII characters, got '${value}' (character ${JSON.stringify(bad[0])} at ${bad.index})`);
  }
}

/** The prop's array, or an empty one; an unresolved list token is refused because records are computed at synth time. */
export function listOf(prop: string, values: string[] | undefined): string[] {
  if (values === undefined) return [];
  checkLiteralList(prop, values);
  checkKind(prop, values, Array.isArray(values), 'a list of strings');
  values.forEach((v, i) => checkKind(`${prop}[${i}]`, v, typeof v === 'string', 'a string'));
  return values;
}

/**
 * Values from JavaScript and the other jsii languages can be of any kind; a wrong one gets the
 * construct's message naming the prop, not a TypeError from deep inside aws-cdk-lib.
 */
export function checkKind(prop: string, value: unknown, ok: boolean, expected: string): void {
  if (!ok) {
    throw new Error(`${prop} must be ${expected}, got ${describeValue(value)}`);
  }
}

/** An optional boolean prop: undefined or true/false. */
export function optionalBoolean(prop: string, value: unknown): boolean | undefined {
  checkKind(prop, value, value === undefined || typeof value === 'boolean', 'true or false');
  return value as boolean | undefined;
}

/** A Duration, duck-typed so that one from another copy of aws-cdk-lib is accepted too. */
export function checkDuration(prop: string, value: unknown): void {
  const ok = typeof value === 'object' && value !== null && typeof (value as Duration).toSeconds === 'function';
  checkKind(prop, value, ok, 'a Duration (e.g. Duration.minutes(30))');
}

/** A short description of a value of the wrong kind, for messages. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return `an object of class ${(value as object).constructor?.name ?? 'Object'}`;
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** The props of struct `T`, each exactly once: TypeScript refuses a list that misses one or names another. */
export function knownKeys<T>(keys: { readonly [K in keyof T]-?: true }): readonly string[] {
  return Object.keys(keys);
}

/**
 * The keys of an options object (a struct) must be its props: from JavaScript a mistyped one
 * (`{ Policy: 'reject' }`) would be read as absent and a weaker default used without a word. Keys whose
 * value is undefined are ignored (a spread of optional props). A near miss of a prop always throws,
 * naming the prop meant: the same letters in another case, or, for a key of 4 or more characters, at
 * most 2 edits (a letter added, dropped, changed, or two neighbours swapped; case ignored) from a prop
 * longer than the edits. Any other unknown key throws too, unless `lenient`: then the unknown keys are
 * returned for the caller to warn about.
 */
export function checkKnownKeys(call: string, value: unknown, known: readonly string[], lenient = false): string[] {
  if (typeof value !== 'object' || value === null) return [];
  const unknown = Object.keys(value).filter((k) => !known.includes(k) && (value as Record<string, unknown>)[k] !== undefined);
  for (const key of unknown) {
    const meant = nearMiss(key, known);
    if (meant !== undefined) throw new Error(`${call} has no option '${key}': did you mean '${meant}'? Options: ${known.join(', ')}`);
  }
  if (unknown.length > 0 && !lenient) {
    const named = unknown.map((k) => `'${k}'`).join(', ');
    throw new Error(`${call} has no ${unknown.length === 1 ? 'option' : 'options'} ${named}; options: ${known.join(', ')}`);
  }
  return unknown;
}

/** The known key `key` is a near miss of (see checkKnownKeys), the closest first; undefined if none. */
function nearMiss(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  const same = known.find((k) => k.toLowerCase() === lower);
  if (same !== undefined || key.length < 4) return same;
  let best: { key: string; distance: number } | undefined;
  for (const k of known) {
    const distance = editDistance(lower, k.toLowerCase());
    if (distance <= 2 && distance < k.length && (best === undefined || distance < best.distance)) best = { key: k, distance };
  }
  return best?.key;
}

/** Damerau-Levenshtein distance (optimal string alignment): insertions, deletions, substitutions, adjacent swaps. */
function editDistance(a: string, b: string): number {
  // d[i][j]: the distance between the first i letters of a and the first j of b.
  const d: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 0; i <= a.length; i++) d[i][0] = i;
  for (let j = 0; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
