import * as fs from 'fs';
import * as path from 'path';
import { App, Aws, Stack } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { Construct } from 'constructs';
import { DOMAIN_METADATA_TYPE, writeDomainMetadata } from '../src/assembly-metadata';
import { RecordEntry, RecordKind } from '../src/context';

// writeDomainMetadata directly: one entry on the construct's node, and what the cloud assembly holds.

const ENTRIES: RecordEntry[] = [
  {
    id: 'MailFromMx',
    kind: RecordKind.MAIL_FROM_MX,
    record: { name: 'bounce.example.org.', type: route53.RecordType.MX, values: ['10 feedback-smtp.eu-west-1.amazonses.com'], ttl: 1800, purpose: 'MAIL FROM MX' },
    nameFrom: 'mailFromSubdomain',
    valuesFrom: 'the stack region',
  },
  {
    id: 'Dmarc',
    kind: RecordKind.DMARC,
    record: { name: '_dmarc.example.org.', type: route53.RecordType.TXT, values: ['v=DMARC1; p=none'], ttl: 300, purpose: 'DMARC' },
    nameFrom: 'domainName',
    valuesFrom: 'dmarc',
  },
];

const RECORDS = [
  { kind: 'mailFromMx', name: 'bounce.example.org.', type: 'MX', values: ['10 feedback-smtp.eu-west-1.amazonses.com'], ttl: 1800, purpose: 'MAIL FROM MX' },
  { kind: 'dmarc', name: '_dmarc.example.org.', type: 'TXT', values: ['v=DMARC1; p=none'], ttl: 300, purpose: 'DMARC' },
];

test('the metadata type is the one the check reads', () => {
  expect(DOMAIN_METADATA_TYPE).toBe('cdk-verified-mail-domain:domain');
});

test('one entry of version 1 with every field given and the records without ids and prop names', () => {
  const scope = new Construct(new Stack(new App(), 'Test'), 'Mail');
  writeDomainMetadata(scope, {
    domain: 'example.org', mailFromDomain: 'bounce.example.org', region: 'eu-west-1', hostedZone: 'example.org', output: 'Out1',
  }, ENTRIES);
  expect(scope.node.metadata.map((m) => [m.type, m.data])).toEqual([[DOMAIN_METADATA_TYPE, {
    version: 1, domain: 'example.org', mailFromDomain: 'bounce.example.org', region: 'eu-west-1', hostedZone: 'example.org', output: 'Out1', records: RECORDS,
  }]]);
});

test('optional fields left out stay out; no records is an empty list', () => {
  const scope = new Construct(new Stack(new App(), 'Test'), 'Mail');
  writeDomainMetadata(scope, { domain: 'example.org', region: 'us-east-1' }, []);
  expect(scope.node.metadata.map((m) => m.data)).toEqual([{ version: 1, domain: 'example.org', region: 'us-east-1', records: [] }]);
});

test('in the cloud assembly: under the stack artifact, keyed by the construct path, tokens resolved to CloudFormation', () => {
  const app = new App();
  const stack = new Stack(app, 'Test');
  const scope = new Construct(stack, 'Mail');
  const mx = { ...ENTRIES[0], record: { ...ENTRIES[0].record, values: [`10 feedback-smtp.${Aws.REGION}.amazonses.com`] } };
  writeDomainMetadata(scope, { domain: 'example.org', region: Aws.REGION }, [mx]);
  const assembly = app.synth();
  const artifact: any = assembly.manifest.artifacts!.Test;
  // Newer cloud assemblies keep a stack's metadata in a file of its own beside the manifest (as src/check/assembly.ts reads it).
  const extra = artifact.additionalMetadataFile ? JSON.parse(fs.readFileSync(path.join(assembly.directory, artifact.additionalMetadataFile), 'utf8')) : {};
  const metadata = { ...artifact.metadata, ...extra };
  expect(metadata['/Test/Mail']).toEqual([{
    type: DOMAIN_METADATA_TYPE,
    data: {
      version: 1,
      domain: 'example.org',
      region: { Ref: 'AWS::Region' },
      records: [{ ...RECORDS[0], values: [{ 'Fn::Join': ['', ['10 feedback-smtp.', { Ref: 'AWS::Region' }, '.amazonses.com']] }] }],
    },
  }]);
});
