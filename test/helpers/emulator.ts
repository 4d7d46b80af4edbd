// Test harness: the AWS emulator (moto's server with test/emulator/'s extension) on a free loopback port,
// the CDK CLI and the AWS CLI pointed at it, and the extension's documented Easy DKIM tokens.
// Where Python with moto is missing, `emulatorMissing()` says why, and the deploy tests skip.
import { ChildProcess, execFile, spawn, spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as net from 'net';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
/** The Python with moto 5.2.1: EMULATOR_PYTHON, else python3 on the PATH (as `npm run emulator`). */
export const EMULATOR_PYTHON = process.env.EMULATOR_PYTHON ?? 'python3';

/**
 * The interpreter EMULATOR_PYTHON names, once `emulatorMissing` has asked it: a name such as pyenv's `python3`
 * shim costs a shell script's run at every start (0.15 s), and each test file starts two Pythons.
 */
let python = EMULATOR_PYTHON;

/**
 * Why the emulator cannot run here (one line, with how to install it), or undefined when it can. Each deploy
 * file asks, so the probe finds the packages without importing them (importing moto costs half a second;
 * the emulator's start imports it and fails with its output where it is broken).
 */
export function emulatorMissing(): string | undefined {
  const find = 'import importlib.util, sys; print(sys.executable) if all(importlib.util.find_spec(m) for m in ("moto", "flask", "awscli")) else sys.exit(1)';
  const probe = spawnSync(EMULATOR_PYTHON, ['-c', find], { encoding: 'utf8', timeout: 30_000 });
  if (probe.status === 0) {
    python = probe.stdout.trim() || EMULATOR_PYTHON;
    return undefined;
  }
  return `deploy tests skipped: ${EMULATOR_PYTHON} has no moto server or awscli `
    + `(install with \`${EMULATOR_PYTHON} -m pip install "moto[server]==5.2.1" awscli\`, or set EMULATOR_PYTHON)`;
}

/** The emulator's Easy DKIM token n of an identity (test/emulator/ses_types.py, dkim_token). */
export function emulatorDkimToken(account: string, region: string, identity: string, n: number): string {
  return createHash('sha256').update(`${account}/${region}/${identity}/${n}`).digest('hex').slice(0, 32);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

/** A running emulator. */
export interface Emulator {
  readonly port: number;
  /** The environment the CDK CLI and the AWS CLI need to talk to it (and to nothing else). */
  readonly env: NodeJS.ProcessEnv;
  /** Everything it printed so far (for a failure's message). */
  log(): string;
  /** SIGTERM, then SIGKILL after five seconds; resolves once it has exited (and the AWS CLI with it). */
  stop(): Promise<void>;
  /** One AWS CLI command against it (see `aws`). */
  awsCli(args: string[], region: string): Promise<string>;
}

/** Starts the emulator and resolves once it prints that it is ready; rejects after `timeoutMs`. */
export async function startEmulator(args: string[] = [], timeoutMs = 30_000): Promise<Emulator> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_EC2_METADATA_DISABLED: 'true',
    // No profile or credentials of the machine's user may take part.
    AWS_CONFIG_FILE: '/nonexistent/aws-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
    AWS_ENDPOINT_URL: endpoint,
    // The CDK CLI builds a path-style template URL from the endpoint; with an IP as host moto would read
    // its first label as a bucket name (CONTRIBUTING.md, "Deploying against the emulator").
    AWS_ENDPOINT_URL_S3_FOR_CLOUDFORMATION: `http://localhost:${port}`,
  };
  const child: ChildProcess = spawn(python, [path.join(ROOT, 'test/emulator/emulator.py'), '--port', String(port), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The AWS CLI process imports awscli while the emulator imports moto (a second each, on two cores).
  const cli = new AwsCli(env);
  let output = '';
  child.stdout!.on('data', (d) => { output += d; });
  child.stderr!.on('data', (d) => { output += d; });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    cli.close();
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(kill);
  };
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`emulator not ready after ${timeoutMs} ms:\n${output}`)), timeoutMs);
    child.stdout!.on('data', () => {
      if (output.includes(`emulator ready on 127.0.0.1:${port}`)) { clearTimeout(timer); resolve(); }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`emulator exited (${code}):\n${output}`)); });
  }).catch(async (e) => { await stop(); throw e; });
  const awsCli = (cliArgs: string[], region: string) => cli.send(cliArgs, region);
  return { port, env, log: () => output, stop, awsCli };
}

/**
 * The AWS CLI of the emulator's Python, kept running (test/helpers/aws_cli.py): one command per request, in
 * turn, so a test's many reads cost milliseconds each instead of a Python start.
 */
class AwsCli {
  private readonly child: ChildProcess;
  private buffer = '';
  private readonly waiting: Array<(answer: { rc: number; out: string; err: string } | Error) => void> = [];

  constructor(env: NodeJS.ProcessEnv) {
    this.child = spawn(python, [path.join(ROOT, 'test/helpers/aws_cli.py')], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'inherit'] });
    this.child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      this.buffer += d;
      let end: number;
      while ((end = this.buffer.indexOf('\n')) >= 0) {
        const line = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 1);
        this.waiting.shift()?.(JSON.parse(line));
      }
    });
    this.child.once('exit', (code) => {
      for (const answer of this.waiting.splice(0)) answer(new Error(`the AWS CLI process exited (${code})`));
    });
  }

  /** Runs `aws <args>` in `region`; resolves with its output, rejects with its error output when it fails. */
  send(args: string[], region: string, timeoutMs = 60_000): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.child.kill('SIGKILL');
        reject(new Error(`aws ${args.join(' ')} gave no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.push((answer) => {
        clearTimeout(timer);
        if (answer instanceof Error) reject(answer);
        else if (answer.rc !== 0) reject(new Error(`aws ${args.join(' ')} failed (exit status ${answer.rc}):\n${answer.out}\n${answer.err}`));
        else resolve(answer.out);
      });
      this.child.stdin!.write(JSON.stringify({ args, region }) + '\n');
    });
  }

  close(): void {
    this.child.stdin!.end();
  }
}

/** Runs a command with the emulator's environment; rejects with its output when it fails or outlives `timeoutMs`. */
async function run(emulator: Emulator, file: string, args: string[], timeoutMs: number, region = 'us-east-1'): Promise<string> {
  const env = { ...emulator.env, AWS_REGION: region, AWS_DEFAULT_REGION: region };
  return new Promise((resolve, reject) => {
    execFile(file, args, { cwd: ROOT, env, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${file} ${args.join(' ')} failed (${error.message}):\n${stdout}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

/** The AWS CLI (awscli in the emulator's Python) with JSON output; undefined for an answer without a body. */
export async function aws(emulator: Emulator, args: string[], region = 'us-east-1'): Promise<any> {
  const out = await emulator.awsCli([...args, '--output', 'json'], region);
  return out.trim() === '' ? undefined : JSON.parse(out);
}

/**
 * The CDK CLI of the project (node_modules/.bin/cdk, run by node as its `#!/usr/bin/env node` line runs it)
 * against a cloud assembly (by default the example's, cdk.out), its bundle compiled from a V8 code cache
 * (test/helpers/cdk-code-cache.js).
 */
export async function cdk(emulator: Emulator, args: string[], timeoutMs: number, app = 'cdk.out'): Promise<string> {
  const cli = [path.join(ROOT, 'node_modules/.bin/cdk'), ...args, '--app', app, '--no-notices', '--no-version-reporting', '--ci'];
  return run(emulator, 'node', ['-r', path.join(__dirname, 'cdk-code-cache.js'), ...cli], timeoutMs);
}

/** Each resource of a stack by logical id: its type and physical id (CloudFormation's DescribeStackResources). */
export async function stackResources(emulator: Emulator, stack: string, region: string): Promise<Record<string, { type: string; id: string }>> {
  const answer = await aws(emulator, ['cloudformation', 'describe-stack-resources', '--stack-name', stack], region);
  return Object.fromEntries(answer.StackResources.map((r: any) => [r.LogicalResourceId, { type: r.ResourceType, id: r.PhysicalResourceId }]));
}
