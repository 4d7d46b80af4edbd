import { Annotations, CustomResource, Duration, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { WaiterTarget } from './context';
import { applyCompliance, logGroupsOf, useHandlerRuntime } from './provider-compliance';
import { checkKnownKeys, checkOptions, knownKeys, secondsOf, wholeSeconds } from './validation';
import { waiterLoggingProps } from './waiter/compliance';
import { IsCompleteFunction } from './waiter/is-complete-function';
import { OnEventFunction } from './waiter/on-event-function';
import { VerificationProperties } from './waiter/protocol';

/** Options of `VerificationWait.untilVerified`. */
export interface VerificationWaitOptions {
  /**
   * How often SES is asked: 5 seconds to 5 minutes, in whole seconds.
   *
   * @default Duration.seconds(30)
   */
  readonly interval?: Duration;

  /**
   * How long the deploy waits for SES before it fails, naming the records SES has not found. With two
   * intervals of margin it must fit in CloudFormation's one-hour limit for a custom resource:
   * `timeout + 2 * interval` at most 59 minutes.
   *
   * @default Duration.minutes(30)
   */
  readonly timeout?: Duration;
}

/** The props of VerificationWaitOptions, for checkKnownKeys. */
const WAIT_OPTION_KEYS = knownKeys<VerificationWaitOptions>({ interval: true, timeout: true });

/**
 * Whether `cdk deploy` waits until SES reports the domain verified.
 */
export class VerificationWait {
  /** The deploy does not wait: no custom resource, no Lambda (the default). */
  public static none(): VerificationWait {
    return new VerificationWait(undefined);
  }

  /**
   * The deploy ends only when SESv2 `GetEmailIdentity` reports the domain verified for sending, DKIM
   * `SUCCESS` and, with a custom MAIL FROM, MAIL FROM `SUCCESS`; it fails with the records SES has not
   * found when SES reports `FAILED` or the timeout passes. Adds a custom resource with two small
   * Lambda handlers and the aws-cdk-lib provider framework (shared by every domain of the stack with
   * the same interval and timeout).
   */
  public static untilVerified(options: VerificationWaitOptions = {}): VerificationWait {
    // null would read as "no wait" (VerificationWait.none()), the opposite of what was asked.
    checkOptions('VerificationWait.untilVerified', options, '{ timeout: Duration.minutes(30) }');
    checkKnownKeys('VerificationWait.untilVerified', options, WAIT_OPTION_KEYS);
    return new VerificationWait(options);
  }

  private constructor(private readonly options: VerificationWaitOptions | undefined) {}

  /**
   * Adds the waiter for one identity, or nothing. Internal.
   * @internal
   */
  public _bind(scope: Construct, target: WaiterTarget): CustomResource | undefined {
    if (!this.options) return undefined;
    const interval = literalSeconds('waitForVerification interval', this.options.interval ?? Duration.seconds(30), 5, 300);
    const timeout = literalSeconds('waitForVerification timeout', this.options.timeout ?? Duration.minutes(30), interval, 3540);
    if (timeout + 2 * interval > MAX_WAIT_SECONDS) {
      throw new Error(`waitForVerification: timeout (${timeout} s) + 2 × interval (${interval} s) = ${timeout + 2 * interval} s; CloudFormation waits at most one hour for a custom resource, so at most ${MAX_WAIT_SECONDS} s (59 minutes) are allowed`);
    }
    const provider = providerFor(scope, interval, timeout);
    provider.isComplete.addToRolePolicy(new iam.PolicyStatement({
      actions: ['ses:GetEmailIdentity'],
      resources: [target.identityArn],
    }));
    const properties: VerificationProperties = {
      IdentityName: target.identityName,
      MailFromDomain: target.mailFromDomain ?? '',
      TimeoutSeconds: String(timeout),
      DkimRecords: target.dkimRecords,
      MailFromRecords: target.mailFromRecords,
    };
    const resource = new CustomResource(scope, 'Verification', {
      serviceToken: provider.provider.serviceToken,
      resourceType: 'Custom::SesDomainVerification',
      properties: { ...properties },
    });
    for (const dependency of [...logGroupsOf(provider.scope), ...target.dependsOn]) {
      resource.node.addDependency(dependency);
    }
    if (!target.inHostedZone) {
      Annotations.of(scope).addWarningV2('cdk-verified-mail-domain:waitWithoutZone',
        'waitForVerification without hostedZone: the deploy waits until you have published the records at your DNS provider, '
        + 'but the Easy DKIM records are shown only after the deploy (outputs) or in the SES console. Publish them within the timeout, use BYODKIM, or drop the wait');
    }
    return resource;
  }
}

/** CloudFormation's one-hour limit for a custom resource, less a minute for the framework's own steps. */
const MAX_WAIT_SECONDS = 3540;

/** Whole seconds from min to max; a token is refused, since the provider's retry count is computed at synth. */
function literalSeconds(prop: string, value: Duration, min: number, max: number): number {
  if (Token.isUnresolved(secondsOf(prop, value))) {
    throw new Error(`${prop} must be a literal Duration (it sets the synthesized provider's retry count), got a token`);
  }
  return wholeSeconds(prop, value, min, max);
}

interface WaiterProvider {
  readonly provider: cr.Provider;
  readonly isComplete: lambda.Function;
  /** The construct that holds the provider's resources. */
  readonly scope: Construct;
}

/**
 * One provider per stack and (interval, timeout): domains share the Lambdas, and each adds its own
 * identity to the isComplete role.
 */
function providerFor(scope: Construct, interval: number, timeout: number): WaiterProvider {
  const stack = Stack.of(scope);
  const id = `VerifiedMailDomainWaiter${interval}s${timeout}s`;
  const existing = stack.node.tryFindChild(id) as WaiterProviderConstruct | undefined;
  if (existing) return existing;
  return new WaiterProviderConstruct(stack, id, interval, timeout);
}

class WaiterProviderConstruct extends Construct implements WaiterProvider {
  public readonly provider: cr.Provider;
  public readonly isComplete: lambda.Function;
  public readonly scope: Construct = this;

  constructor(scope: Construct, id: string, interval: number, timeout: number) {
    super(scope, id);
    const onEvent = new OnEventFunction(this, 'OnEvent', {
      description: 'cdk-verified-mail-domain: starts the wait for SES domain verification',
      timeout: Duration.seconds(10),
    });
    this.isComplete = new IsCompleteFunction(this, 'IsComplete', {
      description: 'cdk-verified-mail-domain: asks SES whether the domain is verified',
      timeout: Duration.seconds(30),
    });
    // The framework gives up two intervals after the handler's own deadline, which fails the deploy
    // first with the records SES has not found; the framework's "Operation timed out" is a fallback.
    const attempts = Math.ceil(timeout / interval) + 2;
    this.provider = new cr.Provider(this, 'Provider', {
      onEventHandler: onEvent,
      isCompleteHandler: this.isComplete,
      queryInterval: Duration.seconds(interval),
      totalTimeout: Duration.seconds(attempts * interval),
      ...waiterLoggingProps(),
    } as cr.ProviderProps);
    useHandlerRuntime(this.provider, this.isComplete.runtime);
    applyCompliance(this);
  }
}
