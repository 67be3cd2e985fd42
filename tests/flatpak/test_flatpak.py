#!/usr/bin/python3
"""The Flatpak as a user gets it, built and installed the way README.md says.

Flathub cannot be reached here, so build-aux/flatpak-debian-runtime makes a
runtime and SDK from this machine's Debian packages (kept between runs) and
a copy of the manifest that names them; the copy differs from the committed
manifest in "runtime", "sdk" and "runtime-version" only, which this test
checks. Then, in a copy of the checkout and a Flatpak installation of its
own (FLATPAK_USER_DIR), nothing else of the machine's touched:

 1. the runtime and SDK (built or reused) are installed;
 2. flatpak-builder builds the app from the manifest with --repo=repo,
    running its unit tests (the keyring test skips, saying why), and the
    `dir` source leaves the checkout's _build/ out;
 3. README's `flatpak remote-add` and `flatpak install` (answered "y" at
    a terminal) install the app and its .Locale from that repository;
 4. against the local AWS emulator (demo scenario), with the emulator's
    profiles in a home's ~/.aws (the only folder the app may read):
    `ses-desk-cli status --all-profiles --json` in the sandbox; the window
    under Xvfb, read through AT-SPI, shows the dashboard and its regions;
    an account added in the window is found in the host's Secret Service;
    under LANG=ja_JP.UTF-8 the window speaks Japanese;
 5. the user's AWS set-up from inside the sandbox: a credential_process
    helper that only the host has runs there (and fails, saying so, once
    the permission is taken away with `flatpak override`); a config file
    outside ~/.aws is reported with the exact `flatpak override` that shows
    it, and that command works; the SSO token cache in ~/.aws/sso/cache is
    read and a portal asked for the role's keys;
 6. `flatpak build-bundle` makes a single-file bundle, which installs and
    runs, without translations until the .Locale comes from the repository.

Each step prints how long it took. Screenshots of the window (English and
Japanese) go to $SD_SCREENSHOTS, by default <build>/flatpak-screenshots.
The runtime is kept in $SD_FLATPAK_CACHE (default
~/.cache/ses-desk/flatpak-runtime). Run under
tests/aws-emulator/with-emulator --scenario demo.
"""
import hashlib
import http.server
import json
import os
import pty
import pwd
import select
import shlex
import shutil
import subprocess
import sys
import threading
import time
import traceback

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "ui"))
import sdui  # noqa: E402

APP_ID = "io.github.sesdesk.SesDesk"
MANIFEST = "flatpak/%s.json" % APP_ID
DEBIAN_MANIFEST = "flatpak/%s.debian.json" % APP_ID
SOURCE = sdui.SOURCE_ROOT
WORK = os.path.join(sdui.BUILD_ROOT, "flatpak-test")
CHECKOUT = os.path.join(WORK, "checkout")
HOME = os.path.join(WORK, "home")
HOST_ONLY = os.path.join(WORK, "host-only")
CACHE = os.environ.get("SD_FLATPAK_CACHE") or os.path.join(
    pwd.getpwuid(os.getuid()).pw_dir, ".cache", "ses-desk", "flatpak-runtime")
# flatpak-builder's compiler cache, kept beside the runtime between runs.
CCACHE = CACHE.rstrip("/") + "-ccache"
os.environ.setdefault("SD_SCREENSHOTS", os.path.join(sdui.BUILD_ROOT, "flatpak-screenshots"))
EMULATOR = json.loads(os.environ["SD_EMULATOR_JSON"])
ACCOUNTS = {a["profile"]: a for a in EMULATOR["accounts"]}
PROFILES = sorted(list(ACCOUNTS) + [r["profile"] for r in EMULATOR.get("roles", [])])

done = set()


def need(*steps):
    for step in steps:
        if step not in done:
            raise AssertionError("cannot run: the step '%s' failed" % step)


def flatpak_env(**extra):
    """The environment of every flatpak command: this test's own installation,
    a home with the emulator's profiles in ~/.aws, and the AWS variables of a
    user who keeps the default files."""
    env = dict(os.environ, FLATPAK_USER_DIR=os.path.join(WORK, "installation"), HOME=HOME)
    # SD_FLATPAK_INFO (tests/meson.build) would tell the app it is not in a sandbox.
    for name in ("AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "LC_ALL", "LANGUAGE",
                 "SD_FLATPAK_INFO"):
        env.pop(name, None)
    env["LANG"] = "C.UTF-8"
    env.update(extra)
    return env


def sh(argv, cwd=None, env=None, check=True, timeout=600, log=None):
    """Runs @argv; returns (status, stdout, stderr). Fails with its output unless @check is off."""
    proc = subprocess.run(argv, cwd=cwd or CHECKOUT, env=env or flatpak_env(), timeout=timeout,
                          capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if log:
        with open(log, "w") as f:
            f.write(proc.stdout + proc.stderr)
    if check and proc.returncode != 0:
        raise AssertionError("%s exited with %d:\n%s%s" % (
            " ".join(argv), proc.returncode, proc.stdout[-3000:], proc.stderr[-3000:]))
    return proc.returncode, proc.stdout, proc.stderr


def at_terminal(command, answer="y\n", timeout=300):
    """Runs a README command line as a person would, at a terminal, answering
    its question; returns what it printed."""
    pid, fd = pty.fork()
    if pid == 0:
        env = flatpak_env()
        os.chdir(CHECKOUT)
        os.execvpe("sh", ["sh", "-c", command], env)
    out = b""
    answered = False
    deadline = time.time() + timeout
    while time.time() < deadline:
        ready, _, _ = select.select([fd], [], [], 1)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
        if not answered and b"[Y/n]" in out:
            os.write(fd, answer.encode())
            answered = True
    _, status = os.waitpid(pid, 0)
    text = out.decode("utf-8", "replace")
    if os.waitstatus_to_exitcode(status) != 0:
        raise AssertionError("%r failed:\n%s" % (command, text[-3000:]))
    return text


def cli(*args, env=None, check=True):
    """ses-desk-cli inside the installed app's sandbox."""
    return sh(["flatpak", "run", "--command=ses-desk-cli", APP_ID] + list(args),
              env=env or flatpak_env(), check=check, timeout=120)


def write(path, text, mode=0o600):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)
    os.chmod(path, mode)


# 1. Runtime

def copy_checkout():
    """The checkout's files as git knows them (committed, and new ones not
    ignored), with a build folder of the developer's beside them."""
    listed = subprocess.run(["git", "-C", SOURCE, "ls-files", "-z", "--cached", "--others",
                             "--exclude-standard"], capture_output=True, check=True).stdout
    for rel in sorted(set(p.decode() for p in listed.split(b"\0") if p)):
        src = os.path.join(SOURCE, rel)
        if not os.path.lexists(src) or rel.endswith(".debian.json"):
            continue
        dest = os.path.join(CHECKOUT, rel)
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        shutil.copy2(src, dest, follow_symlinks=False)
    write(os.path.join(CHECKOUT, "_build", "left-by-a-developer"), "must not reach the build\n")


def test_runtime():
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(HOME)
    copy_checkout()
    status, out, err = sh([os.path.join(CHECKOUT, "build-aux", "flatpak-debian-runtime"),
                           "--cache", CACHE, "--manifest", MANIFEST], timeout=900)
    for line in (out + err).splitlines():
        print(line)
    with open(os.path.join(CHECKOUT, MANIFEST)) as f:
        committed = json.load(f)
    with open(os.path.join(CHECKOUT, DEBIAN_MANIFEST)) as f:
        copy = json.load(f)
    changed = sorted(k for k in set(committed) | set(copy) if committed.get(k) != copy.get(k))
    assert changed == ["runtime", "runtime-version", "sdk"], changed
    assert committed["runtime"] == "org.gnome.Platform" and committed["sdk"] == "org.gnome.Sdk"
    status, out, _ = sh(["flatpak", "list", "--user", "--runtime", "--columns=application,branch"])
    for ref in ("io.github.sesdesk.DebianPlatform\t12", "io.github.sesdesk.DebianSdk\t12"):
        assert ref in out, out
    done.add("runtime")


# 2. Build

def test_build():
    need("runtime")
    log = os.path.join(WORK, "flatpak-builder.log")
    os.makedirs(CCACHE, exist_ok=True)
    os.makedirs(os.path.join(CHECKOUT, ".flatpak-builder"))
    os.symlink(CCACHE, os.path.join(CHECKOUT, ".flatpak-builder", "ccache"))
    # README's command; --disable-rofiles-fuse because containers have no
    # FUSE, --keep-build-dirs to look at the sources it was given, --ccache
    # to compile again only what changed since the last run.
    status, out, err = sh(["flatpak-builder", "--disable-rofiles-fuse", "--keep-build-dirs",
                           "--ccache", "--force-clean", "--repo=repo", "_flatpak",
                           DEBIAN_MANIFEST],
                          timeout=1200, log=log, check=False)
    text = out + err
    assert status == 0, "flatpak-builder failed (%s):\n%s" % (log, text[-4000:])
    # The unit suite ran inside the SDK: everything passed but the keyring
    # test, which says why it cannot run there.
    assert "Running: meson test --suite unit" in text, text[-3000:]
    summary = {k: int(v) for k, v in
               (line.split(":") for line in text.splitlines()
                if line.split(":")[0] in ("Ok", "Fail", "Skipped", "Timeout", "Unexpected Pass"))}
    assert summary.get("Fail") == 0 and summary.get("Timeout") == 0, summary
    assert summary.get("Ok", 0) >= 15 and summary.get("Skipped") == 1, summary
    assert "SKIP: gnome-keyring-daemon is not installed here" in text, text[-3000:]
    skipped = [line for line in text.splitlines() if line.rstrip().endswith("SKIP") or " SKIP " in line]
    assert any("account-store" in line for line in skipped), skipped
    # The `dir` source left the checkout's build folder out.
    builds = os.path.join(CHECKOUT, ".flatpak-builder", "build")
    copied = [d for d in os.listdir(builds) if d.startswith("ses-desk")]
    assert copied, os.listdir(builds)
    for d in copied:
        for skipped in ("_build", "_flatpak", "repo", ".flatpak-builder"):
            assert not os.path.exists(os.path.join(builds, d, skipped)), (d, skipped)
        assert os.path.exists(os.path.join(builds, d, "meson.build")), d
    print("repository: %s" % du(os.path.join(CHECKOUT, "repo")))
    done.add("build")


def du(path):
    out = subprocess.run(["du", "-sh", "--apparent-size", path], capture_output=True,
                         text=True).stdout
    return out.split()[0] if out else "?"


# 3. Install from the repository, as README says

def test_install():
    need("build")
    readme = open(os.path.join(CHECKOUT, "README.md")).read()
    for line in ("flatpak remote-add --user --no-gpg-verify ses-desk repo",
                 "flatpak install --user ses-desk io.github.sesdesk.SesDesk"):
        assert line in readme, "README.md no longer says: " + line
    sh(shlex.split("flatpak remote-add --user --no-gpg-verify ses-desk repo"))
    at_terminal("flatpak install --user ses-desk io.github.sesdesk.SesDesk")
    _, out, _ = sh(["flatpak", "info", "--user", APP_ID])
    assert "Origin: ses-desk" in out, out
    _, out, _ = sh(["flatpak", "info", "--user", APP_ID + ".Locale"])
    assert "Origin: ses-desk" in out, out
    _, locale, _ = sh(["flatpak", "info", "--user", "--show-location", APP_ID + ".Locale"])
    mo = os.path.join(locale.strip(), "files", "ja", "share", "ja", "LC_MESSAGES", "ses-desk.mo")
    assert os.path.exists(mo), mo
    _, meta, _ = sh(["flatpak", "info", "--user", "--show-permissions", APP_ID])
    assert "org.freedesktop.Flatpak=talk" in meta, meta
    done.add("install")


# 4. The installed app against the emulator

def home_aws(config_extra=""):
    """The emulator's profiles in the home's ~/.aws, as a user keeps them."""
    config = open(os.environ["AWS_CONFIG_FILE"]).read()
    credentials = open(os.environ["AWS_SHARED_CREDENTIALS_FILE"]).read()
    write(os.path.join(HOME, ".aws", "config"), config + "\n" + config_extra)
    write(os.path.join(HOME, ".aws", "credentials"), credentials)


def status_by_profile(out):
    rows = json.loads(out)
    return {(r["profile"], r["region"]): r for r in rows}


def test_cli_status():
    need("install")
    home_aws()
    status, out, err = cli("status", "--all-profiles", "--json")
    rows = status_by_profile(out)
    assert sorted({p for p, _ in rows}) == PROFILES, (sorted(rows), err)
    prod = rows[("acme-prod", "us-east-1")]
    assert prod["sandbox"] == "production" and prod["max_24_hour_send"] > 0, prod
    done.add("cli")


class FlatpakApp(sdui.App):
    """The installed app, started with `flatpak run`. Its accessible
    connection comes through flatpak's proxy: it is found by name."""

    def __init__(self, env=None):
        self.env = flatpak_env(GSETTINGS_BACKEND="memory", **(env or {}))
        self.env.pop("GTK_A11Y", None)
        self.proc = subprocess.Popen(["flatpak", "run", APP_ID], env=self.env)
        self.node = None
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("flatpak run exited with status %d" % self.proc.returncode)
            for app in sdui.tree.root.applications():
                try:
                    if app.name == "ses-desk" and app.children:
                        self.node = app
                except Exception:
                    continue
            if self.node is not None:
                return
            time.sleep(0.3)
        self.close()
        raise RuntimeError("the sandboxed ses-desk did not appear on the accessibility bus")

    def close(self):
        # Ending `flatpak run` leaves the sandbox running: end the instance,
        # or the next start would only bring this window back.
        sh(["flatpak", "kill", APP_ID], check=False)
        sdui.wait_for(lambda: APP_ID not in sh(["flatpak", "ps", "--columns=application"])[1],
                      "the app's sandbox to end", 30)
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def region_cells(app, table_name):
    return app.names("table cell", node=app.find("table", table_name, timeout=60))


# The English window, kept open from the dashboard step to the account step.
WINDOW = []


def test_window():
    need("install")
    home_aws()
    sdui.start_keyring()
    began = time.monotonic()
    app = FlatpakApp()
    WINDOW.append(app)
    print("the window is on the accessibility bus after %.1f s" % (time.monotonic() - began))
    app.wait_loaded(timeout=90)
    print("the dashboard has loaded after %.1f s" % (time.monotonic() - began))
    cells = sdui.wait_for(lambda: region_cells(app, "Regions"), "region cards")
    assert any(c.startswith("US East (N. Virginia), us-east-1, profile acme-prod")
               for c in cells), cells[:10]
    app.find("table", "Totals")
    app.screenshot("flatpak-en")
    done.add("window")


def secret_items(profile):
    import gi
    gi.require_version("Secret", "1")
    from gi.repository import Secret
    schema = Secret.Schema.new("io.github.sesdesk.SesDesk.Account", Secret.SchemaFlags.NONE,
                               {"profile": Secret.SchemaAttributeType.STRING,
                                "region": Secret.SchemaAttributeType.STRING})
    return Secret.password_lookup_sync(schema, {"profile": profile}, None)


def test_add_account():
    need("window")
    key = ACCOUNTS["acme-staging"]
    with WINDOW.pop() as app:
        app.action("push button", "Main menu")
        app.action("menu item", "Add Account…")
        dialog = app.find("frame", "Add Account")
        for name, value in (("Profile name", "from-the-sandbox"),
                            ("Access key ID", key["access_key_id"]),
                            ("Secret access key", key["secret_access_key"])):
            app.find("text", name, node=dialog).text = value
        add = app.find("push button", "Add", node=dialog)
        sdui.wait_for(lambda: sdui.has_state(add, "sensitive"), "Add to be sensitive", 10)
        add.doActionNamed("click")
        app.wait_gone("frame", "Add Account", timeout=30)
        # The host's Secret Service has it, written through the sandbox's D-Bus proxy.
        secret = sdui.wait_for(lambda: secret_items("from-the-sandbox"), "the keyring item")
        assert key["access_key_id"] in secret and key["secret_access_key"] in secret
        # And the dashboard shows its regions (the grid shows only the cards
        # in view: search for them).
        app.action("push button", "Search")
        app.find("entry", "Search regions and profiles").text = "us-east-1 from-the-sandbox"
        sdui.wait_for(lambda: [c for c in region_cells(app, "Regions") if c.startswith(
            "US East (N. Virginia), us-east-1, profile from-the-sandbox: ")],
            "the added account's us-east-1", 60)
        app.screenshot("flatpak-added-account")


def test_japanese():
    need("window")
    with FlatpakApp(env={"LANG": "ja_JP.UTF-8"}) as app:
        cells = sdui.wait_for(lambda: region_cells(app, "リージョン"), "the regions in Japanese", 90)
        sdui.wait_for(lambda: any(n.endswith("更新") for n in app.names("label")),
                      "the dashboard to finish loading", 90)
        assert not app.find_all("table", "Regions")
        labels = app.names("label")
        assert not any(n.startswith("Updated") for n in labels), labels[:30]
        app.screenshot("flatpak-ja")
        print("%d region cards, e.g. %s" % (len(cells), cells[0]))


# 5. The user's AWS set-up from inside the sandbox

def test_credential_process():
    need("cli")
    key = ACCOUNTS["acme-prod"]
    helper = os.path.join(HOST_ONLY, "aws-helper")
    ran = os.path.join(HOST_ONLY, "ran")
    # A helper only the host has: the sandbox sees neither it nor its folder.
    write(helper, "#!/bin/sh\n: > %s\nprintf '%%s' '%s'\n" % (shlex.quote(ran), json.dumps({
        "Version": 1, "AccessKeyId": key["access_key_id"],
        "SecretAccessKey": key["secret_access_key"]})), mode=0o700)
    home_aws("[profile helper]\nregion = us-east-1\ncredential_process = %s --profile x\n" % helper)
    status, out, err = cli("status", "--profile", "helper", "--json")
    assert status_by_profile(out)[("helper", "us-east-1")]["sandbox"] == "production", out
    assert os.path.exists(ran), "the helper did not run on the host"

    # Without the permission the helper cannot be reached, and the error says so.
    os.unlink(ran)
    sh(["flatpak", "override", "--user", "--no-talk-name=org.freedesktop.Flatpak", APP_ID])
    try:
        status, out, err = cli("status", "--profile", "helper", "--json", check=False)
    finally:
        sh(["flatpak", "override", "--user", "--reset", APP_ID])
    assert status != 0 and not os.path.exists(ran), (status, out, err)
    message = status_by_profile(out)[("helper", "us-east-1")]["error"]["message"]
    print("without org.freedesktop.Flatpak: " + message)
    assert "credential_process" in message and "org.freedesktop.Flatpak" in message, message


def test_hidden_config():
    need("cli")
    elsewhere = os.path.join(WORK, "elsewhere")
    config = os.path.join(elsewhere, "config")
    credentials = os.path.join(elsewhere, "credentials")
    write(config, open(os.environ["AWS_CONFIG_FILE"]).read())
    write(credentials, open(os.environ["AWS_SHARED_CREDENTIALS_FILE"]).read())
    shutil.rmtree(os.path.join(HOME, ".aws"))
    env = flatpak_env(AWS_CONFIG_FILE=config, AWS_SHARED_CREDENTIALS_FILE=credentials)
    status, out, err = cli("status", "--all-profiles", "--json", env=env, check=False)
    commands = []
    for path, var in ((config, "AWS_CONFIG_FILE"), (credentials, "AWS_SHARED_CREDENTIALS_FILE")):
        command = "flatpak override --user --filesystem=%s:ro %s" % (path, APP_ID)
        line = [line for line in err.splitlines() if path + " (chosen with " + var in line]
        assert line and line[0].endswith(command), err
        commands.append(command)
    # The commands it gives, run as they are, let the app read the files.
    for command in commands:
        sh(shlex.split(command))
    try:
        status, out, err = cli("status", "--all-profiles", "--json", env=env)
    finally:
        sh(["flatpak", "override", "--user", "--reset", APP_ID])
    assert sorted({p for p, _ in status_by_profile(out)}) == PROFILES, err


class Portal(http.server.BaseHTTPRequestHandler):
    """The SSO portal's GetRoleCredentials (the emulator has no SSO): the
    keys of the account when the bearer token is the cached one."""
    token = None
    key = None
    asked = []

    def do_GET(self):
        Portal.asked.append((self.path, self.headers.get("x-amz-sso_bearer_token")))
        if self.headers.get("x-amz-sso_bearer_token") != Portal.token:
            body, code = b'{"message": "Session token not found or invalid"}', 401
        else:
            body, code = json.dumps({"roleCredentials": {
                "accessKeyId": Portal.key["access_key_id"],
                "secretAccessKey": Portal.key["secret_access_key"],
                "expiration": int(time.time() + 3600) * 1000}}).encode(), 200
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_sso_cache():
    need("cli")
    key = ACCOUNTS["globex-jp"]
    Portal.token, Portal.key, Portal.asked = "sso-token-from-the-cache", key, []
    server = http.server.HTTPServer(("127.0.0.1", 0), Portal)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        home_aws("[profile sso-user]\nsso_session = corp\nsso_account_id = %s\n"
                 "sso_role_name = SesAdmin\nregion = ap-northeast-1\n\n"
                 "[sso-session corp]\nsso_start_url = https://d-90000.awsapps.com/start\n"
                 "sso_region = us-east-1\n" % key["account_id"])
        cache = os.path.join(HOME, ".aws", "sso", "cache",
                             hashlib.sha1(b"corp").hexdigest() + ".json")
        expires = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 3600))
        write(cache, json.dumps({"startUrl": "https://d-90000.awsapps.com/start",
                                 "region": "us-east-1", "accessToken": Portal.token,
                                 "expiresAt": expires}))
        env = flatpak_env(AWS_ENDPOINT_URL_SSO="http://127.0.0.1:%d" % server.server_port)
        status, out, err = cli("status", "--profile", "sso-user", "--json", env=env)
        row = status_by_profile(out)[("sso-user", "ap-northeast-1")]
        assert row["max_24_hour_send"] > 0, row
        assert Portal.asked and Portal.asked[0][1] == Portal.token, Portal.asked
        assert "account_id=%s" % key["account_id"] in Portal.asked[0][0], Portal.asked
    finally:
        server.shutdown()


# 6. A single-file bundle

def test_bundle():
    need("install")
    home_aws()
    readme = open(os.path.join(CHECKOUT, "README.md")).read()
    for line in ("flatpak build-bundle repo ses-desk.flatpak io.github.sesdesk.SesDesk",
                 "flatpak install --user ses-desk.flatpak",
                 "flatpak install --user ses-desk io.github.sesdesk.SesDesk.Locale"):
        assert line in readme, "README.md no longer says: " + line
    sh(shlex.split("flatpak build-bundle repo ses-desk.flatpak io.github.sesdesk.SesDesk"))
    print("bundle: %s" % du(os.path.join(CHECKOUT, "ses-desk.flatpak")))
    sh(["flatpak", "uninstall", "--user", "--noninteractive", APP_ID, APP_ID + ".Locale"])
    sh(["flatpak", "remote-delete", "--user", "ses-desk"])
    at_terminal("flatpak install --user ses-desk.flatpak")
    _, out, _ = sh(["flatpak", "info", "--user", APP_ID])
    assert "Origin: ses-desk" not in out, out
    status, out, err = cli("status", "--profile", "acme-prod", "--json")
    assert ("acme-prod", "us-east-1") in status_by_profile(out), out
    # No translations in a bundle: the .Locale extension is not in it.
    ja = flatpak_env(LANG="ja_JP.UTF-8")
    status, out, err = sh(["flatpak", "run", "--command=ses-desk-cli", APP_ID, "status", "--help"],
                          env=ja)
    assert "Show each region's sandbox state" in out, out
    sh(shlex.split("flatpak remote-add --user --no-gpg-verify ses-desk repo"))
    at_terminal("flatpak install --user ses-desk io.github.sesdesk.SesDesk.Locale")
    status, out, err = sh(["flatpak", "run", "--command=ses-desk-cli", APP_ID, "status", "--help"],
                          env=ja)
    assert "Show each region's sandbox state" not in out, out


def main():
    tests = [
        ("runtime and SDK from Debian's packages, and the manifest's copy", test_runtime),
        ("flatpak-builder --repo builds the app and runs its unit tests", test_build),
        ("README's remote-add and install from the repository", test_install),
        ("ses-desk-cli status --all-profiles --json in the sandbox", test_cli_status),
        ("the window shows the dashboard and its regions", test_window),
        ("an account added in the sandbox is in the host's Secret Service", test_add_account),
        ("LANG=ja_JP.UTF-8: the window in Japanese", test_japanese),
        ("credential_process runs on the host through flatpak-spawn", test_credential_process),
        ("a config file outside ~/.aws: the exact flatpak override", test_hidden_config),
        ("the SSO token cache in ~/.aws/sso/cache", test_sso_cache),
        ("a single-file bundle installs and runs", test_bundle),
    ]
    sdui.TAP.write("1..%d\n" % len(tests))
    sdui.TAP.flush()
    failed = 0
    start = time.monotonic()
    for i, (name, func) in enumerate(tests, 1):
        began = time.monotonic()
        try:
            func()
            result = "ok"
        except Exception:
            failed += 1
            result = "not ok"
            for line in traceback.format_exc().splitlines():
                print(line)
            while WINDOW:
                with WINDOW.pop():
                    sdui.screenshot("failed-%s" % time.strftime("%H%M%S"))
        sys.stdout.flush()
        sdui.TAP.write("%s %d %s (%.1f s)\n" % (result, i, name, time.monotonic() - began))
        sdui.TAP.flush()
    print("whole suite: %.1f s" % (time.monotonic() - start))
    sys.stdout.flush()
    if not failed and not os.environ.get("SD_FLATPAK_KEEP"):
        shutil.rmtree(WORK, ignore_errors=True)
    runtime = os.environ.get("SD_UI_RUNTIME_DIR")
    if runtime:
        shutil.rmtree(runtime, ignore_errors=True)
    sys.exit(1 if failed else 0)


main()
