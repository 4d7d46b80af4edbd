import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { DOMAIN_METADATA_TYPE, DomainMetadata } from '../assembly-metadata';

// Reads what the construct wrote into a synthesized cloud assembly (cdk.out): each domain's metadata
// entry, with the stack it belongs to. Nested assemblies (stages) are read too.

/** A domain of the app, with its stack. */
export interface AppDomain {
  readonly stackName: string;
  readonly constructPath: string;
  readonly metadata: DomainMetadata;
}

/** Every VerifiedMailDomain of the assembly in `dir`. Throws an Error saying what is wrong with the directory. */
export function readAssembly(dir: string): AppDomain[] {
  const manifestFile = join(dir, 'manifest.json');
  if (!existsSync(manifestFile)) {
    throw new Error(`${dir} is not a synthesized CDK app (no manifest.json); run cdk synth first or give --app`);
  }
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  const domains: AppDomain[] = [];
  for (const [id, artifact] of Object.entries<any>(manifest.artifacts ?? {})) {
    if (artifact.type === 'cdk:cloud-assembly' && artifact.properties?.directoryName) {
      domains.push(...readAssembly(join(dir, artifact.properties.directoryName)));
    }
    if (artifact.type !== 'aws:cloudformation:stack') continue;
    const stackName: string = artifact.properties?.stackName ?? id;
    // Newer cloud assemblies keep a stack's metadata in a file of its own beside the manifest.
    const extra = artifact.additionalMetadataFile ? JSON.parse(readFileSync(join(dir, artifact.additionalMetadataFile), 'utf8')) : {};
    for (const [path, entries] of Object.entries<any[]>({ ...artifact.metadata, ...extra })) {
      for (const entry of entries) {
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

export function readOutputs(file: string): DeployOutputs {
  if (!existsSync(file)) throw new Error(`--outputs ${file} does not exist`);
  const parsed = JSON.parse(readFileSync(file, 'utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`--outputs ${file} is not the JSON object cdk deploy --outputs-file writes`);
  }
  return parsed;
}

/** One record line of an output block, `name ttl IN type value`. */
export interface OutputRecord {
  readonly name: string;
  readonly type: string;
  readonly value: string;
}

/**
 * The records of `domain` in the deployed output value (blocks `; <domain>` then zone-file lines),
 * or undefined when the output has no block for it.
 */
export function outputRecords(value: string, domain: string): OutputRecord[] | undefined {
  const lines = value.split('\n');
  const start = lines.findIndex((l) => l.trim() === `; ${domain}`);
  if (start < 0) return undefined;
  const records: OutputRecord[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith(';')) break;
    const match = line.match(/^(\S+)\s+\d+\s+IN\s+(\S+)\s+(.*)$/);
    if (match) records.push({ name: match[1].toLowerCase(), type: match[2].toUpperCase(), value: match[3] });
  }
  return records;
}
