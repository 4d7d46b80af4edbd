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

/** A problem that makes the input unreadable (corrupt, truncated, too large): reported as an error. */
export class UnreadableInput extends Error {}

/** The input's content is not a report (a setup notification, a picture): skipped, with the reason. */
class NotReport extends Error {}

interface Budget {
  left: number;
  readonly limits: ReadLimits;
}

/** Everything `bytes` holds, or throws UnreadableInput with a one-line message. */
export async function unpack(bytes: Uint8Array, limits: ReadLimits): Promise<Unpacked> {
  const found: Mutable = { aggregates: [], failures: [] };
  try {
    await open(bytes, { left: limits.expandedBytes, limits }, 0, found);
    return found;
  } catch (e) {
    if (e instanceof NotReport) return { aggregates: [], failures: [], notReport: e.message };
    if (e instanceof UnreadableInput) throw e;
    throw new UnreadableInput((e as Error).message);
  }
}

interface Mutable { aggregates: AggregateReport[]; failures: FailureReport[] }

async function open(bytes: Uint8Array, budget: Budget, depth: number, found: Mutable): Promise<void> {
  if (depth > budget.limits.nesting) throw new UnreadableInput(`containers nest deeper than ${budget.limits.nesting}`);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return open(gunzip(bytes, budget), budget, depth + 1, found);
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    for (const entry of unzip(bytes, budget)) await open(entry, budget, depth + 1, found);
    return;
  }
  const head = Buffer.from(bytes.subarray(0, 512)).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '');
  if (/^\s*</.test(head)) {
    const text = decodeXml(bytes);
    if (!isAggregateXml(text)) throw new NotReport('XML whose root is not <feedback>: not a DMARC aggregate report');
    found.aggregates.push(parseAggregate(text));
    return;
  }
  if (/^[\x21-\x39\x3b-\x7e]+:/.test(head)) return openMail(bytes, budget, depth, found);
  throw new NotReport('neither XML, gzip, zip nor mail: not a DMARC report');
}

function gunzip(bytes: Uint8Array, budget: Budget): Uint8Array {
  let out: Buffer;
  try {
    out = gunzipSync(bytes, { maxOutputLength: Math.max(budget.left, 1) });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ERR_BUFFER_TOO_LARGE') throw new UnreadableInput(tooLarge('gzip data', budget));
    throw new UnreadableInput(`gzip data is corrupt or truncated (${err.message})`);
  }
  return spend(out, budget, 'gzip data');
}

function unzip(bytes: Uint8Array, budget: Budget): Uint8Array[] {
  const entries: Uint8Array[] = [];
  let headers = 0;
  let started = 0;
  let failure: Error | undefined;
  const unzipper = new Unzip((file) => {
    headers += 1;
    if (failure !== undefined || file.name.endsWith('/')) return;
    started += 1;
    if (started > budget.limits.zipEntries) {
      failure = new UnreadableInput(`zip archive has more than ${budget.limits.zipEntries} entries`);
      return;
    }
    const chunks: Uint8Array[] = [];
    file.ondata = (err, data, final) => {
      if (failure !== undefined) return;
      if (err) {
        failure = new UnreadableInput(`zip entry ${file.name} is corrupt (${err.message})`);
        return;
      }
      if (data.length > budget.left) {
        failure = new UnreadableInput(tooLarge(`zip entry ${file.name}`, budget));
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
    unzipper.push(bytes, true);
  } catch (e) {
    throw new UnreadableInput(`zip archive is corrupt or truncated (${(e as Error).message})`);
  }
  if (failure !== undefined) throw failure;
  if (entries.length < started) throw new UnreadableInput('zip archive is truncated: an entry ends before its data does');
  if (headers === 0) throw new UnreadableInput('zip archive is truncated: it ends inside its first entry header');
  if (entries.length === 0) throw new NotReport('zip archive holds no file');
  return entries;
}

async function openMail(bytes: Uint8Array, budget: Budget, depth: number, found: Mutable): Promise<void> {
  const mail = await PostalMime.parse(bytes, { attachmentEncoding: 'arraybuffer', maxNestingDepth: 8 });
  const contentType = mail.headers.find((h) => h.key === 'content-type')?.value ?? '';
  const feedback = mail.attachments.find((a) => a.mimeType.toLowerCase() === 'message/feedback-report');
  if (/^\s*multipart\/report/i.test(contentType) && feedback !== undefined) {
    found.failures.push(await failureOf(asBytes(feedback.content)));
    return;
  }
  let reports = 0;
  let unread: NotReport | undefined;
  for (const attachment of mail.attachments) {
    const content = spend(asBytes(attachment.content), budget, 'mail attachments');
    const before = found.aggregates.length + found.failures.length;
    try {
      await open(content, budget, depth + 1, found);
    } catch (e) {
      if (!(e instanceof NotReport)) throw e;
      unread = e;
    }
    reports += found.aggregates.length + found.failures.length - before;
  }
  if (reports > 0) return;
  const inline = mail.text?.trimStart();
  if (inline !== undefined && inline.startsWith('<')) return open(Buffer.from(inline, 'utf8'), budget, depth + 1, found);
  const subject = mail.subject ? ` (subject '${mail.subject.slice(0, 80)}')` : '';
  throw new NotReport(`mail with no DMARC report in it${subject}${unread ? `: ${unread.message}` : ''}`);
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

function asBytes(content: ArrayBuffer | Uint8Array | string): Uint8Array {
  if (typeof content === 'string') return Buffer.from(content, 'utf8');
  return content instanceof Uint8Array ? content : new Uint8Array(content);
}

function spend(bytes: Uint8Array, budget: Budget, what: string): Uint8Array {
  if (bytes.length > budget.left) throw new UnreadableInput(tooLarge(what, budget));
  budget.left -= bytes.length;
  return bytes;
}

const tooLarge = (what: string, budget: Budget) =>
  `${what} expands past ${sizeText(budget.limits.expandedBytes)}, the limit for one input (a decompression bomb?)`;

/**
 * XML bytes as text: in the encoding its declaration names (UTF-8 when it names none), checked strictly, so bytes
 * that are not valid in that encoding are an error and never replaced silently.
 */
function decodeXml(bytes: Uint8Array): string {
  const declared = /^(?:\uFEFF|\xEF\xBB\xBF)?\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/
    .exec(Buffer.from(bytes.subarray(0, 200)).toString('latin1'))?.[1] ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(declared, { fatal: true });
  } catch {
    throw new UnreadableInput(`XML in encoding '${declared}', which the command cannot decode`);
  }
  try {
    return decoder.decode(bytes);
  } catch {
    throw new UnreadableInput(`XML that is not valid ${declared.toUpperCase()} (its declared encoding)`);
  }
}
