"""The AWS CLI (awscli's own driver) kept running for a test, so each command costs a request, not a Python start.

Reads one JSON request per line on stdin, {"args": [...], "region": "..."}, runs the AWS CLI with those
arguments as `aws <args>` would (a new driver per command, so no state carries over), and writes one JSON
line per request on stdout: {"rc": <exit status>, "out": <stdout>, "err": <stderr>}. The endpoint and
credentials come from the environment the process was started with (test/helpers/emulator.ts). Ends at the
end of stdin.

The drivers share one botocore data loader: it only reads and caches botocore's own files (service models,
endpoints), the same for every command, and reading them again cost most of a command's 150 to 350 ms.
Each command's driver is made once the previous answer is written, while the caller reads it (40 ms); a
driver reads the region and the rest of its configuration when its command runs, not when it is made.
"""

import contextlib
import io
import json
import os
import sys

from awscli.clidriver import create_clidriver

answers = sys.stdout
driver = create_clidriver()
loader = driver.session.get_component("data_loader")
for line in sys.stdin:
    request = json.loads(line)
    os.environ["AWS_REGION"] = os.environ["AWS_DEFAULT_REGION"] = request["region"]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            rc = driver.main(request["args"])
        except SystemExit as e:  # argparse's usage errors exit
            rc = e.code if isinstance(e.code, int) else 2
    answers.write(json.dumps({"rc": rc, "out": out.getvalue(), "err": err.getvalue()}) + "\n")
    answers.flush()
    driver = create_clidriver()  # the next command's
    driver.session.register_component("data_loader", loader)
