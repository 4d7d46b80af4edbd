"""CloudFormation stack operations as AWS documents them, where moto 5.2.1 does otherwise.

Emulated, each from AWS's documentation:
- The order of an update (CloudFormation user guide, "Update behaviors of stack resources" and "Stack
  status codes": UPDATE_IN_PROGRESS creates the new resources and updates the changed ones, then
  UPDATE_COMPLETE_CLEANUP_IN_PROGRESS deletes the old ones). moto deletes the removed resources first.
- DeletionPolicy Retain on a resource removed from the template (user guide, "DeletionPolicy attribute":
  "CloudFormation keeps the resource without deleting the resource or its contents when its stack is
  deleted", and the attribute applies "when a resource is removed from the template during a stack
  update"): the resource leaves the stack and stays. moto deletes it. (On a stack delete moto already
  keeps it.)
- A failed resource rolls the operation back (user guide, "Stack status codes"; "Choose how to handle
  failures when provisioning resources": by default the stack rolls back). A change set that fails to
  create a stack ends in ROLLBACK_COMPLETE with the resources it made deleted; one that fails an update ends
  in UPDATE_ROLLBACK_COMPLETE with the resources it added deleted and the ones it changed restored, the
  template unchanged. The failed resource gets a CREATE_FAILED or UPDATE_FAILED event with the error as its
  status reason, as `cdk deploy` prints it. moto lets the error fail the ExecuteChangeSet call and leaves
  the stack IN_PROGRESS, which the CDK CLI then waits on.
- A stack's Outputs are those of its template once a change set has created or updated it (user guide,
  "Outputs": "the values that are returned whenever you view your stack's properties", DescribeStacks
  Outputs). moto evaluates them only for CreateStack and UpdateStack, so `cdk deploy --outputs-file`
  wrote `{}`.
- A change set belongs to its stack (API reference, DescribeChangeSet, DeleteChangeSet, ExecuteChangeSet:
  ChangeSetName is "the name or Amazon Resource Name (ARN)"; with a name, StackName is required and names
  "the stack that's associated with the change set"). moto looks a name up among every stack's change sets,
  the deleted stacks' too, so the CDK CLI's `cdk-deploy-change-set` of one stack answers for another's.
- DescribeChangeSet of a change set that does not exist (or no longer: the CDK CLI deletes its old change set
  and waits until it is gone) fails with ChangeSetNotFound, HTTP 404 (CloudFormation API reference,
  DescribeChangeSet, Errors: "ChangeSetNotFound: The specified change set name or ID doesn't exit"; the
  error's wire code and status as the SDK's model has them). moto answers ValidationError "Stack with id
  <change set> does not exist", which fails every second `cdk deploy` of a stack. The message is ours.
- Generated names within the type's limit (CloudFormation resource reference, each type's name property: a
  state machine's StateMachineName is at most 80 characters, and CloudFormation's generated name fits): moto
  appends a suffix to the stack name and the logical id whatever their length, and Step Functions then
  refuses the name of a state machine of a stack with a long name (the example's waiter).
- UsePreviousValue of a parameter of an AWS::SSM::Parameter::Value type (the CDK's BootstrapVersion) in an
  update's change set (API reference, Parameter: UsePreviousValue "use the existing parameter value that the
  stack is using"; user guide, "Specify existing resources at runtime with CloudFormation-supplied parameter
  types": for these types the parameter's value is the Systems Manager parameter's name, and DescribeStacks
  shows what it resolved to apart, as ResolvedValue). moto reuses the resolved value and then looks it up
  in Systems Manager as a name, which fails every update a `cdk deploy` makes (an internal error).
Not emulated: rollback triggers, --disable-rollback, UPDATE_ROLLBACK_FAILED (a rollback that fails itself),
replacement (a change to a property that needs replacement is an update in place, as moto does it), stack
policies, and failures in the cleanup phase. Both changes wrap moto's methods at run time, in this process
only (moto has no hook for them), never moto's files.
"""

import json
from typing import Any

from moto.cloudformation.exceptions import CloudFormationError, ValidationError
from moto.cloudformation.models import CloudFormationBackend, Event
from moto.cloudformation.responses import CloudFormationResponse
from moto.cloudformation import parsing
from moto.cloudformation.parsing import ResourceMap, parse_and_update_resource


class ResourceFailed(Exception):
    """A resource of a stack operation failed: its logical id, type and the error."""

    def __init__(self, logical_id: str, resource_type: str, error: Exception):
        super().__init__(f"{logical_id}: {error}")
        self.logical_id = logical_id
        self.resource_type = resource_type
        self.error = error


def _made(value: Any) -> bool:
    """A created resource (not a parameter value, a pseudo parameter or a resource not yet made)."""
    return value is not None and not isinstance(value, (str, list, dict)) and not callable(value)


def _update(self: ResourceMap, template: dict[str, Any], parameters: dict[str, Any] | None = None) -> None:
    # A resource without Properties is one with none (moto adds an empty Properties to the old template's
    # resources as it parses them, and would see every such resource as modified, and drop it).
    for resource in template.get("Resources", {}).values():
        resource.setdefault("Properties", {})
    diff = self.build_resource_diff(template, parameters)
    old_template, old_resources = self._template, self._resource_json_map
    old_parameters = getattr(self, "input_parameters", None)
    before = dict(self._parsed_resources)

    self._template = template
    if parameters:
        self.input_parameters = parameters
    self.load_mapping()
    self.load_parameters()
    self.load_conditions()
    self._resource_json_map = template["Resources"]

    current, modified = "", []
    try:
        for name in diff["Add"]:
            current = name
            _ = self[name]  # moto's lazy map creates the resource (and what it refers to) on first read
        for name in diff["Modify"]:
            current = name
            # The failed one is restored too: its update may have changed part of it (a custom resource gets
            # an Update back to its old properties, a record-set group its old records).
            modified.append(name)
            self._parsed_resources[name] = parse_and_update_resource(
                name, self._resource_json_map[name], self, account_id=self._account_id, region_name=self._region_name)
    except Exception as error:  # noqa: BLE001 (any resource error fails the operation, as in CloudFormation)
        resource_type = self._resource_json_map.get(current, {}).get("Type", "")
        _roll_back(self, diff, before, modified, old_template, old_resources, old_parameters)
        raise ResourceFailed(current, resource_type, error) from error

    # The cleanup phase: the resources removed from the template go, except those with DeletionPolicy Retain.
    for name in diff["Remove"]:
        resource = self._parsed_resources.pop(name, None)
        if old_resources[name].get("DeletionPolicy") == "Retain" or not _made(resource):
            continue
        self._delete_resource(resource, old_resources[name])


def _roll_back(self: ResourceMap, diff: dict[str, list[str]], before: dict[str, Any], modified: list[str],
               old_template: dict[str, Any], old_resources: dict[str, Any], old_parameters: Any) -> None:
    """Delete what the operation created, restore what it changed, and put the old template back."""
    for name in [n for n in self._parsed_resources if n not in before]:
        resource = self._parsed_resources.pop(name)
        if _made(resource) and name in self._resource_json_map:
            self._delete_resource(resource, self._resource_json_map[name])
    self._template, self._resource_json_map = old_template, old_resources
    if old_parameters is not None:
        self.input_parameters = old_parameters
    self.load_mapping()
    self.load_parameters()
    self.load_conditions()
    for name in reversed(modified):
        self._parsed_resources[name] = parse_and_update_resource(
            name, old_resources[name], self, account_id=self._account_id, region_name=self._region_name)


def _event(stack: Any, logical_id: str, physical_id: str, resource_type: str, status: str, reason: str | None = None) -> None:
    stack.events.append(Event(
        stack_id=stack.stack_id, stack_name=stack.name, logical_resource_id=logical_id, physical_resource_id=physical_id,
        resource_type=resource_type, resource_status=status, resource_status_reason=reason, resource_properties=None,
    ))


_original_execute_change_set = CloudFormationBackend.execute_change_set


def _execute_change_set(self: CloudFormationBackend, change_set_name: str, stack_name: str | None = None) -> None:
    try:
        _original_execute_change_set(self, change_set_name, stack_name)
        change_set = _original_describe_change_set(self, change_set_name)  # moto's own lookup, by ARN or name
        stack = self.stacks[change_set.stack_id]
        stack._parse_template()  # the template the change set applied, whose Outputs the stack now has
        stack.output_map = stack._create_output_map()
        for key in stack.output_map:  # evaluated now, as CloudFormation does, not when first read (maybe after a delete)
            _ = stack.output_map[key]
    except ResourceFailed as failed:
        change_set = _original_describe_change_set(self, change_set_name)  # moto's own lookup, by ARN or name
        stack = self.stacks[change_set.stack_id]
        creating = change_set.change_set_type == "CREATE"
        verb = "create" if creating else "update"
        _event(stack, failed.logical_id, "", failed.resource_type, "CREATE_FAILED" if creating else "UPDATE_FAILED", str(failed.error))
        prefix = "ROLLBACK" if creating else "UPDATE_ROLLBACK"
        stack._add_stack_event(f"{prefix}_IN_PROGRESS", resource_status_reason=f"The following resource(s) failed to {verb}: [{failed.logical_id}]. ")
        stack._add_stack_event(f"{prefix}_COMPLETE")
        stack.status = f"{prefix}_COMPLETE"
        change_set.execution_status = "EXECUTE_FAILED"


class ChangeSetNotFound(CloudFormationError):
    code = "ChangeSetNotFoundException"  # the model's shape; moto's serializer sends its query code and status


_original_describe_change_set = CloudFormationBackend.describe_change_set


def _describe_change_set(self: CloudFormationBackend, change_set_name: str) -> Any:
    try:
        return _original_describe_change_set(self, change_set_name)
    except ValidationError as error:
        raise ChangeSetNotFound(f"ChangeSet [{change_set_name}] does not exist") from error


def _stack_scoped(handler: Any) -> Any:
    """A change-set request by name and stack, sent on as the ARN of that stack's change set of that name."""
    def scoped(self: CloudFormationResponse) -> Any:
        name, stack_name = self._get_param("ChangeSetName"), self._get_param("StackName")
        if name and stack_name and not str(name).startswith("arn:"):
            backend = self.cloudformation_backend
            arns = [arn for arn, c in backend.change_sets.items()
                    if c.change_set_name == name and stack_name in (c.stack_name, c.stack_id) and c.stack_id in backend.stacks
                    and backend.stacks[c.stack_id].status != "DELETE_COMPLETE"]
            if not arns:
                raise ChangeSetNotFound(f"ChangeSet [{name}] does not exist")
            get_param = self._get_param
            self._get_param = lambda key, if_none=None: arns[-1] if key == "ChangeSetName" else get_param(key, if_none)  # type: ignore[method-assign]
        return handler(self)
    return scoped


_original_create_change_set = CloudFormationBackend.create_change_set


def _create_change_set(self: CloudFormationBackend, stack_name: str, change_set_name: str, template: str,
                       parameters: dict[str, str], *args: Any, **kwargs: Any) -> Any:
    stack = next((s for s in self.stacks.values() if s.name == stack_name and s.status != "DELETE_COMPLETE"), None)
    try:
        slots = json.loads(template).get("Parameters", {})
    except ValueError:
        slots = {}  # a YAML template: left to moto
    if stack is not None and stack.status != "REVIEW_IN_PROGRESS":
        previous = stack.resource_map.input_parameters
        for key, value in list(parameters.items()):
            ssm = str(slots.get(key, {}).get("Type", "")).startswith("AWS::SSM::Parameter::")
            # moto's answer to UsePreviousValue is the resolved value: put the name it was resolved from back.
            if ssm and value == stack.stack_parameters.get(key) and value != previous.get(key):
                parameters = {**parameters, key: previous.get(key, slots[key].get("Default"))}
    return _original_create_change_set(self, stack_name, change_set_name, template, parameters, *args, **kwargs)


def generated_name(resource_name: str, limit: int = 64) -> str:
    """A name CloudFormation generates when the template gives none, kept within the type's length limit.

    CloudFormation's generated names fit the resource's own rules (resource reference: SES CreateReceiptRuleSet
    RuleSetName and ReceiptRule Name at most 64 characters, letters, digits, underscores, periods and dashes,
    starting and ending with a letter or digit; AWS::StepFunctions::StateMachine StateMachineName at most 80).
    moto's generated names are <stack>-<logical id>-<suffix> of any length; the stack and logical id part is
    shortened to fit.
    """
    if len(resource_name) <= limit:
        return resource_name
    head, _, suffix = resource_name.rpartition("-")
    return f"{head[: limit - len(suffix) - 1].rstrip('-_.')}-{suffix}"


#: Generated-name limits moto does not apply, by type (the resource reference's name property constraints).
NAME_LIMITS = {"AWS::StepFunctions::StateMachine": 80}
_generate_resource_name = parsing.generate_resource_name


def _generate_name(resource_type: str, stack_name: str, logical_id: str) -> str:
    name = _generate_resource_name(resource_type, stack_name, logical_id)
    return generated_name(name, NAME_LIMITS[resource_type]) if resource_type in NAME_LIMITS else name


def install() -> None:
    """Make stack updates and change sets follow CloudFormation's order, DeletionPolicy and rollback (see above)."""
    ResourceMap.update = _update  # type: ignore[method-assign]
    parsing.generate_resource_name = _generate_name
    CloudFormationBackend.execute_change_set = _execute_change_set  # type: ignore[method-assign]
    CloudFormationBackend.describe_change_set = _describe_change_set  # type: ignore[method-assign]
    CloudFormationBackend.create_change_set = _create_change_set  # type: ignore[method-assign]
    for name in ("describe_change_set", "delete_change_set", "execute_change_set"):
        setattr(CloudFormationResponse, name, _stack_scoped(getattr(CloudFormationResponse, name)))
