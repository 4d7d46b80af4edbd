import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as actions from 'aws-cdk-lib/aws-ses-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { ReceivingAction } from '../../src/receiving/actions';
import { renderReceiving, ruleNameFor } from '../../src/receiving/rule';
import { ReceiptRuleSetChoice } from '../../src/receiving/rule-sets';

// The receipt rule on its own: ruleNameFor, and renderReceiving into a plain construct with
// aws-ses-actions and an existing rule set (no VerifiedMailDomain, no zone).

const DOMAIN = { domainName: 'example.org', region: 'eu-west-1' };

function setup(id = 'Domain') {
  const stack = new Stack(new App(), 'Mail', { env: { account: '123456789012', region: 'eu-west-1' } });
  return { stack, scope: new Construct(stack, id) };
}

const rulesOf = (stack: Stack) => Object.values(Template.fromStack(stack).findResources('AWS::SES::ReceiptRule'));
const warnings = (stack: Stack) => Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map((w) => w.entry.data);

test('ruleNameFor is the construct path joined by - with a hash, stable, and different for another path', () => {
  const { stack, scope } = setup();
  const name = ruleNameFor(scope);
  expect(name).toMatch(/^Mail-Domain-[0-9A-F]{8}$/);
  expect(ruleNameFor(scope)).toBe(name);
  expect(ruleNameFor(new Construct(stack, 'Other'))).not.toBe(name);
});

test('ruleNameFor keeps a long path within SES\'s 64 characters', () => {
  const { scope } = setup('D'.repeat(200));
  const name = ruleNameFor(scope);
  expect(name).toHaveLength(64);
  expect(name).toMatch(/^[A-Za-z0-9-]+$/);
});

test('the rule: its name, the set, the domain as recipient, scanning and optional TLS by default, the actions in order', () => {
  const { stack, scope } = setup();
  renderReceiving(scope, DOMAIN, {
    actions: [new actions.AddHeader({ name: 'X-A', value: 'b' }), new actions.Stop()],
    ruleSet: ReceiptRuleSetChoice.existing('inbound'),
  }, []);
  expect(rulesOf(stack).map((r) => r.Properties)).toEqual([{
    RuleSetName: 'inbound',
    Rule: {
      Name: ruleNameFor(scope),
      Enabled: true,
      Recipients: ['example.org'],
      ScanEnabled: true,
      TlsPolicy: 'Optional',
      Actions: [{ AddHeaderAction: { HeaderName: 'X-A', HeaderValue: 'b' } }, { StopAction: { Scope: 'RuleSet' } }],
    },
  }]);
  expect(warnings(stack)).toEqual([]);
});

test('scanEnabled false, TLS required and recipients given are the rule\'s', () => {
  const { stack, scope } = setup();
  renderReceiving(scope, DOMAIN, {
    actions: [new actions.Stop()],
    ruleSet: ReceiptRuleSetChoice.existing('inbound'),
    scanEnabled: false,
    tlsPolicy: ses.TlsPolicy.REQUIRE,
    recipients: ['info@example.org'],
  }, []);
  const [rule] = rulesOf(stack);
  expect([rule.Properties.Rule.ScanEnabled, rule.Properties.Rule.TlsPolicy, rule.Properties.Rule.Recipients]).toEqual([false, 'Require', ['info@example.org']]);
});

test('the rule waits for what it is given', () => {
  const { stack, scope } = setup();
  const before = new ses.CfnReceiptRuleSet(stack, 'Before', {});
  renderReceiving(scope, DOMAIN, { actions: [new actions.Stop()], ruleSet: ReceiptRuleSetChoice.existing('inbound') }, [before]);
  expect(rulesOf(stack)[0].DependsOn).toEqual([stack.getLogicalId(before)]);
});

test('recipients below the domain warn, naming them and the MX they need', () => {
  const { stack, scope } = setup();
  renderReceiving(scope, DOMAIN, {
    actions: [new actions.Stop()], ruleSet: ReceiptRuleSetChoice.existing('inbound'), recipients: ['example.org', 'support.example.org', 'a@b.example.org'],
  }, []);
  expect(warnings(stack)).toEqual([
    "inboundMail receiving recipients[1] 'support.example.org', recipients[2] 'a@b.example.org' lie below example.org, where this construct publishes no MX: their mail reaches SES only "
    + 'if those names have an MX of 10 inbound-smtp.eu-west-1.amazonaws.com [ack: cdk-verified-mail-domain:receivingBelowDomain]',
  ]);
});

test('each action\'s config is checked with its index and the count: a Stop before another action warns', () => {
  const { stack, scope } = setup();
  renderReceiving(scope, DOMAIN, { actions: [new actions.Stop(), new actions.AddHeader({ name: 'X-A', value: 'b' })], ruleSet: ReceiptRuleSetChoice.existing('inbound') }, []);
  expect(warnings(stack)).toEqual([
    'inboundMail receiving actions[0] is a Stop action, which ends the processing of the rule set: actions[1..1] after it never run. Put the Stop action last '
    + '[ack: cdk-verified-mail-domain:receivingActionsAfterStop]',
  ]);
});

test('an action whose bind gives no action is refused with its index', () => {
  const { scope } = setup();
  const empty: ses.IReceiptRuleAction = { bind: () => ({}) };
  expect(() => renderReceiving(scope, DOMAIN, { actions: [new actions.Stop(), empty], ruleSet: ReceiptRuleSetChoice.existing('inbound') }, []))
    .toThrow(new Error('inboundMail receiving actions[1] bind(rule) returned no action; SES takes exactly one action per entry (an addHeaderAction, bounceAction, '
      + 'lambdaAction, s3Action, snsAction, stopAction or workmailAction): give each action its own entry'));
});

test('a new rule set is made and activated after the rule', () => {
  const { stack, scope } = setup();
  renderReceiving(scope, DOMAIN, { actions: [new actions.Stop()], ruleSet: ReceiptRuleSetChoice.create() }, []);
  const template = Template.fromStack(stack);
  const [setId] = Object.keys(template.findResources('AWS::SES::ReceiptRuleSet'));
  const [ruleId] = Object.keys(template.findResources('AWS::SES::ReceiptRule'));
  expect(rulesOf(stack)[0].Properties.RuleSetName).toEqual({ Ref: setId });
  expect(Object.values(template.findResources('Custom::SesActiveReceiptRuleSet'))[0].DependsOn).toContain(ruleId);
});

test('the construct\'s own actions get the rule\'s target: their grants name this stack, the set and the rule', () => {
  const { stack, scope } = setup();
  const topic = new sns.Topic(stack, 'Topic');
  renderReceiving(scope, DOMAIN, { actions: [ReceivingAction.sns(topic)], ruleSet: ReceiptRuleSetChoice.existing('inbound') }, []);
  const [policy] = Object.values(Template.fromStack(stack).findResources('AWS::SNS::TopicPolicy'));
  expect(policy.Properties.PolicyDocument.Statement[0].Condition).toEqual({
    StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
    ArnLike: {
      'aws:SourceArn': {
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ses:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, `:receipt-rule-set/inbound:receipt-rule/${ruleNameFor(scope)}`]],
      },
    },
  });
});
