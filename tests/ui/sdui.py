"""Helpers for SES Desk's UI tests: a display, AT-SPI, the app, TAP output.

The tests drive the real window through AT-SPI with dogtail. They run under
the Debian python3 (which has dogtail), on a display of their own when none is
given: without DISPLAY they re-run themselves under dbus-run-session and Xvfb.
"""
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import traceback

UI_PYTHON = "/usr/bin/python3"


def ensure_session():
    """Re-executes the test under a private D-Bus session and Xvfb when needed."""
    if os.environ.get("SD_UI_SESSION") == "1":
        return
    env = dict(os.environ, SD_UI_SESSION="1")
    # A runtime folder of our own: the AT-SPI bus socket and the keyring live
    # there, and other sessions on this machine would otherwise share (and
    # remove) ~/.cache/at-spi/bus.
    env["XDG_RUNTIME_DIR"] = tempfile.mkdtemp(prefix="sd-ui-run-")
    env["SD_UI_RUNTIME_DIR"] = env["XDG_RUNTIME_DIR"]
    # Other test runs on this machine use display :99 and up: start the search
    # elsewhere, or two sessions could share a display and its AT-SPI bus.
    first = str(random.randint(200, 4000))
    argv = ["dbus-run-session", "--", "xvfb-run", "-a", "-n", first,
            "-s", "-screen 0 1280x1024x24", UI_PYTHON] + sys.argv
    sys.stdout.flush()
    os.execvpe(argv[0], argv, env)


ensure_session()

# dogtail refuses to run unless the desktop says accessibility is on; the
# memory backend keeps that setting inside this process.
os.environ["GSETTINGS_BACKEND"] = "memory"
from gi.repository import Gio  # noqa: E402

Gio.Settings.new("org.gnome.desktop.interface").set_boolean("toolkit-accessibility", True)

from dogtail import config as dogtail_config  # noqa: E402

dogtail_config.logDebugToFile = False
dogtail_config.logDebugToStdOut = False
dogtail_config.searchCutoffCount = 40
dogtail_config.searchBackoffDuration = 0.25
dogtail_config.defaultDelay = 0.2
dogtail_config.actionDelay = 0.2
dogtail_config.typingDelay = 0.02

from dogtail import tree  # noqa: E402,F401
from dogtail.predicate import GenericPredicate  # noqa: E402,F401

BUILD_ROOT = os.environ.get("SD_BUILD_ROOT") or os.path.abspath(
    os.path.join(os.path.dirname(__file__), "..", "..", "_build"))
SOURCE_ROOT = os.environ.get("SD_SOURCE_ROOT") or os.path.abspath(
    os.path.join(os.path.dirname(__file__), "..", ".."))
APP = os.path.join(BUILD_ROOT, "src", "ui", "ses-desk")


class App:
    """The real ses-desk process, found on the accessibility bus."""

    def __init__(self, env=None, args=()):
        self.env = dict(os.environ)
        # The app reads its settings from memory and its own files only.
        self.env["GSETTINGS_BACKEND"] = "memory"
        self.env.pop("GTK_A11Y", None)
        self.env.update(env or {})
        self.proc = subprocess.Popen([APP] + list(args), env=self.env)
        self.node = None
        deadline = time.time() + 20
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("ses-desk exited with status %d" % self.proc.returncode)
            for app in tree.root.applications():
                try:
                    if app.name == "ses-desk" and app.get_process_id() == self.proc.pid:
                        self.node = app
                except Exception:
                    continue
            if self.node is not None and self.node.children:
                return
            time.sleep(0.2)
        self.close()
        raise RuntimeError("ses-desk did not appear on the accessibility bus")

    def find(self, role, name=None, timeout=10.0, node=None):
        """The first showing descendant with @role (and @name, exact), waiting for it."""
        root = node or self.node
        deadline = time.time() + timeout
        while True:
            found = root.findChildren(
                lambda n: n.roleName == role and (name is None or n.name == name)
                and n.showing)
            if found:
                return found[0]
            if time.time() > deadline:
                raise AssertionError("no %s named %r is showing" % (role, name))
            time.sleep(0.2)

    def names(self, role, node=None):
        """The names of every showing descendant with @role."""
        root = node or self.node
        return [n.name for n in root.findChildren(lambda n: n.roleName == role and n.showing)]

    def screenshot(self, name):
        """Saves the screen to $SD_SCREENSHOTS/NAME.png when that folder is set."""
        folder = os.environ.get("SD_SCREENSHOTS")
        if folder and shutil.which("import"):
            os.makedirs(folder, exist_ok=True)
            subprocess.run(["import", "-window", "root", os.path.join(folder, name + ".png")],
                           check=False)

    def close(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def write_aws_files(config_text, credentials_text=""):
    """Writes a config and credentials pair into a new folder; returns the env to use them."""
    folder = tempfile.mkdtemp(prefix="sd-ui-")
    config_path = os.path.join(folder, "config")
    credentials_path = os.path.join(folder, "credentials")
    with open(config_path, "w") as f:
        f.write(config_text)
    with open(credentials_path, "w") as f:
        f.write(credentials_text)
    return {"AWS_CONFIG_FILE": config_path, "AWS_SHARED_CREDENTIALS_FILE": credentials_path}


def run(tests):
    """Runs (name, function) pairs and prints TAP; exits non-zero on any failure."""
    print("1..%d" % len(tests), flush=True)
    failed = 0
    for i, (name, func) in enumerate(tests, 1):
        try:
            func()
            print("ok %d %s" % (i, name), flush=True)
        except Exception:
            failed += 1
            print("not ok %d %s" % (i, name), flush=True)
            for line in traceback.format_exc().splitlines():
                print("# " + line, flush=True)
    runtime = os.environ.get("SD_UI_RUNTIME_DIR")
    if runtime and runtime.startswith(tempfile.gettempdir()):
        shutil.rmtree(runtime, ignore_errors=True)
    sys.exit(1 if failed else 0)
