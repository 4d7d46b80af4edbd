"""CloudFormation resource types for Amazon SES that moto 5.2.1 lacks, as moto CloudFormationModel classes.

moto builds its CloudFormation type registry from CloudFormationModel.__subclasses__() the first time a
template is parsed (moto/cloudformation/parsing.py, get_model_map), so defining these classes before the
server handles its first request registers them. emulator.py checks that they are registered.

Emulated, each from the CloudFormation resource reference (Return values, Properties):
- AWS::SES::EmailIdentity: creates the identity in moto's SES backend (which SESv2 GetEmailIdentity and
  ListEmailIdentities read), refusing one that exists (AlreadyExists, as SESv2 CreateEmailIdentity); Ref is the EmailIdentity property; Fn::GetAtt DkimDNSTokenName1..3 and
  DkimDNSTokenValue1..3; MailFromAttributes kept on the identity (ses_verification.py answers with them);
  deletes the identity with the stack.
- AWS::SES::ReceiptRuleSet: creates and deletes the rule set through moto's SES v1 receipt-rule backend
  (AlreadyExists, CannotDelete while active are moto's); a new RuleSetName replaces it; Ref is the name.
- AWS::SES::ReceiptRule: creates the rule in its set (After honoured), updates it in place (UpdateReceiptRule)
  or, for a new set or name, replaces it, and deletes it; Ref is the rule name.
Verification from the published records: ses_verification.py. Not emulated: DKIM key rotation and BYODKIM
(DkimSigningAttributes are ignored: moto's SESv2 answer with them cannot be read by the AWS SDK v3),
ConfigurationSetAttributes, FeedbackAttributes, Tags, an identity's updates in place (an update deletes and
re-creates it, which is what CloudFormation does for replacement, not for every property).

The Easy DKIM tokens are deterministic, so a test can know them without asking SES: for n in 1..3,
  token_n = sha256(f"{account}/{region}/{identity}/{n}").hexdigest()[:32]
  DkimDNSTokenName<n>  = f"{token_n}._domainkey.{identity}"
  DkimDNSTokenValue<n> = f"{token_n}.dkim.amazonses.com"
That is the shape the SES developer guide gives for Easy DKIM ("Easy DKIM in Amazon SES": three CNAME
records, name <token>._domainkey.<domain>, value <token>.dkim.amazonses.com); real tokens are random
32-character strings per identity and region, and these differ per account, region and identity too.
"""

import hashlib
from typing import Any

from moto.core.common_models import CloudFormationModel
from moto.ses.exceptions import AlreadyExists
from moto.ses.models import ses_backends

from cfn_lifecycle import generated_name

DKIM_TOKEN_ATTRIBUTES = {f"DkimDNSTokenName{n}" for n in (1, 2, 3)} | {f"DkimDNSTokenValue{n}" for n in (1, 2, 3)}


def dkim_token(account_id: str, region: str, identity: str, n: int) -> str:
    """The emulator's Easy DKIM token n (1..3) of an identity (see the module's docstring)."""
    return hashlib.sha256(f"{account_id}/{region}/{identity}/{n}".encode()).hexdigest()[:32]


class EmailIdentity(CloudFormationModel):
    """AWS::SES::EmailIdentity (CloudFormation resource reference, aws-resource-ses-emailidentity)."""

    # moto's model metaclass files each model under the service named by the second part of its module.
    __module__ = "emulator_extension.ses"

    def __init__(self, account_id: str, region: str, identity: str):
        self.account_id = account_id
        self.region = region
        self.identity = identity

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::SES::EmailIdentity"

    @staticmethod
    def cloudformation_name_type() -> str:
        # EmailIdentity (required): the email address or domain; it is also the Ref value (Return values).
        return "EmailIdentity"

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        # Return values, Fn::GetAtt: DkimDNSTokenName1..3, DkimDNSTokenValue1..3.
        return attr in DKIM_TOKEN_ATTRIBUTES

    def get_cfn_attribute(self, attribute_name: str) -> str:
        from moto.cloudformation.exceptions import UnformattedGetAttTemplateException

        if attribute_name not in DKIM_TOKEN_ATTRIBUTES:
            raise UnformattedGetAttTemplateException()
        n = int(attribute_name[-1])
        token = dkim_token(self.account_id, self.region, self.identity, n)
        if attribute_name.startswith("DkimDNSTokenName"):
            return f"{token}._domainkey.{self.identity}"
        return f"{token}.dkim.amazonses.com"

    @property
    def physical_resource_id(self) -> str:
        # Return values, Ref: the EmailIdentity.
        return self.identity

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
    ) -> "EmailIdentity":
        identity = cloudformation_json["Properties"]["EmailIdentity"]
        backend = ses_backends[account_id][region_name]
        if identity in backend.email_identities:
            # SES API v2 CreateEmailIdentity, Errors: "AlreadyExistsException: The resource specified in your
            # request already exists." (moto itself overwrites the identity).
            raise AlreadyExists(f"Email identity {identity} already exists")
        backend.create_email_identity_v2(
            email_identity=identity, tags=None, dkim_signing_attributes=None, configuration_set_name=None
        )
        # MailFromAttributes (optional): MailFromDomain, BehaviorOnMxFailure.
        mail_from = cloudformation_json["Properties"].get("MailFromAttributes")
        if mail_from and mail_from.get("MailFromDomain"):
            backend.email_identities[identity].emulator_mail_from = dict(mail_from)
        return cls(account_id, region_name, identity)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls, original_resource: Any, new_resource_name: str, cloudformation_json: Any, account_id: str, region_name: str
    ) -> "EmailIdentity":
        original_resource.delete(account_id, region_name)
        return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str
    ) -> None:
        ses_backends[account_id][region_name].delete_identity(resource_name)

    def delete(self, account_id: str, region: str) -> None:
        ses_backends[account_id][region].delete_identity(self.identity)

    def is_created(self) -> bool:
        return True


class ReceiptRuleSet(CloudFormationModel):
    """AWS::SES::ReceiptRuleSet (CloudFormation resource reference, aws-resource-ses-receiptruleset)."""

    # moto's model metaclass files each model under the service named by the second part of its module.
    __module__ = "emulator_extension.ses"

    def __init__(self, name: str):
        self.name = name

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::SES::ReceiptRuleSet"

    @staticmethod
    def cloudformation_name_type() -> str:
        # RuleSetName (optional): without it CloudFormation generates a unique physical id as the name.
        return "RuleSetName"

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return False  # Return values: Ref only.

    @property
    def physical_resource_id(self) -> str:
        return self.name  # Return values, Ref: the name of the receipt rule set.

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
    ) -> "ReceiptRuleSet":
        name = generated_name(resource_name)
        ses_backends[account_id][region_name].create_receipt_rule_set(name)
        return cls(name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls, original_resource: Any, new_resource_name: str, cloudformation_json: Any, account_id: str, region_name: str
    ) -> "ReceiptRuleSet":
        # RuleSetName, its one property: "Update requires: Replacement". Without it (generated) nothing changes.
        name = cloudformation_json["Properties"].get("RuleSetName")
        if name is None or name == original_resource.name:
            return original_resource
        original_resource.delete(account_id, region_name)
        return cls.create_from_cloudformation_json(name, cloudformation_json, account_id, region_name)

    def delete(self, account_id: str, region: str) -> None:
        # SES DeleteReceiptRuleSet: "The currently active rule set cannot be deleted." (moto raises CannotDelete)
        ses_backends[account_id][region].delete_receipt_rule_set(self.name)

    def is_created(self) -> bool:
        return True


class ReceiptRule(CloudFormationModel):
    """AWS::SES::ReceiptRule (CloudFormation resource reference, aws-resource-ses-receiptrule)."""

    # moto's model metaclass files each model under the service named by the second part of its module.
    __module__ = "emulator_extension.ses"

    def __init__(self, rule_set_name: str, name: str):
        self.rule_set_name = rule_set_name
        self.name = name

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::SES::ReceiptRule"

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""  # the name is Rule.Name, a nested property

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return False  # Return values: Ref only.

    @property
    def physical_resource_id(self) -> str:
        return self.name  # Return values, Ref: the name of the receipt rule.

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
    ) -> "ReceiptRule":
        # Properties: RuleSetName (required), Rule (required; without Rule.Name CloudFormation generates one),
        # After (optional: the rule to insert this one after).
        properties = cloudformation_json["Properties"]
        rule = dict(properties["Rule"])
        rule.setdefault("Name", generated_name(resource_name))
        ses_backends[account_id][region_name].create_receipt_rule(properties["RuleSetName"], rule, properties.get("After"))
        return cls(properties["RuleSetName"], rule["Name"])

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls, original_resource: Any, new_resource_name: str, cloudformation_json: Any, account_id: str, region_name: str
    ) -> "ReceiptRule":
        # Rule: "Update requires: No interruption" (SES UpdateReceiptRule, the rule keeping its name); RuleSetName
        # and After: "Update requires: Replacement".
        properties = cloudformation_json["Properties"]
        rule = {**properties["Rule"], "Name": properties["Rule"].get("Name", original_resource.name)}
        if properties["RuleSetName"] == original_resource.rule_set_name and rule["Name"] == original_resource.name:
            ses_backends[account_id][region_name].update_receipt_rule(original_resource.rule_set_name, rule)
            return original_resource
        original_resource.delete(account_id, region_name)
        return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)

    def delete(self, account_id: str, region: str) -> None:
        rule_set = ses_backends[account_id][region].receipt_rule_set.get(self.rule_set_name)
        if rule_set is not None:
            rule_set.rules = [r for r in rule_set.rules if r["Name"] != self.name]

    def is_created(self) -> bool:
        return True
