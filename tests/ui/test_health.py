#!/usr/bin/python3
"""Sending health against the AWS emulator (scenario health.json).

Run under tests/aws-emulator/with-emulator: it gives the profile
sd-ui-health, with a region in every health level, regions without
CloudWatch figures and a region where CloudWatch is denied. Changes are made
through the emulator's control endpoint while the app runs; notifications go
to a stand-in for the desktop's notification server run by this test (the
one of test_cases.py).
"""
import json
import os
import subprocess
import sys
import tempfile
import time

from gi.repository import Gio, GLib  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sdui  # noqa: E402

PROFILE = "sd-ui-health"
ACCOUNT = "333333333333"
APP_ID = "io.github.sesdesk.SesDesk"
CASES_TEST = os.path.join(os.path.dirname(os.path.abspath(__file__)), "test_cases.py")

# What the scenario seeds, as each card says it: (name, level, bounce rate, complaint rate).
SEEDED = {
    "us-east-1": ("US East (N. Virginia)", "Healthy", "0.80 %", "0.02 %"),
    "eu-west-1": ("Europe (Ireland)", "Watch", "3.00 %", "0.05 %"),
    "ap-northeast-1": ("Asia Pacific (Tokyo)", "Under review", "5.50 %", "0.04 %"),
    "eu-central-1": ("Europe (Frankfurt)", "At risk of pause", "12.00 %", "0.08 %"),
    "us-west-2": ("US West (Oregon)", "Paused", "2.00 %", "0.70 %"),
    "ap-southeast-2": ("Asia Pacific (Sydney)", "Healthy", "No data", "No data"),
    "eu-west-2": ("Europe (London)", "Healthy", "No data", "No data"),
}


def state_dir():
    """A state folder of its own: the change log starts empty, as on a first run."""
    return tempfile.mkdtemp(prefix="sd-ui-state-", dir=os.environ.get("SD_UI_RUNTIME_DIR"))


def start(env=None):
    app = sdui.App(env=dict({"XDG_STATE_HOME": state_dir()}, **(env or {})))
    app.wait_loaded()
    return app


def cells(app):
    return app.names("table cell", node=app.find("table", "Regions"))


def search(app, text):
    entry = app.find("entry", "Search regions and profiles")
    if not sdui.has_state(app.find("push button", "Search"), "pressed"):
        app.action("push button", "Search")
    entry.text = text


def only_card(app, prefix, timeout=15.0):
    def probe():
        shown = cells(app)
        return len(shown) == 1 and shown[0].startswith(prefix) and app.find("table cell", shown[0])
    return sdui.wait_for(probe, "one card %r (shown: %r)" % (prefix, cells(app)), timeout)


def open_card(app, region):
    search(app, "%s %s" % (region, PROFILE))
    app.click(only_card(app, SEEDED[region][0]))
    return app.find("list", "Health", timeout=15)


def totals(app):
    return app.names("panel", node=app.find("table", "Totals"))


def bus():
    return Gio.bus_get_sync(Gio.BusType.SESSION, None)


def activate_app(name, params=None):
    """Activates the application's action @name (org.gtk.Actions), as a script would."""
    bus().call_sync(APP_ID, "/io/github/sesdesk/SesDesk", "org.gtk.Actions", "Activate",
                    GLib.Variant("(sava{sv})", (name, [] if params is None else [params], {})),
                    None, Gio.DBusCallFlags.NONE, 10000, None)


def chart_description(app, name):
    return app.find("image", name).description


def test_cards():
    with start() as app:
        # Under review, at risk of pause and paused count as at risk.
        sdui.wait_for(lambda: "3 with health at risk" in totals(app), "the health total: %r" % totals(app))
        for region, (name, level, bounce, complaint) in SEEDED.items():
            search(app, "%s %s" % (region, PROFILE))
            card = only_card(app, "%s, %s" % (name, region))
            summary = "health %s, bounce rate %s, complaint rate %s" % (level, bounce, complaint)
            assert summary in card.name, (region, card.name)
            shown = app.names("label", node=card)
            assert level in shown, (region, shown)
            assert "Bounces %s · Complaints %s" % (bounce, complaint) in shown, (region, shown)
        app.screenshot("health-cards")


def test_filter_and_sort():
    with start() as app:
        search(app, PROFILE)
        app.action("push button", "Search")
        app.action("push button", "All States")
        app.action("menu item", "Health at Risk")
        probe = lambda: sorted(c.split(",")[0] for c in cells(app)) == sorted(
            ["Asia Pacific (Tokyo)", "Europe (Frankfurt)", "US West (Oregon)"])
        sdui.wait_for(probe, "the regions at risk (shown: %r)" % cells(app))
        app.action("push button", "Health at Risk")
        app.action("menu item", "Health: Watch or Worse")
        sdui.wait_for(lambda: len(cells(app)) == 4, "watch or worse (shown: %r)" % cells(app))
        # Worst first.
        app.action("push button", "Sort")
        app.action("menu item", "Health")
        order = ["US West (Oregon)", "Europe (Frankfurt)", "Asia Pacific (Tokyo)", "Europe (Ireland)"]
        sdui.wait_for(lambda: [c.split(",")[0] for c in cells(app)] == order,
                      "worst first (shown: %r)" % cells(app))


def test_region_page():
    with start() as app:
        health = open_card(app, "eu-central-1")
        rows = {n: app.names("label", node=app.find("list item", n, node=health))
                for n in app.names("list item", node=health)}
        assert "At risk of pause" in rows["Health"], rows
        assert "12.00 %" in rows["Bounce rate"], rows
        assert "Review at 5.00 %, pause risk at 10.00 %" in rows["Bounce rate"], rows
        assert "Review at 0.10 %, pause risk at 0.50 %" in rows["Complaint rate"], rows
        assert "4200" in rows["Sends, last 14 days"], rows
        assert any("representative volume" in n for n in app.names("label")), app.names("label")

        # Each chart says every value it draws.
        activity = chart_description(app, "Daily activity chart")
        lines = activity.split("\n")
        assert [line.split(":")[0] for line in lines] == \
            ["Sends", "Deliveries", "Bounces", "Complaints", "Rejects"], activity
        assert lines[0].count(" 300") == 14, activity
        assert lines[2].count(" 36") == 14, activity
        bounce = chart_description(app, "Bounce rate chart")
        assert bounce.startswith("Bounce rate: "), bounce
        assert bounce.count("12.00 %") == 14, bounce
        assert "Review at 5.00 %, pause risk at 10.00 %" in bounce, bounce
        complaint = chart_description(app, "Complaint rate chart")
        assert complaint.count("0.08 %") == 14, complaint

        # The same numbers as a table.
        app.action("push button", "Figures as a Table", action="activate")
        table = sdui.wait_for(lambda: app.node.findChildren(lambda n: n.name == "Daily figures"),
                              "the table")[0]
        cells_ = app.names("label", node=table)
        assert cells_[:8] == ["Day", "Sends", "Deliveries", "Bounces", "Complaints", "Rejects",
                              "Bounce rate", "Complaint rate"], cells_[:8]
        assert len(cells_) == 8 * 15, len(cells_)
        # Today's row: 300 sends, 260 deliveries, 36 bounces, 1 complaint, no rejects.
        assert cells_[9:16] == ["300", "260", "36", "1", "0", "12.00 %", "0.08 %"], cells_[8:16]
        app.screenshot("health-page")


def test_no_data_and_denied():
    with start() as app:
        health = open_card(app, "ap-southeast-2")
        rows = {n: app.names("label", node=app.find("list item", n, node=health))
                for n in app.names("list item", node=health)}
        assert "No data" in rows["Bounce rate"] and "No data" in rows["Complaint rate"], rows
        assert "No data" in chart_description(app, "Bounce rate chart")
        app.action("push button", "Back to all regions")
        app.wait_gone("list", "Health")

        # CloudWatch denied: which permission would show the rates, and the
        # counts from GetSendStatistics.
        health = open_card(app, "eu-west-2")
        labels = app.names("label")
        assert any("cloudwatch:GetMetricData" in n and "GetSendStatistics" in n for n in labels), labels
        rows = {n: app.names("label", node=app.find("list item", n, node=health))
                for n in app.names("list item", node=health)}
        assert "No data" in rows["Bounce rate"], rows
        assert "2800" in rows["Sends, last 14 days"], rows
        activity = chart_description(app, "Daily activity chart").split("\n")
        assert activity[0].count(" 200") == 14, activity
        app.screenshot("health-denied")


# What keyboard travel through the region page meets in the Health group, in
# order: each row of its list of rates, the three charts and the table's
# expander; once the expander is open, the table.
HEALTH_ROWS = ["Health", "Bounce rate", "Complaint rate", "Sends, last 14 days"]
HEALTH_STOPS = [("list item", r) for r in HEALTH_ROWS] + [
    ("image", "Daily activity chart"), ("image", "Bounce rate chart"), ("image", "Complaint rate chart"),
    ("push button", "Figures as a Table")]
TABLE_STOP = ("scroll pane", "Daily figures")
# Each chart's values, as a screen reader reads them: (line, a value every day has).
CHART_VALUES = {"Daily activity chart": (0, " 300"), "Bounce rate chart": (0, "12.00 %"),
                "Complaint rate chart": (0, "0.08 %")}


def focused(app):
    """(role, name, list) of the node with the keyboard focus, and the node;
    list is the name of the list a list item is in."""
    found = app.node.findChildren(lambda n: sdui.has_state(n, "focused"))
    if not found:
        return None, None
    node = found[-1]
    within = node.parent.name if node.roleName == "list item" and node.parent is not None else None
    return (node.roleName, node.name, within), node


def press_and_follow(app, key, last):
    """Presses @key and waits for the focus to move from @last; the new focus."""
    app.key(key)
    deadline = sdui.give_up_at(5)
    while True:
        assert app.proc.poll() is None, "the app exited (status %r) after %s" % (app.proc.returncode, key)
        stop, node = focused(app)
        if stop is not None and stop != last:
            return stop, node
        if time.time() > deadline:
            raise AssertionError("%s did not move the focus from %r" % (key, last))
        time.sleep(0.15)


def in_health(stop):
    if stop[0] == "list item":
        return stop[2] == "Health"
    return stop[:2] in HEALTH_STOPS or stop[:2] == TABLE_STOP


def travel(app, key, stop, read=None):
    """Presses @key from @stop until the focus has been in Health and left
    it; every stop on the way. A chart's accessible description is checked
    (and kept in @read) when it has the focus."""
    stops = [stop]
    for _ in range(60):
        stop, node = press_and_follow(app, key, stop)
        stops.append(stop)
        if stop[0] == "image" and read is not None:
            line, value = CHART_VALUES[stop[1]]
            description = node.description
            assert description.split("\n")[line].count(value) == 14, (stop, description)
            read[stop[1]] = description
        if any(in_health(s) for s in stops) and not in_health(stop):
            return stops
    raise AssertionError("%s never left Health: %r" % (key, stops))


def test_keyboard_travel():
    with start() as app:
        open_card(app, "eu-central-1")
        back = app.find("push button", "Back to all regions")
        # The top of the page: its Back button (GTK 4.8 takes no focus
        # requests over AT-SPI, so Tab there).
        for _ in range(60):
            if sdui.has_state(back, "focused"):
                break
            app.key("Tab")
            time.sleep(0.15)
        assert sdui.has_state(back, "focused"), "Tab never reached Back"
        stop, _ = focused(app)

        # Tab: through Requests into Health, past the closed table, and out.
        read = {}
        forward = travel(app, "Tab", stop, read)
        print("Tab:", forward)
        assert [s[:2] for s in forward if in_health(s)] == HEALTH_STOPS, forward
        first = min(i for i, s in enumerate(forward) if in_health(s))
        assert any(s[0] == "list item" and s[2] == "Requests" for s in forward[:first]), \
            "Requests comes before Health: %r" % forward
        assert forward[-1][0] == "list item" and forward[-1][2] == "Best practices", forward
        assert sorted(read) == sorted(CHART_VALUES), read

        # Shift+Tab: the same stops the other way, into Requests.
        backward = travel(app, "<Shift>Tab", forward[-1])
        print("Shift+Tab:", backward)
        assert [s[:2] for s in backward if in_health(s)] == HEALTH_STOPS[::-1], backward
        assert backward[-1][0] == "list item" and backward[-1][2] in ("Requests", "Requests sent for this region"), \
            backward

        # The table opened from the keyboard (Space) is the next stop, then out.
        stop = backward[-1]
        while stop[:2] != HEALTH_STOPS[-1]:
            stop, _ = press_and_follow(app, "Tab", stop)
        app.key("space")
        sdui.wait_for(lambda: app.find_all("scroll pane", "Daily figures"), "the table opened from the keyboard")
        stop, _ = press_and_follow(app, "Tab", stop)
        assert stop[:2] == TABLE_STOP, stop
        stop, _ = press_and_follow(app, "Tab", stop)
        assert stop[0] == "list item" and stop[2] == "Best practices", stop
        # And back into the open table.
        stop, _ = press_and_follow(app, "<Shift>Tab", stop)
        assert stop[:2] == TABLE_STOP, stop

        # Still there, and still answering.
        assert app.proc.poll() is None, app.proc.returncode
        app.find("image", "Bounce rate chart")
        app.screenshot("health-keyboard")


def notifications(log, text):
    return [json.loads(line) for line in open(log) if text in line]


def test_notification_and_changes():
    log = os.path.join(tempfile.mkdtemp(prefix="sd-ui-notify-", dir=os.environ.get("SD_UI_RUNTIME_DIR")),
                       "notifications.jsonl")
    server = subprocess.Popen([sys.executable, CASES_TEST, "--notification-server", log])
    try:
        sdui.wait_for(lambda: os.path.exists(log), "the notification server")
        with start() as app:
            # The first load only learns what is there.
            time.sleep(2)
            assert open(log).read() == "", open(log).read()

            # Sending turned off in one region: one notification that opens it.
            sdui.emulator("/state", {"account": ACCOUNT, "region": "us-east-1",
                                     "account_state": {"sending_enabled": False}})
            app.key("<Control>r")
            note = sdui.wait_for(lambda: notifications(log, "N. Virginia"), "the notification", 60)[0]
            assert "sd-ui-health" in note["body"], note
            assert "default" in note["actions"], note
            bus().call_sync("org.freedesktop.Notifications", "/org/freedesktop/Notifications",
                            "io.github.sesdesk.TestNotifications", "Invoke",
                            GLib.Variant("(us)", (note["id"], "default")), None,
                            Gio.DBusCallFlags.NONE, 5000, None)
            health = app.find("list", "Health", timeout=20)
            rows = {n: app.names("label", node=app.find("list item", n, node=health))
                    for n in app.names("list item", node=health)}
            assert "Paused" in rows["Health"], rows
            app.find("label", "US East (N. Virginia)")

            # Two regions at once: one notification for both.
            count = len(open(log).readlines())
            sdui.emulator("/state", {"account": ACCOUNT, "region": "eu-west-1",
                                     "account_state": {"metrics": {"bounce_rate": 0.06}}})
            sdui.emulator("/state", {"account": ACCOUNT, "region": "us-west-2",
                                     "account_state": {"sending_enabled": True}})
            app.key("<Control>r")
            grouped = sdui.wait_for(lambda: notifications(log, "2 changes in sending health"),
                                    "the grouped notification", 60)[0]
            assert "Europe (Ireland)" in grouped["body"] and "US West (Oregon)" in grouped["body"], grouped
            assert len(open(log).readlines()) == count + 1, open(log).read()

            # Refreshed again: nothing new, nothing more to say.
            app.key("<Control>r")
            time.sleep(5)
            assert len(open(log).readlines()) == count + 1, open(log).read()

            # The Changes window lists all three, newest first.
            activate_app("changes")
            window = app.find("frame", "Changes", timeout=10)
            changes = app.find("list", "Changes", node=window)
            rows = app.names("list item", node=changes)
            assert len(rows) == 3, rows
            subtitles = [app.names("label", node=r) for r in app.find_all("list item", node=changes)]
            assert "US East (N. Virginia)" in " ".join(subtitles[-1]), subtitles
            app.screenshot("health-changes")
            # A line opens its region.
            app.click(app.find_all("list item", node=changes)[-1])
            sdui.wait_for(lambda: app.find_all("label", "US East (N. Virginia)"), "the region page")
    finally:
        server.terminate()
        server.wait()


def test_notifications_off():
    log = os.path.join(tempfile.mkdtemp(prefix="sd-ui-notify-", dir=os.environ.get("SD_UI_RUNTIME_DIR")),
                       "notifications.jsonl")
    server = subprocess.Popen([sys.executable, CASES_TEST, "--notification-server", log])
    try:
        sdui.wait_for(lambda: os.path.exists(log), "the notification server")
        config = tempfile.mkdtemp(prefix="sd-ui-config-", dir=os.environ.get("SD_UI_RUNTIME_DIR"))
        os.makedirs(os.path.join(config, "glib-2.0", "settings"))
        with open(os.path.join(config, "glib-2.0", "settings", "keyfile"), "w") as f:
            f.write("[io/github/sesdesk/SesDesk]\nnotifications=false\n")
        with start({"GSETTINGS_BACKEND": "keyfile", "XDG_CONFIG_HOME": config}) as app:
            sdui.emulator("/state", {"account": ACCOUNT, "region": "ap-southeast-2",
                                     "account_state": {"sending_enabled": False}})
            app.key("<Control>r")
            time.sleep(8)
            assert open(log).read() == "", open(log).read()
            # The change is in the list all the same.
            activate_app("changes")
            window = app.find("frame", "Changes", timeout=10)
            sdui.wait_for(lambda: len(app.names("list item", node=app.find("list", "Changes", node=window))) >= 1,
                          "the change in the list")
    finally:
        server.terminate()
        server.wait()
        sdui.emulator("/state", {"account": ACCOUNT, "region": "ap-southeast-2",
                                 "account_state": {"sending_enabled": True}})


if __name__ == "__main__":
    only = os.environ.get("SD_UI_ONLY")
    tests = [
        ("each card shows its health level and both rates; the totals count regions at risk", test_cards),
        ("regions filter and sort by health", test_filter_and_sort),
        ("the region page shows the rates with AWS's lines, charts that say their values, and a table",
         test_region_page),
        ("no data, and CloudWatch denied: the permission and the counts", test_no_data_and_denied),
        ("keyboard travel: Tab through Requests into Health, its charts and table, and out; Shift+Tab back",
         test_keyboard_travel),
        ("a change made while the app runs is notified, opens its region and is listed",
         test_notification_and_changes),
        ("with notifications off a change is listed but not notified", test_notifications_off),
    ]
    sdui.run([t for t in tests if not only or only in t[0]])
