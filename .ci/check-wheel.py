"""Check the Python wheel that `npx projen package:python` built: exactly one wheel in the given
directory, holding the generated module (which must compile and define the construct) and the jsii
assembly it loads at import time."""
import glob
import sys
import zipfile

wheels = glob.glob(f"{sys.argv[1]}/cdk_verified_mail_domain-*-py3-none-any.whl")
if len(wheels) != 1:
    sys.exit(f"expected one wheel in {sys.argv[1]}, found {wheels}")
with zipfile.ZipFile(wheels[0]) as wheel:
    names = wheel.namelist()
    source = wheel.read("cdk_verified_mail_domain/__init__.py").decode("utf-8")
compile(source, "cdk_verified_mail_domain/__init__.py", "exec")
for cls in ("VerifiedMailDomain", "DkimSigning", "Spf", "Dmarc", "InboundMail"):
    if f"class {cls}(" not in source:
        sys.exit(f"the generated module lacks class {cls}")
if not any(n.startswith("cdk_verified_mail_domain/_jsii/") and n.endswith(".jsii.tgz") for n in names):
    sys.exit("the wheel lacks the jsii assembly")
print(f"{wheels[0]}: {len(names)} files, module compiles, jsii assembly present")
