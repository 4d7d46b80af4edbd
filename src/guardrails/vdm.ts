import { Annotations, CfnResource, Stack, Token } from 'aws-cdk-lib';
import * as ses from 'aws-cdk-lib/aws-ses';
import { IConstruct } from 'constructs';
import { environmentOf } from '../app-keys';
import { checkKnownKeys, checkOptions, knownKeys, optionalBoolean } from '../validation';
import { madeOnce, onceDisagreements, requestOnce } from './once';

// SES's Virtual Deliverability Manager (VDM): the account's attributes (AWS::SES::VdmAttributes, one per
// account and region: its primary identifier is a resource id SES gives, and it sets the account's
// VDM through PutAccountVdmAttributes, per the CloudFormation registry schema) and a configuration
// set's VdmOptions (AWS::SES::ConfigurationSet VdmOptions: DashboardOptions.EngagementMetrics and
// GuardianOptions.OptimizedSharedDelivery, each ENABLED or DISABLED), which override the account's
// for mail sent with the set. Both exist on the peer floor's L1s (aws-cdk-lib 2.93) and the newest; the
// set's options are written on the L1 because the floor's ses.ConfigurationSet has no vdmOptions prop.

/** Options of `VirtualDeliverabilityManager.enable`. */
export interface VirtualDeliverabilityManagerOptions {
  /**
   * Engagement metrics (VDM's engagement tracking: opens and clicks), for the domain's configuration set
   * and, with `accountAttributes`, the account.
   * @default true
   */
  readonly engagementMetrics?: boolean;
  /**
   * Optimized shared delivery (VDM's optimized delivery algorithm for mail from SES's shared IPs), for the
   * domain's configuration set and, with `accountAttributes`, the account.
   * @default true
   */
  readonly optimizedSharedDelivery?: boolean;
  /**
   * Whether the account's VDM attributes (`ses.VdmAttributes`) are made. They exist once per account
   * and region, however many domains and stacks ask: the first domain of the environment that asks
   * makes them, in its stack; every other domain that asks must ask for the same settings. Set false
   * where VDM is turned on outside this app: the domain's configuration set still gets its options.
   * @default true
   */
  readonly accountAttributes?: boolean;
}

/** The props of VirtualDeliverabilityManagerOptions, for checkKnownKeys. */
const VDM_OPTION_KEYS = knownKeys<VirtualDeliverabilityManagerOptions>({
  engagementMetrics: true, optimizedSharedDelivery: true, accountAttributes: true,
});

/** The id of the account's VDM attributes at the top of the stack that holds them. */
export const VDM_ATTRIBUTES_ID = 'VerifiedMailDomainVdmAttributes';

const KIND = 'vdm';

/**
 * SES's Virtual Deliverability Manager for the guarded domain: engagement metrics and optimized shared
 * delivery on its configuration set, and the account's VDM attributes once per account and region.
 * VDM is a paid SES feature, charged per message sent while it is on (see the README).
 */
export abstract class VirtualDeliverabilityManager {
  /** Turn VDM on, with both of its features unless told otherwise. */
  public static enable(options: VirtualDeliverabilityManagerOptions = {}): VirtualDeliverabilityManager {
    checkOptions('VirtualDeliverabilityManager.enable', options, '{ engagementMetrics: true, optimizedSharedDelivery: false }');
    checkKnownKeys('VirtualDeliverabilityManager.enable', options, VDM_OPTION_KEYS);
    return new Vdm(
      optionalBoolean('virtualDeliverabilityManager engagementMetrics', options.engagementMetrics) ?? true,
      optionalBoolean('virtualDeliverabilityManager optimizedSharedDelivery', options.optimizedSharedDelivery) ?? true,
      optionalBoolean('virtualDeliverabilityManager accountAttributes', options.accountAttributes) ?? true,
    );
  }

  /** Whether engagement metrics are on. */
  public abstract readonly engagementMetrics: boolean;
  /** Whether optimized shared delivery is on. */
  public abstract readonly optimizedSharedDelivery: boolean;
  /** Whether the account's VDM attributes are made. */
  public abstract readonly accountAttributes: boolean;
}

class Vdm extends VirtualDeliverabilityManager {
  constructor(
    public readonly engagementMetrics: boolean, public readonly optimizedSharedDelivery: boolean, public readonly accountAttributes: boolean,
  ) {
    super();
  }
}

const status = (on: boolean) => (on ? 'ENABLED' : 'DISABLED');

/** The VDM settings as messages name them and as two asks are compared. */
export function describeVdm(vdm: VirtualDeliverabilityManager): string {
  return `engagement metrics ${vdm.engagementMetrics ? 'on' : 'off'}, optimized shared delivery ${vdm.optimizedSharedDelivery ? 'on' : 'off'}`;
}

/** The configuration set's VdmOptions as CloudFormation takes them. */
function vdmOptions(vdm: VirtualDeliverabilityManager): ses.CfnConfigurationSet.VdmOptionsProperty {
  return {
    dashboardOptions: { engagementMetrics: status(vdm.engagementMetrics) },
    guardianOptions: { optimizedSharedDelivery: status(vdm.optimizedSharedDelivery) },
  };
}

/**
 * Writes the VDM options on the guarded configuration set. A set the guard created gets them; the
 * user's set gets each that the user left unset, keeps one the user set otherwise (with a warning),
 * and one imported by name cannot be changed (a warning says what then applies).
 */
export function applyVdmToSet(scope: IConstruct, set: ses.IConfigurationSet, vdm: VirtualDeliverabilityManager): void {
  const cfn = set.node.defaultChild;
  if (!cfn || !CfnResource.isCfnResource(cfn) || cfn.cfnResourceType !== 'AWS::SES::ConfigurationSet') {
    Annotations.of(scope).addWarningV2('cdk-verified-mail-domain:vdmImportedSet',
      `configurationSet ${set.node.path} is imported, so virtualDeliverabilityManager cannot set its VDM options: mail sent with it follows the account's VDM settings`);
    return;
  }
  const l1 = cfn as ses.CfnConfigurationSet;
  const ours = vdmOptions(vdm);
  const theirs = l1.vdmOptions as ses.CfnConfigurationSet.VdmOptionsProperty | undefined;
  // A set the guard creates has no VDM options of its own yet: it simply gets ours.
  if (theirs === undefined) {
    l1.vdmOptions = ours;
    return;
  }
  if (Token.isUnresolved(theirs)) return; // decided at deploy time: left alone
  const fields = [
    { prop: 'dashboardOptions', field: 'engagementMetrics', option: 'engagementMetrics' },
    { prop: 'guardianOptions', field: 'optimizedSharedDelivery', option: 'optimizedSharedDelivery' },
  ] as const;
  const merged: Record<string, unknown> = { ...theirs };
  for (const f of fields) {
    const given = (theirs as any)[f.prop];
    const wanted = (ours as any)[f.prop][f.field] as string;
    if (given === undefined) {
      merged[f.prop] = (ours as any)[f.prop];
    } else if (!Token.isUnresolved(given) && !Token.isUnresolved(given[f.field]) && given[f.field] !== wanted) {
      Annotations.of(scope).addWarningV2('cdk-verified-mail-domain:vdmSetOptionKept',
        `configurationSet ${set.node.path} has VDM ${f.field} ${given[f.field]}, which virtualDeliverabilityManager keeps although it asks for ${wanted}: `
        + `change the set's vdmOptions or the ${f.option} option so they agree`);
    }
  }
  l1.vdmOptions = merged as ses.CfnConfigurationSet.VdmOptionsProperty;
}

/**
 * Asks for the account's VDM attributes for `domain`: the first ask of its environment makes them at
 * the top of its stack; later asks are compared by the app-wide check (vdmAppErrors).
 */
export function requestVdmAttributes(domain: IConstruct, vdm: VirtualDeliverabilityManager): void {
  if (!vdm.accountAttributes) return;
  const stack = Stack.of(domain);
  requestOnce(domain, { kind: KIND, name: '', owner: domain.node.path, settings: describeVdm(vdm) }, () => new ses.VdmAttributes(stack, VDM_ATTRIBUTES_ID, {
    engagementMetrics: vdm.engagementMetrics,
    optimizedSharedDelivery: vdm.optimizedSharedDelivery,
  }));
}

/**
 * The app-wide check of the account's VDM attributes: every ask agrees with what they were made with,
 * and the app has no other AWS::SES::VdmAttributes in that environment (two would set one account's
 * VDM in turn, the last deploy winning).
 */
export function vdmAppErrors(scope: IConstruct, constructs: IConstruct[]): Array<{ subject: IConstruct; message: string }> {
  const errors = onceDisagreements(scope, KIND).map(({ made, asked }) => ({
    subject: asked.subject,
    message: `The SES account VDM attributes (AWS::SES::VdmAttributes) of ${asked.env.label} exist once, made for ${made.owner} (${made.settings}), `
      + `but ${asked.owner} asks for ${asked.settings}. Give every domain of the account and region the same engagementMetrics and optimizedSharedDelivery, `
      + 'or accountAttributes: false on the others',
  }));
  const ours = madeOnce(scope, KIND);
  for (const c of constructs) {
    if (!CfnResource.isCfnResource(c) || c.cfnResourceType !== 'AWS::SES::VdmAttributes') continue;
    if (ours.some(({ construct }) => construct.node.defaultChild === c)) continue;
    const env = environmentOf(Stack.of(c));
    const mine = ours.find(({ made }) => made.env.key === env.key);
    if (!mine) continue;
    errors.push({
      subject: mine.made.subject,
      message: `${c.node.path} is an AWS::SES::VdmAttributes of ${env.label}, where ${mine.made.owner} has virtualDeliverabilityManager make the account's `
        + 'VDM attributes too: SES has one set of VDM attributes per account and region, and the two would overwrite each other. '
        + 'Remove yours, or give virtualDeliverabilityManager accountAttributes: false',
    });
  }
  return errors;
}
