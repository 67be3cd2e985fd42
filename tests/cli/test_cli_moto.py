#!/usr/bin/env python3
"""ses-desk-cli cases / case ID against PLAIN moto_server (no emulator
extension), with moto's own signature checking on. Prints TAP.

moto checks signatures once INITIAL_NO_AUTH_ACTION_COUNT requests have gone
through unchecked: the first three create the IAM user, its policy and its
key; from then on every request must be signed by that key. moto has
CreateCase, DescribeCases and ResolveCase, but not DescribeCommunications:
`case ID` then shows the case's recentCommunications.
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

import boto3
import botocore.exceptions

CLI = os.path.join(os.environ["SD_BUILD_ROOT"], "src", "cli", "ses-desk-cli")
results = []


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_moto(port, log):
    env = dict(os.environ, INITIAL_NO_AUTH_ACTION_COUNT="3")
    moto = shutil.which("moto_server")
    if moto is None:
        raise RuntimeError("moto_server is not on PATH")
    proc = subprocess.Popen([moto, "-H", "127.0.0.1", "-p", str(port)], env=env,
                            stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            urllib.request.urlopen("http://127.0.0.1:%d/moto-api/" % port, timeout=1)
            return proc
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError("moto_server exited with %s" % proc.returncode)
            time.sleep(0.2)
    proc.terminate()
    raise RuntimeError("moto_server did not start")


def cli(env, *args):
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=120, env=env)


def write_profiles(home, endpoint, key_id, secret):
    config = os.path.join(home, "config")
    credentials = os.path.join(home, "credentials")
    with open(config, "w") as f:
        f.write("[profile moto]\nregion = us-east-1\n\n[profile wrong]\nregion = us-east-1\n")
    with open(credentials, "w") as f:
        f.write("[moto]\naws_access_key_id = %s\naws_secret_access_key = %s\n\n"
                "[wrong]\naws_access_key_id = %s\naws_secret_access_key = %s\n"
                % (key_id, secret, key_id, "not-the-secret-" + secret[:8]))
    env = dict(os.environ)
    for name in list(env):
        if name.startswith("AWS_ENDPOINT_URL") or name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                                                           "AWS_SESSION_TOKEN", "AWS_PROFILE"):
            del env[name]
    env.update(AWS_CONFIG_FILE=config, AWS_SHARED_CREDENTIALS_FILE=credentials,
               AWS_ENDPOINT_URL=endpoint, AWS_MAX_ATTEMPTS="1",
               XDG_CACHE_HOME=os.path.join(home, "cache"),
               XDG_STATE_HOME=os.path.join(home, "state"), LC_ALL="C.UTF-8")
    return env


def main(home):
    port = free_port()
    endpoint = "http://127.0.0.1:%d" % port
    with open(os.path.join(home, "moto.log"), "w") as log:
        proc = start_moto(port, log)
        try:
            run_tests(home, endpoint)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


def run_tests(home, endpoint):
    # The three unchecked requests: a user, its policy, its key.
    iam = boto3.client("iam", region_name="us-east-1", endpoint_url=endpoint,
                       aws_access_key_id="bootstrap", aws_secret_access_key="bootstrap")
    iam.create_user(UserName="sesdesk")
    iam.put_user_policy(UserName="sesdesk", PolicyName="support", PolicyDocument=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": ["support:*", "ses:*", "servicequotas:*"],
                       "Resource": "*"}]}))
    key = iam.create_access_key(UserName="sesdesk")["AccessKey"]
    key_id, secret = key["AccessKeyId"], key["SecretAccessKey"]

    # From now on moto checks every signature.
    stranger = boto3.client("support", region_name="us-east-1", endpoint_url=endpoint,
                            aws_access_key_id=key_id, aws_secret_access_key="wrong-secret")
    try:
        stranger.describe_cases()
        check("moto checks signatures (a wrong secret is refused)", False, "accepted")
    except botocore.exceptions.ClientError as e:
        check("moto checks signatures (a wrong secret is refused)", True, e)

    support = boto3.client("support", region_name="us-east-1", endpoint_url=endpoint,
                           aws_access_key_id=key_id, aws_secret_access_key=secret)
    ses_case = support.create_case(subject="SES sending limits for eu-west-1",
                                   communicationBody="Please raise our SES sending quota.",
                                   serviceCode="service-limit-increase",
                                   categoryCode="service-code-ses", severityCode="low",
                                   language="en")["caseId"]
    other_case = support.create_case(subject="Billing question",
                                     communicationBody="A question about the invoice.",
                                     serviceCode="billing", categoryCode="general",
                                     severityCode="low", language="en")["caseId"]

    env = write_profiles(home, endpoint, key_id, secret)

    run = cli(env, "cases", "--profile", "moto", "--json")
    check("cases --json against moto: exit 0", run.returncode == 0,
          "rc=%d %s" % (run.returncode, run.stderr))
    doc = json.loads(run.stdout) if run.stdout.strip() else {"cases": [], "state": None}
    ids = [c["case_id"] for c in doc["cases"]]
    check("cases --json: state ready", doc["state"] == "ready", doc.get("state"))
    check("cases --json: both cases listed", sorted(ids) == sorted([ses_case, other_case]), ids)
    check("cases --json: the SES case first", ids[:1] == [ses_case], ids)
    first = doc["cases"][0] if doc["cases"] else {}
    check("cases --json: moto's zone-less time read", bool(first.get("time_created")), first)
    check("cases --json: subject", first.get("subject") == "SES sending limits for eu-west-1", first)

    run = cli(env, "cases", "--profile", "moto")
    check("cases table against moto: exit 0 and both subjects",
          run.returncode == 0 and "SES sending limits" in run.stdout and "Billing question" in run.stdout,
          run.stdout + run.stderr)

    run = cli(env, "case", ses_case, "--profile", "moto", "--json")
    check("case ID against moto: exit 0", run.returncode == 0, "rc=%d %s" % (run.returncode, run.stderr))
    thread = json.loads(run.stdout) if run.stdout.strip() else {"communications": []}
    check("case ID: moto has no DescribeCommunications: the recent messages, marked partial",
          thread.get("partial") is True and len(thread["communications"]) == 1
          and thread["communications"][0]["body"] == "Please raise our SES sending quota.",
          thread)

    # With signature checking on, a wrong secret fails as an AWS failure.
    run = cli(env, "cases", "--profile", "wrong", "--no-links", "--json")
    check("cases with a wrong secret: exit 2", run.returncode == 2, "rc=%d %s" % (run.returncode, run.stderr))
    check("cases with a wrong secret: the error is reported", "error:" in run.stderr, run.stderr)


if __name__ == "__main__":
    home = tempfile.mkdtemp(prefix="sd-cli-moto-")
    try:
        main(home)
    except Exception as e:
        results.append(("no exception", False, repr(e)))
        try:
            with open(os.path.join(home, "moto.log")) as f:
                sys.stderr.write(f.read()[-4000:])
        except OSError:
            pass
    finally:
        shutil.rmtree(home, ignore_errors=True)
    print("1..%d" % len(results))
    for i, (name, ok, detail) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
        if not ok:
            print("# %s" % str(detail).replace("\n", "\n# "))
