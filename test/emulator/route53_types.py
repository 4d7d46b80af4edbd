"""Route53 behaviours moto 5.2.1 lacks: "already exists", record-set groups deleted with their stack, zone ids.

Emulated, each from AWS's documentation:
- ChangeResourceRecordSets CREATE of a record set that exists (same name, type and set identifier) fails
  with InvalidChangeBatch "Tried to create resource record set [name='<name>', type='<type>'] but it
  already exists" and changes nothing (Route53 API reference, ChangeResourceRecordSets: "CREATE: Creates a
  resource record set that has the specified values"; change batches are transactional: "Route 53 validates
  the changes in the request and then either makes all or none of the changes"; error InvalidChangeBatch,
  which AWS writes in brackets, "[Tried to create ...]", moto without). moto has the
  error but raises it only when its change journal already holds the same CREATE. This wraps
  Route53Backend.change_resource_record_sets (moto offers no hook for it): a runtime patch of moto's backend
  class, in this process only, never of moto's files.
- ChangeResourceRecordSets DELETE of a record set, whoever made it (Route53 API reference,
  ChangeResourceRecordSets: "DELETE: Deletes an existing resource record set that has the specified values",
  and "To delete a resource record set, you must specify all the same values that you specified when you
  created it"): the name, type, TTL and values must match the record set the zone holds, else
  InvalidChangeBatch "Tried to delete resource record set [name='<name>', type='<type>'] but it was not found"
  or "... but the values provided do not match the current values". moto accepts a DELETE only of a record
  set its own change journal created, so it refuses to delete what a stack made.
- AWS::Route53::RecordSetGroup (CloudFormation resource reference, aws-resource-route53-recordsetgroup):
  creating it creates each record set with the same "already exists" refusal, all or none; deleting the
  stack (or removing the resource) deletes its record sets, and an update replaces the group's record
  sets with the new ones. moto's own model keeps the records after a stack delete. Its Ref here is the
  name moto generates for the resource (not checked against AWS; the example does not use it).
- AWS::Route53::RecordSet (CloudFormation resource reference, aws-resource-route53-recordset, which
  CloudFormation creates with ChangeResourceRecordSets CREATE): created with the same "already exists"
  refusal; an update changes the record set in place (moto deletes by name, every type of that name);
  a delete removes that name and type only.
- Hosted zone ids: moto's custom-id hook (moto/utilities/id_generator.py, moto_id_manager.set_custom_id with
  moto's HostedZoneIdentifier) so that CreateHostedZone for a given name returns a chosen id.
A refused record set fails its resource, which cfn_lifecycle.py turns into CloudFormation's rollback.
Not emulated: alias, weighted, latency, geolocation and failover record sets in groups (only the
properties the example uses: Name, Type, TTL, ResourceRecords), HostedZoneName lookups of private zones,
Route53's per-record value checks (moto's own apply), change propagation (changes are INSYNC at once).
"""

from typing import Any

from moto.core.common_models import CloudFormationModel
from moto.route53.exceptions import ResourceRecordAlreadyExists, Route53ClientError
from moto.route53.models import FakeZone, HostedZoneIdentifier, RecordSet as MotoRecordSet, Route53Backend, route53_backends
from moto.utilities.id_generator import moto_id_manager
from moto.utilities.utils import get_partition


def fqdn(name: str) -> str:
    """Route53 treats www.example.com and www.example.com. as the same name and returns the latter
    (Route53 API reference, ResourceRecordSet Name)."""
    return name if name.endswith(".") else f"{name}."


def refuse_existing(zone: FakeZone, record_sets: list[dict[str, Any]]) -> None:
    """Raise InvalidChangeBatch for the first record set to CREATE that the zone already has."""
    for record_set in record_sets:
        name, type_ = fqdn(record_set["Name"]).lower(), record_set["Type"]
        for existing in zone.rrsets:
            if (
                fqdn(existing.name).lower() == name
                and existing.type == type_
                and existing.set_identifier == record_set.get("SetIdentifier")
            ):
                raise ResourceRecordAlreadyExists(name=fqdn(record_set["Name"]), _type=type_)


class RecordSetNotDeleted(Route53ClientError):
    def __init__(self, name: str, type_: str, why: str):
        super().__init__("InvalidChangeBatch", f"Tried to delete resource record set [name='{name}', type='{type_}'] but {why}")


def _matching(zone: FakeZone, record_set: dict[str, Any]) -> Any:
    """The zone's record set that a DELETE names, checked value for value (see the module's docstring)."""
    name, type_ = fqdn(record_set["Name"]), record_set["Type"]
    found = [r for r in zone.rrsets if fqdn(r.name).lower() == name.lower() and r.type == type_
             and r.set_identifier == record_set.get("SetIdentifier")]
    if not found:
        raise RecordSetNotDeleted(name, type_, "it was not found")
    values = sorted(v["Value"] for v in record_set.get("ResourceRecords", []))
    if str(found[0].ttl) != str(record_set.get("TTL")) or sorted(found[0].records) != values:
        raise RecordSetNotDeleted(name, type_, "the values provided do not match the current values")
    return found[0]


_original_change_resource_record_sets = Route53Backend.change_resource_record_sets


def _change_resource_record_sets(self: Route53Backend, zoneid: str, change_list: list[dict[str, Any]]) -> None:
    zone = self.get_hosted_zone(zoneid)
    creates = [change["ResourceRecordSet"] for change in change_list if change["Action"] == "CREATE"]
    refuse_existing(zone, creates)
    # Every change is checked before any is made (the batch is all or none).
    deletes = [_matching(zone, change["ResourceRecordSet"]) for change in change_list if change["Action"] == "DELETE"]
    others = [change for change in change_list if change["Action"] != "DELETE"]
    if others:
        _original_change_resource_record_sets(self, zoneid, others)
    zone.rrsets = [r for r in zone.rrsets if all(r is not d for d in deletes)]


def install_change_batch_check() -> None:
    """Make ChangeResourceRecordSets refuse a CREATE of an existing record set (see the module's docstring)."""
    Route53Backend.change_resource_record_sets = _change_resource_record_sets  # type: ignore[method-assign]


def assign_zone_id(account_id: str, zone_name: str, zone_id: str) -> None:
    """CreateHostedZone with this name (in the default delegation set) returns this id."""
    # moto's CreateHostedZone appends the trailing dot before building the identifier.
    moto_id_manager.set_custom_id(HostedZoneIdentifier(account_id, fqdn(zone_name), None), zone_id)


def _zone(account_id: str, region_name: str, properties: dict[str, Any]) -> FakeZone:
    backend = route53_backends[account_id][get_partition(region_name)]
    zone_name = properties.get("HostedZoneName")
    zone = backend.get_hosted_zone_by_name(zone_name) if zone_name else None
    return zone or backend.get_hosted_zone(properties["HostedZoneId"])


def _record_set(record_set: dict[str, Any]) -> dict[str, Any]:
    # Name as Route53 returns it, with the trailing dot.
    return {**record_set, "Name": fqdn(record_set["Name"])}


class RecordSetGroup(CloudFormationModel):
    """AWS::Route53::RecordSetGroup whose record sets are refused when they exist and deleted with it."""

    # moto's model metaclass files each model under the service named by the second part of its module.
    __module__ = "emulator_extension.route53"

    def __init__(self, name: str, zone: FakeZone, record_sets: list[dict[str, Any]]):
        self.name = name
        self.zone = zone
        self.record_sets = record_sets

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::Route53::RecordSetGroup"

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return False  # no Fn::GetAtt attributes (the resource reference lists none)

    @property
    def physical_resource_id(self) -> str:
        return self.name

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
    ) -> "RecordSetGroup":
        properties = cloudformation_json["Properties"]
        zone = _zone(account_id, region_name, properties)
        record_sets = [_record_set(r) for r in properties.get("RecordSets", [])]
        refuse_existing(zone, record_sets)
        for record_set in record_sets:
            zone.add_rrset(record_set)
        return cls(resource_name, zone, record_sets)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls, original_resource: Any, new_resource_name: str, cloudformation_json: Any, account_id: str, region_name: str
    ) -> "RecordSetGroup":
        original_resource.delete(account_id, region_name)
        return cls.create_from_cloudformation_json(original_resource.name, cloudformation_json, account_id, region_name)

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str
    ) -> None:
        zone = _zone(account_id, region_name, cloudformation_json["Properties"])
        for record_set in cloudformation_json["Properties"].get("RecordSets", []):
            zone.delete_rrset({"Name": fqdn(record_set["Name"]), "Type": record_set["Type"]})

    def delete(self, account_id: str, region: str) -> None:
        for record_set in self.record_sets:
            self.zone.delete_rrset({"Name": record_set["Name"], "Type": record_set["Type"]})

    def is_created(self) -> bool:
        return True


class RecordSet(MotoRecordSet, CloudFormationModel):  # CloudFormationModel named so that moto registers it
    """AWS::Route53::RecordSet created with Route53's "already exists" refusal and updated in place."""

    # moto's model metaclass files each model under the service named by the second part of its module.
    __module__ = "emulator_extension.route53"

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
    ) -> MotoRecordSet:
        properties = _record_set(cloudformation_json["Properties"])
        zone = _zone(account_id, region_name, properties)
        refuse_existing(zone, [properties])
        return zone.add_rrset(properties)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls, original_resource: Any, new_resource_name: str, cloudformation_json: Any, account_id: str, region_name: str
    ) -> MotoRecordSet:
        original_resource.delete(account_id, region_name)
        return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
