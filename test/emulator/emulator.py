"""The AWS emulator the deploy tests and `npm run emulator -- --port <port>` use: moto 5.2.1's server with
the CloudFormation types and Route53 behaviours the example app's deploy needs, supplied through moto's own
extension points (its CloudFormationModel registry, its custom-id hook) and one runtime wrapper of a
Route53 backend method, in this process only. moto's installed files are never changed, nor the construct.

What it emulates beyond stock moto (details and sources beside each part):
- ses_types.py: AWS::SES::EmailIdentity (deterministic Easy DKIM tokens through Fn::GetAtt),
  AWS::SES::ReceiptRuleSet, AWS::SES::ReceiptRule.
- ses_verification.py: SESv2 GetEmailIdentity answers verified (DKIM and the custom MAIL FROM domain) once
  the identity's records are in a public hosted zone of the emulator, pending before.
- route53_types.py: ChangeResourceRecordSets refusing a CREATE of an existing record set ("already
  exists"); AWS::Route53::RecordSetGroup and AWS::Route53::RecordSet refusing existing records, updated in
  place and deleted with the stack; a DELETE by the record set's values; chosen hosted zone ids (by default
  example.com gets the example's Z0123456789EXAMPLE);
- custom_resources.py: custom resources of aws-cdk-lib's provider framework get their Create, Update and
  Delete requests, their handlers run in Node from the deployed package (so the rule-set activator and the
  verification waiter run during a deploy);
- cfn_lifecycle.py: stack updates in CloudFormation's order (create and update, then clean up), DeletionPolicy
  Retain on a resource removed by an update, a failed resource rolling the operation back, change sets
  looked up in their stack, ChangeSetNotFound, SSM-typed parameters on UsePreviousValue, Outputs of a stack
  made or changed by a change set, a resource without Properties left alone by an update, generated state
  machine names within 80 characters.
What it does not emulate (stock moto's behaviour stays): a Lambda function invoked otherwise than as a
provider framework custom resource never runs (no Docker); types moto's CloudFormation lacks are skipped
with a log line, not failed (in the example: AWS::S3::BucketPolicy, AWS::SES::ConfigurationSet and
ConfigurationSetEventDestination, AWS::CloudWatch::Alarm, AWS::SNS::TopicPolicy); SES verification takes
no time and never fails; no IAM enforcement; no signature checks.

Usage: python emulator.py --port 4566 [--zone-id example.com=Z0123456789EXAMPLE ...]
Listens on 127.0.0.1 only, prints `emulator ready on 127.0.0.1:<port>` once it answers HTTP, and stops on
SIGTERM or SIGINT (exit status 0), or once one of the three processes above it exits (see watch_ancestors).
"""

import argparse
import logging
import os
import signal
import sys
import threading
import urllib.request

# The extension's modules are imported from this directory; no __pycache__ is left in the source tree.
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from moto.cloudformation import parsing  # noqa: E402  (imports every moto model first)
from moto.moto_server.threaded_moto_server import ThreadedMotoServer  # noqa: E402

import cfn_lifecycle  # noqa: E402
import custom_resources  # noqa: E402
import route53_types  # noqa: E402
import ses_types  # noqa: E402
import ses_verification  # noqa: E402

HOST = "127.0.0.1"
# moto's default account; the example app's stacks use it (examples/app.ts: account 123456789012).
ACCOUNT_ID = os.environ.get("MOTO_ACCOUNT_ID", "123456789012")
DEFAULT_ZONE_IDS = {"example.com": "Z0123456789EXAMPLE"}
EXTENSION_TYPES = [
    ses_types.EmailIdentity, ses_types.ReceiptRuleSet, ses_types.ReceiptRule, route53_types.RecordSetGroup, route53_types.RecordSet,
]


def register_types() -> None:
    """Register the extension's CloudFormation types and check moto took them over its own."""
    parsing.get_model_list.cache_clear()
    parsing.get_model_map.cache_clear()
    parsing.get_name_type_map.cache_clear()
    model_map = parsing.get_model_map()
    for model in EXTENSION_TYPES:
        # The registry maps a type to the last subclass defined for it: ours come after moto's.
        if model_map.get(model.cloudformation_type()) is not model:
            raise SystemExit(f"emulator: moto did not register {model.cloudformation_type()} from the extension")


def zone_ids(pairs: list[str]) -> dict[str, str]:
    result = dict(DEFAULT_ZONE_IDS)
    for pair in pairs:
        name, sep, zone_id = pair.partition("=")
        if not sep or not name or not zone_id:
            raise SystemExit(f"emulator: --zone-id wants NAME=ID, got {pair!r}")
        result[name] = zone_id
    return result


def wait_until_answering(port: int) -> None:
    url = f"http://{HOST}:{port}/moto-api/"
    for _ in range(200):
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            threading.Event().wait(0.05)
    raise SystemExit(f"emulator: no answer on {HOST}:{port}")


def ancestors(levels: int = 3) -> list[int]:
    """This process's parent, grandparent ... (Linux /proc), up to `levels`, never init."""
    chain, pid = [], os.getpid()
    for _ in range(levels):
        try:
            with open(f"/proc/{pid}/stat") as stat:
                pid = int(stat.read().rpartition(")")[2].split()[1])
        except (OSError, ValueError, IndexError):
            break
        if pid <= 1:
            break
        chain.append(pid)
    return chain


def watch_ancestors(stop: threading.Event) -> None:
    """Stop once a process that started this one exits. `npm run emulator` is npm -> sh -> projen (node) ->
    this; npm forwards SIGTERM to sh only, which dies without passing it on: without this watch the emulator
    would outlive the npm process it was started by."""
    chain = ancestors()
    while not stop.wait(0.5):
        for pid in chain:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                stop.set()
            except PermissionError:
                pass


def main() -> None:
    parser = argparse.ArgumentParser(description="moto with the cdk-verified-mail-domain emulator extension")
    parser.add_argument("--port", type=int, required=True, help="loopback port to listen on")
    parser.add_argument("--zone-id", action="append", default=[], metavar="NAME=ID",
                        help="CreateHostedZone NAME returns ID (default example.com=Z0123456789EXAMPLE)")
    args = parser.parse_args()

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    register_types()
    route53_types.install_change_batch_check()
    cfn_lifecycle.install()
    custom_resources.ENDPOINT = f"http://{HOST}:{args.port}"
    custom_resources.install()
    ses_verification.install()
    for name, zone_id in zone_ids(args.zone_id).items():
        route53_types.assign_zone_id(ACCOUNT_ID, name, zone_id)

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    threading.Thread(target=watch_ancestors, args=(stop,), daemon=True).start()

    server = ThreadedMotoServer(ip_address=HOST, port=args.port, verbose=False)
    # start() waits without a timeout for a server that may never bind (port taken): start it aside and
    # give up after wait_until_answering's ten seconds instead.
    threading.Thread(target=server.start, daemon=True).start()
    wait_until_answering(args.port)
    print(f"emulator ready on {HOST}:{args.port}", flush=True)
    stop.wait()
    print("emulator stopped", flush=True)
    sys.stderr.flush()
    # Nothing is left to write or to close but the socket, which closes with the process. So no
    # server.stop(), which waits out its loop's half-second poll, and no interpreter teardown of moto's
    # many modules (0.6 s more): each deploy test file would wait for both.
    os._exit(0)


if __name__ == "__main__":
    main()
