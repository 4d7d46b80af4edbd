import { App, Aws, CfnParameter, Stack } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { Construct } from 'constructs';
import { markDomain, markPurpose } from '../src/app-marks';
import { recordSetClaims } from '../src/app-records';
import { allConstructs as all, ENV, recordSet as set, recordStack as stack } from './helpers/record-sets';

// recordSetClaims directly: how the hosted zone of each record set is keyed (literal id, reference,
// expression, name), and how a zone given by name is matched to the app's zone of that name.

describe('the zone of a record set', () => {
  test.each([
    ['hostedzone/Z1', 'Z1'],
    ['Z1', 'Z1'],
    ['Z/hostedzone/1', 'Z/hostedzone/1'],
  ])('only a leading /hostedzone/ is taken off a literal zone id: %s', (hostedZoneId, id) => {
    const app = new App();
    set(stack(app), 'Set', { hostedZoneId });
    expect(recordSetClaims(all(app)).map((c) => [c.zone, c.zoneLabel])).toEqual([[`id:${id}`, `hosted zone ${id}`]]);
  });

  test('a zone id that is null is no id: the zone name counts', () => {
    const app = new App();
    set(stack(app), 'Set', { hostedZoneId: null as any, hostedZoneName: 'example.org' });
    expect(recordSetClaims(all(app)).map((c) => c.zone)).toEqual(['name:example.org.']);
  });

  test('a zone given by a reference to something else than a zone, or to a zone whose name is a token, is keyed by it without a name', () => {
    const app = new App();
    const s = stack(app);
    set(s, 'ByParameter', { hostedZoneId: new CfnParameter(s, 'ZoneId').valueAsString });
    const zone = new route53.CfnHostedZone(new Construct(s, 'Zones'), 'Zone', { name: new CfnParameter(s, 'ZoneName').valueAsString });
    set(s, 'ByZone', { hostedZoneId: zone.ref });
    expect(recordSetClaims(all(app)).map((c) => [c.zone, c.zoneLabel])).toEqual([
      ['ref:Test/ZoneId.Ref', 'hosted zone (Test)'],
      ['ref:Test/Zones/Zone.Ref', 'hosted zone (Test/Zones)'],
    ]);
  });

  test('a zone known only through a reference to it is named from its target', () => {
    const app = new App();
    const s = stack(app);
    const zone = new route53.PublicHostedZone(s, 'Zone', { zoneName: 'example.org' });
    const domain = new Construct(s, 'Mail');
    markDomain(domain, { domainName: 'example.org', defaultMailFromLabel: 'bounce' });
    markPurpose(set(domain, 'Set', { hostedZoneId: zone.hostedZoneId }), 'SPF', ['domainTxt']);
    set(s, 'ByName', { hostedZoneId: undefined, hostedZoneName: 'example.org' });
    // Without the CfnHostedZone itself: its name comes from the reference.
    const claims = recordSetClaims(all(app).filter((c) => !(c instanceof route53.CfnHostedZone)));
    expect(claims.map((c) => c.zone)).toEqual(['ref:Test/Zone/Resource.Ref', 'ref:Test/Zone/Resource.Ref']);
  });

  test('the construct\'s set given by zone name is matched like the user\'s, whatever the construct\'s zone', () => {
    const app = new App();
    const s = stack(app);
    new route53.PublicHostedZone(s, 'Zone', { zoneName: 'example.org' });
    const domain = new Construct(s, 'Mail');
    markDomain(domain, { domainName: 'example.org', defaultMailFromLabel: 'bounce' });
    markPurpose(set(domain, 'Set', { hostedZoneId: undefined, hostedZoneName: 'example.org' }), 'SPF', ['domainTxt']);
    expect(recordSetClaims(all(app)).map((c) => c.zone)).toEqual(['ref:Test/Zone/Resource.Ref']);
  });

  test('a zone named in one stack is matched by name in a stack of unknown account that uses it by id', () => {
    const app = new App();
    const [a, b] = [stack(app, 'A', {}), stack(app, 'B', {})];
    const domain = new Construct(a, 'Mail');
    markDomain(domain, { domainName: 'example.org', defaultMailFromLabel: 'bounce', zoneName: 'example.org' });
    markPurpose(set(domain, 'Set', { hostedZoneId: 'Z9' }), 'SPF', ['domainTxt']);
    set(b, 'ById', { hostedZoneId: 'Z9', name: 'b.example.org' });
    set(b, 'ByName', { hostedZoneId: undefined, hostedZoneName: 'example.org' });
    expect(recordSetClaims(all(app)).map((c) => [c.owner, c.zone, c.matchedByName !== undefined])).toEqual([
      ['A/Mail/Set (SPF)', 'id:Z9', false], ['B/ById', 'id:Z9', false], ['B/ByName', 'id:Z9', true],
    ]);
  });

  test('a zone given by reference is keyed by the zone construct, named where its name is known', () => {
    const app = new App();
    const s = stack(app);
    const zone = new route53.PublicHostedZone(s, 'Zone', { zoneName: 'example.org' });
    set(s, 'Set', { hostedZoneId: zone.hostedZoneId, setIdentifier: 'blue' });
    const [claim] = recordSetClaims(all(app));
    expect([claim.zone, claim.zoneLabel, claim.setIdentifier, claim.matchedByName]).toEqual([
      'ref:Test/Zone/Resource.Ref', 'hosted zone example.org (Test/Zone)', '"blue" in stack Test', undefined,
    ]);
  });

  test('a zone id that is another expression is keyed by it', () => {
    const app = new App();
    const s = stack(app);
    set(s, 'Set', { hostedZoneId: `Z${Aws.ACCOUNT_ID}` });
    const [claim] = recordSetClaims(all(app));
    const key = '{"Fn::Join":["",["Z",{"Ref":"AWS::AccountId"}]]} in stack Test';
    expect([claim.zone, claim.zoneLabel]).toEqual([`expr:${key}`, `hosted zone ${key}`]);
  });

  test('a zone given by name is the one zone of that name the app has in the account', () => {
    const app = new App();
    const s = stack(app);
    new route53.PublicHostedZone(s, 'Zone', { zoneName: 'example.org' });
    set(s, 'Set', { hostedZoneId: undefined, hostedZoneName: 'Example.org.' });
    const [claim] = recordSetClaims(all(app));
    expect([claim.zone, claim.zoneLabel, claim.matchedByName]).toEqual(['ref:Test/Zone/Resource.Ref', 'hosted zone example.org (Test/Zone)',
      "Test/Set gives its zone by name (HostedZoneName 'Example.org.'), taken as hosted zone example.org (Test/Zone): "
      + 'the only zone of that name the app has in account 111111111111, and CloudFormation writes a set given by name to the one zone of that name in the account']);
  });

  test.each([
    ['two zones of that name in the account', (_app: App, s: Stack) => {
      new route53.PublicHostedZone(s, 'Zone1', { zoneName: 'example.org' });
      new route53.PublicHostedZone(s, 'Zone2', { zoneName: 'example.org' });
    }],
    ['the zone of that name in another account', (app: App) => {
      new route53.PublicHostedZone(stack(app, 'Other', { ...ENV, account: '222222222222' }), 'Zone', { zoneName: 'example.org' });
    }],
    ['no zone of that name', () => undefined],
  ])('a zone given by name stays keyed by its name with %s', (_, make) => {
    const app = new App();
    const s = stack(app);
    make(app, s);
    set(s, 'Set', { hostedZoneId: undefined, hostedZoneName: 'example.org' });
    const claim = recordSetClaims(all(app)).find((c) => c.construct.node.path === 'Test/Set')!;
    expect([claim.zone, claim.zoneLabel, claim.matchedByName]).toEqual(['name:example.org.', 'hosted zone example.org.', undefined]);
  });

  test('a zone name that is a token is keyed by its expression and never matched', () => {
    const app = new App();
    const s = stack(app);
    new route53.PublicHostedZone(s, 'Zone', { zoneName: 'example.org' });
    set(s, 'Set', { hostedZoneId: undefined, hostedZoneName: new CfnParameter(s, 'ZoneName').valueAsString });
    const claim = recordSetClaims(all(app))[0];
    expect([claim.zone, claim.zoneLabel, claim.matchedByName]).toEqual(['name:{"Ref":"ZoneName"}', 'hosted zone {"Ref":"ZoneName"}', undefined]);
  });
});
