// `npx projen test:package` (part of `npm test`): checks the npm tarball users get (dist/js, built by
// `npx projen package:js`), then installs it into a scratch app on the newest aws-cdk-lib line
// (projenrc/newest.json) and compiles and synthesizes every TypeScript example of the README there,
// the verification wait included. Exits non-zero, saying why, on the first problem.
import { execFileSync } from 'child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, posix } from 'path';
import { gzipSync } from 'zlib';
import { zipSync } from 'fflate';
import { startBind } from './helpers/bind-server';
import { templateZoneLines } from './helpers/template-records';

const root = join(__dirname, '..');

function fail(message: string): never {
  console.error(`package check: ${message}`);
  process.exit(1);
}

/** The one tarball in dist/js. */
function tarball(): string {
  const dir = join(root, 'dist', 'js');
  const files = readdirSync(dir).filter((f) => f.endsWith('.tgz'));
  if (files.length !== 1) fail(`expected one tarball in dist/js, found ${files.length}: ${files.join(', ')}`);
  return join(dir, files[0]);
}

/** What users need, and nothing else: compiled code, bundled handlers, the jsii assembly and the documents. */
const REQUIRED = [
  'package.json', 'README.md', 'API.md', 'LICENSE', '.jsii', 'lib/index.js', 'lib/index.d.ts',
  'assets/waiter/is-complete.lambda/index.js', 'assets/waiter/on-event.lambda/index.js', 'assets/receiving/activate.lambda/index.js',
  'bin/cdk-verified-mail-domain', 'assets/command/cli/index.js',
];
const ALLOWED = [/^bin\/cdk-verified-mail-domain$/, /^lib\/.+\.(js|d\.ts)$/, /^assets\/(waiter|receiving)\/[a-z-]+\.lambda\/index\.js$/, /^assets\/command\/cli\/index\.js$/, /^(package\.json|README\.md|API\.md|LICENSE|\.jsii)$/];

function checkContents(file: string): string[] {
  const entries = execFileSync('tar', ['-tzf', file], { encoding: 'utf8' }).trim().split('\n').map((e) => e.replace(/^package\//, ''));
  const missing = REQUIRED.filter((r) => !entries.includes(r));
  if (missing.length > 0) fail(`the tarball lacks ${missing.join(', ')}`);
  const extra = entries.filter((e) => !ALLOWED.some((pattern) => pattern.test(e)));
  if (extra.length > 0) fail(`the tarball holds files users do not need: ${extra.join(', ')}`);
  return entries;
}

/** Every inline source map names sources that are in the tarball or embedded in the map itself. */
function checkSourceMaps(file: string, entries: string[]): number {
  const dir = mkdtempSync(join(tmpdir(), 'tarball-'));
  try {
    execFileSync('tar', ['-xzf', file, '-C', dir]);
    let maps = 0;
    for (const entry of entries.filter((e) => e.endsWith('.js') && e.startsWith('lib/'))) {
      const text = readFileSync(join(dir, 'package', entry), 'utf8');
      const match = text.match(/\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/);
      if (!match) continue;
      maps++;
      const map = JSON.parse(Buffer.from(match[1], 'base64').toString('utf8'));
      (map.sources as string[]).forEach((source, i) => {
        const inTarball = entries.includes(posix.normalize(posix.join(posix.dirname(entry), map.sourceRoot ?? '', source)));
        if (!inTarball && typeof map.sourcesContent?.[i] !== 'string') fail(`${entry}: its source map names ${source}, which is neither in the tarball nor embedded`);
      });
    }
    if (maps === 0) fail('no inline source map found in lib/');
    return maps;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The README's TypeScript examples as programs: each in the rosetta fixture, or alone when marked nofixture. */
function readmePrograms(): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const fixture = readFileSync(join(root, 'rosetta', 'default.ts-fixture'), 'utf8');
  const blocks = [...readme.matchAll(/^```ts( nofixture)?\n([\s\S]*?)^```$/gm)];
  if (blocks.length === 0) fail('no TypeScript example found in README.md');
  return blocks.map(([, nofixture, code]) => (nofixture
    ? `${code}\napp.synth();\n`
    : fixture.replace('/// here', code).replace("new Fixture(new App(), 'Fixture');", "const app = new App();\nnew Fixture(app, 'Fixture');\napp.synth();")));
}

function run(command: string, args: string[], cwd: string): void {
  execFileSync(command, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
}

async function scratchApp(file: string): Promise<void> {
  const newest: Record<string, string> = JSON.parse(readFileSync(join(root, 'projenrc', 'newest.json'), 'utf8'));
  const dir = mkdtempSync(join(tmpdir(), 'scratch-app-'));
  try {
    writeFileSync(join(dir, 'package.json'), JSON.stringify({
      name: 'scratch-app',
      private: true,
      dependencies: { 'aws-cdk-lib': newest['aws-cdk-lib'], 'constructs': newest.constructs, 'cdk-verified-mail-domain': `file:${file}` },
    }, undefined, 2));
    run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], dir);
    const programs = readmePrograms();
    programs.forEach((program, i) => writeFileSync(join(dir, `example${i + 1}.ts`), program));
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'commonjs', strict: true, skipLibCheck: true, outDir: 'out', types: [] },
      include: ['*.ts'],
    }));
    // The project's own TypeScript compiles the examples against the installed package and the newest aws-cdk-lib types.
    run(join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], dir);
    programs.forEach((_, i) => {
      const outdir = join(dir, `cdk.out.${i + 1}`);
      execFileSync('node', [join('out', `example${i + 1}.js`)], { cwd: dir, env: { ...process.env, CDK_OUTDIR: outdir }, stdio: 'inherit' });
      const templates = readdirSync(outdir).filter((f) => f.endsWith('.template.json'));
      if (templates.length === 0) fail(`README example ${i + 1} synthesized no template`);
    });
    console.log(`package check: ${programs.length} README examples compiled and synthesized on aws-cdk-lib ${newest['aws-cdk-lib']} from the tarball`);
    await checkCommand(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The command from the installed package, as `npx cdk-verified-mail-domain check` runs it, on the last
 * example's assembly: against a real BIND serving the records the stack writes into Route53, every one
 * of them ok (the Easy DKIM records stay pending without deploy outputs, which fails nothing: exit 0); against a port where
 * nothing listens, unreachable (exit 2).
 */
async function checkCommand(dir: string): Promise<void> {
  // The highest number, not the last name in sort order: 'cdk.out.9' sorts after 'cdk.out.10'.
  const app = readdirSync(dir).filter((f) => /^cdk\.out\.\d+$/.test(f)).sort((a, b) => Number(a.slice(8)) - Number(b.slice(8))).pop()!;
  const template = JSON.parse(readFileSync(join(dir, app, 'Fixture.template.json'), 'utf8'));
  const lines = templateZoneLines(template);
  const server = await startBind([{ origin: 'example.com', records: lines }, { origin: 'amazonses.com', records: ['amazonses.com. 300 IN TXT "v=spf1 ip4:199.255.192.0/22 -all"'] }]);
  try {
    const check = (nameserver: string) => {
      try {
        return { status: 0, out: execFileSync('npx', ['--no-install', 'cdk-verified-mail-domain', 'check', '--app', app, '--nameserver', nameserver], { cwd: dir, encoding: 'utf8' }) };
      } catch (e) {
        return { status: (e as { status: number }).status, out: String((e as { stdout: string }).stdout) };
      }
    };
    const live = check(server.address);
    const literal = lines.length;
    if (live.status !== 0 || !live.out.includes(`OK: every record known before deploy holds; 3 Easy DKIM records are pending: give --outputs after cdk deploy (${literal + 5} checks: ${literal + 2} ok, 3 pending)`)) {
      fail(`npx cdk-verified-mail-domain check against BIND exited ${live.status}, expected 0 with ${literal} records and both SPF trees ok and 3 DKIM records pending:\n${live.out}`);
    }
    const dead = check('127.0.0.1:9');
    if (dead.status !== 2 || !/^UNREACHABLE: DNS did not answer/m.test(dead.out)) fail(`npx cdk-verified-mail-domain check exited ${dead.status}, expected 2 with UNREACHABLE:\n${dead.out}`);
  } finally {
    await server.stop();
  }
  console.log('package check: npx cdk-verified-mail-domain check from the tarball: every record ok against BIND, unreachable (exit 2) where nothing answers');
  reportsCommand(dir);
}

/**
 * `npx cdk-verified-mail-domain reports` from the installed package, where none of the libraries it reads mail, zip
 * and XML with is installed: a gzip report in mail and a zip report are read from a folder, and a file that is no
 * report is skipped.
 */
function reportsCommand(dir: string): void {
  const folder = join(dir, 'dmarc-reports');
  mkdirSync(folder, { recursive: true });
  const xml = (id: string, count: number) => '<?xml version="1.0"?><feedback><report_metadata><org_name>Receiver</org_name>'
    + `<report_id>${id}</report_id><date_range><begin>1764547200</begin><end>1764633600</end></date_range></report_metadata>`
    + '<policy_published><domain>example.com</domain><p>none</p></policy_published><record><row><source_ip>192.0.2.1</source_ip>'
    + `<count>${count}</count><policy_evaluated><disposition>none</disposition><dkim>pass</dkim><spf>fail</spf></policy_evaluated></row>`
    + '<identifiers><header_from>example.com</header_from></identifiers><auth_results><dkim><domain>example.com</domain>'
    + '<result>pass</result></dkim></auth_results></record></feedback>';
  const mail = ['From: reports@receiver.example', 'To: dmarc@dmarc-reports.example.com', 'Subject: Report domain: example.com',
    'MIME-Version: 1.0', 'Content-Type: application/gzip; name="r.xml.gz"', 'Content-Transfer-Encoding: base64', '',
    gzipSync(xml('in-mail', 3)).toString('base64'), ''].join('\r\n');
  writeFileSync(join(folder, 'a1b2c3'), mail);
  writeFileSync(join(folder, 'AMAZON_SES_SETUP_NOTIFICATION'), 'not a report');
  writeFileSync(join(folder, 'second'), zipSync({ 'r.xml': Buffer.from(xml('in-zip', 4)) }));
  let out: string;
  try {
    out = execFileSync('npx', ['--no-install', 'cdk-verified-mail-domain', 'reports', '--json', 'dmarc-reports'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    fail(`npx cdk-verified-mail-domain reports exited ${(e as { status: number }).status}: ${String((e as { stderr: string }).stderr)}`);
  }
  const doc = JSON.parse(out!);
  const ids = doc.reports.map((r: { reportId: string }) => r.reportId).join(',');
  if (ids !== 'in-mail,in-zip' || doc.summary[0]?.messages !== 7 || doc.skipped.length !== 1 || doc.errors.length !== 0) {
    fail(`npx cdk-verified-mail-domain reports read ${ids} (${doc.summary[0]?.messages} messages), skipped ${doc.skipped.length}, errors ${doc.errors.length}; expected in-mail,in-zip, 7, 1, 0`);
  }
  console.log('package check: npx cdk-verified-mail-domain reports from the tarball: a report in mail and one in a zip read, a file that is none skipped');
}

const file = tarball();
const entries = checkContents(file);
const maps = checkSourceMaps(file, entries);
console.log(`package check: ${entries.length} files, only what users need; ${maps} inline source maps resolve`);
scratchApp(file).catch((e) => fail(String(e)));
