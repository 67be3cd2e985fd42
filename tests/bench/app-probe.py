#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""app-probe: watches a running GTK app from outside, for the benchmarks.

  app-probe.py stalls BUS_NAME OBJECT_PATH
      Calls org.gtk.Actions.List on the app over the session bus, one call
      after another, until stdin closes or SIGTERM; GDBus runs each call on
      the app's main loop, so a call's round trip is the time the main loop
      took to come to it. Prints one JSON line at the end:
      {"calls": N, "longest_ms": X, "median_ms": Y, "over_50ms": K}.

  app-probe.py frames PID
      Finds PID's X11 top-level window and records its damage (XDamage:
      the X server tells each time the window's pixels change, so each
      frame the app draws is one burst of damage). Reads commands on stdin,
      one a line: "start" begins a burst, "stop" ends it and prints
      {"frames": N, "seconds": S, "fps": F, "longest_gap_ms": G} (gaps
      between frames, from the first frame to the last); "quit" ends.

Runs with the system Python (GObject introspection for the bus; libX11 and
libXdamage through ctypes), beside the measured app, not inside it.
"""

import ctypes
import json
import select
import signal
import statistics
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
    while not stop.is_set():
        start = time.monotonic()
        try:
            bus.call_sync(bus_name, path, "org.gtk.Actions", "List", None,
                          GLib.VariantType.new("(as)"), Gio.DBusCallFlags.NONE, 10000, None)
        except GLib.Error:
            time.sleep(0.01)       # not on the bus yet
            continue
        times.append((time.monotonic() - start) * 1000)
        time.sleep(0.002)
    print(json.dumps({"calls": len(times),
                      "longest_ms": round(max(times), 2) if times else None,
                      "median_ms": round(statistics.median(times), 2) if times else None,
                      "over_50ms": sum(1 for t in times if t > 50)}), flush=True)


class XDamageNotifyEvent(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong), ("send_event", ctypes.c_int),
                ("display", ctypes.c_void_p), ("drawable", ctypes.c_ulong),
                ("damage", ctypes.c_ulong), ("level", ctypes.c_int), ("more", ctypes.c_int),
                ("timestamp", ctypes.c_ulong), ("area", ctypes.c_short * 4),
                ("geometry", ctypes.c_short * 4)]


class XEvent(ctypes.Union):
    _fields_ = [("type", ctypes.c_int), ("damage", XDamageNotifyEvent), ("pad", ctypes.c_long * 24)]


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
    stamps = None
    while True:
        ready, _, _ = select.select([fd, sys.stdin], [], [], 1.0)
        if sys.stdin in ready:
            line = sys.stdin.readline().strip()
            if line in ("", "quit"):
                return
            if line == "start":
                stamps = []
            elif line == "stop" and stamps is not None:
                gaps = [b - a for a, b in zip(stamps, stamps[1:])]
                seconds = (stamps[-1] - stamps[0]) / 1000 if len(stamps) > 1 else 0.0
                print(json.dumps({"frames": len(stamps), "seconds": round(seconds, 3),
                                  "fps": round((len(stamps) - 1) / seconds, 1) if seconds else 0.0,
                                  "longest_gap_ms": max(gaps) if gaps else None}), flush=True)
                stamps = None
        while x11.XPending(dpy):
            x11.XNextEvent(dpy, ctypes.byref(event))
            if event.type == event_base.value:
                # One event when the window's damage becomes non-empty: a
                # frame; emptied again at once so that the next frame reports.
                xd.XDamageSubtract(dpy, damage, 0, 0)
                x11.XFlush(dpy)
                if stamps is not None and (not stamps or event.damage.timestamp != stamps[-1]):
                    stamps.append(event.damage.timestamp)


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "stalls":
        stalls(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 3 and sys.argv[1] == "frames":
        frames(int(sys.argv[2]))
    else:
        sys.exit(__doc__)
    return 0


if __name__ == "__main__":
    sys.exit(main())
