import { App, CfnParameter, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { Construct } from 'constructs';
import { kindOf, purposeOf } from '../src/app-marks';
import { RecordEntry, RecordKind } from '../src/context';
import { renderRecords, RecordRendering } from '../src/route53-render';

// renderRecords on its own: record entries made by hand, rendered into a hosted zone as record-set
// groups (split within half a Route53 change request) or one record set per record.

function setup() {
  const stack = new Stack(new App(), 'Mail', { env: { account: '123456789012', region: 'eu-west-1' } });
  const zone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z123', zoneName: 'example.org' });
  return { stack, zone, scope: new Construct(stack, 'Domain') };
}

/** A CNAME entry whose one value is `length` characters long (CNAME values are rendered as they are). */
function cname(id: string, length = 10, kind = RecordKind.DKIM): RecordEntry {
  const value = 'v'.repeat(length);
  return { id, kind, record: { name: `${id.toLowerCase()}.example.org.`, type: route53.RecordType.CNAME, values: [value], ttl: 1800, purpose: `purpose of ${id}` }, nameFrom: 'domainName', valuesFrom: 'dkim' };
}

/**
 * A TXT entry of `count` values of 198 characters, each 200 characters as Route53 takes it (quoted), and
 * one more value rendered `last` characters long when `last` is given (at least 2: the quotes).
 */
function txt(id: string, count: number, last?: number): RecordEntry {
  const values = [...Array.from({ length: count }, () => 't'.repeat(198)), ...(last === undefined ? [] : ['l'.repeat(last - 2)])];
  return { id, kind: RecordKind.DOMAIN_TXT, record: { name: `${id.toLowerCase()}.example.org.`, type: route53.RecordType.TXT, values, ttl: 300, purpose: 'TXT' }, nameFrom: 'domainName', valuesFrom: 'x' };
}

function aRecord(id: string, count: number): RecordEntry {
  const values = Array.from({ length: count }, (_, i) => `10.0.${Math.floor(i / 250)}.${i % 250}`);
  return { id, kind: RecordKind.INBOUND_MX, record: { name: `${id.toLowerCase()}.example.org.`, type: route53.RecordType.A, values, ttl: 60, purpose: 'A' }, nameFrom: 'domainName', valuesFrom: 'x' };
}

const groups = (stack: Stack) => Template.fromStack(stack).findResources('AWS::Route53::RecordSetGroup');
const groupSizes = (stack: Stack) => Object.values(groups(stack)).map((g) => g.Properties.RecordSets.length);

test('one group: every record set, with its quoted TXT values and TTL as a string, in the zone', () => {
  const { stack, zone, scope } = setup();
  const spf: RecordEntry = {
    id: 'DomainTxt',
    kind: RecordKind.DOMAIN_TXT,
    nameFrom: 'domainName',
    valuesFrom: ['spf'],
    record: { name: 'example.org.', type: route53.RecordType.TXT, values: ['v=spf1 -all'], ttl: 300, purpose: 'SPF' },
  };
  const resources = renderRecords(scope, zone, [cname('Dkim1'), spf], RecordRendering.RECORD_SET_GROUP, undefined);
  expect(resources).toHaveLength(1);
  expect(Object.values(groups(stack))).toEqual([{
    Type: 'AWS::Route53::RecordSetGroup',
    Properties: {
      HostedZoneId: 'Z123',
      RecordSets: [
        { Name: 'dkim1.example.org.', Type: 'CNAME', ResourceRecords: ['vvvvvvvvvv'], TTL: '1800' },
        { Name: 'example.org.', Type: 'TXT', ResourceRecords: ['"v=spf1 -all"'], TTL: '300' },
      ],
    },
  }]);
  expect((resources[0] as Construct).node.id).toBe('RecordSetGroup');
  expect([purposeOf(resources[0] as Construct, 0), purposeOf(resources[0] as Construct, 1)]).toEqual(['purpose of Dkim1', 'SPF']);
  expect([kindOf(resources[0] as Construct, 0), kindOf(resources[0] as Construct, 1)]).toEqual([RecordKind.DKIM, RecordKind.DOMAIN_TXT]);
});

test('no entries: no group', () => {
  const { stack, zone, scope } = setup();
  expect(renderRecords(scope, zone, [], RecordRendering.RECORD_SET_GROUP, undefined)).toEqual([]);
  Template.fromStack(stack).resourceCountIs('AWS::Route53::RecordSetGroup', 0);
});

test.each<[string, Array<[number, number?]>, number[]]>([
  ['exactly 16,000 characters fit one group', [[40], [40]], [2]],
  ['16,001 characters take a second group', [[40], [39, 201]], [1, 1]],
  ['a record over 16,000 characters alone still gets a group', [[81], [1]], [1, 1]],
  ['groups fill in order', [[30], [30], [30], [30], [30]], [2, 2, 1]],
])('%s', (_title, records, sizes) => {
  const { stack, zone, scope } = setup();
  renderRecords(scope, zone, records.map(([count, last], i) => txt(`R${i}`, count, last)), RecordRendering.RECORD_SET_GROUP, undefined);
  expect(groupSizes(stack)).toEqual(sizes);
});

test('the second and third groups are RecordSetGroup2 and RecordSetGroup3, each record once, in order', () => {
  const { stack, zone, scope } = setup();
  const resources = renderRecords(scope, zone, [0, 1, 2].map((i) => txt(`R${i}`, 45)), RecordRendering.RECORD_SET_GROUP, undefined);
  expect(resources.map((r) => (r as Construct).node.id)).toEqual(['RecordSetGroup', 'RecordSetGroup2', 'RecordSetGroup3']);
  expect(Object.values(groups(stack)).map((g) => g.Properties.RecordSets.map((r: { Name: string }) => r.Name)))
    .toEqual([['r0.example.org.'], ['r1.example.org.'], ['r2.example.org.']]);
});

test.each<[string, number[], number[]]>([
  ['exactly 500 values fit one group', [499, 1], [2]],
  ['501 values take a second group', [500, 1], [1, 1]],
])('%s', (_title, counts, sizes) => {
  const { stack, zone, scope } = setup();
  renderRecords(scope, zone, counts.map((n, i) => aRecord(`A${i}`, n)), RecordRendering.RECORD_SET_GROUP, undefined);
  expect(groupSizes(stack)).toEqual(sizes);
});

test('a value that is a token counts as 255 characters', () => {
  const { stack, zone, scope } = setup();
  const token = new CfnParameter(stack, 'Value').valueAsString;
  const withToken = (id: string): RecordEntry => ({ ...cname(id), record: { ...cname(id).record, values: [token] } });
  // 15,745 + 255 = 16,000 fits; 15,746 + 255 does not.
  renderRecords(scope, zone, [txt('R0', 78, 145), withToken('T0')], RecordRendering.RECORD_SET_GROUP, undefined);
  expect(groupSizes(stack)).toEqual([2]);
  const other = setup();
  const otherToken = new CfnParameter(other.stack, 'Value').valueAsString;
  const withOtherToken: RecordEntry = { ...cname('T0'), record: { ...cname('T0').record, values: [otherToken] } };
  renderRecords(other.scope, other.zone, [txt('R0', 78, 146), withOtherToken], RecordRendering.RECORD_SET_GROUP, undefined);
  expect(groupSizes(other.stack)).toEqual([1, 1]);
});

test('RECORD_SET_PER_RECORD: one record set per entry, under the entry\'s id, marked with its purpose and kind', () => {
  const { stack, zone, scope } = setup();
  const resources = renderRecords(scope, zone, [cname('Dkim1'), cname('Dkim2', 3, RecordKind.MAIL_FROM_MX)], RecordRendering.RECORD_SET_PER_RECORD, undefined);
  expect(resources.map((r) => (r as Construct).node.id)).toEqual(['Dkim1', 'Dkim2']);
  expect(Object.values(Template.fromStack(stack).findResources('AWS::Route53::RecordSet')).map((r) => r.Properties)).toEqual([
    { HostedZoneId: 'Z123', Name: 'dkim1.example.org.', Type: 'CNAME', ResourceRecords: ['vvvvvvvvvv'], TTL: '1800' },
    { HostedZoneId: 'Z123', Name: 'dkim2.example.org.', Type: 'CNAME', ResourceRecords: ['vvv'], TTL: '1800' },
  ]);
  Template.fromStack(stack).resourceCountIs('AWS::Route53::RecordSetGroup', 0);
  expect([purposeOf(resources[1] as Construct), kindOf(resources[1] as Construct)]).toEqual(['purpose of Dkim2', RecordKind.MAIL_FROM_MX]);
});

test.each<[RecordRendering, string]>([
  [RecordRendering.RECORD_SET_GROUP, 'AWS::Route53::RecordSetGroup'],
  [RecordRendering.RECORD_SET_PER_RECORD, 'AWS::Route53::RecordSet'],
])('a removal policy applies to every resource of %s', (rendering, type) => {
  const { stack, zone, scope } = setup();
  renderRecords(scope, zone, [txt('R0', 45), txt('R1', 45)], rendering, RemovalPolicy.RETAIN);
  const resources = Object.values(Template.fromStack(stack).findResources(type));
  expect(resources.map((r) => [r.DeletionPolicy, r.UpdateReplacePolicy])).toEqual([['Retain', 'Retain'], ['Retain', 'Retain']]);
});

test('without a removal policy the resources keep CloudFormation\'s default', () => {
  const { stack, zone, scope } = setup();
  renderRecords(scope, zone, [cname('R0')], RecordRendering.RECORD_SET_GROUP, undefined);
  expect(Object.values(groups(stack)).map((r) => r.DeletionPolicy)).toEqual([undefined]);
});
