// The deliverability guardrails' part of `npm run bench`: resources per domain, the resources a stack has once
// whatever its domains, domains per stack under CloudFormation's 500-resource limit (each figure then proven by a
// synth at that many domains and one more), template bytes and synth time per domain. Two layouts: a configuration
// set per domain (the guard creates each), and one set of the user's shared by every domain (the guard extends it).
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Deliverability, VerifiedMailDomain } from '../src';

/** CloudFormation's resources per stack (CloudFormation quotas: "Resources", 500 per template). */
const STACK_RESOURCES = 500;

type Layout = 'set per domain' | 'shared set';

interface Synth {
  readonly ms: number;
  readonly resources: number;
  readonly bytes: number;
  readonly lambdas: number;
}

function synth(layout: Layout, n: number): Synth {
  const outdir = mkdtempSync(join(tmpdir(), 'bench-guard-'));
  const start = process.hrtime.bigint();
  // aws-cdk-lib refuses a stack over 500 resources at synth; the limit is lifted (0) so that the run one domain
  // beyond the figure can count what it would have.
  const app = new App({ outdir, context: { '@aws-cdk/core:stackResourceLimit': 0 } });
  const stack = new Stack(app, 'Bench', { env: { account: '123456789012', region: 'eu-west-1' } });
  const shared = layout === 'shared set' ? new ses.ConfigurationSet(stack, 'Shared') : undefined;
  for (let i = 0; i < n; i++) {
    const hostedZone = route53.PublicHostedZone.fromPublicHostedZoneAttributes(stack, `Zone${i}`, {
      hostedZoneId: `Z${String(i).padStart(8, '0')}`, zoneName: `d${i}.example.com`,
    });
    new VerifiedMailDomain(stack, `Mail${i}`, { hostedZone, configurationSet: shared, deliverability: Deliverability.guard() });
  }
  const template = app.synth().getStackByName('Bench').template;
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  rmSync(outdir, { recursive: true, force: true });
  const resources = Object.values<any>(template.Resources);
  return { ms, resources: resources.length, bytes: JSON.stringify(template).length, lambdas: resources.filter((r) => r.Type === 'AWS::Lambda::Function').length };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Prints the guardrails' table and the domains a stack holds with them. */
export function benchGuardrails(sizes: number[], repetitions: number): void {
  const layouts: Layout[] = ['set per domain', 'shared set'];
  const lines: string[] = [];
  const fits: string[] = [];
  for (const layout of layouts) {
    const [one, two] = [synth(layout, 1), synth(layout, 2)];
    const perDomain = two.resources - one.resources;
    const fixed = one.resources - perDomain;
    const most = Math.floor((STACK_RESOURCES - fixed) / perDomain);
    const [atMost, beyond] = [synth(layout, most), synth(layout, most + 1)];
    if (atMost.resources > STACK_RESOURCES || beyond.resources <= STACK_RESOURCES) {
      throw new Error(`${layout}: ${most} domains give ${atMost.resources} resources and ${most + 1} give ${beyond.resources}; the per-domain figure is wrong`);
    }
    fits.push(`${layout}: ${perDomain} resources a domain and ${fixed} once per stack, so one stack holds ${most} guarded domains `
      + `(${atMost.resources} resources; ${most + 1} domains make ${beyond.resources}), template ${Math.round(atMost.bytes / 1024)} KiB at ${most}`);
    for (const n of sizes) {
      synth(layout, n); // warm-up at this size
      const runs = Array.from({ length: repetitions }, () => synth(layout, n));
      const last = runs[runs.length - 1];
      lines.push(`| ${layout} | ${n} | ${(median(runs.map((r) => r.ms)) / n).toFixed(2)} | ${(last.resources / n).toFixed(1)} | `
        + `${Math.round(last.bytes / n)} | ${last.lambdas} |`);
    }
  }
  console.log(`\nWith Deliverability.guard() on every domain, median of ${repetitions} repetitions\n`);
  console.log('| layout | N | ms/domain | resources/domain | template bytes/domain | Lambdas |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  lines.forEach((l) => console.log(l));
  console.log('');
  fits.forEach((f) => console.log(`- ${f}.`));
}
