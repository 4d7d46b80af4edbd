// The run shown in the README section "Checking live DNS": the example app (npm run example), both regions of
// example.com and example.net, checked against a
// local BIND serving its records as a deploy would leave them (sample Easy DKIM tokens), with example.net's
// second DKIM record forgotten, an old SPF record left beside the new one, and its DMARC record typed in by hand
// without spaces (the same record to a receiver). Run: npx ts-node --project test/tsconfig.json test/helpers/check-demo.ts
// Arguments after it go to the command (e.g. --wide); --before-deploy leaves out --outputs, as before the first deploy.
import { execFileSync } from 'child_process';
import { readFileSync, writeFileSync } from 'fs';
import { startBind } from './bind-server';
import { SPF_INCLUDE_ZONES } from './spf-include-zones';
import { deployedOutputs, templateZoneLines } from './template-records';

async function main() {
  const stacks = ['VerifiedMailDomainExample', 'VerifiedMailDomainSecondRegionExample', 'VerifiedMailDomainExternalDnsExample'];
  const outputs: Record<string, Record<string, string>> = {};
  const lines: string[] = [];
  // Sample Easy DKIM tokens; each region's identity has its own.
  const tokens = ['q5tvwjzkbmb4xn3oi2fzsc7ahc6y4rjd', 'h7e2wbwn4ln5vdhj6cpkfjt3g3q2lbxo', 'rq7k2xhp3cevn5tagb2gtqbylhn7xwtd'];
  for (const [i, name] of stacks.entries()) {
    const token = (n: number) => (i === 1 ? `${tokens[n - 1].slice(0, 28)}us01` : tokens[n - 1]);
    outputs[name] = deployedOutputs(JSON.parse(readFileSync(`cdk.out/${name}.template.json`, 'utf8')), token);
    for (const v of Object.values(outputs[name])) lines.push(...v.split('\n').filter((l) => l && !l.startsWith(';')));
  }
  // example.com's records from its Route53 record-set group, as Route53 would serve them.
  for (const name of stacks.slice(0, 2)) lines.push(...templateZoneLines(JSON.parse(readFileSync(`cdk.out/${name}.template.json`, 'utf8'))));
  writeFileSync('/tmp/outputs.json', JSON.stringify(outputs, null, 2));
  const byZone = (z: string) => [...new Set(lines.filter((l) => l.split(' ')[0].endsWith(`${z}.`)))];
  // example.net's provider: one record forgotten (the second DKIM key), and an old SPF left beside the new one.
  const net = byZone('example.net').filter((l) => !l.startsWith('h7e2'))
    .map((l) => (l.startsWith('_dmarc.') ? l.replace(/"(.*)"/, (_, v: string) => `"${v.replace(/; /g, ';')}"`) : l))
    .concat(['example.net. 1800 IN TXT "v=spf1 mx -all"']);
  const server = await startBind([
    { origin: 'example.com', records: byZone('example.com') },
    { origin: 'example.net', records: net },
    ...SPF_INCLUDE_ZONES,
  ]);
  try {
    const args = process.argv.slice(2);
    const outputsArgs = args.includes('--before-deploy') ? [] : ['--outputs', '/tmp/outputs.json'];
    const env = { ...process.env, TS_NODE_PROJECT: 'test/tsconfig.json' };
    const shown = ['--app', 'cdk.out', ...outputsArgs.map((a) => a.replace('/tmp/', '')), '--nameserver', server.address, ...args.filter((a) => a !== '--before-deploy')];
    console.log(`$ npx cdk-verified-mail-domain check ${shown.join(' ')}`);
    execFileSync('node', ['-r', 'ts-node/register/transpile-only', 'test/helpers/check-main.ts', 'check', '--app', 'cdk.out', ...outputsArgs,
      '--nameserver', server.address, ...args.filter((a) => a !== '--before-deploy')], { stdio: 'inherit', env });
  } catch (e) { console.log('exit status', (e as any).status); }
  await server.stop();
}
void main();
