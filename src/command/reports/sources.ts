import { promises as fs } from 'fs';
import { join } from 'path';
import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import { ReadLimits, sizeText } from './limits';

// Where the `reports` command's inputs come from: files, folders (read recursively, in name order) and
// `s3://bucket/prefix` (AWS SDK for JavaScript v3, loaded only when a path asks for it). Inputs are listed lazily, one
// at a time, so memory does not grow with their number; each is read only after its size is known to be within the
// limit, and a problem with one input (gone, too large, unreadable) is that input's error alone.

/** One input: its name as the output shows it, and how to read it. */
export interface Input {
  readonly name: string;
  read(): Promise<Uint8Array>;
}

/** An input, or a path that yields none, with the reason. */
export type Listed = { readonly input: Input } | { readonly file: string; readonly error: string };

/** The S3 client's settings (region, endpoint, credentials); tests point it at the emulator. */
export type S3Settings = S3ClientConfig;

/** One input's bytes, or why it yields none. */
export type Read = { readonly file: string; readonly bytes: Uint8Array } | { readonly file: string; readonly error: string };

/**
 * The bytes of every input the paths name, in order, each read while the one before it is being parsed: one read in
 * flight at a time, so at most two inputs are held in memory.
 */
export async function* readInputs(paths: string[], limits: ReadLimits, s3?: S3Settings): AsyncGenerator<Read> {
  let pending: Promise<Read> | undefined;
  for await (const listed of inputsOf(paths, limits, s3)) {
    const next: Promise<Read> = 'error' in listed ? Promise.resolve(listed) : listed.input.read().then(
      (bytes) => ({ file: listed.input.name, bytes }),
      (e) => ({ file: listed.input.name, error: (e as Error).message }));
    if (pending !== undefined) yield await pending;
    pending = next;
  }
  if (pending !== undefined) yield await pending;
}

/** Every input the paths name, in the order given, folders and prefixes in name order. */
export async function* inputsOf(paths: string[], limits: ReadLimits, s3?: S3Settings): AsyncGenerator<Listed> {
  for (const path of paths) {
    if (path.startsWith('s3://')) yield* s3Inputs(path, limits, s3);
    else yield* fileInputs(path, limits);
  }
}

async function* fileInputs(path: string, limits: ReadLimits, seen = new Set<string>()): AsyncGenerator<Listed> {
  let stat;
  try {
    stat = await fs.stat(path);
  } catch (e) {
    yield { file: path, error: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (e as Error).message };
    return;
  }
  if (stat.isDirectory()) {
    // A folder is read once, however many links lead to it (a link to a parent would loop for ever).
    const key = `${stat.dev}:${stat.ino}`;
    if (seen.has(key)) return;
    seen.add(key);
    let names: string[];
    try {
      names = (await fs.readdir(path)).sort();
    } catch (e) {
      yield { file: path, error: `folder cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
      return;
    }
    for (const name of names) yield* fileInputs(join(path, name), limits, seen);
    return;
  }
  if (!stat.isFile()) {
    yield { file: path, error: 'not a regular file (a device, pipe or socket); not read' };
    return;
  }
  if (stat.size > limits.inputBytes) {
    yield { file: path, error: overLimit(stat.size, limits) };
    return;
  }
  yield { input: { name: path, read: () => readSized(path, stat.size) } };
}

/** A file's bytes: as many as its size said, and an error if it has grown since (it is being written). */
async function readSized(path: string, size: number): Promise<Uint8Array> {
  const handle = await fs.open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(size + 1);
    let length = 0;
    for (let n = -1; n !== 0 && length < buffer.length; length += n) {
      n = (await handle.read(buffer, length, buffer.length - length, length)).bytesRead;
    }
    if (length > size) throw new Error(`grew from ${size} bytes while being read; read it again once it is written`);
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}

const overLimit = (size: number, limits: ReadLimits) =>
  `${size} bytes, over the limit of ${sizeText(limits.inputBytes)} for one input; not read`;

/** `s3://bucket/prefix` as bucket and prefix; undefined when it names no bucket. */
export function s3Location(path: string): { bucket: string; prefix: string } | undefined {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(path);
  return match ? { bucket: match[1], prefix: match[2] } : undefined;
}

async function* s3Inputs(path: string, limits: ReadLimits, settings?: S3Settings): AsyncGenerator<Listed> {
  const where = s3Location(path);
  if (where === undefined) {
    yield { file: path, error: 'names no bucket: expected s3://BUCKET or s3://BUCKET/PREFIX' };
    return;
  }
  // Loaded here, not at the top: the SDK takes a moment to load, and only s3:// paths need it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk: typeof import('@aws-sdk/client-s3') = require('@aws-sdk/client-s3');
  const client = new sdk.S3Client({ followRegionRedirects: true, ...pathStyle(), ...settings });
  let token: string | undefined;
  try {
    do {
      let page;
      try {
        page = await client.send(new sdk.ListObjectsV2Command({ Bucket: where.bucket, Prefix: where.prefix, ContinuationToken: token }));
      } catch (e) {
        yield { file: path, error: `cannot be listed (${awsMessage(e)})` };
        return;
      }
      for (const object of page.Contents ?? []) {
        if (object.Key === undefined || object.Key.endsWith('/')) continue;
        const name = `s3://${where.bucket}/${object.Key}`;
        if ((object.Size ?? 0) > limits.inputBytes) yield { file: name, error: overLimit(object.Size!, limits) };
        else yield { input: { name, read: () => readObject(client, sdk, where.bucket, object.Key!, limits) } };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
  } finally {
    client.destroy();
  }
}

/** Path-style addressing when an endpoint is set (an emulator on localhost has no bucket subdomains). */
function pathStyle(): Partial<S3ClientConfig> {
  return process.env.AWS_ENDPOINT_URL_S3 || process.env.AWS_ENDPOINT_URL ? { forcePathStyle: true } : {};
}

async function readObject(client: S3Client, sdk: typeof import('@aws-sdk/client-s3'), bucket: string, key: string, limits: ReadLimits): Promise<Uint8Array> {
  let body;
  try {
    body = (await client.send(new sdk.GetObjectCommand({ Bucket: bucket, Key: key }))).Body;
  } catch (e) {
    const name = (e as Error).name;
    throw new Error(name === 'NoSuchKey' ? 'the object is gone (deleted after the listing)' : `cannot be read (${awsMessage(e)})`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    // The listing's size can be stale: the object may have been replaced by a larger one since.
    if (size > limits.inputBytes) throw new Error(`over the limit of ${sizeText(limits.inputBytes)} for one input; not read further`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function awsMessage(e: unknown): string {
  const err = e as Error & { $metadata?: { httpStatusCode?: number } };
  const status = err.$metadata?.httpStatusCode;
  return `${err.name}${status ? ` ${status}` : ''}: ${err.message}`.replace(/\s+/g, ' ');
}
