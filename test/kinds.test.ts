import { App, Duration, SecretValue, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as own from '../src';
import { Deliverability, DkimSigning, Dmarc, InboundMail, ReceiptRuleSetChoice, ReceivingAction, Spf, VerificationWait, VerifiedMailDomain, VerifiedMailDomainProps } from '../src';
import { entryPoints, EntryPoint, loadTypes, Position, positions, runtimeOf, SHOWN, Step, structPositions, structProperties, TypeRef, WRONG_KINDS, wrongKindsFor } from './helpers/kinds';

// Every public factory, constructor and method, read from the jsii assembly, gets at each position
// (parameter, prop of a struct, entry of a list) each wrong kind of value: null, a number, a string, a
// list, a plain object (an entry of a list also undefined). Each must give the construct's own error,
// naming the position and showing the value, or, for null where nothing is required, do exactly what
// leaving the value out does. A new factory or prop is covered without writing its cases.
// A new value class needs a MOUNT entry, a new required string, number or construct type a BY_NAME or
// BY_FQN entry: the test says which.

const types = loadTypes();

interface Env { readonly app: App; readonly stack: Stack; readonly zone: route53.PublicHostedZone; count: number }

function env(): Env {
  const app = new App();
  const stack = new Stack(app, 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
  return { app, stack, zone: new route53.PublicHostedZone(stack, 'Zone', { zoneName: 'example.org' }), count: 0 };
}
const id = (e: Env) => `Valid${++e.count}`;

/** A valid value of each type the API takes (by fqn), for the positions that are not under test. */
const BY_FQN: Record<string, (e: Env) => unknown> = {
  'aws-cdk-lib.aws_route53.IHostedZone': (e) => e.zone,
  'aws-cdk-lib.SecretValue': () => SecretValue.secretsManager('dkim-key'),
  'aws-cdk-lib.Duration': () => Duration.minutes(5),
  'aws-cdk-lib.aws_s3.IBucket': (e) => new s3.Bucket(e.stack, id(e)),
  'aws-cdk-lib.aws_sns.ITopic': (e) => new sns.Topic(e.stack, id(e)),
  'aws-cdk-lib.aws_kms.IKey': (e) => new kms.Key(e.stack, id(e)),
  'aws-cdk-lib.aws_lambda.IFunction': (e) => new lambda.Function(e.stack, id(e), {
    runtime: lambda.Runtime.NODEJS_LATEST, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => {};'),
  }),
  'aws-cdk-lib.aws_ses.IConfigurationSet': (e) => new ses.ConfigurationSet(e.stack, id(e)),
  'aws-cdk-lib.aws_ses.CloudWatchDimension': () => ({ name: 'campaign', source: ses.CloudWatchDimensionSource.MESSAGE_TAG, defaultValue: 'none' }),
  'aws-cdk-lib.aws_iam.IGrantable': (e) => new iam.Role(e.stack, id(e), { assumedBy: new iam.AccountRootPrincipal() }),
  'cdk-verified-mail-domain.DkimSigning': () => DkimSigning.easyDkim(),
  'cdk-verified-mail-domain.Spf': () => Spf.publish(),
  'cdk-verified-mail-domain.Dmarc': () => Dmarc.publish(),
  'cdk-verified-mail-domain.InboundMail': () => InboundMail.servers([{ host: 'mx.example.net', priority: 10 }]),
  'cdk-verified-mail-domain.VerificationWait': () => VerificationWait.none(),
  'cdk-verified-mail-domain.ReceivingAction': (e) => ReceivingAction.s3({ bucket: new s3.Bucket(e.stack, id(e)) }),
  'cdk-verified-mail-domain.ReceiptRuleSetChoice': () => ReceiptRuleSetChoice.existing('rules'),
  'aws-cdk-lib.aws_ses.IReceiptRuleAction': (e) => ReceivingAction.s3({ bucket: new s3.Bucket(e.stack, id(e)) }),
  'aws-cdk-lib.aws_ses.IReceiptRuleSet': (e) => ses.ReceiptRuleSet.fromReceiptRuleSetName(e.stack, id(e), 'rules'),
  'aws-cdk-lib.aws_ses.IReceiptRule': (e) => receiptRuleOf(e),
  'cdk-verified-mail-domain.DmarcReportsMailbox': (e) => new VerifiedMailDomain(e.stack, id(e), {
    domainName: `reports${e.count}.example.net`, dmarcReports: own.DmarcReports.receive({ ruleSet: ReceiptRuleSetChoice.existing('rules') }),
  }).dmarcReportsMailbox,
};

/** The receipt rule of a domain as its actions' bind(rule) sees it, caught by an action that only records it. */
function receiptRuleOf(e: Env): ses.IReceiptRule {
  let caught: ses.IReceiptRule | undefined;
  const recorder: ses.IReceiptRuleAction = { bind: (rule) => { caught = rule; return { stopAction: { scope: 'RuleSet' } }; } };
  new VerifiedMailDomain(e.stack, 'Receiving', { hostedZone: e.zone, inboundMail: InboundMail.ses({ actions: [recorder], ruleSet: ReceiptRuleSetChoice.existing('rules') }) });
  return caught!;
}

/** Valid values of required strings and numbers (and bases of optional positions), by position. */
const BY_NAME: Record<string, (e: Env) => unknown> = {
  'ByoDkimOptions.selector': () => 'sel1',
  'MailServer.host': () => 'mx.example.net',
  'MailServer.priority': () => 10,
  'ContactListTopic.topicName': () => 'news',
  'ContactListTopic.displayName': () => 'News',
  'ContactList.fromContactListName(contactListName)': () => 'newsletter',
  'ReceiptRuleSetChoice.existing(ruleSetName)': () => 'rules',
  'SesReceivingRegions.receivesMail(region)': () => 'eu-west-1',
  'SendingTenant.named(tenantName)': () => 'customer-1',
  'new VerifiedMailDomain(props)': (e): VerifiedMailDomainProps => ({ hostedZone: e.zone }),
};

/** How a value class made by a factory is used, so that the stack synthesizes with it. */
const MOUNT: Record<string, (value: any, e: Env) => unknown> = {
  DkimSigning: (v, e) => mail(e, { dkim: v }),
  Spf: (v, e) => mail(e, { spf: v }),
  Dmarc: (v, e) => mail(e, { dmarc: v }),
  DmarcReports: (v, e) => mail(e, { dmarcReports: v }),
  InboundMail: (v, e) => mail(e, { inboundMail: v }),
  VerificationWait: (v, e) => mail(e, { waitForVerification: v }),
  Deliverability: (v, e) => mail(e, { deliverability: v }),
  SendingEventDestination: (v, e) => mail(e, { deliverability: Deliverability.guard({ eventDestination: v }) }),
  VirtualDeliverabilityManager: (v, e) => mail(e, { deliverability: Deliverability.guard({ virtualDeliverabilityManager: v }) }),
  SendingTenant: (v, e) => mail(e, { deliverability: Deliverability.guard({ tenant: v }) }),
  ContactList: (v, e) => mail(e, { deliverability: Deliverability.guard({ contactList: v }) }),
  ReceivingAction: (v, e) => mail(e, { inboundMail: InboundMail.ses({ actions: [v], ruleSet: ReceiptRuleSetChoice.existing('rules') }) }),
  // A boolean: nothing to use in a stack.
  SesReceivingRegions: () => undefined,
  ReceiptRuleSetChoice: (v, e) => mail(e, { inboundMail: InboundMail.ses({ actions: [BY_FQN['cdk-verified-mail-domain.ReceivingAction'](e) as ReceivingAction], ruleSet: v }) }),
};

/** The object an instance method is called on. */
const INSTANCES: Record<string, (e: Env) => any> = {
  VerifiedMailDomain: (e) => mail(e, {}),
  ReceivingAction: (e) => BY_FQN['cdk-verified-mail-domain.ReceivingAction'](e),
};

function mail(e: Env, props: VerifiedMailDomainProps): VerifiedMailDomain {
  return new VerifiedMailDomain(e.stack, 'Mail', { hostedZone: e.zone, ...props });
}

function valid(type: TypeRef, key: string, e: Env): unknown {
  if (BY_NAME[key]) return BY_NAME[key](e);
  if (type.collection) return [valid(type.collection.elementtype, `${key}[0]`, e)];
  const t = type.fqn ? types[type.fqn] : undefined;
  if (t?.kind === 'enum') return runtimeOf(t.fqn, own)[t.members![0].name];
  if (t?.datatype) return minimalStruct(type, e);
  if (type.fqn && BY_FQN[type.fqn]) return BY_FQN[type.fqn](e);
  throw new Error(`no valid value for ${key} (${JSON.stringify(type)}): add one to BY_FQN or BY_NAME in test/kinds.test.ts`);
}

function minimalStruct(type: TypeRef, e: Env): Record<string, unknown> {
  const t = types[type.fqn!];
  return Object.fromEntries((t.properties ?? []).filter((p) => !p.optional).map((p) => [p.name, valid(p.type, `${t.name}.${p.name}`, e)]));
}

/** `current` with `value` put at `steps` below it; containers on the way are made minimal and valid. */
function placed(type: TypeRef, current: unknown, steps: Step[], value: unknown, e: Env): unknown {
  if (steps.length === 0) return value;
  const [step, ...rest] = steps;
  if (typeof step === 'number') return [placed(type.collection!.elementtype, undefined, rest, value, e)];
  const base = (current ?? minimalStruct(type, e)) as Record<string, unknown>;
  const prop = types[type.fqn!].properties!.find((p) => p.name === step)!;
  return { ...base, [step]: placed(prop.type, base[step], rest, value, e) };
}

function callName(entry: EntryPoint): string {
  return entry.method === '<init>' ? `new ${entry.className}` : `${entry.className}.${entry.method}`;
}

/** The outcome of one call, with `value` at the position (or every position valid), synthesized. */
type Outcome = { readonly template: string; readonly warnings?: string[] } | { readonly error: Error };

/** A value made in the call's own stack (a struct holding constructs), by `make`. */
class Made {
  constructor(readonly make: (e: Env) => unknown) {}
}

function run(position: Position | undefined, value: unknown, entry = position!.entry): Outcome {
  const e = env();
  try {
    const args = entry.parameters.map((p, i) => {
      if (entry.method === '<init>' && p.name === 'scope') return e.stack;
      if (entry.method === '<init>' && p.name === 'id') return 'Subject';
      const key = `${callName(entry)}(${p.name})`;
      const base = p.optional && !BY_NAME[key] ? undefined : valid(p.type, key, e);
      const given = value instanceof Made ? value.make(e) : value;
      return position && position.steps[0] === i ? placed(p.type, base, position.steps.slice(1), given, e) : base;
    });
    const cls = (own as any)[entry.className];
    if (entry.method === '<init>') {
      new cls(...args);
    } else if (entry.isStatic) {
      const made = cls[entry.method](...args);
      if (!MOUNT[entry.className]) throw new Error(`no way to use ${entry.className} in a stack: add it to MOUNT in test/kinds.test.ts`);
      MOUNT[entry.className](made, e);
    } else {
      INSTANCES[entry.className](e)[entry.method](...args);
    }
    const stack = e.app.synth().getStackByName(e.stack.stackName);
    return { template: JSON.stringify(stack.template), warnings: stack.messages.filter((m) => m.level === 'warning').map((m) => String(m.entry.data)) };
  } catch (error) {
    return { error: error as Error };
  }
}

/** Props that hold secrets: the message says what kind of value came, never the value. */
const SECRET_PROPS = ['privateKey'];

const RAW = /Cannot read propert|is not a function|is not iterable|Resolution error|Cannot convert|Cannot use 'in'|toLowerCase|of undefined|of null/;

/** A message names a position as the subject of its sentence: `spf.a must`, `Spf.publish takes`, `actions[0]:`. */
const subject = (name: string) => new RegExp(`(^|[\\s.(])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\[\\d+\\])?(\\s+must|\\s+takes|\\s+is|:|\\s+\\()`);

/** What is wrong with the outcome of a wrong kind at a position, or undefined when it is right. */
function problemWith(position: Position, kind: string, outcome: Outcome): string | undefined {
  const absentMeansDefault = kind === 'null' && position.optional && !position.inList;
  const absent = absentMeansDefault ? run(position, undefined) : undefined;
  if (!('error' in outcome)) {
    if (absent && 'template' in absent && absent.template === outcome.template) return undefined;
    return absent ? 'accepted null, but synthesized something other than leaving the value out' : `accepted ${kind} silently`;
  }
  const { error } = outcome;
  const message = String(error?.message);
  if (absent && 'error' in absent && absent.error.message === message) return undefined;
  if (!(error instanceof Error) || error.constructor !== Error) return `raw ${error?.constructor?.name}: ${message}`;
  if (RAW.test(message)) return `raw error: ${message}`;
  if (!position.names.some((n) => subject(n).test(message))) return `message names none of ${position.names.join(', ')}: ${message}`;
  if (position.inList && !message.includes('[0]')) return `message does not name the entry ([0]): ${message}`;
  // A secret given as plain text must not be repeated in the message.
  const shown = SECRET_PROPS.includes(position.names[0]) && kind === 'a string' ? /a plain-text string \(not shown\)/ : SHOWN[kind];
  if (!shown.test(message)) return `message does not show the value (${kind}): ${message}`;
  return undefined;
}

const entries = entryPoints(types);
const cases = entries.flatMap((entry) => positions(types, entry))
  .flatMap((position) => wrongKindsFor(types, position).map((kind) => ({ name: `${position.label} given ${kind}`, position, kind })));

test('the assembly has the factories, constructor and methods this test is written for', () => {
  expect(entries.map(callName)).toEqual(expect.arrayContaining([
    'DkimSigning.byoDkim', 'Spf.publish', 'Dmarc.publish', 'new VerifiedMailDomain', 'VerifiedMailDomain.grantSendEmail', 'ReceivingAction.s3',
  ]));
  expect(cases.length).toBeGreaterThan(200);
});
test.each(entries.map((entry) => [callName(entry), entry] as const))('%s with valid arguments synthesizes', (_name, entry) => {
  const outcome = run(undefined, undefined, entry);
  expect('error' in outcome ? outcome.error.message : 'ok').toBe('ok');
});


test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, { position, kind }) => {
  const problem = problemWith(position, kind, run(position, WRONG_KINDS[kind] ? WRONG_KINDS[kind]() : undefined));
  expect(problem ?? 'ok').toBe('ok');
});

// Every struct a call takes (an options object), read from the assembly: a key that is none of its props
// gets the construct's error listing exactly the struct's props (VerifiedMailDomainProps: a warning, since
// TypeScript lets a wider object through), and a near miss of each prop (its first letter upper-cased)
// gets "did you mean" that prop. A prop added to a struct but not to its list of known keys fails here.
const structs = structPositions(types, entries.flatMap((entry) => positions(types, entry)));
const LENIENT = ['cdk-verified-mail-domain.VerifiedMailDomainProps'];

/** A valid struct for the position, with `change` applied to its keys. */
function struct(position: Position, change: (keys: Record<string, unknown>) => Record<string, unknown>): Made {
  return new Made((e) => change({ ...(valid(position.type, position.label, e) as Record<string, unknown>) }));
}

/** The message of the outcome: the error's, or the unknownProp warning's; else what came instead. */
function messageOf(outcome: Outcome, lenient: boolean): string {
  if ('error' in outcome) return lenient ? `error instead of a warning: ${outcome.error.message}` : outcome.error.message;
  if (!lenient) return 'accepted';
  const warning = (outcome.warnings ?? []).find((w) => w.includes('[ack: cdk-verified-mail-domain:unknownProp]'));
  return warning ?? `no unknownProp warning among: ${(outcome.warnings ?? []).join(' | ')}`;
}

/** The call a message starts with: one of the position's calls (with the entry of a list: `InboundMail.servers servers[0]`), or the struct's name. */
const calledBy = (position: Position) => [...position.names.slice(1), position.type.fqn!.split('.')[1]]
  .flatMap((call) => (position.inList ? [`${call} ${position.names[0]}[0]`] : [call]));

test('the assembly has the structs this test is written for', () => {
  expect(structs.map((s) => s.type.fqn!.split('.')[1])).toEqual(expect.arrayContaining([
    'VerifiedMailDomainProps', 'SpfOptions', 'DmarcOptions', 'ByoDkimOptions', 'VerificationWaitOptions', 'SesReceivingOptions',
    'SesEndpointOptions', 'MailServer', 'S3ReceivingOptions', 'NewReceiptRuleSetOptions', 'SendEmailGrantOptions', 'DeliverabilityGuardOptions',
  ]));
});

test.each(structs.map((s) => [s.label, s] as const))('%s given an unknown key', (_name, position) => {
  const lenient = LENIENT.includes(position.type.fqn!);
  const message = messageOf(run(position, struct(position, (keys) => ({ ...keys, zzUnknownOption: 1 }))), lenient);
  const match = message.match(/^(.+?) has no (option|prop) 'zzUnknownOption'(; options|: ignored \(.*?\); props): (.+?)( \[ack: .*\])?$/);
  expect(match ? 'names the key' : message).toBe('names the key');
  expect(calledBy(position)).toContain(match![1]);
  expect(match![4].split(', ').sort()).toEqual(structProperties(types, position.type.fqn!).sort());
});

const nearMisses = structs.flatMap((position) => structProperties(types, position.type.fqn!)
  .map((prop) => ({ position, prop, key: prop[0].toUpperCase() + prop.slice(1) })));

test.each(nearMisses.map((c) => [`${c.position.label} given ${c.key}`, c] as const))('%s', (_name, { position, prop, key }) => {
  const message = messageOf(run(position, struct(position, ({ [prop]: _dropped, ...keys }) => ({ ...keys, [key]: 1 }))), false);
  const match = message.match(/^(.+?) has no option '(\w+)': did you mean '(\w+)'\? Options: /);
  expect(match ? [match[2], match[3]] : message).toEqual([key, prop]);
  expect(calledBy(position)).toContain(match![1]);
});

describe('the judge of each case', () => {
  const position = cases.find((c) => c.name === 'Spf.publish(options).a given a number')!.position;
  test.each([
    ['a value accepted', { template: '{}' }, 'accepted a number silently'],
    ['a TypeError', { error: new TypeError("Cannot read properties of undefined (reading 'a')") }, "raw TypeError: Cannot read properties of undefined (reading 'a')"],
    ['a message about another prop', { error: new Error('spf.mx must be true or false, got number 42') }, 'message names none of a, Spf.publish: spf.mx must be true or false, got number 42'],
    ['a message without the value', { error: new Error('spf.a must be true or false') }, 'message does not show the value (a number): spf.a must be true or false'],
    ['the construct\'s message', { error: new Error('spf.a must be true or false, got number 42') }, 'ok'],
  ] as Array<[string, Outcome, string]>)('%s', (_name, outcome, verdict) => {
    expect(problemWith(position, 'a number', outcome) ?? 'ok').toBe(verdict);
  });
});
