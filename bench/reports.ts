// `npm run bench` (second part): how fast `cdk-verified-mail-domain reports` reads DMARC aggregate reports, and
// how much memory it takes, beside Debian's dmarc-cat (a Go decoder) over the same files. It writes a corpus of
// BENCH_REPORTS reports (10,000 by default; 1 to 500 records each) as bare XML, gzip, zip and mail, then times whole
// processes with GNU time (/usr/bin/time, Debian's `time` package): wall seconds and peak resident memory.
//   - our command over the whole corpus, and over a quarter and a half of it, and over the whole with its heap limited
//     to 32 MiB (node --max-old-space-size): memory must not grow with the files;
//   - our command and dmarc-cat over the bare XML, gzip and zip files (dmarc-cat 0.15 reads no mail, and a file only
//     when it is named as reporters name them). dmarc-cat takes one file per run, so it runs once per file
//     (xargs -n 1); ours reads them all in one run, as users run it.
// Each figure is the median of BENCH_RUNS runs (3), the two tools alternating.
import { execFileSync, spawnSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { gzipSync, zipSync } from 'fflate';
import { mail, reportXml, Row, NOV_1, DAY } from '../test/command/reports/fixtures';

const REPORTS = Number(process.env.BENCH_REPORTS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin', 'cdk-verified-mail-domain');

/** A small deterministic generator (Park and Miller's minimal standard), so every run reads the same corpus. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a * 48271) % 2147483647;
    return a / 2147483647;
  };
}

/** Records per report as reporters spread them: most report a few sources, a few report hundreds. */
function recordCount(r: () => number): number {
  const u = r();
  if (u < 0.7) return 1 + Math.floor(r() * 10);
  if (u < 0.95) return 10 + Math.floor(r() * 90);
  return 100 + Math.floor(r() * 401);
}

/**
 * gzip with the original file name in its header, as reporters' .xml.gz files have it (and as dmarc-cat needs it:
 * it reads the type of what is inside from that name).
 */
const gzip = (xml: string, name: string) => gzipSync(Buffer.from(xml), { filename: name });

interface Corpus {
  readonly dir: string;
  /** Four folders of a quarter of the reports each. */
  readonly quarters: string[];
  /** The bare XML, gzip and zip files, named as dmarc-cat needs: in a folder `c` of each quarter. */
  readonly containers: string[];
  readonly records: number;
}

function writeCorpus(): Corpus {
  const dir = mkdtempSync(join(tmpdir(), 'bench-reports-'));
  const quarters = [0, 1, 2, 3].map((q) => join(dir, `q${q}`));
  quarters.forEach((q) => mkdirSync(join(q, 'c'), { recursive: true }));
  const r = random(23);
  const containers: string[] = [];
  let records = 0;
  for (let i = 0; i < REPORTS; i++) {
    const n = recordCount(r);
    records += n;
    const rows: Row[] = Array.from({ length: n }, (_, k) => {
      const ok = r() < 0.97;
      return {
        ip: `198.51.${Math.floor(k / 256) % 256}.${k % 256}`,
        count: 1 + Math.floor(r() * 50),
        dkim: ok ? 'pass' : 'fail',
        spf: r() < 0.5 ? 'pass' : 'fail',
        envelopeFrom: 'mail.example.com',
        authDkim: [`example.com/s${k % 3}/${ok ? 'pass' : 'fail'}`],
        authSpf: ['mail.example.com/mfrom/pass'],
      };
    });
    const begin = NOV_1 + (i % 30) * DAY;
    const domain = `d${i % 50}.example.com`;
    const xml = reportXml({ id: `bench-${i}`, org: `Receiver ${i % 7}`, begin, domain, rows });
    const folder = quarters[i % 4];
    const kind = i % 5;
    // Named as reporters name their files (RFC 7489 section 7.2.1.1: receiver!domain!begin!end), as dmarc-cat needs.
    const name = `r${i}.receiver.example!${domain}!${begin}!${begin + DAY}`;
    const zipped = () => zipSync({ [`${name}.xml`]: Buffer.from(xml) });
    if (kind <= 2) {
      const file = join(folder, 'c', `${name}${['.xml', '.xml.gz', '.zip'][kind]}`);
      writeFileSync(file, kind === 0 ? xml : kind === 1 ? gzip(xml, `${name}.xml`) : zipped());
      containers.push(file);
    } else {
      const attachment = kind === 3
        ? { type: 'application/gzip', name: `${name}.xml.gz`, body: Buffer.from(gzip(xml, `${name}.xml`)) }
        : { type: 'application/zip', name: `${name}.zip`, body: Buffer.from(zipped()) };
      writeFileSync(join(folder, `m${i}`), mail({ From: 'dmarc@receiver.example', Subject: `Report domain: ${domain}` }, [attachment]));
    }
  }
  return { dir, quarters, containers, records };
}

interface Figures { readonly wall: number; readonly peakMiB: number; readonly status: number }

/** One whole-process run under GNU time: wall seconds and peak resident memory. */
function timed(command: string[]): Figures {
  const stats = join(tmpdir(), `bench-time-${process.pid}`);
  const run = spawnSync('/usr/bin/time', ['-f', '%e %M', '-o', stats, ...command], { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  if (run.status === null) throw new Error(`${command[0]} did not finish: ${run.signal}`);
  const [wall, kib] = execFileSync('tail', ['-n', '1', stats], { encoding: 'utf8' }).trim().split(' ').map(Number);
  return { wall, peakMiB: kib / 1024, status: run.status };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function medians(commands: string[][]): Figures[] {
  const runs: Figures[][] = commands.map(() => []);
  timed(commands[0]); // warm-up: the page cache holds the corpus afterwards
  for (let i = 0; i < RUNS; i++) commands.forEach((c, k) => runs[k].push(timed(c)));
  return runs.map((rs) => ({
    wall: median(rs.map((x) => x.wall)),
    peakMiB: median(rs.map((x) => x.peakMiB)),
    status: Math.max(...rs.map((x) => x.status)),
  }));
}

function main(): void {
  for (const tool of ['/usr/bin/time', '/usr/bin/dmarc-cat']) {
    if (!existsSync(tool)) throw new Error(`${tool} is missing: apt-get install time dmarc-cat`);
  }
  if (!existsSync(join(ROOT, 'assets/command/cli/index.js'))) throw new Error('the command is not bundled: run npx projen bundle first');
  const corpus = writeCorpus();
  try {
    const ours = (paths: string[]) => ['node', BIN, 'reports', '--json', ...paths];
    const list = join(corpus.dir, 'containers.txt');
    writeFileSync(list, `${corpus.containers.join('\n')}\n`);
    const count = (paths: string[]) => paths.reduce((n, p) => n + readdirSync(p, { recursive: true }).filter((f) => f !== 'c').length, 0);
    console.log(`corpus: ${REPORTS} reports, ${corpus.records} records, ${count(corpus.quarters)} files (bare XML, gzip, zip, mail); medians of ${RUNS} runs`);
    console.log('| what | files | wall s | reports/s | peak MiB | exit status |');
    console.log('| --- | --- | --- | --- | --- | --- |');
    const row = (what: string, files: number, f: Figures) =>
      console.log(`| ${what} | ${files} | ${f.wall.toFixed(2)} | ${f.wall > 0 ? Math.round(files / f.wall) : '-'} | ${f.peakMiB.toFixed(1)} | ${f.status} |`);
    for (const k of [1, 2, 4]) {
      const paths = corpus.quarters.slice(0, k);
      row(`reports --json, ${k}/4 of the corpus`, count(paths), medians([ours(paths)])[0]);
    }
    // Peak resident memory also holds what the garbage collector has not yet reclaimed, which grows with the run's
    // length; a run of the whole corpus within a 32 MiB heap shows what is really kept does not grow with the files.
    const capped = medians([['node', '--max-old-space-size=32', BIN, 'reports', '--json', ...corpus.quarters]])[0];
    row('reports --json, 4/4, heap limited to 32 MiB', count(corpus.quarters), capped);
    const [mine, theirs] = medians([
      ours(corpus.quarters.map((q) => join(q, 'c'))),
      ['sh', '-c', `xargs -n 1 /usr/bin/dmarc-cat -N -j 1 < ${list}`],
    ]);
    row('reports --json, the bare XML, gzip and zip files', corpus.containers.length, mine);
    row('dmarc-cat -N -j 1, one run per file, same files', corpus.containers.length, theirs);
    const one = corpus.containers[0];
    const [mineOne, theirsOne] = medians([ours([one]), ['/usr/bin/dmarc-cat', '-N', '-j', '1', one]]);
    row('reports --json, one file', 1, mineOne);
    row('dmarc-cat -N -j 1, one file', 1, theirsOne);
  } finally {
    // BENCH_KEEP=1 keeps the corpus for a profile of your own.
    if (process.env.BENCH_KEEP) console.log(`corpus kept in ${corpus.dir}`);
    else rmSync(corpus.dir, { recursive: true, force: true });
  }
}

main();
