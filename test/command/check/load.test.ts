import { execFile } from 'child_process';
import { NodeDnsLookup } from '../../../src/command/check/dns';
import { BindServer, startBind } from '../../helpers/bind-server';
import { AMAZONSES_ZONE, CheckApp, CheckRun, runCaptured, synthCheckApp } from '../../helpers/check-app';

// The check under load against one healthy BIND: 48 domains (432 checks, several hundred queries a run) and six runs
// at once. Sent all at once, a fifth of the queries used to be lost on loopback and whole domains came back
// `unreachable`; with a bounded pool and early retries every row must come back as the zone holds it.

const COUNT = 48;
/** Names asked at once in the lookup test: sent together, more than a socket's receive buffer holds (about 256 answers). */
const MANY = 1000;
const RUNS = 6;
const names = Array.from({ length: COUNT }, (_, i) => `d${String(i).padStart(2, '0')}.mail.test`);
let app: CheckApp;
let server: BindServer;

beforeAll(async () => {
  app = synthCheckApp(Object.fromEntries(names.map((n) => [n, {}])));
  const many = Array.from({ length: MANY }, (_, i) => `n${i}.load.test. IN TXT "v=spf1 ip4:192.0.2.${i % 256} -all"`);
  server = await startBind([{ origin: 'mail.test', records: app.zoneLines }, { origin: 'load.test', records: many }, AMAZONSES_ZONE]);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  app?.remove();
});

/** The rows every domain must have, all ok. */
function expectedRows(domain: string): string[] {
  const token = (n: number) => `tok${n}${domain.replace(/\W/g, '')}._domainkey.${domain}. CNAME`;
  return [
    `ok ${token(1)}`, `ok ${token(2)}`, `ok ${token(3)}`,
    `ok bounce.${domain}. MX`, `ok bounce.${domain}. TXT`, `ok ${domain}. TXT`, `ok _dmarc.${domain}. TXT`,
    `ok bounce.${domain}. SPF`, `ok ${domain}. SPF`,
  ];
}

/** The command in a process of its own, as the bin runs it (test/helpers/check-main.ts through ts-node). */
function runProcess(argv: string[]): Promise<CheckRun> {
  const env = { ...process.env, TS_NODE_PROJECT: 'test/tsconfig.json' };
  return new Promise((resolve) => {
    const child = execFile('node', ['-r', 'ts-node/register/transpile-only', 'test/helpers/check-main.ts', ...argv], { env, maxBuffer: 64 * 1024 * 1024 },
      (error, out, err) => resolve({ code: error ? Number(error.code) : 0, out, err }));
    child.stdin?.end();
  });
}

test.each([
  ['runs of runCommand in this process', runCaptured],
  ['processes of the command', runProcess],
])(`${RUNS} %s at once over ${COUNT} domains: every row ok, none unreachable, each run exits 0`, async (_, start) => {
  const argv = ['check', '--app', app.outdir, '--outputs', app.outputsFile, '--nameserver', server.address, '--json'];
  const runs = await Promise.all(Array.from({ length: RUNS }, () => start(argv)));
  for (const run of runs) {
    const report = JSON.parse(run.out);
    const rows = report.records.map((r: any) => `${r.verdict} ${r.name} ${r.type}`);
    expect(rows.filter((r: string) => !r.startsWith('ok '))).toEqual([]);
    expect(rows).toEqual(names.flatMap(expectedRows));
    expect(report.counts).toEqual({ ok: COUNT * 9 });
    expect(run.code).toBe(0);
    expect(run.err).toBe('');
  }
}, 300_000);

test(`${MANY} lookups started at once through one NodeDnsLookup, one try each: every one answered (none lost to load)`, async () => {
  // One try, so a query lost to load would show as a timeout instead of being saved by a retry.
  const dns = new NodeDnsLookup([server.address], { tries: 1, timeoutMs: 3000 });
  const answers = await Promise.all(Array.from({ length: MANY }, (_, i) => dns.txt(`n${i}.load.test`)));
  const wrong = answers.map((a, i) => [i, a] as const).filter(([i, a]) => a.status !== 'ok' || a.records[0] !== `v=spf1 ip4:192.0.2.${i % 256} -all`);
  expect(wrong).toEqual([]);
}, 120_000);
