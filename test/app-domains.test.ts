import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { identityOf, rootCauses } from '../src/app-domains';
import { DomainMark, markDomain, markPurpose } from '../src/app-marks';
import { Collision, recordSetClaims, recordSetCollisions } from '../src/app-records';

// identityOf and rootCauses directly, on plain L1s marked as a VerifiedMailDomain marks its own.

type Env = { account?: string; region?: string };
const EU = { account: '111111111111', region: 'eu-west-1' };
const US = { account: '111111111111', region: 'us-east-1' };

/** A construct marked as a VerifiedMailDomain, with its identity and (optionally) its SPF record set in zone Z1. */
function domain(parent: Stack, id: string, mark: Partial<DomainMark> = {}, spf = true): { domain: Construct; identity: ses.CfnEmailIdentity } {
  const scope = new Construct(parent, id);
  markDomain(scope, { domainName: 'example.org', mailFromDomain: 'bounce.example.org', defaultMailFromLabel: 'bounce', ...mark });
  const identity = new ses.CfnEmailIdentity(scope, 'Identity', { emailIdentity: mark.domainName ?? 'example.org' });
  if (spf) {
    const set = new route53.CfnRecordSet(scope, 'Spf', { hostedZoneId: 'Z1', name: 'example.org', type: 'TXT', resourceRecords: ['"v=spf1 ~all"'], ttl: '300' });
    markPurpose(set, 'SPF', ['domainTxt']);
  }
  return { domain: scope, identity };
}

/** A record set of the user's in `zone`. */
function userSet(scope: Construct, id: string, name: string, type = 'TXT', zone = 'Z1'): route53.CfnRecordSet {
  return new route53.CfnRecordSet(scope, id, { hostedZoneId: zone, name, type, resourceRecords: ['"x"'], ttl: '300' });
}

/** A record set of the construct `scope` marks, in `zone`. */
function ourSet(scope: Construct, id: string, name: string, type = 'TXT', zone = 'Z1'): void {
  markPurpose(userSet(scope, id, name, type, zone), id, ['dmarc']);
}

function analyse(app: App): { problems: Array<[string, string]>; explained: string[]; collisions: Collision[] } {
  const all = app.node.findAll();
  const identities = all.filter((c): c is ses.CfnEmailIdentity => c instanceof ses.CfnEmailIdentity).map(identityOf).filter((i) => i !== undefined);
  const domains = all.filter((c) => (c as any)[Symbol.for('cdk-verified-mail-domain.domain')] !== undefined);
  const collisions = recordSetCollisions(recordSetClaims(all));
  const { problems, explained } = rootCauses(identities as any, domains, collisions);
  return { problems: problems.map((p) => [p.subject.node.path, p.message]), explained: [...explained].map((c) => c.short), collisions };
}

function stack(app: App, id: string, env: Env = EU): Stack {
  return new Stack(app, id, { env });
}

describe('identityOf', () => {
  test.each([
    ['example.org', 'example.org'],
    ['Example.ORG.', 'example.org'],
  ])('%s: keyed by account, region and the name lower case without trailing dot', (given, name) => {
    const { domain: d, identity } = domain(stack(new App(), 'Test'), 'Mail', { domainName: given }, false);
    const seen = identityOf(identity)!;
    expect([seen.key, seen.label, seen.construct, seen.domain]).toEqual([
      `111111111111/eu-west-1 ${name}`, `${name} in account 111111111111 in eu-west-1`, identity, d,
    ]);
  });

  test('an environment-agnostic stack keys its identities within the stack', () => {
    const seen = identityOf(new ses.CfnEmailIdentity(new Stack(new App(), 'Agnostic'), 'Identity', { emailIdentity: 'example.org' }))!;
    expect([seen.key, seen.label, seen.domain]).toEqual(['stack Agnostic example.org', 'example.org in the environment of stack Agnostic', undefined]);
  });

  test('an identity name that is a token is not keyed (never a false duplicate)', () => {
    const s = new Stack(new App(), 'Test');
    expect(identityOf(new ses.CfnEmailIdentity(s, 'Identity', { emailIdentity: new CfnParameter(s, 'Name').valueAsString }))).toBeUndefined();
  });
});

const TWICE = (second: string, first: string, env = 'account 111111111111 in eu-west-1') =>
  `The SES identity example.org in ${env} would be created twice: by ${second} and by ${first}. `
  + 'SES holds one identity per domain in an account and region and refuses the second at deploy; use one construct per domain and region';

describe('rootCauses: one identity twice', () => {

  test('two constructs of one domain in one environment: the identity, and the record sets it explains', () => {
    const app = new App();
    domain(stack(app, 'A'), 'Mail');
    domain(stack(app, 'B'), 'Mail');
    const { problems, explained } = analyse(app);
    expect(problems).toEqual([['B/Mail/Identity', `${TWICE('B/Mail/Identity', 'A/Mail/Identity')}`
      + '. The record sets the two make twice follow from it and are not listed apart: TXT example.org. in hosted zone Z1']]);
    expect(explained).toEqual(['TXT example.org.']);
  });

  test('identities outside a VerifiedMailDomain: the identity only, no record sets to explain', () => {
    const app = new App();
    const s = stack(app, 'A');
    new ses.CfnEmailIdentity(s, 'One', { emailIdentity: 'example.org' });
    new ses.CfnEmailIdentity(s, 'Two', { emailIdentity: 'EXAMPLE.org' });
    expect(analyse(app).problems).toEqual([['A/Two', TWICE('A/Two', 'A/One')]]);
  });

  test.each([
    ['other accounts', { ...EU, account: '222222222222' }],
    ['other regions (without a shared record set)', US],
  ])('the same name in %s is no duplicate identity', (_, env) => {
    const app = new App();
    domain(stack(app, 'A'), 'Mail', {}, false);
    domain(stack(app, 'B', env), 'Mail', {}, false);
    expect(analyse(app).problems).toEqual([]);
  });

  test('two environment-agnostic stacks are not compared; within one stack they are', () => {
    const app = new App();
    const [a, b] = [new Stack(app, 'A'), new Stack(app, 'B')];
    new ses.CfnEmailIdentity(a, 'One', { emailIdentity: 'example.org' });
    new ses.CfnEmailIdentity(b, 'One', { emailIdentity: 'example.org' });
    new ses.CfnEmailIdentity(b, 'Two', { emailIdentity: 'example.org' });
    expect(analyse(app).problems).toEqual([['B/Two', TWICE('B/Two', 'B/One', 'the environment of stack B')]]);
  });
});

describe('rootCauses: one domain in two regions without primary', () => {
  const MISSING = (label: string) => 'example.org has a VerifiedMailDomain in eu-west-1 (A/Mail) and one in us-east-1 (B/Mail), and neither names the other '
    + 'its primary, so each publishes the domain\'s records as if it were the only region. Give B/Mail the prop primary: the construct '
    + 'of eu-west-1 (A/Mail); it then publishes only its own region\'s Easy DKIM and MAIL FROM records (the MAIL FROM domain '
    + `${label}.example.org unless mailFromSubdomain says otherwise), and A/Mail the SPF, DMARC and inbound MX for both`
    + '. The record sets the two make twice follow from it and are not listed apart: TXT example.org. in hosted zone Z1';

  test.each([
    ['the default MAIL FROM', 'bounce.example.org', 'bounce-us-east-1'],
    ['a custom MAIL FROM label', 'rp.example.org', 'rp-us-east-1'],
    ['no custom MAIL FROM', undefined, 'bounce-us-east-1'],
  ])('%s: the message names the label the second region would use', (_, mailFromDomain, label) => {
    const app = new App();
    domain(stack(app, 'A'), 'Mail', { mailFromDomain });
    domain(stack(app, 'B', US), 'Mail', { mailFromDomain });
    const { problems, explained } = analyse(app);
    expect(problems).toEqual([['B/Mail', MISSING(label)]]);
    expect(explained).toEqual(['TXT example.org.']);
  });

  test.each<[string, (app: App) => void]>([
    ['one names the other primary', (app) => {
      const first = domain(stack(app, 'A'), 'Mail').domain;
      domain(stack(app, 'B', US), 'Mail', { primary: first });
    }],
    ['the first names a primary', (app) => {
      domain(stack(app, 'A'), 'Mail', { primary: new Construct(app, 'Elsewhere') });
      domain(stack(app, 'B', US), 'Mail');
    }],
    ['no record set collides', (app) => {
      domain(stack(app, 'A'), 'Mail', {}, false);
      domain(stack(app, 'B', US), 'Mail', {}, false);
    }],
    ['a region is unknown', (app) => {
      domain(stack(app, 'A'), 'Mail');
      domain(stack(app, 'B', { account: '111111111111' }), 'Mail');
    }],
    ['other domain names', (app) => {
      domain(stack(app, 'A'), 'Mail');
      domain(stack(app, 'B', US), 'Mail', { domainName: 'example.net' });
    }],
  ])('no missing-primary problem when %s', (_, make) => {
    const app = new App();
    make(app);
    expect(analyse(app).problems.filter(([, m]) => m.includes('neither names the other its primary'))).toEqual([]);
  });

  test('a domain name that is a token is not compared', () => {
    const app = new App();
    const a = stack(app, 'A');
    const name = new CfnParameter(a, 'Name').valueAsString;
    domain(a, 'Mail', { domainName: name });
    // The second identity's name is literal (no cross-stack reference); its mark holds the same token.
    markDomain(domain(stack(app, 'B', US), 'Mail').domain, { domainName: name, defaultMailFromLabel: 'bounce' });
    expect(analyse(app).problems).toEqual([]);
  });

  test('the same region twice is the duplicate identity, not a missing primary', () => {
    const app = new App();
    domain(stack(app, 'A'), 'Mail');
    domain(stack(app, 'B'), 'Mail');
    expect(analyse(app).problems.map(([, m]) => m.slice(0, 30))).toEqual(['The SES identity example.org i']);
  });
});

test('a collision between one domain and the user\'s sets is not explained by a root cause', () => {
  const app = new App();
  const a = stack(app, 'A');
  domain(a, 'Mail');
  domain(stack(app, 'B'), 'Mail', {}, false);
  new route53.CfnRecordSet(a, 'Mine', { hostedZoneId: 'Z1', name: 'example.org', type: 'TXT', resourceRecords: ['"x"'], ttl: '300' });
  const { problems, explained, collisions } = analyse(app);
  expect(collisions.map((c) => c.short)).toEqual(['TXT example.org.']);
  expect(explained).toEqual([]);
  expect(problems.map(([p]) => p)).toEqual(['B/Mail/Identity']);
  expect(problems[0][1]).not.toContain('follow from it');
});

describe('which collisions a root cause explains', () => {
  const shortsOf = (app: App) => {
    const { problems, explained, collisions } = analyse(app);
    return { follows: problems.map(([, m]) => m.replace(/.*not listed apart: /, '')), explained, all: collisions.map((c) => c.short) };
  };

  test('identities outside a VerifiedMailDomain explain no collision of the user\'s', () => {
    const app = new App();
    const s = stack(app, 'A');
    new ses.CfnEmailIdentity(s, 'One', { emailIdentity: 'example.org' });
    new ses.CfnEmailIdentity(s, 'Two', { emailIdentity: 'example.org' });
    userSet(s, 'Mine', 'example.org');
    userSet(s, 'Mine2', 'example.org');
    expect(shortsOf(app)).toEqual({ follows: [TWICE('A/Two', 'A/One')], explained: [], all: ['TXT example.org.'] });
  });

  test('a construct\'s identity and the user\'s explain no collision between them', () => {
    const app = new App();
    const a = stack(app, 'A');
    domain(a, 'Mail');
    new ses.CfnEmailIdentity(a, 'Mine', { emailIdentity: 'example.org' });
    userSet(a, 'MineSpf', 'example.org');
    expect(shortsOf(app)).toEqual({ follows: [TWICE('A/Mine', 'A/Mail/Identity')], explained: [], all: ['TXT example.org.'] });
  });

  test('only collisions between the two constructs, each once: not one of a third party, nor one within either construct', () => {
    const app = new App();
    const a = domain(stack(app, 'A'), 'Mail');
    const b = domain(stack(app, 'B'), 'Mail');
    ourSet(a.domain, 'Twice', 'a.example.org');
    ourSet(a.domain, 'Twice2', 'a.example.org');
    ourSet(b.domain, 'Twice', 'b.example.org');
    ourSet(b.domain, 'Twice2', 'b.example.org');
    // A CNAME of the user's beside the TXT of A and the MX of B at one name.
    ourSet(a.domain, 'Txt', 'c.example.org');
    ourSet(b.domain, 'Mx', 'c.example.org', 'MX');
    userSet(stack(app, 'User'), 'Cname', 'c.example.org', 'CNAME');
    ourSet(a.domain, 'Dmarc', '_dmarc.example.org');
    ourSet(b.domain, 'Dmarc', '_dmarc.example.org');
    ourSet(a.domain, 'Other', 'example.org', 'TXT', 'Z2');
    ourSet(b.domain, 'Other', 'example.org', 'TXT', 'Z2');
    expect(shortsOf(app)).toEqual({
      follows: ['TXT example.org., TXT _dmarc.example.org. in hosted zone Z1; TXT example.org. in hosted zone Z2'],
      explained: ['TXT example.org.', 'TXT _dmarc.example.org.', 'TXT example.org.'],
      all: ['TXT a.example.org.', 'TXT example.org.', 'TXT b.example.org.', 'TXT _dmarc.example.org.', 'TXT example.org.', 'CNAME c.example.org.'],
    });
  });

  test('one domain in one region of two accounts is no missing primary: the collisions are reported as they are', () => {
    const app = new App();
    domain(stack(app, 'A'), 'Mail');
    domain(stack(app, 'B', { ...EU, account: '222222222222' }), 'Mail');
    expect(shortsOf(app)).toEqual({ follows: [], explained: [], all: ['TXT example.org.'] });
  });
});
