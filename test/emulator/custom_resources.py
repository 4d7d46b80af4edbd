"""Custom resources of aws-cdk-lib's provider framework (custom_resources.Provider), their handlers run in Node.

moto creates a custom resource's Lambda function but can run it only in Docker, which these machines lack,
and sends it only the Create request, without waiting for it. Emulated instead, from AWS's documentation:
- CloudFormation sends the custom resource a Create request when it is created, an Update request when its
  properties change and a Delete request when it is deleted, and waits for the answer; a failed answer fails
  the resource with its reason (CloudFormation user guide, "Custom resources" and "Custom resource request
  objects": RequestType, RequestId, StackId, LogicalResourceId, ResourceType, ResourceProperties,
  OldResourceProperties on Update, PhysicalResourceId on Update and Delete).
- The provider framework's contract (aws-cdk-lib, custom-resources module README, "Provider Framework"):
  the user's onEvent handler gets the request and returns PhysicalResourceId (by default the RequestId on
  Create, the current id otherwise) and Data (the resource's Fn::GetAtt attributes); a thrown error fails
  the resource with its message. With an isComplete handler, it is called with the request and onEvent's
  answer until it returns IsComplete true, its Data merged in. The framework's function names the user's
  handlers in its environment (USER_ON_EVENT_FUNCTION_ARN, USER_IS_COMPLETE_FUNCTION_ARN).
- A Node.js Lambda function runs its handler export from its deployment package, with its environment
  variables, the AWS SDK for JavaScript v3 at hand (Lambda developer guide, "Building Lambda functions with
  Node.js"): here `node` from the PATH, the SDK from the project's node_modules (NODE_PATH), credentials and
  endpoint pointing at this emulator, the function's timeout as the limit.
Not emulated: the framework's own function and its waiter state machine (the contract above is applied in
their place, so the response URL is not used); isComplete's query interval and total timeout (it is asked
every second, 60 times at most); a new PhysicalResourceId on Update deleting the old resource; a custom
resource whose service token is not a provider framework function (moto's own handling stays); Lambda's
sandbox, memory limit and logs (the handler's output goes to this process's stderr, and a line per request
answered to its stdout: "custom resource <logical id> <request type>: onEvent <function>, <outcome>"); a stack deleted in
dependency order (moto deletes in any order and retries what fails, so a resource keeps its handlers from
when it was made, in case their functions go first).
"""

import io
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from typing import Any

from moto.awslambda import lambda_backends
from moto.cloudformation.custom_model import CustomModel
from moto.moto_api._internal import mock_random

#: Where the handlers' AWS SDK calls go: this emulator's endpoint (set by emulator.py once its port is known).
ENDPOINT = ""
NODE_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "node_modules")
# Runs the handler export of a module with the event; prints the answer (or the error) on a line of its own.
RUNNER = (
    "const [file, name, event] = process.argv.slice(1);"
    "Promise.resolve().then(() => require(file)[name](JSON.parse(event), {}))"
    ".then((r) => process.stdout.write('\\n@@answer ' + JSON.stringify(r === undefined ? null : r) + '\\n'),"
    " (e) => process.stdout.write('\\n@@error ' + JSON.stringify(String(e && e.message || e)) + '\\n'));"
)


class HandlerFailed(Exception):
    """A handler threw: CloudFormation fails the resource with the message."""


def invoke(fn: Any, event: dict[str, Any], region: str) -> Any:
    """Run the Node.js handler of Lambda function `fn` with `event` and return its answer."""
    module, _, export = fn.handler.rpartition(".")
    with tempfile.TemporaryDirectory(prefix="lambda-") as root:
        zipfile.ZipFile(io.BytesIO(fn.code_bytes)).extractall(root)
        env = {
            "PATH": os.environ.get("PATH", ""), "NODE_PATH": NODE_PATH, **fn.environment_vars,
            "AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test", "AWS_REGION": region,
            "AWS_DEFAULT_REGION": region, "AWS_ENDPOINT_URL": ENDPOINT, "AWS_LAMBDA_FUNCTION_NAME": fn.function_name,
        }
        done = subprocess.run(["node", "-e", RUNNER, os.path.join(root, module), export, json.dumps(event)],
                              env=env, capture_output=True, text=True, timeout=int(fn.timeout), check=False)
    sys.stderr.write(done.stdout + done.stderr)
    for line in reversed(done.stdout.splitlines()):
        kind, _, value = line.partition(" ")
        if kind == "@@answer":
            return json.loads(value)
        if kind == "@@error":
            raise HandlerFailed(json.loads(value))
    raise HandlerFailed(f"{fn.function_name} exited with {done.returncode} without an answer: {done.stderr.strip()[-500:]}")


def handlers(account_id: str, region: str, service_token: str) -> tuple[Any, Any] | None:
    """The user's onEvent and isComplete functions (isComplete may be None) that a provider framework function
    names; None when the service token is not a provider framework function."""
    backend = lambda_backends[account_id][region]
    provider = backend.get_function(service_token)
    named = [provider.environment_vars.get(v) for v in ("USER_ON_EVENT_FUNCTION_ARN", "USER_IS_COMPLETE_FUNCTION_ARN")]
    if not named[0]:
        return None
    on_event, is_complete = (backend.get_function(arn) if arn else None for arn in named)
    return on_event, is_complete


def request(functions: tuple[Any, Any], region: str, event: dict[str, Any]) -> dict[str, Any]:
    """One request through the provider framework's contract; the answer with PhysicalResourceId and Data."""
    on_event, is_complete = functions
    answer = invoke(on_event, event, region) or {}
    answer = {"PhysicalResourceId": event.get("PhysicalResourceId", event["RequestId"]), "Data": {}, **answer}
    for tries in range(1, 61 if is_complete else 0):
        done = invoke(is_complete, {**event, **answer}, region) or {}
        if done.get("IsComplete"):
            log(event, on_event, f"isComplete {is_complete.function_name} complete after {tries} {'try' if tries == 1 else 'tries'}")
            return {**answer, "Data": {**answer["Data"], **done.get("Data", {})}}
        time.sleep(1)
    if is_complete:
        raise HandlerFailed("isComplete did not answer IsComplete: true within 60 tries")
    log(event, on_event, "done")
    return answer


def log(event: dict[str, Any], on_event: Any, outcome: str) -> None:
    """One line on stdout per request answered: `custom resource <logical id> <type>: onEvent <function>, <outcome>`."""
    print(f"custom resource {event['LogicalResourceId']} {event['RequestType']}: onEvent {on_event.function_name}, {outcome}", flush=True)


class ProviderResource(CustomModel):
    """A custom resource whose requests go to its provider's handlers, and which keeps what later requests need."""

    # moto's model metaclass files each model under the service named by the second part of its module.
    __module__ = "emulator_extension.cloudformation"

    def __init__(self, region: str, functions: tuple[Any, Any], event: dict[str, Any], answer: dict[str, Any]):
        super().__init__(region, event["RequestId"], event["LogicalResourceId"], answer["PhysicalResourceId"])
        # The handlers as they were found at creation: moto deletes a stack's resources in no dependency
        # order, so the functions may be gone from the backend before this resource's Delete is sent.
        self.functions = functions
        self.event = event
        self.set_data(answer.get("Data") or {})

    def _send(self, request_type: str, extra: dict[str, Any], functions: tuple[Any, Any] | None = None) -> dict[str, Any]:
        event = {**self.event, "RequestType": request_type, "RequestId": str(mock_random.uuid4()),
                 "PhysicalResourceId": self.resource_name, **extra}
        return request(functions or self.functions, self.region_name, event)

    def delete(self, account_id: str, region: str) -> None:
        self._send("Delete", {})


def _event(request_type: str, cloudformation_json: dict[str, Any], kwargs: dict[str, Any], region: str) -> dict[str, Any]:
    properties = cloudformation_json["Properties"]
    return {
        "RequestType": request_type, "ServiceToken": properties["ServiceToken"], "RequestId": str(mock_random.uuid4()),
        "StackId": kwargs.get("StackId", ""), "LogicalResourceId": kwargs.get("LogicalId", ""),
        "ResourceType": kwargs.get("ResourceType", cloudformation_json.get("Type", "")), "ResourceProperties": properties,
        "ResponseURL": f"{ENDPOINT}/cloudformation_{region}/cfnresponse",
    }


_original_create = CustomModel.create_from_cloudformation_json.__func__  # type: ignore[attr-defined]


def _create(cls: type, resource_name: str, cloudformation_json: dict[str, Any], account_id: str, region_name: str, **kwargs: Any) -> Any:
    functions = handlers(account_id, region_name, cloudformation_json["Properties"]["ServiceToken"])
    if functions is None:
        return _original_create(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
    event = _event("Create", cloudformation_json, kwargs, region_name)
    return ProviderResource(region_name, functions, event, request(functions, region_name, event))


def _update(cls: type, original_resource: Any, new_resource_name: str, cloudformation_json: dict[str, Any],
            account_id: str, region_name: str) -> Any:
    if not isinstance(original_resource, ProviderResource):
        raise HandlerFailed("an update of a custom resource moto made is not emulated")
    properties = cloudformation_json["Properties"]
    # A rollback's Update carries, as the old properties, those of the update that failed (kept in `attempted`).
    old = getattr(original_resource, "attempted", None) or original_resource.event["ResourceProperties"]
    original_resource.attempted = properties
    functions = handlers(account_id, region_name, properties["ServiceToken"])  # the Update goes to the new service token
    if functions is None:
        raise HandlerFailed(f"{properties['ServiceToken']} is not a provider framework function (not emulated)")
    answer = original_resource._send("Update", {"ResourceProperties": properties, "ServiceToken": properties["ServiceToken"],
                                                 "OldResourceProperties": old}, functions)
    event = {**original_resource.event, "ResourceProperties": properties, "ServiceToken": properties["ServiceToken"]}
    return ProviderResource(region_name, functions, event, answer)


def install() -> None:
    """Send provider framework custom resources their requests and wait for the answers (see above)."""
    CustomModel.create_from_cloudformation_json = classmethod(_create)  # type: ignore[assignment]
    CustomModel.update_from_cloudformation_json = classmethod(_update)  # type: ignore[assignment]
