"""Verification of SES domain identities from the records in the emulator's Route53, which moto 5.2.1 never does.

Emulated, from the SES developer guide and the SESv2 API reference:
- Easy DKIM ("Easy DKIM in Amazon SES"; "Verifying a DKIM domain identity with your DNS provider": once SES
  detects the three CNAME records the identity is verified; GetEmailIdentity DkimAttributes.Status is one of
  PENDING, SUCCESS, FAILED, TEMPORARY_FAILURE, NOT_STARTED, and VerifiedForSendingStatus tells whether the
  identity may send): an identity whose three CNAMEs <token>._domainkey.<domain> ->
  <token>.dkim.amazonses.com (ses_types.dkim_token) are all in a public hosted zone of the account reads
  DkimAttributes.Status SUCCESS, SigningEnabled true, VerifiedForSendingStatus true and VerificationStatus
  SUCCESS; otherwise PENDING, false, PENDING (moto answers NOT_STARTED and VerificationStatus SUCCESS).
- A custom MAIL FROM domain ("Using a custom MAIL FROM domain": SES looks for the MX record
  `10 feedback-smtp.<region>.amazonses.com` at the MAIL FROM domain; MailFromAttributes MailFromDomain,
  MailFromDomainStatus PENDING, SUCCESS, FAILED or TEMPORARY_FAILURE, BehaviorOnMxFailure): the domain given
  by AWS::SES::EmailIdentity MailFromAttributes (ses_types.py records it) is SUCCESS once that MX is in a
  public zone, else PENDING. moto answers no MailFromAttributes.
- Public DNS only: SES reads the domain's records from public DNS, so records in a private hosted zone are
  never found (Route53 developer guide, "Working with private hosted zones": a private zone answers only in
  the VPCs associated with it).
Not emulated: the delay (SES checks now and then, for up to 72 hours: here on every GetEmailIdentity) and
FAILED after 72 hours; delegation (every public zone of the account counts as the name's DNS, the most
specific one winning; DNS outside the emulator is never seen); BYODKIM; TEMPORARY_FAILURE;
VerificationInfo; ListEmailIdentities and SES v1 GetIdentityVerificationAttributes (moto's answers stay).
This wraps SESV2Response.get_email_identity at run time, in this process only (moto has no hook for it).
"""

import json
from typing import Any

from moto.route53.models import route53_backends
from moto.ses.models import ses_backends
from moto.sesv2.responses import SESV2Response

from route53_types import fqdn
from ses_types import dkim_token


def public_records(account_id: str, name: str, type_: str) -> list[str]:
    """The values of record set `name` `type_` in the most specific public hosted zone of the account that
    holds the name (the values as Route53 stores them), or [] when there is none."""
    name = fqdn(name).lower()
    zones = [z for z in route53_backends[account_id]["global"].zones.values()
             if not z.private_zone and (name == fqdn(z.name).lower() or name.endswith(f".{fqdn(z.name).lower()}"))]
    if not zones:
        return []
    zone = max(zones, key=lambda z: len(z.name))
    return [v for r in zone.rrsets if fqdn(r.name).lower() == name and r.type == type_ for v in r.records]


def same_host(value: str, host: str) -> bool:
    return fqdn(value.strip()).lower() == fqdn(host).lower()


def dkim_found(account_id: str, region: str, domain: str) -> bool:
    """Whether every Easy DKIM CNAME of the identity is published in public DNS."""
    for n in (1, 2, 3):
        token = dkim_token(account_id, region, domain, n)
        values = public_records(account_id, f"{token}._domainkey.{domain}", "CNAME")
        if not any(same_host(v, f"{token}.dkim.amazonses.com") for v in values):
            return False
    return True


def mail_from_found(account_id: str, region: str, mail_from_domain: str) -> bool:
    """Whether the MAIL FROM domain's MX to SES's feedback endpoint of the region is published."""
    wanted = f"feedback-smtp.{region}.amazonses.com"
    for value in public_records(account_id, mail_from_domain, "MX"):
        priority, _, host = value.strip().partition(" ")
        if priority == "10" and same_host(host, wanted):
            return True
    return False


def verified_answer(account_id: str, region: str, name: str, answer: dict[str, Any]) -> dict[str, Any]:
    """moto's GetEmailIdentity answer with the verification state the published records give."""
    identity = ses_backends[account_id][region].email_identities.get(name)
    if identity is None or answer.get("IdentityType") != "DOMAIN":
        return answer
    dkim = dkim_found(account_id, region, name)
    answer["DkimAttributes"] = {**answer.get("DkimAttributes", {}), "SigningEnabled": dkim,
                                "Status": "SUCCESS" if dkim else "PENDING"}
    answer["VerifiedForSendingStatus"] = dkim
    answer["VerificationStatus"] = "SUCCESS" if dkim else "PENDING"
    mail_from = getattr(identity, "emulator_mail_from", None)
    if mail_from:
        answer["MailFromAttributes"] = {
            "MailFromDomain": mail_from["MailFromDomain"],
            "MailFromDomainStatus": "SUCCESS" if mail_from_found(account_id, region, mail_from["MailFromDomain"]) else "PENDING",
            "BehaviorOnMxFailure": mail_from.get("BehaviorOnMxFailure", "USE_DEFAULT_VALUE"),
        }
    return answer


def install() -> None:
    original = SESV2Response.get_email_identity

    def get_email_identity(self: SESV2Response) -> str:
        answer = json.loads(original(self))
        name = self._get_param("EmailIdentity")
        return json.dumps(verified_answer(self.current_account, self.region, name, answer))

    SESV2Response.get_email_identity = get_email_identity  # type: ignore[method-assign]
