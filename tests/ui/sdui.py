"""Helpers for SES Desk's UI tests: a display, AT-SPI, the app, TAP output.

The tests drive the real window through AT-SPI with dogtail. They run under
the Debian python3 (which has dogtail) and re-run themselves under Xvfb and
dbus-run-session, with a runtime folder of their own (AT-SPI bus, keyring,
AWS files), removed at the end. TAP goes to stdout; what dogtail prints
becomes TAP comments, and what the session prints goes to stderr.

Notes on GTK 4.8: it never sets AT-SPI's "showing" state (the window hides
pages a stack does not show from assistive technologies instead); positions
are relative to the window, which sits at 0,0 without a window manager; a
grid view's cards have no action, so they are opened by a click or Tab and
Return.
"""
import ctypes
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.request

UI_PYTHON = "/usr/bin/python3"

# A wait ends as soon as what it waits for is there; its limit only says when
# to give up. A busy machine (CI runs the UI tests beside each other and beside
# the other tests) makes the window slower, not wrong, so every limit is
# multiplied by SD_UI_PATIENCE (3 unless set).
PATIENCE = float(os.environ.get("SD_UI_PATIENCE", "3"))


def give_up_at(seconds):
    """The time at which a wait of @seconds (times PATIENCE) gives up."""
    return time.time() + seconds * PATIENCE


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
    # Keyrings, caches and state files of the session stay there too, never in
    # the user's home.
    for var, sub in (("XDG_DATA_HOME", "data"), ("XDG_CACHE_HOME", "cache"),
                     ("XDG_CONFIG_HOME", "config"), ("XDG_STATE_HOME", "state")):
        env[var] = os.path.join(env["XDG_RUNTIME_DIR"], sub)
        os.makedirs(env[var], mode=0o700, exist_ok=True)
    # Other test runs on this machine use display :99 and up: start the search
    # elsewhere, or two sessions could share a display and its AT-SPI bus.
    first = str(random.randint(200, 4000))
    # The display first: the bus then starts the AT-SPI registry with DISPLAY
    # set, which it needs to synthesize keyboard and mouse input.
    argv = ["xvfb-run", "-a", "-n", first, "-s", "-screen 0 1280x1024x24",
            "dbus-run-session", "--", UI_PYTHON] + sys.argv
    # TAP goes to the real stdout through a descriptor of its own; whatever
    # else the session prints (the bus, the AT-SPI registry) goes to stderr.
    sys.stdout.flush()
    tap_fd = os.dup(1)
    os.set_inheritable(tap_fd, True)
    env["SD_UI_TAP_FD"] = str(tap_fd)
    os.dup2(2, 1)
    os.execvpe(argv[0], argv, env)


ensure_session()


class _Comments:
    """Stands for stdout: what dogtail prints becomes TAP comments."""

    def __init__(self, out):
        self.out = out
        self.pending = ""

    def write(self, text):
        self.pending += text
        while "\n" in self.pending:
            line, self.pending = self.pending.split("\n", 1)
            self.out.write("# " + line + "\n")
        return len(text)

    def flush(self):
        self.out.flush()


if os.environ.get("SD_UI_TAP_FD"):
    TAP = os.fdopen(int(os.environ["SD_UI_TAP_FD"]), "w")
else:
    TAP = sys.stdout
sys.stdout = _Comments(TAP)

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

from dogtail import rawinput  # noqa: E402
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
        # Numbers and words as the tests expect them: English, no digit grouping.
        self.env["LC_ALL"] = "C.UTF-8"
        self.env.pop("LANGUAGE", None)
        self.env.update(env or {})
        self.proc = subprocess.Popen([APP] + list(args), env=self.env)
        self.node = None
        deadline = give_up_at(20)
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

    def find(self, role, name=None, timeout=10.0, node=None, startswith=False):
        """The first descendant with @role (and @name, exact or a prefix), waiting for it.

        GTK 4.8 never sets AT-SPI's "showing" state; what is not shown (pages of
        a stack not on screen, hidden widgets) is left out of the tree instead."""
        root = node or self.node
        deadline = give_up_at(timeout)
        while True:
            found = self.find_all(role, name, node=root, startswith=startswith)
            if found:
                return found[0]
            if time.time() > deadline:
                raise AssertionError("no %s named %r is shown; shown: %r"
                                     % (role, name, self.names(role, node=root)[:40]))
            time.sleep(0.2)

    def find_all(self, role, name=None, node=None, startswith=False):
        """Every descendant with @role (and @name, exact or a prefix), now."""
        root = node or self.node

        def match(n):
            try:
                if n.roleName != role:
                    return False
                if name is None:
                    return True
                return n.name.startswith(name) if startswith else n.name == name
            except Exception:
                return False
        return root.findChildren(match)

    def wait_gone(self, role, name, timeout=10.0, node=None):
        """Waits until no descendant with @role and @name is shown."""
        deadline = give_up_at(timeout)
        while self.find_all(role, name, node=node):
            if time.time() > deadline:
                raise AssertionError("%s %r is still shown" % (role, name))
            time.sleep(0.2)

    def names(self, role, node=None):
        """The names of every descendant with @role."""
        root = node or self.node
        return [n.name for n in root.findChildren(lambda n: n.roleName == role)]

    def wait_loaded(self, timeout=60.0):
        """Waits until the window says when it was last updated (the refresh ended)."""
        deadline = give_up_at(timeout)
        while time.time() < deadline:
            if any(n.startswith("Updated") for n in self.names("label")):
                return
            time.sleep(0.3)
        raise AssertionError("the dashboard never finished loading; labels: %r"
                             % self.names("label")[:40])

    def click(self, node):
        """Clicks the middle of @node once its place on screen has settled.

        Without a window manager the window sits at 0,0, so GTK's window
        coordinates are the screen's."""
        last = None
        for _ in range(20):
            extents = (tuple(node.position), tuple(node.size))
            if extents == last:
                break
            last = extents
            time.sleep(0.25)
        (x, y), (w, h) = last
        rawinput.click(x + w // 2, y + h // 2)

    def key(self, combo):
        """Presses @combo ("<Control>r", "Escape", "<Alt>Left") in the window."""
        rawinput.keyCombo(combo)

    def action(self, role, name, action="click"):
        """Performs @action of the descendant with @role and @name."""
        deadline = give_up_at(10)
        while True:
            for node in self.find_all(role, name):
                try:
                    if action in node.actions:
                        node.doActionNamed(action)
                        return
                except Exception:
                    continue
            if time.time() > deadline:
                raise AssertionError("no %s named %r can %s" % (role, name, action))
            time.sleep(0.2)

    def screenshot(self, name):
        """Saves the screen to $SD_SCREENSHOTS/NAME.png when that folder is set."""
        screenshot(name)

    def __enter__(self):
        return self

    def __exit__(self, kind, value, tb):
        if kind is not None:
            screenshot("failed-%s" % time.strftime("%H%M%S"))
        self.close()
        return False

    def close(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def start_keyring():
    """Starts gnome-keyring's Secret Service in this session with an unlocked
    login keyring (in the session's own folder), so that storing a secret
    does not ask for a password."""
    proc = subprocess.run(["gnome-keyring-daemon", "--replace", "--unlock", "--components=secrets",
                           "--daemonize"], input=b"sd-ui-test", capture_output=True, timeout=30)
    if proc.returncode != 0:
        raise RuntimeError("gnome-keyring-daemon failed: %s" % proc.stderr.decode(errors="replace"))
    for line in proc.stdout.decode().splitlines():
        key, _, value = line.partition("=")
        if key and value:
            os.environ[key] = value


def screenshot(name):
    """Saves the screen to $SD_SCREENSHOTS/NAME.png when that folder is set."""
    folder = os.environ.get("SD_SCREENSHOTS")
    if folder and shutil.which("import"):
        os.makedirs(folder, exist_ok=True)
        subprocess.run(["import", "-window", "root", os.path.join(folder, name + ".png")],
                       check=False)


def wait_for(probe, what, timeout=20.0):
    """Polls @probe until it gives something true, and returns that; fails
    saying @what after @timeout seconds. A probe that raises counts as not yet."""
    deadline = give_up_at(timeout)
    while True:
        try:
            result = probe()
        except Exception:
            result = None
        if result:
            return result
        if time.time() > deadline:
            raise AssertionError("timed out waiting for %s" % what)
        time.sleep(0.3)


def has_state(node, state):
    """Whether @node has the AT-SPI @state ("pressed", "checked", "focused", …)."""
    import pyatspi
    return any(pyatspi.stateToString(s) == state for s in node.getState().getStates())


def resize_window(title, width, height):
    """Resizes the X window named @title (no window manager: nothing else will)."""
    x11 = ctypes.cdll.LoadLibrary("libX11.so.6")
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XDefaultRootWindow.restype = ctypes.c_ulong
    x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    x11.XQueryTree.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(ctypes.c_ulong),
                               ctypes.POINTER(ctypes.c_ulong),
                               ctypes.POINTER(ctypes.POINTER(ctypes.c_ulong)),
                               ctypes.POINTER(ctypes.c_uint)]
    x11.XFetchName.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(ctypes.c_char_p)]
    x11.XResizeWindow.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_uint, ctypes.c_uint]
    x11.XFlush.argtypes = [ctypes.c_void_p]
    x11.XFree.argtypes = [ctypes.c_void_p]
    x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
    dpy = x11.XOpenDisplay(None)
    if not dpy:
        raise RuntimeError("cannot open the X display")
    try:
        root_ret, parent = ctypes.c_ulong(), ctypes.c_ulong()
        children = ctypes.POINTER(ctypes.c_ulong)()
        n = ctypes.c_uint()
        x11.XQueryTree(dpy, x11.XDefaultRootWindow(dpy), ctypes.byref(root_ret),
                       ctypes.byref(parent), ctypes.byref(children), ctypes.byref(n))
        found = None
        for i in range(n.value):
            name = ctypes.c_char_p()
            if x11.XFetchName(dpy, children[i], ctypes.byref(name)) and name.value:
                if name.value.decode("utf-8", "replace") == title:
                    found = children[i]
        if children:
            x11.XFree(children)
        if found is None:
            raise AssertionError("no X window named %r" % title)
        x11.XResizeWindow(dpy, found, width, height)
        x11.XFlush(dpy)
    finally:
        x11.XCloseDisplay(dpy)


def emulator(path, doc=None):
    """Calls the emulator's control endpoint (GET, or POST @doc); returns its JSON answer."""
    url = os.environ["SD_EMULATOR_CONTROL"] + path
    data = None if doc is None else json.dumps(doc).encode("utf-8")
    request = urllib.request.Request(url, data=data, method="GET" if doc is None else "POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.load(answer)


def write_aws_files(config_text, credentials_text=""):
    """Writes a config and credentials pair into a new folder; returns the env to use them."""
    # Inside the session's folder, which run() removes at the end.
    folder = tempfile.mkdtemp(prefix="sd-ui-", dir=os.environ.get("SD_UI_RUNTIME_DIR"))
    config_path = os.path.join(folder, "config")
    credentials_path = os.path.join(folder, "credentials")
    with open(config_path, "w") as f:
        f.write(config_text)
    with open(credentials_path, "w") as f:
        f.write(credentials_text)
    return {"AWS_CONFIG_FILE": config_path, "AWS_SHARED_CREDENTIALS_FILE": credentials_path}


def run(tests):
    """Runs (name, function) pairs and prints TAP; exits non-zero on any failure."""
    TAP.write("1..%d\n" % len(tests))
    TAP.flush()
    failed = 0
    for i, (name, func) in enumerate(tests, 1):
        try:
            func()
            TAP.write("ok %d %s\n" % (i, name))
        except Exception:
            failed += 1
            TAP.write("not ok %d %s\n" % (i, name))
            for line in traceback.format_exc().splitlines():
                TAP.write("# " + line + "\n")
        TAP.flush()
    sys.stdout.flush()
    runtime = os.environ.get("SD_UI_RUNTIME_DIR")
    if runtime and runtime.startswith(tempfile.gettempdir()):
        shutil.rmtree(runtime, ignore_errors=True)
    sys.exit(1 if failed else 0)
