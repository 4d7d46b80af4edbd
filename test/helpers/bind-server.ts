// Test harness: a real authoritative BIND server (named) on a loopback port, and a UDP socket that never answers.
// Tests that need BIND fail when named is missing (CI installs bind9); they are never skipped.
import { ChildProcess, spawn } from 'child_process';
import * as dgram from 'dgram';
import { promises as dnsPromises } from 'dns';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

/** A zone to serve: its origin (e.g. 'spf.test') and zone-file lines with absolute names. */
export interface Zone {
  readonly origin: string;
  /** Zone-file lines with absolute names, e.g. 'example.org. 300 IN TXT "v=spf1 -all"'. The TTL may be left out (300). */
  readonly records: string[];
}

/** A running server. */
export interface BindServer {
  /** '127.0.0.1:<port>', as NodeDnsLookup takes it. */
  readonly address: string;
  readonly port: number;
  /** Stops the server and waits until it has. */
  stop(): Promise<void>;
}

const SEARCH_PATH = ['/usr/sbin', '/usr/local/sbin', '/sbin'];

/** The named executable: on PATH or in the usual sbin directories. */
function namedPath(): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter).filter((d) => d !== ''), ...SEARCH_PATH];
  for (const dir of dirs) {
    const file = path.join(dir, 'named');
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** True when `named` is on PATH or in /usr/sbin. */
export function bindAvailable(): boolean {
  return namedPath() !== undefined;
}

/** A loopback port free for both TCP and UDP right now. */
async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = net.createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const p = (server.address() as net.AddressInfo).port;
        server.close(() => resolve(p));
      });
    });
    const udpFree = await new Promise<boolean>((resolve) => {
      const socket = dgram.createSocket('udp4');
      socket.once('error', () => resolve(false));
      socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
    });
    if (udpFree) return port;
  }
  throw new Error('no free loopback port for TCP and UDP');
}

function absolute(name: string): string {
  return `${name.toLowerCase().replace(/\.$/, '')}.`;
}

/** The zone file: $ORIGIN, $TTL, the SOA, an NS (ns.<origin>, at 127.0.0.1) unless the records have an NS at the origin, then the records. */
function zoneFile(zone: Zone): string {
  const origin = absolute(zone.origin);
  const hasNs = zone.records.some((line) => {
    const m = /^(\S+)\s+(?:\d+\s+)?(?:IN\s+)?NS\s/i.exec(line.trim());
    return m !== null && (absolute(m[1]) === origin || m[1] === '@');
  });
  return [
    `$ORIGIN ${origin}`,
    '$TTL 300',
    `${origin} IN SOA ns.${origin} hostmaster.${origin} 1 3600 600 86400 60`,
    ...(hasNs ? [] : [`${origin} IN NS ns.${origin}`, `ns.${origin} IN A 127.0.0.1`]),
    ...zone.records,
    '',
  ].join('\n');
}

function namedConf(dir: string, port: number, zones: Zone[]): string {
  return [
    'options {',
    `  directory "${dir}";`,
    '  pid-file none;',
    '  session-keyfile none;',
    `  listen-on port ${port} { 127.0.0.1; };`,
    '  listen-on-v6 { none; };',
    '  recursion no;',
    '  allow-query { any; };',
    '  dnssec-validation no;',
    '  notify no;',
    '};',
    'controls { };',
    ...zones.map((z, i) => `zone "${absolute(z.origin).slice(0, -1)}" { type primary; file "db.${i}"; };`),
    '',
  ].join('\n');
}

/** Waits for the exit of a child that is still running: SIGTERM, then SIGKILL after 5 s. */
async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Resolves once every zone's SOA is answered; rejects when named exits, a zone fails to load, or after `ms`. */
async function waitUntilServing(child: ChildProcess, output: () => string, port: number, zones: Zone[], ms: number): Promise<void> {
  const resolver = new dnsPromises.Resolver({ timeout: 200, tries: 1 });
  resolver.setServers([`127.0.0.1:${port}`]);
  const deadline = Date.now() + ms;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`named exited (${child.exitCode ?? child.signalCode}) before serving`);
    }
    const failed = /zone (\S+): not loaded due to errors/.exec(output());
    if (failed) throw new Error(`named could not load the zone ${failed[1]}`);
    try {
      for (const zone of zones) await resolver.resolveSoa(absolute(zone.origin).slice(0, -1));
      return;
    } catch (e) {
      last = (e as Error).message;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`named did not serve every zone within ${ms} ms (last: ${last})`);
}

/**
 * Writes named.conf and the zone files (SOA and NS added) into a temp dir, starts `named -g -c <conf> -p <port>` in the
 * foreground as the current user (a free port, 127.0.0.1 only, no recursion, no rndc), waits until it answers the SOA
 * query of every zone (up to 10 s) and returns. stop() sends SIGTERM, waits for the exit and removes the temp dir.
 * Throws when named is missing, or with named's output when it does not come up.
 */
export async function startBind(zones: Zone[]): Promise<BindServer> {
  const named = namedPath();
  if (named === undefined) {
    throw new Error('BIND is not installed (no named on PATH or in /usr/sbin): apt-get install -y bind9 bind9-utils dnsutils');
  }
  if (zones.length === 0) throw new Error('startBind needs at least one zone');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-vmd-bind-'));
  fs.chmodSync(dir, 0o755);
  const port = await freePort();
  zones.forEach((zone, i) => fs.writeFileSync(path.join(dir, `db.${i}`), zoneFile(zone), { mode: 0o644 }));
  const conf = path.join(dir, 'named.conf');
  fs.writeFileSync(conf, namedConf(dir, port, zones), { mode: 0o644 });

  const child = spawn(named, ['-g', '-c', conf, '-p', String(port), '-n', '1'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => { output += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { output += d.toString(); });
  const spawnError = new Promise<never>((_, reject) => child.once('error', reject));
  const stop = async () => {
    await terminate(child);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await Promise.race([waitUntilServing(child, () => output, port, zones, 10_000), spawnError]);
  } catch (e) {
    await stop();
    throw new Error(`${(e as Error).message}\n--- named output ---\n${output}`);
  }
  return { address: `127.0.0.1:${port}`, port, stop };
}

/** Binds `socket` to a free loopback port; stop() runs `onStop`, then closes the socket. */
async function udpServer(socket: dgram.Socket, onStop: () => void = () => undefined): Promise<BindServer> {
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => resolve());
  });
  const port = socket.address().port;
  return {
    address: `127.0.0.1:${port}`,
    port,
    stop: async () => {
      onStop();
      await new Promise<void>((resolve) => socket.close(() => resolve()));
    },
  };
}

/** A UDP socket on a loopback port that receives queries and never answers (to test timeouts). */
export async function startSilentServer(): Promise<BindServer> {
  const socket = dgram.createSocket('udp4');
  socket.on('message', () => { /* never answer */ });
  return udpServer(socket);
}

/**
 * A UDP relay on a loopback port in front of `target` that drops the first `drop` copies of each question (the packet
 * after its 2-byte id, so a query sent again with a new id is the same question) and relays the rest with their
 * answers: a lossy network path, to test that a lost query is sent again.
 */
export async function startLossyRelay(target: BindServer, drop: number): Promise<BindServer> {
  const socket = dgram.createSocket('udp4');
  const seen = new Map<string, number>();
  const upstreams = new Set<dgram.Socket>();
  socket.on('message', (packet, client) => {
    const question = packet.subarray(2).toString('hex');
    const count = (seen.get(question) ?? 0) + 1;
    seen.set(question, count);
    if (count <= drop) return;
    const upstream = dgram.createSocket('udp4');
    upstreams.add(upstream);
    upstream.on('message', (answer) => {
      socket.send(answer, client.port, client.address);
      upstreams.delete(upstream);
      upstream.close();
    });
    upstream.send(packet, target.port, '127.0.0.1');
  });
  return udpServer(socket, () => upstreams.forEach((upstream) => upstream.close()));
}
