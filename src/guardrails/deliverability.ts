import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { checkKind, checkKnownKeys, checkOptions, enumListOf, enumValues, knownKeys, optionalBoolean } from '../validation';
import { AlarmSettings, describeAlarms, reputationAlarms, requestAccountAlarms } from './alarms';
import { configurationSetArn, createGuardedSet, extendUserSet } from './configuration-set';
import { ContactList } from './contact-list';
import { SendingEventDestination } from './event-destination';
import { GuardedDomain } from './model';
import { joinTenant, SendingTenant } from './tenant';
import {
  BOUNCE_LEVELS, checkThreshold, COMPLAINT_LEVELS, DEFAULT_BOUNCE_RATE_THRESHOLD, DEFAULT_COMPLAINT_RATE_THRESHOLD,
} from './thresholds';
import { guardrailTopic } from './topic';
import { applyVdmToSet, describeVdm, requestVdmAttributes, VirtualDeliverabilityManager } from './vdm';

/** Options of `Deliverability.guard`. */
export interface DeliverabilityGuardOptions {
  /**
   * Where SES publishes the sending events of the domain's configuration set.
   * @default SendingEventDestination.guardrailTopic(): the stack's encrypted SNS topic
   */
  readonly eventDestination?: SendingEventDestination;
  /**
   * Event types to publish besides bounces, complaints, rejects, delivery delays and rendering failures,
   * which are always published.
   * @default - none
   */
  readonly additionalEvents?: ses.EmailSendingEvent[];
  /**
   * The bounce rate (0 to 1) at which the reputation alarms fire. At most 0.10, where SES may pause the
   * account's sending; SES reviews the account at 0.05 (both: SES sending review FAQ).
   * @default 0.025 (half of SES's review level)
   */
  readonly bounceRateThreshold?: number;
  /**
   * The complaint rate (0 to 1) at which the reputation alarms fire. At most 0.005, where SES may pause
   * the account's sending; SES reviews the account at 0.001 (both: SES sending review FAQ).
   * @default 0.0005 (half of SES's review level)
   */
  readonly complaintRateThreshold?: number;
  /**
   * The SNS topic the reputation alarms notify. If it is encrypted with a customer managed key, the key
   * must allow `cloudwatch.amazonaws.com` kms:GenerateDataKey* and kms:Decrypt.
   * @default - the stack's guardrail topic (encrypted, TLS only)
   */
  readonly alarmTopic?: sns.ITopic;
  /**
   * Whether the account's reputation alarms (no dimension: every configuration set and none) are made.
   * They exist once per account and region, however many domains and stacks ask: the first domain of the
   * environment that asks makes them, in its stack; every other domain that asks must ask for the same
   * thresholds and alarm topic.
   * @default true
   */
  readonly accountAlarms?: boolean;
  /**
   * The name of the configuration set made for the domain (not allowed when the domain has its own
   * `configurationSet`, which is extended instead).
   * @default - a name CloudFormation generates
   */
  readonly configurationSetName?: string;
  /**
   * SES's Virtual Deliverability Manager (paid): engagement metrics and optimized shared delivery on the
   * domain's configuration set, and the account's VDM attributes once per account and region.
   * @default - no VDM options on the set; the account's VDM stays as it is
   */
  readonly virtualDeliverabilityManager?: VirtualDeliverabilityManager;
  /**
   * The SES tenant the domain sends for: its identity and configuration set are associated with the
   * tenant, whose reputation policy pauses that tenant rather than the account. Send with `TenantName`.
   * @default - no tenant: the domain's mail counts only against the account
   */
  readonly tenant?: SendingTenant;
  /**
   * One-click unsubscribe: SES's contact list, which the domain's mail names in `ListManagementOptions`
   * (the construct's `contactListName`) so that SES adds the `List-Unsubscribe` and `List-Unsubscribe-Post`
   * headers and records opt-outs. `ContactList.create({ topics })` makes it, once per account and region
   * however many domains and stacks ask (they must ask with the same options);
   * `ContactList.fromContactListName(name)` uses the account's own list and creates nothing.
   * @default - no contact list
   */
  readonly contactList?: ContactList;
}

/** The props of DeliverabilityGuardOptions, for checkKnownKeys. */
const GUARD_OPTION_KEYS = knownKeys<DeliverabilityGuardOptions>({
  eventDestination: true,
  additionalEvents: true,
  bounceRateThreshold: true,
  complaintRateThreshold: true,
  alarmTopic: true,
  accountAlarms: true,
  configurationSetName: true,
  virtualDeliverabilityManager: true,
  tenant: true,
  contactList: true,
});

/** Events SES always publishes to the guard's destination: what hurts the reputation or loses mail. */
const GUARD_EVENTS = [
  ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT, ses.EmailSendingEvent.REJECT,
  ses.EmailSendingEvent.DELIVERY_DELAY, ses.EmailSendingEvent.RENDERING_FAILURE,
];

/** The id of the guard's resources of a user's configuration set, under that set (one guard per set). */
const USER_SET_GUARD_ID = 'VerifiedMailDomainDeliverability';

/** What one guard is, to tell two guards of one configuration set apart. */
const SIGNATURE = Symbol.for('cdk-verified-mail-domain.deliverabilitySignature');

/**
 * Deliverability guardrails: the domain's default configuration set publishes bounces and complaints,
 * suppresses addresses that bounce or complain, and alarms before SES reviews the account. Native
 * CloudFormation resources only, no Lambda.
 */
export abstract class Deliverability {
  /**
   * Guard the domain's sending. Without its own `configurationSet` the domain gets one (reputation
   * metrics on, sending on, suppression of bounces and complaints); with one, that set is extended and
   * shared by every domain that uses it. The set gets an event destination and two reputation alarms, and
   * the account two more (once per account and region).
   */
  public static guard(options: DeliverabilityGuardOptions = {}): Deliverability {
    checkOptions('Deliverability.guard', options, '{ bounceRateThreshold: 0.025, complaintRateThreshold: 0.0005 }');
    checkKnownKeys('Deliverability.guard', options, GUARD_OPTION_KEYS);
    return new Guard(options);
  }

  /**
   * Makes or extends the domain's configuration set and its guardrails; returns the set. Internal.
   * @internal
   */
  public abstract _bind(domain: Construct, userSet: ses.IConfigurationSet | undefined): GuardedDomain;
}

class Guard extends Deliverability {
  constructor(private readonly options: DeliverabilityGuardOptions) {
    super();
  }

  public _bind(domain: Construct, userSet: ses.IConfigurationSet | undefined): GuardedDomain {
    const o = this.options;
    const destination = o.eventDestination ?? SendingEventDestination.guardrailTopic();
    checkKind('deliverability eventDestination', destination, destination instanceof SendingEventDestination,
      'SendingEventDestination.guardrailTopic(), .snsTopic(...), .defaultEventBus() or .cloudWatchDimensions(...)');
    enumListOf('deliverability additionalEvents', o.additionalEvents, enumValues('ses.EmailSendingEvent', ses.EmailSendingEvent));
    const alarmTopic = o.alarmTopic as unknown;
    checkKind('deliverability alarmTopic', alarmTopic, alarmTopic === undefined
      || (typeof alarmTopic === 'object' && alarmTopic !== null && typeof (alarmTopic as sns.ITopic).topicArn === 'string'), 'an sns.ITopic');
    const accountAlarms = optionalBoolean('deliverability accountAlarms', o.accountAlarms) ?? true;
    checkKind('deliverability contactList', o.contactList, o.contactList === undefined || o.contactList instanceof ContactList,
      'ContactList.create({ ... }) or ContactList.fromContactListName(name)');
    const settings: AlarmSettings = {
      bounceRate: checkThreshold(domain, BOUNCE_LEVELS, o.bounceRateThreshold) ?? DEFAULT_BOUNCE_RATE_THRESHOLD,
      complaintRate: checkThreshold(domain, COMPLAINT_LEVELS, o.complaintRateThreshold) ?? DEFAULT_COMPLAINT_RATE_THRESHOLD,
      topic: o.alarmTopic,
    };
    const events = [...new Set<string>([...GUARD_EVENTS, ...o.additionalEvents ?? []])];
    const vdm = o.virtualDeliverabilityManager;
    checkKind('deliverability virtualDeliverabilityManager', vdm, vdm === undefined || vdm instanceof VirtualDeliverabilityManager, 'VirtualDeliverabilityManager.enable(...)');
    if (userSet && o.configurationSetName !== undefined) {
      throw new Error(`deliverability configurationSetName '${o.configurationSetName}' names a configuration set for the guard to create, but ${domain.node.path} `
        + `has its own configurationSet (${userSet.node.path}), which the guard extends: drop configurationSetName`);
    }

    let set: ses.IConfigurationSet;
    let guard: Construct;
    if (userSet) {
      set = userSet;
      const signature = `${destination._key(domain)}; events ${events.join(', ')}; ${describeAlarms(settings)}${vdm ? `; VDM ${describeVdm(vdm)}` : ''}`;
      const existing = userSet.node.tryFindChild(USER_SET_GUARD_ID) as Construct | undefined;
      if (existing) {
        const first = (existing as any)[SIGNATURE] as { owner: string; signature: string };
        if (first.signature !== signature) {
          throw new Error(`The deliverability guard of configurationSet ${userSet.node.path} is asked twice with different options: by ${domain.node.path} (${signature}) `
            + `and by ${first.owner} (${first.signature}). The set has one event destination and one pair of alarms; give every domain that shares it the same Deliverability.guard options`);
        }
        guard = existing;
      } else {
        extendUserSet(domain, userSet);
        if (vdm) applyVdmToSet(domain, userSet, vdm);
        guard = new Construct(userSet, USER_SET_GUARD_ID);
        (guard as any)[SIGNATURE] = { owner: domain.node.path, signature };
        this.guardSet(guard, set, destination, events, settings);
      }
    } else {
      guard = new Construct(domain, 'Deliverability');
      set = createGuardedSet(guard, o.configurationSetName);
      if (vdm) applyVdmToSet(domain, set, vdm);
      this.guardSet(guard, set, destination, events, settings);
    }
    if (accountAlarms) requestAccountAlarms(guard, domain, settings);
    if (vdm) requestVdmAttributes(domain, vdm);
    const bindIdentity = o.tenant === undefined ? undefined : joinTenant(domain, o.tenant, set);
    const contactList = o.contactList?._request(domain);
    const topic = destination._usesGuardrailTopic() || !o.alarmTopic ? guardrailTopic(guard).topic : undefined;
    const metadata = { eventDestination: destination._key(domain), events, alarms: describeAlarms(settings), accountAlarms };
    return { configurationSet: set, topic, metadata, bindIdentity, contactList };
  }

  private guardSet(
    guard: Construct, set: ses.IConfigurationSet, destination: SendingEventDestination, events: string[], settings: AlarmSettings,
  ): void {
    const target = { name: set.configurationSetName, arn: configurationSetArn(set) };
    destination._render(guard, target, events);
    reputationAlarms(guard, settings, set.configurationSetName);
  }
}
