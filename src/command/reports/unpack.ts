import { gunzipSync } from 'zlib';
import { Unzip, UnzipInflate } from 'fflate';
import PostalMime from 'postal-mime';
import { AggregateReport, isAggregateXml, parseAggregate } from './aggregate';
import { ReadLimits, sizeText } from './limits';

// What one input holds, recognized by its content and never by its name (SES's S3 action stores each message under
// its message id, with no extension): raw mail (MIME, as mailbox providers send it), gzip, zip or bare XML, nested as
// reporters nest them. Each container is opened by a well-kept library (zlib for gzip, fflate for zip, postal-mime
// for mail, saxes for XML in aggregate.ts), and every byte it expands to is counted against the limits
// before more is read.

/** A failure report (RFC 6591: ARF mail with a message/feedback-report part), as counted. */
export interface FailureReport {
  readonly feedbackType?: string;
  readonly reportedDomain?: string;
  readonly sourceIp?: string;
  readonly authFailure?: string;
}

/** What an input holds. */
export interface Unpacked {
  readonly aggregates: AggregateReport[];
  readonly failures: FailureReport[];
  /** Why the input holds no report at all, when it holds none: it is skipped, not an error. */
  readonly notReport?: string;
}

/** The input's content is not a report (a setup notification, a picture): skipped, with the reason. */
class NotReport extends Error {}

interface Budget {
  left: number;
  readonly limits: ReadLimits;
}

/** Everything `bytes` holds; throws an Error with a one-line message when the input cannot be read. */
export async function unpack(bytes: Uint8Array, limits: ReadLimits): Promise<Unpacked> {
  const found: Mutable = { aggregates: [], failures: [] };
  try {
    await open(bytes, { left: limits.expandedBytes, limits }, 0, found);
    return found;
  } catch (e) {
    if (e instanceof NotReport) return { aggregates: [], failures: [], notReport: e.message };
    throw e;
  }
}

interface Mutable { aggregates: AggregateReport[]; failures: FailureReport[] }

const GZIP = [0x1f, 0x8b];
/** Bytes of a zip archive handed to the inflater at a time. */
const ZIP_PIECE = 16 * 1024;
/** A zip archive's first local file header. */
const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** The byte order marks of UTF-16 (RFC 2781), little and big endian. */
const UTF16_LE = [0xff, 0xfe];
const UTF16_BE = [0xfe, 0xff];
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

function openXml(decoded: string, found: Mutable): void {
  // Blank lines before the declaration (an inline body, a hand-saved file) break no report: they are dropped.
  const text = decoded.trimStart();
  if (!isAggregateXml(text)) throw new NotReport('XML whose root is not <feedback>: not a DMARC aggregate report');
  found.aggregates.push(parseAggregate(text));
}

/**
 * Each of several contents (zip entries, mail attachments): those that are no report are passed over while another
 * is one; when none is, the input is no report, with the last reason.
 */
async function openAll(contents: Iterable<Uint8Array>, budget: Budget, depth: number, found: Mutable, none: string): Promise<void> {
  const before = reportsIn(found);
  let unread: NotReport | undefined;
  for (const content of contents) {
    try {
      await open(content, budget, depth + 1, found);
    } catch (e) {
      if (!(e instanceof NotReport)) throw e;
      unread = e;
    }
  }
  if (reportsIn(found) === before) throw new NotReport(`${none}${unread ? `: ${unread.message}` : ''}`);
}

async function open(bytes: Uint8Array, budget: Budget, depth: number, found: Mutable): Promise<void> {
  if (depth > budget.limits.nesting) throw new Error(`containers nest deeper than ${budget.limits.nesting}`);
  if (startsWith(bytes, GZIP)) return open(gunzip(bytes, budget), budget, depth + 1, found);
  if (startsWith(bytes, ZIP)) return openAll(unzip(bytes, budget), budget, depth, found, 'zip archive with no DMARC report in it');
  const utf16 = startsWith(bytes, UTF16_LE) ? 'utf-16le' : startsWith(bytes, UTF16_BE) ? 'utf-16be' : undefined;
  if (utf16 !== undefined) return openXml(decode(bytes, utf16), found);
  // Read as Latin-1, every byte one character, to look at the start; a UTF-8 byte order mark is three of them.
  const head = Buffer.from(bytes.subarray(0, 512)).toString('latin1').replace(/^\xEF\xBB\xBF/, '');
  if (/^\s*</.test(head)) return openXml(decode(bytes, declaredEncoding(head)), found);
  // A header field name (RFC 5322: printable ASCII but the colon) and its colon start a message.
  if (/^[\x21-\x39\x3b-\x7e]+:/.test(head)) return openMail(bytes, budget, depth, found);
  throw new NotReport('neither XML, gzip, zip nor mail: not a DMARC report');
}

function gunzip(bytes: Uint8Array, budget: Budget): Uint8Array {
  try {
    const out = gunzipSync(bytes, { maxOutputLength: Math.max(budget.left, 1) });
    budget.left -= out.length;
    return out;
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ERR_BUFFER_TOO_LARGE') throw new Error(tooLarge('gzip data', budget));
    throw new Error(`gzip data is corrupt or truncated (${err.message})`);
  }
}

function unzip(bytes: Uint8Array, budget: Budget): Uint8Array[] {
  const entries: Uint8Array[] = [];
  let headers = false;
  let files = 0;
  let failure: Error | undefined;
  const unzipper = new Unzip((file) => {
    headers = true;
    if (failure !== undefined || file.name.endsWith('/')) return;
    files += 1;
    if (files > budget.limits.zipEntries) {
      failure = new Error(`zip archive has more than ${budget.limits.zipEntries} entries`);
      return;
    }
    if (file.compression !== 0 && file.compression !== 8) {
      failure = new Error(`zip entry ${file.name} uses compression method ${file.compression}; only stored (0) and deflate (8) are read`);
      return;
    }
    const chunks: Uint8Array[] = [];
    file.ondata = (err, data, final) => {
      if (failure !== undefined) return;
      if (err) {
        failure = new Error(`zip entry ${file.name} is corrupt (${err.message})`);
        return;
      }
      if (data.length > budget.left) {
        failure = new Error(tooLarge(`zip entry ${file.name}`, budget));
        file.terminate();
        return;
      }
      budget.left -= data.length;
      chunks.push(data);
      if (final) entries.push(Buffer.concat(chunks));
    };
    file.start();
  });
  unzipper.register(UnzipInflate);
  try {
    // In small pieces: fflate inflates what it is given at once, so a whole archive pushed in one piece would
    // expand each entry in full before its size could be counted.
    for (let at = 0; at < bytes.length && failure === undefined; at += ZIP_PIECE) {
      unzipper.push(bytes.subarray(at, at + ZIP_PIECE), at + ZIP_PIECE >= bytes.length);
    }
  } catch (e) {
    throw new Error(`zip archive is corrupt or truncated (${(e as Error).message})`);
  }
  if (failure !== undefined) throw failure;
  if (!headers) throw new Error('zip archive is truncated: it ends inside its first entry header');
  // fflate throws for every truncated entry tried; an entry that never ended is refused all the same.
  if (entries.length < files) throw new Error('zip archive is truncated: an entry ends before its data does');
  if (entries.length === 0) throw new NotReport('zip archive holds no file');
  return entries;
}

const reportsIn = (found: Mutable) => found.aggregates.length + found.failures.length;

/** How many lines starting with `--` (MIME boundaries) a mail may have before it is parsed. */
function checkParts(bytes: Uint8Array, limit: number): void {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  let lines = 0;
  for (let at = buffer.indexOf('\n--'); at >= 0; at = buffer.indexOf('\n--', at + 3)) {
    lines += 1;
    if (lines > limit) throw new Error(`mail with more than ${limit} MIME boundary lines; not parsed`);
  }
}

async function openMail(bytes: Uint8Array, budget: Budget, depth: number, found: Mutable): Promise<void> {
  checkParts(bytes, budget.limits.mailParts);
  const mail = await PostalMime.parse(bytes, { attachmentEncoding: 'arraybuffer', maxNestingDepth: 8 });
  const contentType = mail.headers.find((h) => h.key === 'content-type')?.value ?? '';
  const feedback = mail.attachments.find((a) => a.mimeType.toLowerCase() === 'message/feedback-report');
  if (/^\s*multipart\/report/i.test(contentType) && feedback !== undefined) {
    found.failures.push(await failureOf(bytesOf(feedback.content)));
    return;
  }
  const attachments = mail.attachments.map((a) => {
    const content = bytesOf(a.content);
    if (content.length > budget.left) throw new Error(tooLarge('mail attachments', budget));
    budget.left -= content.length;
    return content;
  });
  const inline = mail.text?.trimStart();
  // Some reporters put the XML in the body instead of attaching it.
  if (inline !== undefined && inline.startsWith('<')) attachments.push(Buffer.from(inline));
  const subject = mail.subject ? ` (subject '${mail.subject.slice(0, 80)}')` : '';
  return openAll(attachments, budget, depth, found, `mail with no DMARC report in it${subject}`);
}

/** The fields of a message/feedback-report part: header fields, so postal-mime reads them as a message's headers. */
async function failureOf(part: Uint8Array): Promise<FailureReport> {
  const fields = (await PostalMime.parse(part)).headers;
  const field = (key: string) => fields.find((h) => h.key === key)?.value.trim() || undefined;
  return {
    feedbackType: field('feedback-type')?.toLowerCase(),
    reportedDomain: field('reported-domain')?.toLowerCase(),
    sourceIp: field('source-ip'),
    authFailure: field('auth-failure')?.toLowerCase(),
  };
}

/** An attachment's bytes: postal-mime gives ArrayBuffers with attachmentEncoding 'arraybuffer'. */
const bytesOf = (content: ArrayBuffer | Uint8Array | string) => (content instanceof Uint8Array ? content : new Uint8Array(content as ArrayBuffer));

const tooLarge = (what: string, budget: Budget) =>
  `${what} expands past ${sizeText(budget.limits.expandedBytes)}, the limit for one input (a decompression bomb?)`;

/** The encoding an XML declaration names (UTF-8 when it names none), from the input's first bytes as Latin-1. */
function declaredEncoding(head: string): string {
  return /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1] ?? 'utf-8';
}

/** Bytes as text in `encoding`, checked strictly: bytes not valid in it are an error, never replaced silently. */
function decode(bytes: Uint8Array, encoding: string): string {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding, { fatal: true });
  } catch {
    throw new Error(`XML in encoding '${encoding}', which the command cannot decode`);
  }
  try {
    return decoder.decode(bytes);
  } catch {
    throw new Error(`XML that is not valid ${encoding.toUpperCase()} (its declared encoding)`);
  }
}
