import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { DOMAIN_METADATA_TYPE } from '../../../src/assembly-metadata';
import { outputRecords, readAssembly } from '../../../src/command/check/assembly';
import { RecordKind } from '../../../src/record-model';

// Reading a cloud assembly: each domain's metadata entry with its stack, in nested assemblies and in a stack's
// additional metadata file too; and the records of a domain in an output value (the zone-file reader's blocks).

const dir = mkdtempSync(join(tmpdir(), 'check-assembly-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const data = (domain: string) => ({ version: 1, domain, region: 'eu-west-1', records: [{ kind: RecordKind.DMARC, name: `_dmarc.${domain}.`, type: 'TXT', values: ['v=DMARC1; p=none'], ttl: 1800, purpose: 'DMARC policy' }] });
const meta = (domain: string) => [{ type: DOMAIN_METADATA_TYPE, data: data(domain) }, { type: 'aws:cdk:warning', data: 'x' }];

test('domains of the top assembly, a nested one and an additional metadata file, each with its stack', () => {
  mkdirSync(join(dir, 'stage'));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({
    artifacts: {
      Top: { type: 'aws:cloudformation:stack', properties: { stackName: 'TopStack' }, metadata: { '/Top/Mail': meta('a.example.org') } },
      Extra: { type: 'aws:cloudformation:stack', additionalMetadataFile: 'Extra.metadata.json' },
      Stage: { type: 'cdk:cloud-assembly', properties: { directoryName: 'stage' } },
      Tree: { type: 'cdk:tree' },
    },
  }));
  writeFileSync(join(dir, 'Extra.metadata.json'), JSON.stringify({ '/Extra/Mail': meta('b.example.org') }));
  writeFileSync(join(dir, 'stage', 'manifest.json'), JSON.stringify({
    artifacts: { Inner: { type: 'aws:cloudformation:stack', metadata: { '/Stage/Inner/Mail': [{ type: DOMAIN_METADATA_TYPE, data: { ...data('c.example.org'), version: 2 } }, ...meta('d.example.org')] } } },
  }));
  expect(readAssembly(dir)).toEqual([
    { stackName: 'TopStack', constructPath: '/Top/Mail', metadata: data('a.example.org') },
    { stackName: 'Extra', constructPath: '/Extra/Mail', metadata: data('b.example.org') },
    { stackName: 'Inner', constructPath: '/Stage/Inner/Mail', metadata: data('d.example.org') },
  ]);
});

test('the records of a domain in an output value, by the zone-file reader; undefined without its block', () => {
  const value = ['; a.example.org', 'tok1._domainkey.a.example.org. 1800 IN CNAME tok1.dkim.amazonses.com.',
    '; b.example.org', 'b.example.org. 1800 IN TXT "v=spf1 include:amazonses.com ~all"'].join('\n');
  expect(outputRecords(value, 'a.example.org')).toEqual([{ name: 'tok1._domainkey.a.example.org.', type: 'CNAME', ttl: 1800, values: ['tok1.dkim.amazonses.com'] }]);
  expect(outputRecords(value, 'b.example.org')).toEqual([{ name: 'b.example.org.', type: 'TXT', ttl: 1800, values: ['v=spf1 include:amazonses.com ~all'] }]);
  expect(outputRecords(value, 'c.example.org')).toBeUndefined();
});
