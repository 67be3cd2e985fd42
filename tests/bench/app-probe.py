#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""app-probe: watches a running GTK app from outside, for the benchmarks.

  app-probe.py stalls BUS_NAME OBJECT_PATH
      Calls org.gtk.Actions.List on the app over the session bus, one call
      after another, until stdin closes or SIGTERM; GDBus runs each call on
      the app's main loop, so a call's round trip is the time the main loop
      took to come to it. Prints one JSON line at the end:
      {"calls": [[start, milliseconds], ...]} (start on CLOCK_MONOTONIC, as
      Python's time.monotonic() in any process).

  app-probe.py frames PID
      Finds PID's X11 top-level window and records its damage (XDamage:
      the X server tells each time the window's pixels change, so each
      frame the app draws is one burst of damage). Reads commands on stdin,
      one a line: "move X Y" puts the pointer there, "center" in the
      middle of the window (a little below); "wheel N" (button 5)
      and "key NAME N" send N wheel clicks or key presses 1/60 s apart
      through XTest ("wheel N M": N down, then M up, in one burst) and
      print {"frames": N, "seconds": S, "fps": F, "longest_gap_ms": G,
      "frames_after": A, "frame_ms": [...]} for the frames drawn while the
      input came, from the first input to 50 ms after the last (gaps
      between frames, from the first frame to the last); A frames came
      later, within 1 s (a kinetic scroll slowing down); frame_ms lists
      every frame's time from the first; "up N" sends N wheel clicks up at
      once; "quit" ends.

  app-probe.py overview PID
      Through the accessibility bus: presses the main window's "Overview"
      toggle button, waits for the overview's tiles, and gives the first
      tile the keyboard focus (as a click would, without opening it).
      Prints {"tiles": N, "x": X, "y": Y} (N tiles seen, the middle of the
      overview in window coordinates) or exits 1 saying what is missing.

  app-probe.py wm
      Announces a window manager on the X display as EWMH has one do: an
      unmapped window of its own named in the root window's
      _NET_SUPPORTING_WM_CHECK, and in its own. Prints {"window": ID} and
      holds it until stdin closes, then takes the announcement back (a
      display that has a window manager keeps it: {"window": ID,
      "already": true}, and nothing changed). Under
      a bare Xvfb, GTK 4.8 looks for that window on the X server at every
      frame it ends (a round trip it makes only every 15 s once it is
      found), which no desktop session has it do: the benches announce
      one so that the frames they time are the frames users get.

Runs with the system Python (GObject introspection for the bus; libX11 and
libXdamage through ctypes), beside the measured app, not inside it.
"""

import ctypes
import json
import os
import select
import signal
import sys
import threading
import time


def stalls(bus_name, path):
    from gi.repository import Gio, GLib

    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    times = []
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    deadline = time.monotonic() + 60
    while not stop.is_set():
        start = time.monotonic()
        try:
            bus.call_sync(bus_name, path, "org.gtk.Actions", "List", None,
                          GLib.VariantType.new("(as)"), Gio.DBusCallFlags.NONE, 10000, None)
        except GLib.Error:
            if time.monotonic() > deadline:
                break
            time.sleep(0.01)       # not on the bus yet
            continue
        times.append((start, (time.monotonic() - start) * 1000))
        time.sleep(0.002)
    print(json.dumps({"calls": [[round(t, 4), round(ms, 2)] for t, ms in times]}), flush=True)


class XDamageNotifyEvent(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong), ("send_event", ctypes.c_int),
                ("display", ctypes.c_void_p), ("drawable", ctypes.c_ulong),
                ("damage", ctypes.c_ulong), ("level", ctypes.c_int), ("more", ctypes.c_int),
                ("timestamp", ctypes.c_ulong), ("area", ctypes.c_short * 4),
                ("geometry", ctypes.c_short * 4)]


class XEvent(ctypes.Union):
    _fields_ = [("type", ctypes.c_int), ("damage", XDamageNotifyEvent), ("pad", ctypes.c_long * 24)]


class XTest:
    """Wheel clicks and key presses through XTest, on a display connection of their own."""

    def __init__(self, x11):
        self.x11 = x11
        self.xtst = ctypes.cdll.LoadLibrary("libXtst.so.6")
        self.dpy = x11.XOpenDisplay(None)
        x11.XStringToKeysym.restype = ctypes.c_ulong
        x11.XStringToKeysym.argtypes = [ctypes.c_char_p]
        x11.XKeysymToKeycode.restype = ctypes.c_ubyte
        x11.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
        x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
        self.xtst.XTestFakeKeyEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int,
                                                ctypes.c_ulong]
        self.xtst.XTestFakeButtonEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int,
                                                   ctypes.c_ulong]
        self.xtst.XTestFakeMotionEvent.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int,
                                                   ctypes.c_int, ctypes.c_ulong]

    def move(self, x, y):
        self.xtst.XTestFakeMotionEvent(self.dpy, -1, x, y, 0)
        self.x11.XFlush(self.dpy)

    def _repeat(self, send, times, interval):
        start = time.monotonic()
        for i in range(times):
            send()
            self.x11.XFlush(self.dpy)
            delay = start + (i + 1) * interval - time.monotonic()
            if delay > 0:
                time.sleep(delay)

    def wheel(self, times, interval, button=5):
        self._repeat(lambda: (self.xtst.XTestFakeButtonEvent(self.dpy, button, 1, 0),
                              self.xtst.XTestFakeButtonEvent(self.dpy, button, 0, 0)),
                     times, interval)

    def press(self, name, times, interval):
        code = self.x11.XKeysymToKeycode(self.dpy, self.x11.XStringToKeysym(name.encode()))
        self._repeat(lambda: (self.xtst.XTestFakeKeyEvent(self.dpy, code, 1, 0),
                              self.xtst.XTestFakeKeyEvent(self.dpy, code, 0, 0)),
                     times, interval)

    def close(self):
        self.x11.XCloseDisplay(self.dpy)


def find_window(x11, dpy, pid):
    root = x11.XDefaultRootWindow(dpy)
    atom = x11.XInternAtom(dpy, b"_NET_WM_PID", False)
    root_ret, parent_ret = ctypes.c_ulong(), ctypes.c_ulong()
    children, n = ctypes.POINTER(ctypes.c_ulong)(), ctypes.c_uint()
    x11.XQueryTree(dpy, root, ctypes.byref(root_ret), ctypes.byref(parent_ret),
                   ctypes.byref(children), ctypes.byref(n))
    found = None
    for i in range(n.value):
        win = children[i]
        actual, fmt = ctypes.c_ulong(), ctypes.c_int()
        nitems, after = ctypes.c_ulong(), ctypes.c_ulong()
        prop = ctypes.POINTER(ctypes.c_ubyte)()
        if x11.XGetWindowProperty(dpy, win, atom, 0, 1, False, 6, ctypes.byref(actual),
                                  ctypes.byref(fmt), ctypes.byref(nitems), ctypes.byref(after),
                                  ctypes.byref(prop)) == 0 and nitems.value == 1:
            value = ctypes.cast(prop, ctypes.POINTER(ctypes.c_ulong))[0]
            x11.XFree(prop)
            if value == pid:
                found = win
    if children:
        x11.XFree(children)
    return found


def frames(pid):
    x11 = ctypes.cdll.LoadLibrary("libX11.so.6")
    xd = ctypes.cdll.LoadLibrary("libXdamage.so.1")
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    for name in ("XDefaultRootWindow", "XInternAtom", "XQueryTree", "XGetWindowProperty",
                 "XPending", "XNextEvent", "XFlush", "XConnectionNumber"):
        getattr(x11, name).argtypes = None
    x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    x11.XDefaultRootWindow.restype = ctypes.c_ulong
    x11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    x11.XInternAtom.restype = ctypes.c_ulong
    x11.XQueryTree.argtypes = [ctypes.c_void_p, ctypes.c_ulong] + [ctypes.c_void_p] * 4
    x11.XGetWindowProperty.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong,
                                       ctypes.c_long, ctypes.c_long, ctypes.c_int,
                                       ctypes.c_ulong] + [ctypes.c_void_p] * 5
    x11.XFree.argtypes = [ctypes.c_void_p]
    x11.XPending.argtypes = [ctypes.c_void_p]
    x11.XNextEvent.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
    x11.XFlush.argtypes = [ctypes.c_void_p]
    x11.XConnectionNumber.argtypes = [ctypes.c_void_p]
    x11.XGetGeometry.argtypes = [ctypes.c_void_p, ctypes.c_ulong] + [ctypes.c_void_p] * 7
    xd.XDamageQueryExtension.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]
    xd.XDamageCreate.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int]
    xd.XDamageCreate.restype = ctypes.c_ulong
    xd.XDamageSubtract.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]

    dpy = x11.XOpenDisplay(None)
    if not dpy:
        sys.exit("app-probe: cannot open the X display")
    event_base, error_base = ctypes.c_int(), ctypes.c_int()
    if not xd.XDamageQueryExtension(dpy, ctypes.byref(event_base), ctypes.byref(error_base)):
        sys.exit("app-probe: the X server has no DAMAGE extension")
    win = None
    deadline = time.monotonic() + 30
    while win is None and time.monotonic() < deadline:
        win = find_window(x11, dpy, pid)
        if win is None:
            time.sleep(0.1)
    if win is None:
        sys.exit("app-probe: no X window of process %d" % pid)
    damage = xd.XDamageCreate(dpy, win, 3)      # XDamageReportNonEmpty
    x11.XFlush(dpy)
    print(json.dumps({"window": win}), flush=True)

    fd = x11.XConnectionNumber(dpy)
    event = XEvent()
    stamps = [None]
    keys = XTest(x11)

    def drain():
        while x11.XPending(dpy):
            x11.XNextEvent(dpy, ctypes.byref(event))
            if event.type == event_base.value:
                # One event when the window's damage becomes non-empty: a
                # frame; emptied again at once so that the next frame reports.
                xd.XDamageSubtract(dpy, damage, 0, 0)
                x11.XFlush(dpy)
                if stamps[0] is not None and (not stamps[0] or
                                              event.damage.timestamp != stamps[0][-1][0]):
                    stamps[0].append((event.damage.timestamp, time.monotonic()))

    def burst(send, n):
        """Sends the input (n events 1/60 s apart) and judges the frames the
        app drew while it came: from the first input to the last input's
        frame (50 ms after it). What the window draws after that (a kinetic
        scroll slowing down, the scrollbar fading) is counted apart."""
        drain()
        stamps[0] = []
        sent = []
        end = time.monotonic() + n / 60 + 1.0
        threading.Thread(target=lambda: (send(), sent.append(time.monotonic())),
                         daemon=True).start()
        while time.monotonic() < end:
            select.select([fd], [], [], 0.01)
            drain()
        got, stamps[0] = stamps[0], None
        cut = (sent[0] if sent else end) + 0.05
        during = [stamp for stamp, seen in got if seen <= cut]
        gaps = [b - a for a, b in zip(during, during[1:])]
        seconds = (during[-1] - during[0]) / 1000 if len(during) > 1 else 0.0
        print(json.dumps({"frames": len(during), "seconds": round(seconds, 3),
                          "fps": round((len(during) - 1) / seconds, 1) if seconds else 0.0,
                          "longest_gap_ms": max(gaps) if gaps else None,
                          "frames_after": len(got) - len(during),
                          "frame_ms": [stamp - got[0][0] for stamp, _ in got]}), flush=True)

    while True:
        line = sys.stdin.readline().split()
        if not line or line[0] == "quit":
            keys.close()
            return
        if line[0] == "move":
            keys.move(int(line[1]), int(line[2]))
        elif line[0] == "center":
            # The middle of the window, a little below (where the content is).
            root, x, y = ctypes.c_ulong(), ctypes.c_int(), ctypes.c_int()
            w, h, b, d = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
            x11.XGetGeometry(dpy, win, ctypes.byref(root), ctypes.byref(x), ctypes.byref(y),
                             ctypes.byref(w), ctypes.byref(h), ctypes.byref(b), ctypes.byref(d))
            keys.move(x.value + w.value // 2, y.value + h.value * 3 // 5)
        elif line[0] == "up":
            keys.wheel(int(line[1]), 0, button=4)
            time.sleep(0.5)
        elif line[0] == "wheel":
            down = int(line[1])
            up = int(line[2]) if len(line) > 2 else 0
            burst(lambda: (keys.wheel(down, 1 / 60), keys.wheel(up, 1 / 60, button=4)),
                  down + up)
        elif line[0] == "key":
            burst(lambda: keys.press(line[1], int(line[2]), 1 / 60), int(line[2]))
        drain()


def overview(pid):
    import gi
    gi.require_version("Atspi", "2.0")
    from gi.repository import Atspi

    def find(node, role, name, depth=0, limit=40):
        if node is None or depth > limit:
            return None
        try:
            if node.get_role_name() == role and (name is None or node.get_name() == name):
                return node
            for i in range(node.get_child_count()):
                got = find(node.get_child_at_index(i), role, name, depth + 1, limit)
                if got is not None:
                    return got
        except gi.repository.GLib.Error:
            return None
        return None

    deadline = time.monotonic() + 30
    app = None
    while app is None and time.monotonic() < deadline:
        desktop = Atspi.get_desktop(0)
        for i in range(desktop.get_child_count()):
            child = desktop.get_child_at_index(i)
            if child is not None and child.get_process_id() == pid:
                app = child
        if app is None:
            time.sleep(0.2)
    if app is None:
        sys.exit("app-probe: process %d is not on the accessibility bus" % pid)
    button = find(app, "toggle button", "Overview") or find(app, "push button", "Overview")
    if button is None:
        sys.exit("app-probe: no \"Overview\" toggle button")
    action = button.get_action_iface()
    action.do_action(0)
    panel = None
    while time.monotonic() < deadline + 30:
        panel = find(app, "panel", "Overview of accounts and regions")
        if panel is not None and panel.get_child_count() > 0:
            break
        time.sleep(0.2)
    if panel is None:
        sys.exit("app-probe: no overview panel after pressing Overview")
    tiles = []

    def collect(node, depth=0):
        if node is None or depth > 12 or len(tiles) > 2000:
            return
        states = node.get_state_set()
        if states.contains(Atspi.StateType.FOCUSABLE) and node.get_child_count() == 0:
            tiles.append(node)
        for i in range(node.get_child_count()):
            collect(node.get_child_at_index(i), depth + 1)
    collect(panel)
    if not tiles:
        sys.exit("app-probe: the overview has no focusable tile")
    # The keyboard into the overview: Tab from the Overview button until a
    # tile has the focus (GTK does not take the focus through AT-SPI).
    x11 = ctypes.cdll.LoadLibrary("libX11.so.6")
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XFlush.argtypes = [ctypes.c_void_p]
    keys = XTest(x11)
    focused = False
    for _ in range(15):
        keys.press("Tab", 1, 0)
        time.sleep(0.3)
        if any(t.get_state_set().contains(Atspi.StateType.FOCUSED) for t in tiles[:100]):
            focused = True
            break
    keys.close()
    if not focused:
        sys.exit("app-probe: Tab did not bring the focus to a tile of the overview")
    extents = panel.get_component_iface().get_extents(Atspi.CoordType.WINDOW)
    print(json.dumps({"tiles": len(tiles), "x": extents.x + extents.width // 2,
                      "y": extents.y + extents.height // 2}), flush=True)


def wm():
    x11 = ctypes.cdll.LoadLibrary("libX11.so.6")
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    x11.XDefaultRootWindow.restype = ctypes.c_ulong
    x11.XCreateSimpleWindow.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_int,
                                        ctypes.c_uint, ctypes.c_uint, ctypes.c_uint,
                                        ctypes.c_ulong, ctypes.c_ulong]
    x11.XCreateSimpleWindow.restype = ctypes.c_ulong
    x11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    x11.XInternAtom.restype = ctypes.c_ulong
    x11.XChangeProperty.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong,
                                    ctypes.c_int, ctypes.c_int, ctypes.c_void_p, ctypes.c_int]
    x11.XDeleteProperty.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong]
    x11.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
    x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
    dpy = x11.XOpenDisplay(None)
    if not dpy:
        sys.exit("app-probe: cannot open the X display")
    x11.XGetWindowProperty.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong,
                                       ctypes.c_long, ctypes.c_long, ctypes.c_int,
                                       ctypes.c_ulong] + [ctypes.c_void_p] * 5
    x11.XFree.argtypes = [ctypes.c_void_p]
    root = x11.XDefaultRootWindow(dpy)
    check = x11.XInternAtom(dpy, b"_NET_SUPPORTING_WM_CHECK", False)
    xa_window, prop_mode_replace = 33, 0
    # A display with a window manager of its own (a desktop session) keeps it.
    actual, fmt = ctypes.c_ulong(), ctypes.c_int()
    nitems, after = ctypes.c_ulong(), ctypes.c_ulong()
    prop = ctypes.POINTER(ctypes.c_ubyte)()
    if x11.XGetWindowProperty(dpy, root, check, 0, 1, False, xa_window, ctypes.byref(actual),
                              ctypes.byref(fmt), ctypes.byref(nitems), ctypes.byref(after),
                              ctypes.byref(prop)) == 0 and nitems.value == 1:
        present = ctypes.cast(prop, ctypes.POINTER(ctypes.c_ulong))[0]
        x11.XFree(prop)
        print(json.dumps({"window": present, "already": True}), flush=True)
        sys.stdin.read()
        x11.XCloseDisplay(dpy)
        return
    win = x11.XCreateSimpleWindow(dpy, root, -10, -10, 1, 1, 0, 0, 0)
    value = ctypes.c_ulong(win)
    for target in (win, root):
        x11.XChangeProperty(dpy, target, check, xa_window, 32, prop_mode_replace,
                            ctypes.byref(value), 1)
    x11.XSync(dpy, False)
    print(json.dumps({"window": win}), flush=True)
    sys.stdin.read()
    x11.XDeleteProperty(dpy, root, check)
    x11.XSync(dpy, False)
    x11.XCloseDisplay(dpy)


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "stalls":
        stalls(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 3 and sys.argv[1] == "overview":
        overview(int(sys.argv[2]))
    elif len(sys.argv) == 3 and sys.argv[1] == "frames":
        frames(int(sys.argv[2]))
    elif len(sys.argv) == 2 and sys.argv[1] == "wm":
        wm()
    else:
        sys.exit(__doc__)
    return 0


if __name__ == "__main__":
    sys.exit(main())
