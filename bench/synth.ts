// `npm run bench`: synth cost per domain of VerifiedMailDomain against the same records wired by hand
// with aws-cdk-lib. Both variants run in this process, alternating, over several repetitions; the
// medians are compared. Before timing, it checks that both produce the same (name, type, value)
// records, so the comparison is fair.
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as ses from 'aws-cdk-lib/aws-ses';
import { benchGuardrails } from './guardrails';
import { VerifiedMailDomain } from '../src';
import { templateRecordSets } from '../test/helpers/template-records';

/** Sizes with both variants; the hand-wired records (8 resources a domain) fit one stack only up to 62 domains. */
const SIZES = [1, 10, 50];
/** Sizes only the construct reaches in one stack (2 resources a domain). */
const CONSTRUCT_ONLY_SIZES = [100, 240];
const REPETITIONS = Number(process.env.BENCH_REPETITIONS ?? 15);
const ENV = { account: '123456789012', region: 'eu-west-1' };

type Variant = 'construct' | 'hand';

interface Run {
  readonly ms: number;
  readonly template: any;
}

function domain(i: number): string {
  return `d${i}.example.com`;
}

function zoneOf(stack: Stack, i: number): route53.IPublicHostedZone {
  return route53.PublicHostedZone.fromPublicHostedZoneAttributes(stack, `Zone${i}`, {
    hostedZoneId: `Z${String(i).padStart(8, '0')}`,
    zoneName: domain(i),
  });
}

/** The same records the construct writes by default, wired by hand with aws-cdk-lib. */
function handWired(stack: Stack, i: number): void {
  const zone = zoneOf(stack, i);
  new ses.EmailIdentity(stack, `Identity${i}`, {
    identity: ses.Identity.publicHostedZone(zone),
    dkimIdentity: ses.DkimIdentity.easyDkim(ses.EasyDkimSigningKeyLength.RSA_2048_BIT),
    mailFromDomain: `bounce.${domain(i)}`,
    mailFromBehaviorOnMxFailure: ses.MailFromBehaviorOnMxFailure.USE_DEFAULT_VALUE,
  });
  new route53.TxtRecord(stack, `Spf${i}`, { zone, values: ['v=spf1 include:amazonses.com ~all'] });
  new route53.TxtRecord(stack, `Dmarc${i}`, { zone, recordName: '_dmarc', values: ['v=DMARC1; p=none'] });
}

function synthOnce(variant: Variant, n: number): Run {
  const outdir = mkdtempSync(join(tmpdir(), 'bench-'));
  const start = process.hrtime.bigint();
  const app = new App({ outdir });
  const stack = new Stack(app, 'Bench', { env: ENV });
  for (let i = 0; i < n; i++) {
    if (variant === 'construct') {
      new VerifiedMailDomain(stack, `Mail${i}`, { hostedZone: zoneOf(stack, i) });
    } else {
      handWired(stack, i);
    }
  }
  const assembly = app.synth();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const template = assembly.getStackByName('Bench').template;
  rmSync(outdir, { recursive: true, force: true });
  return { ms, template };
}

/**
 * The records of a template as `name type values @zone`, from record sets and record-set groups alike,
 * identity references replaced by the identity's domain.
 */
function recordSet(template: any): string[] {
  const resources: Record<string, any> = template.Resources;
  const domainOf = (id: string) => resources[id].Properties.EmailIdentity;
  const norm = (v: any): string => (typeof v === 'string' ? v : `${domainOf(v['Fn::GetAtt'][0])}:${v['Fn::GetAtt'][1]}`);
  return templateRecordSets(template)
    .map((p) => `${norm(p.Name)} ${p.Type} ${p.TTL} ${p.ResourceRecords.map(norm).join(' | ')} @${p.HostedZoneId}`).sort();
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function count(template: any, type?: string): number {
  return Object.values(template.Resources as Record<string, any>).filter((r) => type === undefined || r.Type === type).length;
}

function main(): void {
  // Fairness: both variants must publish the same records (and identities) for the same domains.
  for (const n of SIZES) {
    const a = synthOnce('construct', n).template;
    const b = synthOnce('hand', n).template;
    const ra = recordSet(a);
    const rb = recordSet(b);
    if (JSON.stringify(ra) !== JSON.stringify(rb)) {
      console.error('construct only:', ra.filter((x) => !rb.includes(x)));
      console.error('hand only:', rb.filter((x) => !ra.includes(x)));
      throw new Error(`the two variants differ in their records at N=${n}`);
    }
    if (count(a, 'AWS::SES::EmailIdentity') !== n || count(b, 'AWS::SES::EmailIdentity') !== n) {
      throw new Error(`expected ${n} identities in each variant`);
    }
  }
  // Warm-up, so that neither variant pays for module loading and JIT compilation.
  for (let i = 0; i < 3; i++) {
    synthOnce('construct', 10);
    synthOnce('hand', 10);
  }

  const rows: string[] = [];
  for (const n of SIZES) {
    const times: Record<Variant, number[]> = { construct: [], hand: [] };
    let last: Record<Variant, any> = { construct: undefined, hand: undefined };
    for (let rep = 0; rep < REPETITIONS; rep++) {
      const order: Variant[] = rep % 2 === 0 ? ['construct', 'hand'] : ['hand', 'construct'];
      for (const variant of order) {
        const run = synthOnce(variant, n);
        times[variant].push(run.ms);
        last[variant] = run.template;
      }
    }
    const perDomain = (v: Variant) => median(times[v]) / n;
    const cols = [
      n,
      perDomain('construct').toFixed(2),
      perDomain('hand').toFixed(2),
      (perDomain('construct') / perDomain('hand')).toFixed(2),
      (count(last.construct) / n).toFixed(1),
      (count(last.hand) / n).toFixed(1),
      Math.round(JSON.stringify(last.construct).length / n),
      Math.round(JSON.stringify(last.hand).length / n),
      count(last.construct, 'AWS::Lambda::Function'),
      count(last.hand, 'AWS::Lambda::Function'),
    ];
    rows.push(`| ${cols.join(' | ')} |`);
  }

  for (const n of CONSTRUCT_ONLY_SIZES) {
    const times: number[] = [];
    let template: any;
    for (let rep = 0; rep < REPETITIONS; rep++) {
      const run = synthOnce('construct', n);
      times.push(run.ms);
      template = run.template;
    }
    const cols = [n, (median(times) / n).toFixed(2), 'does not fit one stack', '-', (count(template) / n).toFixed(1), '-',
      Math.round(JSON.stringify(template).length / n), '-', count(template, 'AWS::Lambda::Function'), '-'];
    rows.push(`| ${cols.join(' | ')} |`);
  }

  const resourcesPerDomain = count(synthOnce('construct', 1).template);
  console.log(`Synth cost per domain, median of ${REPETITIONS} alternating repetitions (records identical in both variants)\n`);
  console.log('| N | construct ms/domain | hand-wired ms/domain | ratio | construct resources/domain | hand resources/domain | construct template bytes/domain | hand template bytes/domain | construct Lambdas | hand Lambdas |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  rows.forEach((r) => console.log(r));
  const handPerDomain = count(synthOnce('hand', 1).template);
  console.log(`\nDefault options: ${resourcesPerDomain} resources per domain with the construct (the identity and its record-set group), `
    + `${handPerDomain} hand-wired (the identity and its record sets); under CloudFormation's 500-resource limit one stack holds `
    + `${Math.floor(500 / resourcesPerDomain)} domains with the construct and ${Math.floor(500 / handPerDomain)} hand-wired.`);

  benchGuardrails(SIZES, Math.max(3, Math.round(REPETITIONS / 3)));
}

main();
