#!/usr/bin/python3
"""The thread's numbers in the app: a 2,000-message thread in the cases window.

Not part of the ui suite: a measurement, for the bench suite or by hand:

    tests/aws-emulator/with-emulator --scenario tests/ui/cases.json -- \\
        /usr/bin/python3 tests/ui/test_cases_bench.py

It puts a case of 2,000 messages in the emulator, starts the app with
SD_BENCH_TIMINGS=1, opens a short case first (the cases window, its fonts
and its icons are not the thread's cost), then the long one through
app.show-case, and reads the app's milestones: "thread-data:<id>" when the
thread's messages are in its model (every page arrived and parsed) and
"thread-shown:<id>" after the first frame that shows them. Resident memory
is read from /proc before and after. Then it scrolls the thread: from its
top to its bottom by Page Down (bursts of 50 presses 30 ms apart), and from
its top again by the mouse wheel (XTest button 5, 60 clicks a second, bursts
of 3 s), then up from its newest message (End, button 4); the app's "scroll-frames:<id>" milestones give, per burst, the
longest gap between two frames that moved, the longest paint, how long the
main loop was busy at most (and how many row binds that was), and this
script notes how late it sent input itself (a loaded machine). Three
launches, the median; with the
default renderer and with GSK_RENDERER=cairo (under Xvfb the GL renderer is
llvmpipe: software, and its JIT makes a first frame slow and noisy).
Prints PASS/FAIL per bar; fails only when it could not measure.
SD_BENCH_RUNS, SD_BENCH_RENDERERS ("default,cairo"), SD_BENCH_INPUTS
("keys,wheel,wheel-up"), SD_BENCH_WHEEL_BURSTS and SD_BENCH_VERBOSE=1 (every burst)
narrow or detail it while working on it. Every number is also printed as a
"bench-result" line for build-aux/run-bench's report (docs/benchmarks.md).
SD_BENCH_SMOKE=1: a thread of 60 messages, one launch, the default renderer
only, no bar judged.

The keyboard reaches the thread the way users' does without a pointer: F6
(the cases window's "move to the messages"). The mouse wheel needs the
pointer over the list: it is moved to the middle of the list's extents
(GTK gives them relative to the window, which sits at 0,0 without a window
manager).
"""
import ctypes
import os
import re
import select
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bench"))
import sdui  # noqa: E402
from benchlib import SMOKE, result, verdict  # noqa: E402

from gi.repository import Gio, GLib  # noqa: E402

ACCOUNT = "111111111111"
PROFILE = "sd-ui-cases"
SHORT_CASE = "17800003"
LONG_CASE = "case-111111111111-2026-0000000000bench01"
N_MESSAGES = 60 if SMOKE else 2000
# SD_BENCH_VERBOSE=1: every burst's numbers.
VERBOSE = os.environ.get("SD_BENCH_VERBOSE") == "1"
# SD_BENCH_INPUTS ("keys,wheel,wheel-up") narrows the scrolling to one input.
INPUTS = os.environ.get("SD_BENCH_INPUTS", "keys,wheel,wheel-up").split(",")
# The largest single move of the view that is still input (Page Down, or
# several presses in one frame when behind); a list jumping on its own moves more.
JUMP_BAR = 5000
# Row widgets: those in view (about five) and a few around them, not one a message.
ROWS_BAR = 100
# Bursts of 3 s of mouse wheel (at most: until the bottom).
WHEEL_BURSTS = int(os.environ.get("SD_BENCH_WHEEL_BURSTS", "1" if SMOKE else "4"))
# Clicks a burst (3 s; 1 s in the smoke mode).
WHEEL_CLICKS = 60 if SMOKE else 180
# SD_BENCH_RUNS and SD_BENCH_RENDERERS ("default,cairo") narrow it while working on it.
RUNS = int(os.environ.get("SD_BENCH_RUNS", "1" if SMOKE else "3"))
RENDERERS = [None if r == "default" else r
             for r in os.environ.get("SD_BENCH_RENDERERS", "default" if SMOKE else "default,cairo").split(",")]
# Waits for the app to settle (the dashboard's start-up requests, older
# messages joining while idle): shorter in the smoke mode, which judges nothing.
SETTLE = 0.25 if SMOKE else 1.0
PARAGRAPHS = [
    "Thank you for contacting AWS Support. We have reviewed your request and need a few more "
    "details about your sending: how you collect addresses, how you handle bounces and complaints.",
    "We collect addresses only through double opt-in. Bounces go to an SNS topic and are "
    "suppressed at once; complaints likewise. See "
    "https://docs.aws.amazon.com/ses/latest/dg/send-email-concepts-deliverability.html",
]


class Keys:
    """Key presses through XTest, as fast as a held key repeats (dogtail's
    rawinput waits between presses)."""

    def __init__(self):
        self.x11 = ctypes.cdll.LoadLibrary("libX11.so.6")
        self.xtst = ctypes.cdll.LoadLibrary("libXtst.so.6")
        self.x11.XOpenDisplay.restype = ctypes.c_void_p
        self.x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
        self.x11.XStringToKeysym.restype = ctypes.c_ulong
        self.x11.XStringToKeysym.argtypes = [ctypes.c_char_p]
        self.x11.XKeysymToKeycode.restype = ctypes.c_ubyte
        self.x11.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
        self.x11.XFlush.argtypes = [ctypes.c_void_p]
        self.x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
        self.xtst.XTestFakeKeyEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong]
        self.xtst.XTestFakeButtonEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong]
        self.xtst.XTestFakeMotionEvent.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int, ctypes.c_int,
                                                   ctypes.c_ulong]
        self.dpy = self.x11.XOpenDisplay(None)
        if not self.dpy:
            raise RuntimeError("cannot open the X display")

    def press(self, name, times=1, interval=0.0):
        code = self.x11.XKeysymToKeycode(self.dpy, self.x11.XStringToKeysym(name.encode()))
        return self._repeat(lambda: (self.xtst.XTestFakeKeyEvent(self.dpy, code, 1, 0),
                                     self.xtst.XTestFakeKeyEvent(self.dpy, code, 0, 0)),
                            times, interval)

    def wheel(self, times=1, interval=0.0, button=5):
        """Mouse wheel clicks (button 5: down) where the pointer is."""
        return self._repeat(lambda: (self.xtst.XTestFakeButtonEvent(self.dpy, button, 1, 0),
                                     self.xtst.XTestFakeButtonEvent(self.dpy, button, 0, 0)),
                            times, interval)

    def move(self, x, y):
        """The pointer to @x, @y on the screen."""
        self.xtst.XTestFakeMotionEvent(self.dpy, -1, x, y, 0)
        self.x11.XFlush(self.dpy)

    def _repeat(self, send, times, interval):
        """Sends @times events @interval apart (on a schedule, not drifting);
        returns the longest time between two sent, in ms: when this process
        was late itself (a loaded machine), a gap in the frames is not the app's."""
        start = last = time.monotonic()
        longest = 0.0
        for i in range(times):
            now = time.monotonic()
            longest = max(longest, now - last)
            last = now
            send()
            self.x11.XFlush(self.dpy)
            delay = start + (i + 1) * interval - time.monotonic()
            if delay > 0:
                time.sleep(delay)
        return longest * 1000

    def close(self):
        self.x11.XCloseDisplay(self.dpy)


def atspi_app(pid):
    """The app of process @pid on the accessibility bus, with sdui.App's finders."""
    deadline = time.time() + 20
    while time.time() < deadline:
        for node in sdui.tree.root.applications():
            try:
                if node.name == "ses-desk" and node.get_process_id() == pid:
                    app = sdui.App.__new__(sdui.App)
                    app.node = node
                    return app
            except Exception:
                continue
        time.sleep(0.3)
    raise RuntimeError("the app is not on the accessibility bus")


def parse_scroll(mark):
    """The numbers of a "scroll-frames:ID frames=… fps=… …" milestone."""
    return {k: float(v) for k, v in re.findall(r"(\w[\w-]*)=([\d.]+)(?:/[\d.]+)?", mark)}


def rss_mb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024.0
    raise RuntimeError("no VmRSS")


def show_case(case_id):
    Gio.bus_get_sync(Gio.BusType.SESSION, None).call_sync(
        "io.github.sesdesk.SesDesk", "/io/github/sesdesk/SesDesk", "org.gtk.Actions", "Activate",
        GLib.Variant("(sava{sv})", ("show-case", [GLib.Variant("(ss)", (PROFILE, case_id))], {})),
        None, Gio.DBusCallFlags.NONE, 10000, None)


def seed():
    messages = [{"body": "Message %d.\n\n%s" % (i + 1, PARAGRAPHS[i % 2]),
                 "from": "aws" if i % 2 else "customer"} for i in range(N_MESSAGES)]
    sdui.emulator("/state", {"account": ACCOUNT, "case": {
        "case_id": LONG_CASE, "subject": "A very long conversation", "time_created": "-200d",
        "communications": messages}})


def one_run(renderer):
    # Folders of its own: no run reads the thread a run before it saved.
    home = tempfile.mkdtemp(prefix="sd-bench-", dir=os.environ.get("SD_UI_RUNTIME_DIR"))
    env = dict(os.environ, GSETTINGS_BACKEND="memory", LC_ALL="C.UTF-8", SD_BENCH_TIMINGS="1",
               MALLOC_PERTURB_="0", XDG_STATE_HOME=os.path.join(home, "state"),
               XDG_CACHE_HOME=os.path.join(home, "cache"))
    env.pop("G_DEBUG", None)
    if renderer:
        env["GSK_RENDERER"] = renderer
    proc = subprocess.Popen([sdui.APP], env=env, stdout=subprocess.PIPE, text=True, bufsize=1)
    marks = {}

    def read_marks(timeout):
        ready, _, _ = select.select([proc.stdout], [], [], timeout)
        if ready:
            line = proc.stdout.readline().strip()
            if line.startswith("sd-timing "):
                marks[line.split(" ", 1)[1]] = time.monotonic()

    def wait_mark(name, timeout):
        """The time of the first milestone starting with @name."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            found = [t for mark, t in marks.items() if mark.startswith(name)]
            if found:
                return min(found)
            read_marks(0.1)
        raise RuntimeError("no %s milestone" % name)

    def take_mark(name, timeout):
        """The next milestone starting with @name, taken out; None drops
        those that came so far."""
        if timeout is None:
            read_marks(1.0)
            for mark in [m for m in marks if m.startswith(name)]:
                del marks[mark]
            return None
        wait_mark(name, timeout)
        mark = min((m for m in marks if m.startswith(name)), key=marks.get)
        del marks[mark]
        return mark

    try:
        wait_mark("first-frame", 60)
        time.sleep(8 * SETTLE)  # the dashboard's start-up requests
        show_case(SHORT_CASE)
        # The floor: a thread of two messages, the same way.
        short = wait_mark("thread-shown:", 60) - wait_mark("thread-data:", 60)
        marks.clear()
        time.sleep(8 * SETTLE)
        before = rss_mb(proc.pid)
        asked = time.monotonic()
        show_case(LONG_CASE)
        data = wait_mark("thread-data:" + LONG_CASE, 120)
        shown = wait_mark("thread-shown:" + LONG_CASE, 30)
        time.sleep(5 * SETTLE)  # the older messages join while idle
        after = rss_mb(proc.pid)
        scroll = scroll_thread(proc, take_mark)
        scrolled = rss_mb(proc.pid)
        return ((data - asked) * 1000, (shown - data) * 1000, after - before, short * 1000,
                scroll, scrolled - before)
    finally:
        proc.terminate()
        proc.wait()


def message_rows(app):
    """The rows of the thread's list on the accessibility bus (those that exist)."""
    window = app.find("frame", "AWS Support Cases", timeout=20)
    return app.find("list", "Messages", node=window).childCount


def summarize(bursts, sent_gap):
    """One input's bursts in numbers: frames a second while scrolling, the
    longest gap between two frames that moved, and what it was made of."""
    frames = sum(b["frames"] for b in bursts)
    seconds = sum(b["seconds"] for b in bursts)
    return {"frames": frames, "fps": (frames - len(bursts)) / seconds if seconds else 0,
            "longest": max(b["longest-ms"] for b in bursts),
            "work": max(b.get("work-ms", 0) for b in bursts),
            "stall": max(b.get("stall-ms", 0) for b in bursts),
            # what binding rows took in the longest stall (the burst with it)
            "bind": max(bursts, key=lambda b: b.get("stall-ms", 0)).get("stall-bind-ms", 0),
            "stall_binds": max(bursts, key=lambda b: b.get("stall-ms", 0)).get("stall-binds", 0),
            "binds": sum(b.get("binds", 0) for b in bursts),
            "sent_gap": sent_gap, "bursts": len(bursts),
            # the largest single move of the view: a wheel click is ~70 px, a page ~540
            "jump": max(b.get("jump-px", 0) for b in bursts),
            "rows": max(b["rows"] for b in bursts)}


def wheel_bursts(keys, take_mark, button, end):
    """The mouse wheel (button 5 down, 4 up), 60 clicks a second, 3 s at a
    time, until the list is at its @end ("top" or "bottom"): each burst's
    numbers, and how late this process sent a click at most."""
    bursts = []
    sent_gap = 0.0
    for _ in range(WHEEL_BURSTS):
        sent_gap = max(sent_gap, keys.wheel(times=WHEEL_CLICKS, interval=1 / 60, button=button))
        bursts.append(parse_scroll(take_mark("scroll-frames:" + LONG_CASE, 30)))
        if VERBOSE:
            print("wheel burst (button %d): %r" % (button, bursts[-1]))
        if bursts[-1].get(end):
            break
    return bursts, sent_gap


def scroll_thread(proc, take_mark):
    """Scrolls the whole thread from its top to its bottom, a page at a key
    press, as fast as a held key repeats; then from the top again with the
    mouse wheel, 60 clicks a second; returns the frames' numbers of both."""
    app = atspi_app(proc.pid)
    window = app.find("frame", "AWS Support Cases", timeout=20)
    messages = app.find("list", "Messages", node=window)
    rows_before = message_rows(app)
    keys = Keys()
    try:
        keys_result = wheel_result = up_result = None
        bursts = []
        # The pointer over the list, for the wheel (window coordinates are
        # the screen's here); then the keyboard into it by F6, as users do.
        (x, y), (w, h) = messages.position, messages.size
        keys.move(x + w // 2, y + h // 2)
        keys.press("F6")
        sdui.wait_for(lambda: any(sdui.has_state(row, "focused")
                                  for row in app.find_all("list item", node=messages)),
                      "a message focused after F6")
        time.sleep(1.5)
        take_mark("scroll-frames:", None)
        if "keys" in INPUTS:
            keys.press("Home")  # the oldest message: a jump, the list then at its top
            first = parse_scroll(take_mark("scroll-frames:" + LONG_CASE, 20))
            if not first.get("top"):
                raise RuntimeError("Home did not bring the list to its top: %r" % first)
            bursts = []
            sent_gap = 0.0
            # Bursts of page-downs 30 ms apart (a key's repeat rate), until the bottom.
            for _ in range(40):
                sent_gap = max(sent_gap, keys.press("Page_Down", times=50, interval=0.03))
                bursts.append(parse_scroll(take_mark("scroll-frames:" + LONG_CASE, 30)))
                if VERBOSE:
                    print("page-down burst: %r" % bursts[-1])
                if bursts[-1].get("bottom"):
                    break
            else:
                raise RuntimeError("Page Down never reached the bottom: %r" % bursts[-1])
            keys_result = summarize(bursts, sent_gap)
            keys_result["presses"] = 50 * len(bursts)

        if "wheel" in INPUTS:
            # The mouse wheel from the top: 60 clicks a second, 3 s at a time.
            keys.press("Home")
            first = parse_scroll(take_mark("scroll-frames:" + LONG_CASE, 20))
            if not first.get("top"):
                raise RuntimeError("Home did not bring the list to its top: %r" % first)
            bursts, sent_gap = wheel_bursts(keys, take_mark, button=5, end="bottom")
            if bursts[-1]["position"] <= 0:
                raise RuntimeError("the mouse wheel did not scroll the list: %r" % bursts[-1])
            wheel_result = summarize(bursts, sent_gap)
            wheel_result["clicks"] = WHEEL_CLICKS * len(bursts)
            wheel_result["position"] = bursts[-1]["position"]

        if "wheel-up" in INPUTS:
            # Back to the newest message (End), and the wheel up toward older ones.
            # (Already there when the last input ended at the bottom, or when none
            # ran: a case opens at its newest. No scroll then, no milestone.)
            if bursts and not bursts[-1].get("bottom"):
                keys.press("End")
                last = parse_scroll(take_mark("scroll-frames:" + LONG_CASE, 20))
                if not last.get("bottom"):
                    raise RuntimeError("End did not bring the list to its bottom: %r" % last)
            bursts, sent_gap = wheel_bursts(keys, take_mark, button=4, end="top")
            up_result = summarize(bursts, sent_gap)
            up_result["clicks"] = WHEEL_CLICKS * len(bursts)
    finally:
        keys.close()
    rows_after = message_rows(app)
    atspi_rows = max(rows_before, rows_after)
    for result in (r for r in (keys_result, wheel_result, up_result) if r is not None):
        result["atspi_rows"] = atspi_rows
        result["rows"] = max(result["rows"], atspi_rows)
    return keys_result, wheel_result, up_result


def report_scroll(what, scrolls, prefix):
    """Prints one input's numbers (the median over the runs) and its bar."""
    longest = statistics.median(sc["longest"] for sc in scrolls)
    print("  %-27s %d frames: %.1f fps, longest frame gap %.0f ms"
          % (what, scrolls[0]["frames"], statistics.median(sc["fps"] for sc in scrolls), longest))
    print("                              (longest paint %.0f ms; main loop busy at most %.0f ms, "
          "of it binding %d rows %.0f ms; %d rows bound in all; input sent at most %.0f ms apart)"
          % tuple(statistics.median(sc[k] for sc in scrolls)
                  for k in ("work", "stall", "stall_binds", "bind", "binds", "sent_gap")))
    jump = statistics.median(sc["jump"] for sc in scrolls)
    print("                              largest single move of the view %.0f px (a wheel click ~70, "
          "a page ~540; more: the list jumped on its own)" % jump)
    print("                              bar (smooth: no gap over 100 ms): %s" % verdict(longest < 100))
    # A view that jumps by itself is not smooth either, whatever its frames.
    print("                              bar (no jump: no single move over %d px): %s"
          % (JUMP_BAR, verdict(jump <= JUMP_BAR)))
    result("%s %s: longest frame gap" % (prefix, what.rstrip(",")), longest, "ms", bar="< 100 ms",
           ok=longest < 100, key=what.startswith("top to bottom"))
    result("%s %s: frames a second" % (prefix, what.rstrip(",")),
           statistics.median(sc["fps"] for sc in scrolls), "fps")
    result("%s %s: largest single move of the view" % (prefix, what.rstrip(",")), jump, "px",
           bar="<= %d px" % JUMP_BAR, ok=jump <= JUMP_BAR)
    return longest if jump <= JUMP_BAR else max(longest, 100)


def measure():
    seed()
    failed = False
    for renderer in RENDERERS:
        results = [one_run(renderer) for _ in range(RUNS)]
        load = statistics.median(r[0] for r in results)
        paint = statistics.median(r[1] for r in results)
        growth = statistics.median(r[2] for r in results)
        floor = statistics.median(r[3] for r in results)
        scrolls = [r[4] for r in results]
        scrolled = statistics.median(r[5] for r in results)
        name = renderer or "default renderer"
        prefix = "Thread of %d messages (%s):" % (N_MESSAGES, name)
        print("%s, median of %d:" % (name, RUNS))
        print("  asked to data in the model  %6.0f ms  (every page over HTTP, parsed)" % load)
        print("  data to first frame         %6.0f ms  bar 200 ms: %s" % (paint, verdict(paint < 200)))
        print("  (a two-message thread       %6.0f ms, the same way)" % floor)
        print("  resident memory growth      %6.1f MB  bar 50 MB: %s" % (growth, verdict(growth < 50)))
        result(prefix + " asked to data in the model", load, "ms")
        result(prefix + " data to first frame", paint, "ms", bar="< 200 ms", ok=paint < 200,
               anchor="a two-message thread %.0f ms" % floor, key=renderer is None)
        result(prefix + " resident memory growth", growth, "MB", bar="< 50 MB", ok=growth < 50)
        keys_scrolls = [sc[0] for sc in scrolls if sc[0] is not None]
        wheel_scrolls = [sc[1] for sc in scrolls if sc[1] is not None]
        up_scrolls = [sc[2] for sc in scrolls if sc[2] is not None]
        longest = 0
        if up_scrolls:
            longest = report_scroll("wheel up from the newest, %d clicks," % up_scrolls[0]["clicks"], up_scrolls,
                                    prefix)
        if keys_scrolls:
            longest = max(longest, report_scroll("top to bottom, %d page-downs," % keys_scrolls[0]["presses"],
                                                 keys_scrolls, prefix))
        if wheel_scrolls:
            longest = max(longest, report_scroll("mouse wheel, %d clicks," % wheel_scrolls[0]["clicks"],
                                                 wheel_scrolls, prefix))
        rows = max(sc["rows"] for sc in keys_scrolls + wheel_scrolls + up_scrolls)
        atspi_rows = max(sc["atspi_rows"] for sc in keys_scrolls + wheel_scrolls + up_scrolls)
        print("  row widgets                 %d (AT-SPI: %d) of %d messages, bar far fewer (< %d): %s"
              % (rows, atspi_rows, N_MESSAGES, ROWS_BAR, verdict(max(rows, atspi_rows) < ROWS_BAR)))
        print("  memory growth, scrolled     %6.1f MB  bar 50 MB: %s" % (scrolled, verdict(scrolled < 50)))
        result(prefix + " row widgets", max(rows, atspi_rows), "rows", bar="< %d" % ROWS_BAR,
               ok=max(rows, atspi_rows) < ROWS_BAR, anchor="%d messages" % N_MESSAGES)
        result(prefix + " resident memory growth, scrolled", scrolled, "MB", bar="< 50 MB", ok=scrolled < 50)
        failed = (failed or paint >= 200 or growth >= 50 or longest >= 100 or scrolled >= 50
                  or max(rows, atspi_rows) >= ROWS_BAR)
    if not SMOKE:
        print("bars met" if not failed else "a bar is not met (see above)")


if __name__ == "__main__":
    sdui.run([("a %d-message thread in the cases window (measurement)" % N_MESSAGES, measure)])
