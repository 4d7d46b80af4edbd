import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { DOMAIN_METADATA_TYPE, DomainMetadata } from '../../assembly-metadata';
import { RecordData } from '../../record-model';
import { readDomainBlock } from '../../zone-file';

// Reads what the construct wrote into a synthesized cloud assembly (cdk.out): each domain's metadata
// entry, with the stack it belongs to. Nested assemblies (stages) are read too.

/** A domain of the app, with its stack. */
export interface AppDomain {
  readonly stackName: string;
  readonly constructPath: string;
  readonly metadata: DomainMetadata;
}

const SYNTH_DIR = 'give the directory `cdk synth` wrote (cdk.out)';
const OUTPUTS_FILE = 'give the file `cdk deploy --outputs-file` wrote';

/**
 * The JSON in `file`; throws one line naming the flag, the file and what it should be when the file cannot be read or
 * is not JSON. `label` is how the message names the file, e.g. '--outputs out.json' or '--app cdk.out: cdk.out/manifest.json'.
 */
function readJson(label: string, file: string, should: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    throw new Error(`${label} cannot be read (${typeof code === 'string' ? code : (e as Error).message}): ${should}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    // Node's messages, made to read as a phrase: 'Unterminated string in JSON at position 8' -> 'Unterminated string at position 8'.
    const reason = (e as Error).message.replace(' in JSON', '').replace(/, ".*"(\.\.\.)? is not valid JSON$/s, '');
    throw new Error(`${label} is not valid JSON (${reason}): ${should}`);
  }
}

const isObject = (value: unknown): value is Record<string, any> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every VerifiedMailDomain of the assembly in `dir`. Throws an Error saying what is wrong with the directory. */
export function readAssembly(dir: string, label: string = `--app ${dir}`): AppDomain[] {
  const manifestFile = join(dir, 'manifest.json');
  if (!existsSync(manifestFile)) {
    throw new Error(`${dir} is not a synthesized CDK app (no manifest.json); run cdk synth first or give --app`);
  }
  const manifest = readJson(`${label}: ${manifestFile}`, manifestFile, SYNTH_DIR);
  if (!isObject(manifest) || (manifest.artifacts !== undefined && !isObject(manifest.artifacts))) {
    throw new Error(`${label}: ${manifestFile} is not a cloud assembly manifest (an object with an artifacts object): ${SYNTH_DIR}`);
  }
  const domains: AppDomain[] = [];
  for (const [id, artifact] of Object.entries<any>(manifest.artifacts ?? {})) {
    if (!isObject(artifact)) continue;
    if (artifact.type === 'cdk:cloud-assembly' && artifact.properties?.directoryName) {
      domains.push(...readAssembly(join(dir, artifact.properties.directoryName), label));
    }
    if (artifact.type !== 'aws:cloudformation:stack') continue;
    const stackName: string = artifact.properties?.stackName ?? id;
    // Newer cloud assemblies keep a stack's metadata in a file of its own beside the manifest.
    const extraFile = artifact.additionalMetadataFile ? join(dir, artifact.additionalMetadataFile) : undefined;
    const extra = extraFile ? readJson(`${label}: ${extraFile}`, extraFile, SYNTH_DIR) : {};
    for (const [path, entries] of Object.entries<any>({ ...artifact.metadata, ...(isObject(extra) ? extra : {}) })) {
      for (const entry of Array.isArray(entries) ? entries : []) {
        if (entry.type === DOMAIN_METADATA_TYPE && entry.data?.version === 1) {
          domains.push({ stackName, constructPath: path, metadata: entry.data });
        }
      }
    }
  }
  return domains;
}

/** The outputs file `cdk deploy --outputs-file` writes: stack name -> output key -> value. */
export type DeployOutputs = Record<string, Record<string, string>>;

/** The outputs in `file`; throws one line naming the file and what is wrong with it. */
export function readOutputs(file: string): DeployOutputs {
  const label = `--outputs ${file}`;
  if (!existsSync(file)) throw new Error(`${label} does not exist: ${OUTPUTS_FILE}`);
  const parsed = readJson(label, file, OUTPUTS_FILE);
  const shape = 'is not shaped like the file `cdk deploy --outputs-file` writes ({ "<stack>": { "<output>": "<value>" } })';
  const kind = (v: unknown) => (Array.isArray(v) ? 'an array' : v === null ? 'null' : `a ${typeof v}`);
  if (!isObject(parsed)) throw new Error(`${label} ${shape}: it is ${kind(parsed)}`);
  for (const [stack, outputs] of Object.entries(parsed)) {
    if (!isObject(outputs)) throw new Error(`${label} ${shape}: "${stack}" is ${kind(outputs)}`);
    const bad = Object.entries(outputs).find(([, v]) => typeof v !== 'string');
    if (bad) throw new Error(`${label} ${shape}: "${stack}"."${bad[0]}" is ${kind(bad[1])}`);
  }
  return parsed as DeployOutputs;
}

/**
 * The records of `domain` in the deployed output value (blocks `; <domain>` then zone-file lines, read by the reader of
 * the writer that wrote them), or undefined when the output has no block for it.
 */
export function outputRecords(value: string, domain: string): RecordData[] | undefined {
  return readDomainBlock(value, domain)?.records;
}
