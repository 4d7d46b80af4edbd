import { CfnResource, Lazy, Stack, Token } from 'aws-cdk-lib';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct, IConstruct } from 'constructs';
import { SES_TENANT_NAME_MAX } from '../limits';
import { checkKind, checkKnownKeys, checkOneOf, checkOptions, checkSesName, enumValues, knownKeys } from '../validation';
import { configurationSetArn } from './configuration-set';
import { onceDisagreements, requestOnce } from './once';

// SES tenants (AWS::SES::Tenant): a tenant groups identities, configuration sets and templates, and
// SES keeps its reputation and enforces its reputation policy per tenant, so that one customer's
// bounces pause that tenant instead of the whole account (SES developer guide, "Tenants"). A send
// names the tenant (SESv2 SendEmail `TenantName`) and succeeds only if every resource it uses is
// associated with that tenant (SES API reference, SendEmail). The tenant's own `ResourceAssociations`
// list is the one CloudFormation way to associate them: aws-cdk-lib has no separate association
// resource (the newest line, 2.276, has CfnTenant and no other tenant type).
//
// The resource is written as a plain CfnResource of type AWS::SES::Tenant, the same template on the
// peer floor (aws-cdk-lib 2.93, which has no CfnTenant) and the newest line.

/**
 * SES's managed reputation policies of a tenant (CloudFormation: `ReputationEntity.Policy`). A policy
 * decides how the tenant responds to its reputation findings, such as pausing its sending automatically
 * (SES API reference, UpdateReputationEntityPolicy).
 */
export enum TenantReputationPolicy {
  /** SES's standard policy: SES acts on the tenant's reputation findings, pausing its sending when they call for it. */
  STANDARD = 'standard',
  /** SES's strict policy: like standard, with a stricter response to the tenant's findings. */
  STRICT = 'strict',
  /** No policy acts on the tenant's findings: watching the tenant, and pausing it, is yours. */
  NONE = 'none',
}

/** Options of `SendingTenant.named`. */
export interface SendingTenantOptions {
  /**
   * The tenant's reputation policy: what SES does when the tenant's reputation findings build up.
   * @default TenantReputationPolicy.STANDARD
   */
  readonly reputationPolicy?: TenantReputationPolicy;
}

/** The props of SendingTenantOptions, for checkKnownKeys. */
const TENANT_OPTION_KEYS = knownKeys<SendingTenantOptions>({ reputationPolicy: true });

const KIND = 'tenant';

/**
 * The SES tenant a guarded domain sends for: the tenant is made once per account, region and name,
 * and the domain's identity and configuration set are associated with it. Send with `TenantName` set
 * to `tenantName`, or SES does not count the mail against the tenant.
 */
export abstract class SendingTenant {
  /**
   * The tenant called `tenantName` (1-64 letters, digits, `_` and `-`; renaming a tenant replaces it).
   * Every domain of one account and region that names it joins the same tenant.
   */
  public static named(tenantName: string, options: SendingTenantOptions = {}): SendingTenant {
    checkKind('SendingTenant.named tenantName', tenantName, typeof tenantName === 'string', 'a string such as \'customer-1\'');
    checkSesName('SendingTenant.named tenantName', tenantName, SES_TENANT_NAME_MAX, 'SES tenant names');
    checkOptions('SendingTenant.named', options, '{ reputationPolicy: TenantReputationPolicy.STRICT }');
    checkKnownKeys('SendingTenant.named', options, TENANT_OPTION_KEYS);
    checkOneOf('SendingTenant.named reputationPolicy', options.reputationPolicy, enumValues('TenantReputationPolicy', TenantReputationPolicy));
    return new Tenant(tenantName, options.reputationPolicy ?? TenantReputationPolicy.STANDARD);
  }

  /** The tenant's name, for `TenantName` when sending. */
  public abstract readonly tenantName: string;
  /** The tenant's reputation policy. */
  public abstract readonly reputationPolicy: TenantReputationPolicy;
}

class Tenant extends SendingTenant {
  constructor(public readonly tenantName: string, public readonly reputationPolicy: TenantReputationPolicy) {
    super();
  }
}

/** The tenant resource, with the resources associated with it (each once). */
class TenantResource extends CfnResource {
  private readonly arns = new Map<string, string>();

  constructor(scope: Construct, id: string, tenant: SendingTenant) {
    super(scope, id, { type: 'AWS::SES::Tenant' });
    const stack = Stack.of(this);
    this.addPropertyOverride('TenantName', tenant.tenantName);
    this.addPropertyOverride('ResourceAssociations', Lazy.any({ produce: () => [...this.arns.values()].map((arn) => ({ ResourceArn: arn })) }));
    // CloudFormation reference, AWS::SES::Tenant ReputationPolicy: ReputationEntityPolicy matches
    // ^arn:[a-z0-9-]+:ses:[a-z0-9-]+:aws:reputation-policy/(none|standard|strict)$ (SES-managed policies).
    this.addPropertyOverride('ReputationEntity.Policy.ReputationEntityPolicy',
      stack.formatArn({ service: 'ses', account: 'aws', resource: 'reputation-policy', resourceName: tenant.reputationPolicy }));
  }

  /**
   * Associates the resource with the ARN `arn` with the tenant, once however often it is asked: keyed by
   * the ARN as it resolves (a Map keeps the first position of a key set again).
   */
  public associate(arn: string): void {
    this.arns.set(JSON.stringify(Stack.of(this).resolve(arn)), arn);
  }
}

/** The id of the stack's tenants' scope, at the top of the stack (their logical ids never depend on which domain made them). */
export const TENANTS_ID = 'VerifiedMailDomainTenants';

/**
 * Where the tenant lives: under the stack's tenants' scope with its name as id (two names never share a
 * logical id, 'a-b' and 'ab' included, since a nested id gets a hash of its path); a name known only
 * at deploy time cannot be an id, so that tenant lives under its first domain.
 */
function tenantScope(domain: Construct, name: string): { scope: Construct; id: string } {
  if (Token.isUnresolved(name)) return { scope: domain, id: 'SesTenant' };
  const stack = Stack.of(domain);
  const scope = stack.node.tryFindChild(TENANTS_ID) as Construct | undefined ?? new Construct(stack, TENANTS_ID);
  return { scope, id: name };
}

/**
 * Joins `domain` to its tenant, made by the first domain of the environment that names it: the
 * domain's configuration set is associated now, its identity by the function returned, once the
 * identity exists. The tenant lists its resources itself, so every domain of one tenant must be in the
 * stack that holds it (a reference to another stack's identity would tie the stacks together).
 */
export function joinTenant(domain: Construct, tenant: SendingTenant, set: ses.IConfigurationSet): (identityArn: string) => void {
  checkKind('deliverability tenant', tenant, tenant instanceof SendingTenant, 'SendingTenant.named(...)');
  const owner = domain.node.path;
  const { construct, made } = requestOnce(domain, { kind: KIND, name: tenant.tenantName, owner, settings: `reputation policy ${tenant.reputationPolicy}` }, () => {
    const { scope, id } = tenantScope(domain, tenant.tenantName);
    return new TenantResource(scope, id, tenant);
  });
  const [theirs, ours] = [Stack.of(construct), Stack.of(domain)];
  if (theirs !== ours) {
    throw new Error(`The SES tenant '${tenant.tenantName}' of ${made.env.label} is made in stack ${theirs.node.path} for ${made.owner}, but ${owner} is in stack `
      + `${ours.node.path}: the tenant lists its identities and configuration sets itself, in one stack. Put the tenant's domains in one stack, or give this domain another tenant`);
  }
  const resource = construct as TenantResource;
  resource.associate(configurationSetArn(set));
  return (identityArn) => resource.associate(identityArn);
}

/** The app-wide check of the tenants: every domain of a tenant asks for the reputation policy it was made with. */
export function tenantAppErrors(scope: IConstruct): Array<{ subject: IConstruct; message: string }> {
  return onceDisagreements(scope, KIND).map(({ made, asked }) => ({
    subject: asked.subject,
    message: `The SES tenant '${asked.name}' of ${asked.env.label} exists once, made for ${made.owner} (${made.settings}), but ${asked.owner} asks for `
      + `${asked.settings}. Give every domain of the tenant the same reputationPolicy`,
  }));
}
