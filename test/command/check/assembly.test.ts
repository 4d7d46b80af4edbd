import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { DOMAIN_METADATA_TYPE } from '../../../src/assembly-metadata';
import { outputRecords, readAssembly, readOutputs } from '../../../src/command/check/assembly';
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

const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const appDir = (name: string, manifest: string) => {
  mkdirSync(join(dir, name));
  file(join(name, 'manifest.json'), manifest);
  return join(dir, name);
};
const OUTPUTS_FILE = 'give the file `cdk deploy --outputs-file` wrote';
const SYNTH_DIR = 'give the directory `cdk synth` wrote (cdk.out)';
const SHAPE = 'is not shaped like the file `cdk deploy --outputs-file` writes ({ "<stack>": { "<output>": "<value>" } })';

test('the outputs file: stack -> output -> value', () => {
  const outputs = { Mail: { Records1: 'v', Other: '' }, Empty: {} };
  expect(readOutputs(file('good.json', JSON.stringify(outputs)))).toEqual(outputs);
});

test.each<[string, () => string, string]>([
  ['not JSON', () => file('cut.json', '{"Mail": {"Key": "v=spf1'), `is not valid JSON (Unterminated string at position 24): ${OUTPUTS_FILE}`],
  ['another kind of text', () => file('text.json', '# notes'), `is not valid JSON (Unexpected token '#'): ${OUTPUTS_FILE}`],
  ['an array', () => file('array.json', '[]'), `${SHAPE}: it is an array`],
  ['null', () => file('null.json', 'null'), `${SHAPE}: it is null`],
  ['a number', () => file('number.json', '5'), `${SHAPE}: it is a number`],
  ['a stack that is not an object', () => file('stack.json', '{"Mail": "x"}'), `${SHAPE}: "Mail" is a string`],
  ['a stack that is an array', () => file('stacks.json', '{"Mail": {}, "Other": []}'), `${SHAPE}: "Other" is an array`],
  ['an output that is not a string', () => file('value.json', '{"Mail": {"A": "x", "B": null}}'), `${SHAPE}: "Mail"."B" is null`],
  ['missing', () => join(dir, 'none.json'), `does not exist: ${OUTPUTS_FILE}`],
  ['a directory', () => dir, `cannot be read (EISDIR): ${OUTPUTS_FILE}`],
])('outputs that are %s are refused', (_, path, what) => {
  const f = path();
  expect(() => readOutputs(f)).toThrow(new Error(`--outputs ${f} ${what}`));
});

test.each<[string, () => string, (d: string) => string]>([
  ['no manifest', () => join(dir, 'nothing'), (d) => `${d} is not a synthesized CDK app (no manifest.json); run cdk synth first or give --app`],
  ['a manifest that is not JSON', () => appDir('cut', '{"version": '), (d) => `--app ${d}: ${join(d, 'manifest.json')} is not valid JSON (Unexpected end of JSON input): ${SYNTH_DIR}`],
  ['a manifest that is an array', () => appDir('list', '[1]'), (d) => `--app ${d}: ${join(d, 'manifest.json')} is not a cloud assembly manifest (an object with an artifacts object): ${SYNTH_DIR}`],
  ['a manifest that is null', () => appDir('null', 'null'), (d) => `--app ${d}: ${join(d, 'manifest.json')} is not a cloud assembly manifest (an object with an artifacts object): ${SYNTH_DIR}`],
  ['artifacts that are not an object', () => appDir('arts', '{"artifacts": []}'), (d) => `--app ${d}: ${join(d, 'manifest.json')} is not a cloud assembly manifest (an object with an artifacts object): ${SYNTH_DIR}`],
  ['a metadata file that is missing', () => appDir('extra', '{"artifacts": {"S": {"type": "aws:cloudformation:stack", "additionalMetadataFile": "S.metadata.json"}}}'),
    (d) => `--app ${d}: ${join(d, 'S.metadata.json')} cannot be read (ENOENT): ${SYNTH_DIR}`],
])('an app with %s is refused', (_, path, message) => {
  const d = path();
  expect(() => readAssembly(d)).toThrow(new Error(message(d)));
});

test('what is no domain entry is skipped: a manifest without artifacts, odd artifacts and entries, a nested assembly named by its label', () => {
  expect(readAssembly(appDir('bare', '{}'))).toEqual([]);
  const d = appDir('odd', JSON.stringify({
    artifacts: {
      Null: null,
      List: [1],
      NoName: { type: 'cdk:cloud-assembly', properties: {} },
      S: { type: 'aws:cloudformation:stack', additionalMetadataFile: 'S.metadata.json', metadata: { '/S/A': 'x', '/S/B': [{ type: DOMAIN_METADATA_TYPE }] } },
    },
  }));
  file(join('odd', 'S.metadata.json'), '[1]');
  expect(readAssembly(d)).toEqual([]);
  const nested = appDir('outer', JSON.stringify({ artifacts: { In: { type: 'cdk:cloud-assembly', properties: { directoryName: 'in' } } } }));
  appDir(join('outer', 'in'), '{"version": ');
  expect(() => readAssembly(nested, '--app X')).toThrow(new Error(`--app X: ${join(nested, 'in', 'manifest.json')} is not valid JSON (Unexpected end of JSON input): ${SYNTH_DIR}`));
});

test('only entries of the domain type, version 1, in stack artifacts; a nested assembly only when it names its directory', () => {
  const entry = { type: DOMAIN_METADATA_TYPE, data: data('e.example.org') };
  const d = appDir('kinds', JSON.stringify({
    artifacts: {
      Tree: { type: 'cdk:tree', metadata: { '/T': [entry] } },
      Unnamed: { type: 'cdk:cloud-assembly' },
      S: {
        type: 'aws:cloudformation:stack',
        properties: { directoryName: 'nowhere' },
        metadata: { '/S/Info': [{ type: 'aws:cdk:info', data: { version: 1 } }], '/S/Mail': [entry] },
      },
    },
  }));
  expect(readAssembly(d)).toEqual([{ stackName: 'S', constructPath: '/S/Mail', metadata: data('e.example.org') }]);
});

test('a file that cannot be read for a reason without a code: the reason', () => {
  const f = file('odd.json', '{}');
  jest.spyOn(jest.requireActual<typeof import('fs')>('fs'), 'readFileSync').mockImplementationOnce(() => { throw new Error('odd failure'); });
  expect(() => readOutputs(f)).toThrow(new Error(`--outputs ${f} cannot be read (odd failure): ${OUTPUTS_FILE}`));
});
