import { TXT_STRING_MAX } from './limits';
import { fqdn, RecordData } from './record-model';

// The one writer of records in BIND zone-file syntax and its reader, the exact inverse: the construct writes its
// records into the stack outputs (record-outputs.ts) and `zoneFile()`, the command reads the outputs back. A block is a
// line `; <domain>` then the domain's record lines. No aws-cdk-lib: a value that must stay whole (a token) is the
// caller's to say (records.ts).

/** A TXT text as character-strings of at most 255 characters; an empty text is one empty string. */
export function txtStrings(text: string): string[] {
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += TXT_STRING_MAX) parts.push(text.slice(i, i + TXT_STRING_MAX));
  return parts.length === 0 ? [''] : parts;
}

/** Character-strings quoted and separated by a space, quotes and backslashes escaped: `"first 255" "rest"`. */
export function quoteTxtStrings(strings: string[]): string {
  return strings.map((part) => `"${part.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(' ');
}

/** A TXT text split into strings of at most 255 characters and quoted, as Route53 and zone files take it. */
export function writeTxtValue(text: string): string {
  return quoteTxtStrings(txtStrings(text));
}

/** The text of a quoted TXT value (`"a" "b"` reads as `ab`); undefined when it is not quoted strings. */
export function readTxtValue(value: string): string | undefined {
  const strings = /^(?:"(?:[^"\\]|\\.)*"(?: |$))+$/.test(value) ? value.match(/"(?:[^"\\]|\\.)*"/g)! : undefined;
  return strings?.map((s) => s.slice(1, -1).replace(/\\(.)/g, '$1')).join('');
}

/** A host as the model holds it, without the trailing dot; the root `.` stays itself. */
const relative = (host: string) => (host === '.' ? host : host.replace(/\.$/, ''));

/** One value in zone-file form: hosts made absolute (the root `.` stays itself), TXT split and quoted by `txt`. */
function writeValue(type: string, value: string, txt: (text: string) => string): string {
  switch (type) {
    case 'TXT':
      return txt(value);
    case 'CNAME':
      return fqdn(value);
    case 'MX': {
      const space = value.indexOf(' ');
      return `${value.slice(0, space)} ${fqdn(value.slice(space + 1))}`;
    }
    default:
      return value;
  }
}

/**
 * The lines of one record set, `<name> <ttl> IN <type> <value>`, one a value. `txt` quotes a TXT text; the default
 * splits it at 255 characters (records.ts passes one that keeps a token whole).
 */
export function writeZoneFileLines(record: RecordData, txt: (text: string) => string = writeTxtValue): string[] {
  const name = fqdn(record.name);
  return record.values.map((value) => `${name} ${record.ttl} IN ${record.type} ${writeValue(record.type, value, txt)}`);
}

/** One value read back into the model's form; undefined when it is not in the writer's form for its type. */
function readValue(type: string, value: string): string | undefined {
  switch (type) {
    case 'TXT':
      return readTxtValue(value);
    case 'CNAME':
      return /^\S+\.$/.test(value) ? relative(value) : undefined;
    case 'MX': {
      const match = /^(\d+) (\S*\.)$/.exec(value);
      return match ? `${match[1]} ${relative(match[2])}` : undefined;
    }
    default:
      return value;
  }
}

/**
 * A line the writer wrote, read back as a one-value record set: the name as written (absolute), the type upper case,
 * the value in the model's form. Undefined for a line that is not a record line in the writer's form.
 */
export function readZoneFileLine(line: string): RecordData | undefined {
  const match = /^(\S+) (\d+) IN ([A-Za-z]+) (.*)$/.exec(line);
  if (!match) return undefined;
  const type = match[3].toUpperCase();
  const value = readValue(type, match[4]);
  return value === undefined ? undefined : { name: match[1], type, ttl: Number(match[2]), values: [value] };
}

/** A domain's block: `; <domain>`, then its lines. */
export function writeDomainBlock(domain: string, lines: string[]): string[] {
  return [`; ${domain}`, ...lines];
}

/**
 * The record lines of `domain`'s block in `text` (blocks as writeDomainBlock writes them, one after another), each read
 * by readZoneFileLine; `unread` holds the lines of the block that are not record lines. Undefined when the text has no
 * block for the domain.
 */
export function readDomainBlock(text: string, domain: string): { records: RecordData[]; unread: string[] } | undefined {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l === `; ${domain}`);
  if (start < 0) return undefined;
  const records: RecordData[] = [];
  const unread: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith(';')) break;
    if (line === '') continue;
    const record = readZoneFileLine(line);
    if (record) records.push(record);
    else unread.push(line);
  }
  return { records, unread };
}
