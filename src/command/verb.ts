import { ParsedArgs, VerbSpec } from './args';
import { DnsEnvironment } from './check/dns';
import { ReadLimits } from './reports/limits';
import { S3Settings } from './reports/sources';

// What a verb of the command is: its command line as data (args.ts) and what it runs.

/** Where the command writes: standard output and standard error by default. */
export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** What the command finds around it; tests point it at servers of their own. */
export interface CommandEnvironment {
  /** Where DNS is asked. @default - the system resolver, port 53 of the name servers */
  readonly dns?: DnsEnvironment;
  /** The S3 client's settings for `reports s3://...`. @default - the SDK's own: environment, profile, region */
  readonly s3?: S3Settings;
  /** What `reports` reads at most of one input. @default READ_LIMITS */
  readonly readLimits?: ReadLimits;
}

/** A verb: its flags, help and notes, and what it does with the arguments parsed without errors. */
export interface Verb extends VerbSpec {
  /** Runs the verb; returns the exit code. A problem with the input is reported on `io.err` and returns 2. */
  run(args: ParsedArgs, io: Io, environment: CommandEnvironment): Promise<number>;
}
