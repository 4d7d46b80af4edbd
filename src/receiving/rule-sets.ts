import { CfnResource, CustomResource, Duration, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct, IDependable } from 'constructs';
import { ActivateFunction } from './activate-function';
import { ACTIVATION_TYPE } from './app-checks';
import { environmentDifference } from '../app-keys';
import { applyCompliance, logGroupsOf, useHandlerRuntime } from '../provider-compliance';
import { checkConstruct, checkKind, checkKnownKeys, checkOptions, knownKeys, optionalBoolean } from '../validation';

// The receipt rule set that holds a domain's rule: an existing one (nothing activated), or a new one,
// activated (by default; `activate: false` leaves it inactive) by a custom resource that never replaces
// another active set silently. The activation brings receiving's only Lambda functions: its handler
// and the provider framework's, one pair per stack.

/** Options of a new receipt rule set. */
export interface NewReceiptRuleSetOptions {
  /**
   * The rule set's name: 1-64 letters, digits, '_' or '-', starting and ending with a letter or digit
   * (SES). A name lets rules of other stacks join the set with
   * `ReceiptRuleSetChoice.fromReceiptRuleSet(ses.ReceiptRuleSet.fromReceiptRuleSetName(this, 'RuleSet', name))`; a
   * named set is made at the top of its stack, so it stays put whichever domain uses it first.
   * @default - a name CloudFormation generates
   */
  readonly ruleSetName?: string;
  /**
   * Activate the rule set when deployed (the default), through a custom resource. It refuses to replace
   * another active set unless `replaceActive` is true, and on delete deactivates the set only if it is
   * still the active one. The custom resource brings receiving's only Lambda functions, two per stack
   * (its handler and the provider framework's); `false` leaves the set inactive and makes none.
   * @default true
   */
  readonly activate?: boolean;
  /**
   * Replace another active rule set of the account and region; that set's domains stop receiving.
   * @default false
   */
  readonly replaceActive?: boolean;
}

/** The props of NewReceiptRuleSetOptions, for checkKnownKeys. */
const NEW_RULE_SET_OPTION_KEYS = knownKeys<NewReceiptRuleSetOptions>({ ruleSetName: true, activate: true, replaceActive: true });

/** The receipt rule set that holds the domain's rule. */
export abstract class ReceiptRuleSetChoice {
  /**
   * A rule set made elsewhere: imported (`ses.ReceiptRuleSet.fromReceiptRuleSetName(this, 'RuleSet', 'inbound')`)
   * or made in the app (`new ses.ReceiptRuleSet(...)`, in this account and region). The construct adds
   * its rule there and activates nothing: activating the set is yours.
   */
  public static fromReceiptRuleSet(ruleSet: ses.IReceiptRuleSet): ReceiptRuleSetChoice {
    return new ExistingRuleSet({ ruleSet });
  }

  /**
   * An existing rule set, by name: the construct adds its rule there and activates nothing.
   * @deprecated use `ReceiptRuleSetChoice.fromReceiptRuleSet(ses.ReceiptRuleSet.fromReceiptRuleSetName(this, 'RuleSet', ruleSetName))`
   */
  public static existing(ruleSetName: string): ReceiptRuleSetChoice {
    checkRuleSetName('ReceiptRuleSetChoice.existing ruleSetName', ruleSetName, true);
    return new ExistingRuleSet({ name: ruleSetName });
  }

  /**
   * A new rule set, activated by default (SES receives only through the one active set of a region).
   * Give the same choice, with a `ruleSetName`, to several domains of a stack and they share the one set
   * and its activation.
   */
  public static create(options: NewReceiptRuleSetOptions = {}): ReceiptRuleSetChoice {
    return new NewRuleSet(options);
  }

  /** The rule set's name, and the activation resource if any. @internal */
  public abstract _bind(scope: Construct): BoundRuleSet;
}

/** The rule set as a rule uses it. */
interface BoundRuleSet {
  /** The name as the rule gives it: a reference to a set made in the stack, or a string. */
  readonly name: string;
  /** The name as a string, when the user gave one (a token too). */
  readonly literalName?: string;
  /** Adds the rule to the set's activation, if any. */
  readonly activation?: (rule: IDependable) => void;
}

/**
 * SES CreateReceiptRuleSet: letters, digits, '_' and '-', starting and ending with a letter or digit, at
 * most 64. An existing set is only named, and older editions of the SES API allowed '.' too.
 */
function checkRuleSetName(prop: string, name: unknown, dots: boolean): void {
  checkKind(prop, name, typeof name === 'string', 'a string');
  const pattern = dots ? /^[A-Za-z0-9]([A-Za-z0-9_.-]{0,62}[A-Za-z0-9])?$/ : /^[A-Za-z0-9]([A-Za-z0-9_-]{0,62}[A-Za-z0-9])?$/;
  if (!Token.isUnresolved(name) && !pattern.test(name as string)) {
    throw new Error(`${prop} must be 1-64 letters, digits, ${dots ? "'.', " : ''}'_' or '-', starting and ending with a letter or digit (SES), got '${name}'`);
  }
}

/** A set the user made or imported: a name (the deprecated `existing(name)`) or an ses.IReceiptRuleSet. */
class ExistingRuleSet extends ReceiptRuleSetChoice {
  private readonly ruleSet?: ses.IReceiptRuleSet;
  private readonly name?: string;

  constructor(given: { ruleSet: ses.IReceiptRuleSet } | { name: string }) {
    super();
    if ('name' in given) {
      this.name = given.name;
      return;
    }
    const ruleSet = given.ruleSet;
    this.ruleSet = ruleSet;
    const prop = 'ReceiptRuleSetChoice.fromReceiptRuleSet ruleSet';
    checkConstruct(prop, ruleSet, ['receiptRuleSetName'],
      "an ses.IReceiptRuleSet (ses.ReceiptRuleSet.fromReceiptRuleSetName(this, 'RuleSet', name) or new ses.ReceiptRuleSet(...))");
    checkRuleSetName(`${prop} receiptRuleSetName`, ruleSet.receiptRuleSetName, true);
  }

  public _bind(scope: Construct): BoundRuleSet {
    if (!this.ruleSet) return { name: this.name!, literalName: this.name };
    const made = madeSetOf(this.ruleSet);
    if (made) checkSetEnvironment(scope, made);
    // A set made in the app is named by reference; its literal name (if any) serves grants in other stacks.
    return { name: this.ruleSet.receiptRuleSetName, literalName: made ? made.ruleSetName : this.ruleSet.receiptRuleSetName };
  }
}

/** The AWS::SES::ReceiptRuleSet of a set made in the app (an imported set has none). */
function madeSetOf(ruleSet: ses.IReceiptRuleSet): ses.CfnReceiptRuleSet | undefined {
  const child = ruleSet.node.defaultChild as CfnResource | undefined;
  return child && CfnResource.isCfnResource(child) && child.cfnResourceType === 'AWS::SES::ReceiptRuleSet' ? child as ses.CfnReceiptRuleSet : undefined;
}

/**
 * Rule sets and their rules are per account and region (SES developer guide, "Creating receipt rule
 * sets"): a rule cannot join a set made in a stack of another account or region.
 */
function checkSetEnvironment(scope: Construct, set: ses.CfnReceiptRuleSet): void {
  const ours = Stack.of(scope);
  const theirs = Stack.of(set);
  const difference = environmentDifference(ours, theirs);
  if (difference === undefined) return;
  throw new Error(`ReceiptRuleSetChoice.fromReceiptRuleSet ruleSet ${set.node.scope!.node.path} is made in stack ${theirs.node.path} of ${difference} `
    + `${difference === 'account' ? theirs.account : theirs.region}, and ${scope.node.path} is in stack ${ours.node.path} of ${difference} `
    + `${difference === 'account' ? ours.account : ours.region}: a receipt rule joins only a rule set of its own account and region. Use a rule set of ${ours.node.path}'s account and region`);
}

/** The set a NewRuleSet made in one stack, its first user's scope, and its activation once made. */
interface MadeRuleSet {
  readonly scope: Construct;
  readonly name: string;
  activation?: CustomResource;
}

class NewRuleSet extends ReceiptRuleSetChoice {
  /** One set per stack, shared by every domain given this choice there. */
  private readonly made = new Map<Stack, MadeRuleSet>();

  constructor(private readonly options: NewReceiptRuleSetOptions) {
    super();
    checkOptions('ReceiptRuleSetChoice.create', options, "{ ruleSetName: 'inbound' }");
    checkKnownKeys('ReceiptRuleSetChoice.create', options, NEW_RULE_SET_OPTION_KEYS);
    if (options.ruleSetName !== undefined) checkRuleSetName('ReceiptRuleSetChoice.create ruleSetName', options.ruleSetName, false);
    optionalBoolean('ReceiptRuleSetChoice.create activate', options.activate);
    optionalBoolean('ReceiptRuleSetChoice.create replaceActive', options.replaceActive);
  }

  public _bind(scope: Construct): BoundRuleSet {
    const stack = Stack.of(scope);
    let made = this.made.get(stack);
    // The same domain may bind it again (its DMARC reports' rule, under its own scope): the set stays put.
    if (made && this.options.ruleSetName === undefined && !scope.node.scopes.includes(made.scope)) {
      throw new Error(`ReceiptRuleSetChoice.create() without a ruleSetName is given to ${scope.node.path} after ${made.scope.node.path} in stack ${stack.node.path}: `
        + 'give it a ruleSetName to share it, so that the set stays put whichever domain uses it first');
    }
    if (!made) {
      const home = this.homeOf(scope);
      const set = new ses.CfnReceiptRuleSet(home, 'ReceiptRuleSet', { ruleSetName: this.options.ruleSetName });
      made = { scope: home, name: set.ref };
      this.made.set(stack, made);
    }
    const set = made;
    const literalName = this.options.ruleSetName;
    if (this.options.activate === false) return { name: set.name, literalName };
    return {
      name: set.name,
      literalName,
      activation: (rule) => {
        if (!set.activation) {
          const activator = activatorFor(set.scope);
          set.activation = new CustomResource(set.scope, 'ReceiptRuleSetActivation', {
            serviceToken: activator.serviceToken,
            resourceType: ACTIVATION_TYPE,
            properties: { RuleSetName: set.name, ReplaceActive: String(this.options.replaceActive ?? false) },
          });
          for (const group of logGroupsOf(activator.node.scope!)) set.activation.node.addDependency(group);
        }
        // Activate once every rule of the set exists; on delete, deactivate before the rules and the set go.
        set.activation.node.addDependency(rule);
      },
    };
  }

  /**
   * Where the set lives: a named set at the stack's top, so that its logical id does not depend on which
   * domain uses it first (a named set that moved would be created again before the old one is deleted,
   * and SES refuses the name); an unnamed one in the first domain that uses it.
   */
  private homeOf(scope: Construct): Construct {
    const name = this.options.ruleSetName;
    const id = homeId(name);
    if (id === undefined) return scope;
    const stack = Stack.of(scope);
    const existing = stack.node.tryFindChild(id);
    if (existing) {
      throw new Error(`ReceiptRuleSetChoice.create({ ruleSetName: '${name}' }) is made twice for stack ${stack.node.path}: `
        + 'make the choice once and give it to every domain that shares the set');
    }
    return new Construct(stack, id);
  }
}

/**
 * The id of a named set's home at the top of its stack; none for an unnamed one, or one named by a token
 * (a CfnParameter), which stays in the first domain that uses it, where releases before this one put it
 * (moving it would replace the set, and SES refuses the second of one name): its users share it all the same.
 */
function homeId(name: string | undefined): string | undefined {
  return name === undefined || Token.isUnresolved(name) ? undefined : `VerifiedMailDomainReceiptRuleSet-${name}`;
}

/** One activation provider per stack (its Lambda only reads and sets the account's active rule set). */
function activatorFor(scope: Construct): cr.Provider {
  const stack = Stack.of(scope);
  const id = 'VerifiedMailDomainRuleSetActivator';
  const existing = stack.node.tryFindChild(id);
  if (existing) return (existing as Construct).node.findChild('Provider') as cr.Provider;
  const holder = new Construct(stack, id);
  const onEvent = new ActivateFunction(holder, 'OnEvent', {
    description: 'cdk-verified-mail-domain: activates an SES receipt rule set without replacing another silently',
    timeout: Duration.seconds(30),
  });
  // Describe/SetActiveReceiptRuleSet act on the account and region, with no resource to name (IAM: "*").
  onEvent.addToRolePolicy(new iam.PolicyStatement({ actions: ['ses:DescribeActiveReceiptRuleSet', 'ses:SetActiveReceiptRuleSet'], resources: ['*'] }));
  const provider = new cr.Provider(holder, 'Provider', { onEventHandler: onEvent });
  useHandlerRuntime(provider, onEvent.runtime);
  applyCompliance(holder, 'ses:DescribeActiveReceiptRuleSet and ses:SetActiveReceiptRuleSet act on the account and region and support no resource-level permissions');
  return provider;
}
