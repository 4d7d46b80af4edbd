import { App, CfnOutput, CfnParameter, Lazy, Stack, Stage } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct, IConstruct } from 'constructs';
import { addAppChecks, appProblems, markPurpose } from '../src/app-checks';
import { markDomain } from '../src/app-marks';
import { recordSet as set, recordStack as stack } from './helpers/record-sets';
import { failures, setTwice, synthError } from './helpers/util';

// addAppChecks and appProblems directly, on plain L1s and plain constructs marked as a VerifiedMailDomain
// marks itself and its own (through the construct: app-checks-prop.test.ts and the app-checks-*.test.ts).

const problems = (app: App) => appProblems(app).map((p) => [p.subject.node.path, p.message]);
const MARK = { domainName: 'example.org', defaultMailFromLabel: 'bounce' };
const firstWords = (text: string) => text.trim().split(' ').slice(0, 5).join(' ');
const TWICE = (second: string, first: string) => setTwice('TXT', 'www.example.org.', 'hosted zone Z1', second, first);

/** `count` outputs in `scope`, the construct's own when `ours`. */
function outputs(scope: Construct, count: number, ours = false, prefix = ours ? 'Ours' : 'Out'): void {
  for (let i = 0; i < count; i++) {
    const output = new CfnOutput(scope, `${prefix}${i}`, { value: `v${i}` });
    if (ours) markPurpose(output, 'records');
  }
}

const tooManyOutputs = (path: string, total: number, ours: number) => `Stack ${path} has ${total} outputs, ${ours} of them VerifiedMailDomain record outputs `
  + '(one per 8 domains); CloudFormation allows at most 200 per template. Remove some of the stack\'s other outputs, or spread the domains over more stacks';
const tooLarge = (path: string, bytes: number) => `The VerifiedMailDomain record sets of stack ${path} take at least ${bytes} bytes of its template, more than the `
  + '1000000 bytes CloudFormation accepts for a whole template (1 MB, from S3); spread the domains over more stacks or shorten domainTxtValues and SPF';

describe('outputs', () => {
  test.each<[number, number, string[]]>([
    [199, 1, []],
    [200, 1, [tooManyOutputs('Test', 201, 1)]],
    [198, 3, [tooManyOutputs('Test', 201, 3)]],
    [201, 0, []],
  ])('%i of the user\'s and %i of the construct\'s in one stack', (user, ours, messages) => {
    const app = new App();
    const s = stack(app);
    outputs(s, user);
    outputs(s, ours, true);
    expect(problems(app)).toEqual(messages.map((m) => ['Test', m]));
  });

  test('each stack counts its own', () => {
    const app = new App();
    outputs(stack(app, 'A'), 150);
    outputs(stack(app, 'A2'), 1, true);
    const b = stack(app, 'B');
    outputs(b, 100);
    outputs(b, 101, true);
    expect(problems(app)).toEqual([['B', tooManyOutputs('B', 201, 101)]]);
  });
});

describe('template size: the construct\'s record sets, at least', () => {
  // A record set counts 140 bytes, its literal name and its literal values as JSON: example.org. and ["..."] are 12 + 4 + the value.
  const ours = (scope: Construct, id: string, props: Partial<route53.CfnRecordSetProps>) => markPurpose(set(scope, id, props), 'SPF');

  test.each<[string, (s: Stack) => void, number | undefined]>([
    ['exactly 1,000,000 bytes', (s) => ours(s, 'Set', { name: 'example.org.', resourceRecords: ['x'.repeat(999844)] }), undefined],
    ['1,000,001 bytes', (s) => ours(s, 'Set', { name: 'example.org.', resourceRecords: ['x'.repeat(999845)] }), 1000001],
    ['the user\'s record set', (s) => set(s, 'Set', { name: 'example.org.', resourceRecords: ['x'.repeat(999845)] }), undefined],
    ['quotes counted escaped', (s) => ours(s, 'Set', { name: 'example.org.', resourceRecords: ['"'.repeat(499923)] }), 1000002],
    ['a token name and a token value count nothing', (s) => ours(s, 'Set', {
      name: new CfnParameter(s, 'Name').valueAsString, resourceRecords: ['x'.repeat(999857), new CfnParameter(s, 'Value').valueAsString],
    }), 1000001],
    ['two record sets add up', (s) => {
      ours(s, 'One', { name: 'a.example.org.', resourceRecords: ['x'.repeat(500000)] });
      ours(s, 'Two', { name: 'b.example.org.', resourceRecords: ['x'.repeat(500000)] });
    }, 1000316],
    ['a group counts 50 bytes a record set: 52 for one that is a token (no values is [])', (s) => {
      const group = new route53.CfnRecordSetGroup(s, 'Group', {
        hostedZoneId: 'Z1',
        recordSets: [
          { name: 'example.org.', type: 'TXT', resourceRecords: ['x'.repeat(999817)] },
          { name: 'a.example.org.', type: 'A', aliasTarget: { dnsName: 'x.example.net', hostedZoneId: 'Z2' } },
          Lazy.any({ produce: () => ({ name: 'b.example.org.', type: 'TXT', resourceRecords: ['x'.repeat(1000)] }) }) as any,
        ],
      });
      markPurpose(group, ['SPF', 'A', 'B']);
    }, 1000001],
    ['a group whose record sets are a token counts nothing (beside exactly 1,000,000 bytes)', (s) => {
      ours(s, 'Set', { name: 'example.org.', resourceRecords: ['x'.repeat(999844)] });
      const recordSets = Lazy.any({ produce: () => [{ name: 'big.example.org.', type: 'TXT', resourceRecords: ['x'.repeat(1000001)] }] }) as any;
      markPurpose(new route53.CfnRecordSetGroup(s, 'Group', { hostedZoneId: 'Z1', recordSets }), ['SPF']);
    }, undefined],
    ['the user\'s group', (s) => {
      new route53.CfnRecordSetGroup(s, 'Group', { hostedZoneId: 'Z1', recordSets: [{ name: 'example.org.', type: 'TXT', resourceRecords: ['x'.repeat(1000001)] }] });
    }, undefined],
  ])('%s', (_, make, bytes) => {
    const app = new App();
    make(stack(app));
    expect(problems(app)).toEqual(bytes === undefined ? [] : [['Test', tooLarge('Test', bytes)]]);
  });

  test('each stack counts its own', () => {
    const app = new App();
    ours(stack(app, 'A'), 'Set', { name: 'a.example.org.', resourceRecords: ['x'.repeat(500000)] });
    ours(stack(app, 'B'), 'Set', { name: 'b.example.org.', resourceRecords: ['x'.repeat(500000)] });
    expect(problems(app)).toEqual([]);
  });
});

describe('appProblems', () => {
  test('identities whose names are tokens are not compared', () => {
    const app = new App();
    const s = stack(app);
    const name = new CfnParameter(s, 'Name').valueAsString;
    new ses.CfnEmailIdentity(s, 'One', { emailIdentity: name });
    new ses.CfnEmailIdentity(s, 'Two', { emailIdentity: name });
    expect(problems(app)).toEqual([]);
  });

  test('one domain in two regions without primary: the root cause only', () => {
    const app = new App();
    for (const [id, region] of [['A', 'eu-west-1'], ['B', 'us-east-1']]) {
      const domain = new Construct(stack(app, id, { account: '111111111111', region }), 'Mail');
      markDomain(domain, { ...MARK, mailFromDomain: 'bounce.example.org' });
      markPurpose(set(domain, 'Spf', { name: 'example.org' }), 'SPF', ['domainTxt']);
    }
    expect(problems(app).map(([path, m]) => `${path}: ${firstWords(m)}`)).toEqual(['B/Mail: example.org has a VerifiedMailDomain in']);
  });

  test('in order: root causes, the collisions they do not explain, outputs, template size', () => {
    const app = new App();
    const s = stack(app);
    outputs(s, 201, true);
    markPurpose(set(s, 'Big', { name: 'big.example.org.', resourceRecords: ['x'.repeat(1000000)] }), 'SPF');
    set(s, 'A', {});
    set(stack(app, 'Other'), 'B', {});
    const domains = ['One', 'Two'].map((id) => {
      const domain = new Construct(s, id);
      markDomain(domain, MARK);
      new ses.CfnEmailIdentity(domain, 'Identity', { emailIdentity: 'example.org' });
      markPurpose(set(domain, 'Dmarc', { name: '_dmarc.example.org' }), 'DMARC', ['dmarc']);
      return domain;
    });
    expect(problems(app).map(([path, m]) => `${path}: ${firstWords(m)}`)).toEqual([
      'Test/Two/Identity: The SES identity example.org in',
      'Other/B: TXT record set www.example.org. would',
      'Test: Stack Test has 201 outputs,',
      'Test: The VerifiedMailDomain record sets of',
    ]);
    expect(domains.map((d) => d.node.path)).toEqual(['Test/One', 'Test/Two']);
  });
});

describe('addAppChecks', () => {
  const domainIn = (scope: Construct, id = 'Mail'): IConstruct => {
    const domain = new Construct(scope, id);
    addAppChecks(domain, MARK);
    return domain;
  };

  test('marks the domain; each problem is reported on the construct it is about, once, on every synth', () => {
    const app = new App();
    const [a, b] = [stack(app, 'A'), stack(app, 'B')];
    const domain = domainIn(a);
    domainIn(b, 'Mail2');
    set(a, 'One', {});
    set(b, 'Two', {});
    new ses.CfnEmailIdentity(a, 'Identity', { emailIdentity: 'example.net' });
    new ses.CfnEmailIdentity(b, 'Identity', { emailIdentity: 'example.net' });
    new ses.CfnReceiptRuleSet(a, 'Rules', { ruleSetName: 'inbox' });
    new ses.CfnReceiptRuleSet(b, 'Rules', { ruleSetName: 'inbox' });
    outputs(b, 201, true);
    const expected = synthError(app);
    expect(expected.split('\n').map(firstWords)).toEqual([
      'Validation failed with the following',
      '[B] Stack B has 201',
      '[B/Two] TXT record set www.example.org.',
      '[B/Identity] The SES identity example.net',
      '[B/Rules] The receipt rule set',
    ]);
    expect(synthError(app)).toBe(expected);
    expect((domain as any)[Symbol.for('cdk-verified-mail-domain.domain')]).toEqual(MARK);
  });

  test('a problem fixed between two synths is no longer reported', () => {
    const app = new App();
    const a = stack(app, 'A');
    domainIn(a);
    set(a, 'One', {});
    const two = set(stack(app, 'B'), 'Two', {});
    expect(synthError(app)).toBe(failures([['B/Two', TWICE('B/Two', 'A/One')]]));
    two.name = 'other.example.org';
    expect(synthError(app)).toBe('');
  });

  test('inside a Stage with a domain, the messages are on the stage\'s constructs', () => {
    const app = new App();
    const stage = new Stage(app, 'Prod');
    const a = stack(stage, 'A');
    domainIn(a);
    set(a, 'One', {});
    set(stack(stage, 'B'), 'Two', {});
    expect(synthError(app)).toBe(failures([['Prod/B/Two', TWICE('Prod/B/Two', 'Prod/A/One')]]));
  });

  test('what lies in a Stage without a domain is reported on the root, once however many domains and stages', () => {
    const app = new App();
    domainIn(stack(app, 'A'));
    const prod = stack(new Stage(app, 'Prod'), 'P');
    domainIn(prod);
    domainIn(prod, 'Mail2');
    const stage = new Stage(app, 'Other');
    set(stack(stage, 'B1'), 'One', {});
    set(stack(stage, 'B2'), 'Two', {});
    expect(synthError(app)).toBe(failures([['', TWICE('Other/B2/Two', 'Other/B1/One')]]));
  });

  test('the problems are computed once for all the validations of a synth', () => {
    const app = new App();
    const domain = domainIn(stack(app, 'A'));
    const user = set(stack(app, 'B'), 'Mine', {});
    let reads = 0;
    const name = user.name;
    Object.defineProperty(user, 'name', { get: () => { reads++; return name; } });
    app.node.validate();
    const once = reads;
    domain.node.validate();
    expect([once > 0, reads]).toEqual([true, once]);
  });
});
