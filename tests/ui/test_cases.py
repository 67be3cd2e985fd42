#!/usr/bin/python3
"""The cases window against the AWS emulator (scenario cases.json).

Run under tests/aws-emulator/with-emulator: it gives the profiles
sd-ui-cases (Business plan: SES cases and others, a thread with an
attachment and hostile text, a resolved case, a review case linked from
eu-west-1) and sd-ui-basic (Basic plan: no Support API, one review case).

Files are attached through the window action "win.attach-file" over D-Bus
(org.gtk.Actions), as a script would: a native file chooser cannot be
driven through AT-SPI. Notifications go to a stand-in for the desktop's
notification server (org.freedesktop.Notifications) run by this test.
"""
import base64
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

from gi.repository import Gio, GLib  # noqa: E402

# A stand-in for the desktop's notification server.

NOTIFICATIONS_XML = """
<node>
  <interface name="org.freedesktop.Notifications">
    <method name="Notify">
      <arg type="s" direction="in"/><arg type="u" direction="in"/><arg type="s" direction="in"/>
      <arg type="s" direction="in"/><arg type="s" direction="in"/><arg type="as" direction="in"/>
      <arg type="a{sv}" direction="in"/><arg type="i" direction="in"/><arg type="u" direction="out"/>
    </method>
    <method name="CloseNotification"><arg type="u" direction="in"/></method>
    <method name="GetCapabilities"><arg type="as" direction="out"/></method>
    <method name="GetServerInformation">
      <arg type="s" direction="out"/><arg type="s" direction="out"/>
      <arg type="s" direction="out"/><arg type="s" direction="out"/>
    </method>
    <signal name="ActionInvoked"><arg type="u"/><arg type="s"/></signal>
    <signal name="NotificationClosed"><arg type="u"/><arg type="u"/></signal>
  </interface>
  <interface name="io.github.sesdesk.TestNotifications">
    <method name="Invoke"><arg type="u" direction="in"/><arg type="s" direction="in"/></method>
  </interface>
</node>
"""


def notification_server(log):
    """Owns org.freedesktop.Notifications, writes each notification to @log
    (a JSON line), and emits ActionInvoked when asked through Invoke."""
    info = Gio.DBusNodeInfo.new_for_xml(NOTIFICATIONS_XML)
    conn = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    counter = [0]

    def on_call(connection, sender, path, interface, method, params, invocation):
        if method == "Notify":
            app_name, _replaces, _icon, summary, body, actions, _hints, _timeout = params.unpack()
            counter[0] += 1
            with open(log, "a") as f:
                f.write(json.dumps({"id": counter[0], "app": app_name, "summary": summary,
                                    "body": body, "actions": actions}) + "\n")
            invocation.return_value(GLib.Variant("(u)", (counter[0],)))
        elif method == "GetCapabilities":
            invocation.return_value(GLib.Variant("(as)", (["actions", "body"],)))
        elif method == "GetServerInformation":
            invocation.return_value(GLib.Variant("(ssss)", ("sd-test", "sesdesk", "1", "1.2")))
        elif method == "Invoke":
            connection.emit_signal(None, "/org/freedesktop/Notifications",
                                   "org.freedesktop.Notifications", "ActionInvoked", params)
            invocation.return_value(None)
        else:
            invocation.return_value(None)

    for iface in info.interfaces:
        conn.register_object("/org/freedesktop/Notifications", iface, on_call, None, None)
    loop = GLib.MainLoop()

    def on_acquired(*args):
        open(log, "a").close()

    Gio.bus_own_name_on_connection(conn, "org.freedesktop.Notifications", Gio.BusNameOwnerFlags.NONE,
                                   on_acquired, lambda *a: loop.quit())
    loop.run()



# The server runs in a process of its own, without the test's display and TAP.
if len(sys.argv) == 3 and sys.argv[1] == "--notification-server":
    notification_server(sys.argv[2])
    sys.exit(0)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sdui  # noqa: E402


MAIN = "sd-ui-cases"
BASIC = "sd-ui-basic"
MAIN_ACCOUNT = "111111111111"
APP_ID = "io.github.sesdesk.SesDesk"
APP_PATH = "/io/github/sesdesk/SesDesk"
WINDOW = "AWS Support Cases"

QUOTA_CASE = "SES sending quota increase in us-east-1"
REVIEW_CASE = "Production access for our transactional mail"
REPLY_CASE = "Reply with an attachment"
RESOLVE_CASE = "Resolve this one"
EC2_CASE = "EC2 instance limit question"
RESOLVED_CASE = "Old resolved question"
JA_CASE = "日本語の問い合わせ"
HOSTILE = ("<b>Bold?</b> <span foreground='red'>markup</span> & \ufffdevil\ufffd see "
           "https://docs.aws.amazon.com/ses/latest/dg/request-production-access.html "
           "not javascript:alert(1)")


# D-Bus: the app's actions, as a script would use them.

def bus():
    return Gio.bus_get_sync(Gio.BusType.SESSION, None)


def activate(path, name, params=()):
    """Activates the action @name exported at @path (org.gtk.Actions)."""
    bus().call_sync(APP_ID, path, "org.gtk.Actions", "Activate",
                    GLib.Variant("(sava{sv})", (name, list(params), {})),
                    None, Gio.DBusCallFlags.NONE, 10000, None)


def window_path_with(action, timeout=10.0):
    """The object path of the window that exports @action."""
    deadline = sdui.give_up_at(timeout)
    while True:
        for n in range(1, 20):
            path = "%s/window/%d" % (APP_PATH, n)
            try:
                names = bus().call_sync(APP_ID, path, "org.gtk.Actions", "List", None,
                                        GLib.VariantType("(as)"), Gio.DBusCallFlags.NONE,
                                        2000, None).unpack()[0]
            except GLib.Error:
                continue
            if action in names:
                return path
        if time.time() > deadline:
            raise AssertionError("no window exports %r" % action)
        time.sleep(0.3)


# The window

def start(env=None):
    """The app, with its state (drafts, what was read) in this session's folder
    like its caches: the same folder for every start of one run."""
    runtime = os.environ.get("SD_UI_RUNTIME_DIR") or tempfile.gettempdir()
    full = {"XDG_STATE_HOME": os.path.join(runtime, "state")}
    full.update(env or {})
    return sdui.App(env=full)


def cases_window(app):
    return app.find("frame", WINDOW, timeout=20)


def open_cases(app):
    """Opens the cases window with its keyboard shortcut, from the main window."""
    app.find("frame", "SES Desk", timeout=20)
    deadline = sdui.give_up_at(20)
    while not app.find_all("frame", WINDOW):
        if time.time() > deadline:
            raise AssertionError("Ctrl+K did not open the cases window")
        app.key("<Control>k")
        time.sleep(1)
    return cases_window(app)


def choose_profile(app, window, profile):
    """Picks @profile in the account switcher, with the keyboard."""
    combo = app.find("combo box", "Account", node=window)
    button = app.find_all("push button", node=combo)[0]
    for attempt in range(4):
        if profile in app.names("label", node=button):
            return
        button.doActionNamed("click")
        popup = wait_for(lambda: [n for n in app.find_all("list", node=combo)
                                  if app.find_all("list item", node=n)], "the account list")[0]
        shown = [app.names("label", node=item) for item in app.find_all("list item", node=popup)]
        names = [labels[0] if labels else "" for labels in shown]
        current = [n for n in names if n in app.names("label", node=button)]
        # The list takes the focus once its popover is up.
        time.sleep(1 + attempt)
        steps = names.index(profile) - (names.index(current[0]) if current else 0)
        for _ in range(abs(steps)):
            app.key("Down" if steps > 0 else "Up")
            time.sleep(0.3)
        app.key("Return")
        deadline = sdui.give_up_at(3)
        while time.time() < deadline and profile not in app.names("label", node=button):
            time.sleep(0.2)
        if profile not in app.names("label", node=button) and app.find_all("list", node=combo):
            app.key("Escape")
            time.sleep(0.5)
    assert profile in app.names("label", node=button), "the account %r was not chosen" % profile


def wait_for(probe, what, timeout=20.0):
    return sdui.wait_for(probe, what, timeout)


def case_rows(app, window):
    """The names of the case rows shown, in order."""
    lists = app.find_all("list", "Cases", node=window)
    if not lists:
        return []
    return app.names("list item", node=lists[0])


def wait_rows(app, window, check, what, timeout=30.0):
    return wait_for(lambda: check(case_rows(app, window)) and case_rows(app, window), what, timeout)


def index_of(rows, subject):
    for i, row in enumerate(rows):
        if row.startswith(subject + ","):
            return i
    return -1


def open_case(app, window, subject):
    # The row is found again for each click: a refresh that lands between
    # finding a row and clicking it moves the rows, and the click misses.
    for attempt in range(3):
        row = wait_for(lambda: [n for n in app.find_all("list item", node=app.find("list", "Cases", node=window))
                                if n.name.startswith(subject + ",")], "the case %r" % subject)
        app.click(row[0])
        try:
            return wait_for(lambda: app.find_all("list", "Messages", node=window),
                            "the messages of %r" % subject, timeout=20 if attempt < 2 else 40)[0]
        except AssertionError:
            if attempt == 2:
                raise


def message_labels(app, window):
    lists = app.find_all("list", "Messages", node=window)
    return app.names("label", node=lists[0]) if lists else []


def wait_message(app, window, text, timeout=30.0):
    return wait_for(lambda: text in message_labels(app, window), "the message %r" % text, timeout)


def set_text_view(app, node, text):
    """Types @text into a text view."""
    try:
        node.text = text
        if node.text == text:
            return
    except Exception:
        pass
    app.click(node)
    sdui.rawinput.typeText(text)


def case_state(case_id):
    state = sdui.emulator("/state?account=%s" % MAIN_ACCOUNT)
    for account in state["accounts"]:
        for case in account.get("cases", []):
            if case.get("case_id") == case_id:
                return case
    raise AssertionError("no case %s in the emulator's state" % case_id)


# Tests

def test_list_search_and_resolved():
    with start() as app:
        window = open_cases(app)
        choose_profile(app, window, MAIN)
        rows = wait_rows(app, window, lambda r: index_of(r, EC2_CASE) >= 0, "the case list")
        sdui.screenshot("cases-list")
        # SES cases first (the quota case by its service and category), then
        # the others by their last activity; resolved cases only when asked.
        assert index_of(rows, QUOTA_CASE) >= 0, rows
        assert index_of(rows, QUOTA_CASE) < index_of(rows, EC2_CASE), rows
        assert index_of(rows, RESOLVED_CASE) < 0, rows
        quota_row = rows[index_of(rows, QUOTA_CASE)]
        for part in ("Case 17800002", "English", "Waiting for your reply"):
            assert part in quota_row, quota_row
        assert "Japanese" in rows[index_of(rows, JA_CASE)], rows

        # Resolved too: asks AWS for them.
        app.click(app.find("check box", "Resolved too", node=window))
        rows = wait_rows(app, window, lambda r: index_of(r, RESOLVED_CASE) >= 0, "the resolved case")
        assert "Resolved" in rows[index_of(rows, RESOLVED_CASE)], rows
        app.click(app.find("check box", "Resolved too", node=window))
        wait_rows(app, window, lambda r: index_of(r, RESOLVED_CASE) < 0 and r, "the resolved case hidden")

        # Search: words in any order, in the subject, ids and status.
        app.find("push button", "Search", node=window).doActionNamed("click")
        entry = app.find("entry", "Search cases", node=window)
        entry.text = "ec2"
        rows = wait_rows(app, window, lambda r: len(r) == 1, "one case found")
        assert rows[0].startswith(EC2_CASE + ","), rows
        entry.text = "17800002"
        rows = wait_rows(app, window, lambda r: len(r) == 1 and r[0].startswith(QUOTA_CASE), "by number")
        entry.text = "no such case anywhere"
        app.find("label", "No Matching Cases", node=window)
        app.action("push button", "Show All Cases")
        wait_rows(app, window, lambda r: len(r) >= 5, "every case again")


def test_read_thread():
    with start() as app:
        window = open_cases(app)
        choose_profile(app, window, MAIN)
        messages = open_case(app, window, QUOTA_CASE)
        wait_message(app, window, "Please confirm the bounce handling of your mail system.")
        sdui.screenshot("cases-thread")
        labels = message_labels(app, window)
        for text in ("We would like 500,000 messages a day in us-east-1.",
                     "Only through double opt-in on our website.",
                     "Here is last month's sending report.", "report.csv",
                     "Amazon Web Services", "sesdesk"):
            assert text in labels, (text, labels)
        # Who wrote, with the submitter AWS gives, after the local time.
        assert [n for n in labels if n.endswith(" · sesdesk (IAM user) <ops@example.com>")], labels
        assert [n for n in labels if n.endswith(" · AWS Support")], labels
        # Server text is text: markup stays literal, bidi overrides are defused.
        assert HOSTILE in labels, labels
        app.find("push button", "Save report.csv", node=window)

        # Oldest first, then newest first.
        items = app.names("list item", node=messages)
        assert items[0].startswith("Message from sesdesk"), items
        app.action("push button", "Newest first")
        wait_for(lambda: app.names("list item", node=app.find("list", "Messages", node=window))[0]
                 .startswith("Message from Amazon Web Services"), "the newest message first")
        labels = message_labels(app, window)
        assert labels.index("Please confirm the bounce handling of your mail system.") < \
            labels.index("Here is last month's sending report."), labels

        # The case was read: its unread mark is gone and stays gone.
        back = app.find_all("push button", "Back", node=window)
        if back:
            app.click(back[0])
        rows = case_rows(app, window)
        assert "new message" not in rows[index_of(rows, QUOTA_CASE)], rows


def test_reply_with_attachment():
    folder = tempfile.mkdtemp(prefix="sd-ui-attach-", dir=os.environ.get("SD_UI_RUNTIME_DIR"))
    path = os.path.join(folder, "bounce-log.txt")
    # Under 2 KiB: the emulator's request log keeps such a blob whole.
    content = b"bounce,2026-05-01,550 5.1.1 user unknown\n" * 40
    with open(path, "wb") as f:
        f.write(content)
    body = "We use eu-west-1. The bounce log is attached."
    case_id = "case-111111111111-2026-00000000000000c3"

    with start() as app:
        window = open_cases(app)
        choose_profile(app, window, MAIN)
        open_case(app, window, REPLY_CASE)
        wait_message(app, window, "Which region do you mean?")

        app.action("push button", "Reply")
        send = app.find("push button", "Send", node=window)
        assert not sdui.has_state(send, "sensitive"), "Send is enabled with an empty message"
        set_text_view(app, app.find("text", "Reply message", node=window), body)
        app.find("text", "Cc addresses", node=window).text = "not-an-address"
        app.find("label", "“not-an-address” is not an e-mail address.", node=window)
        assert not sdui.has_state(send, "sensitive"), "Send is enabled with a bad cc address"
        app.find("text", "Cc addresses", node=window).text = "team@example.com"
        app.wait_gone("label", "“not-an-address” is not an e-mail address.", node=window)

        # Attach through the window's action, as a script would.
        activate(window_path_with("attach-file"), "attach-file", [GLib.Variant("s", path)])
        attached = app.find("list", "Attached files", node=window)
        app.find("push button", "Remove bounce-log.txt", node=attached)
        wait_for(lambda: sdui.has_state(send, "sensitive"), "Send enabled")
        sdui.screenshot("cases-reply")

        app.click(send)
        wait_message(app, window, body, timeout=60)
        app.find("push button", "Save bounce-log.txt", node=window, timeout=20)
        # Sent once, with its cc and the attachment byte for byte.
        case = case_state(case_id)
        sent = [m for m in case["communications"] if m.get("body") == body]
        assert len(sent) == 1, case["communications"]
        requests = sdui.emulator("/requests?service=support&operation=AddCommunicationToCase")["requests"]
        requests = [r for r in requests if r.get("status") == 200]
        assert len(requests) == 1, requests
        assert requests[0]["params"].get("ccEmailAddresses") == ["team@example.com"], requests
        attachments = sent[0].get("attachments", [])
        assert [a.get("file_name") for a in attachments] == ["bounce-log.txt"], attachments
        stored = sdui.emulator("/state?account=%s" % MAIN_ACCOUNT)["accounts"][0]["attachments"]
        assert stored[attachments[0]["attachment_id"]]["length"] == len(content), stored
        uploads = sdui.emulator("/requests?service=support&operation=AddAttachmentsToSet")["requests"]
        uploads = [u for u in uploads if u.get("status") == 200]
        assert len(uploads) == 1, uploads
        uploaded = uploads[0]["params"]["attachments"][0]
        assert uploaded["fileName"] == "bounce-log.txt", uploaded
        # The log keeps a blob of up to 2 KiB as {"base64", "length"}.
        assert uploaded["data"]["length"] == len(content), uploaded["data"]
        assert base64.b64decode(uploaded["data"]["base64"]) == content, "the attachment changed on its way"
        # The composer is empty again (and its draft gone).
        app.action("push button", "Reply")
        text = app.find("text", "Reply message", node=window)
        assert text.text == "", text.text


def communications_with(case_id, body):
    return [m for m in case_state(case_id)["communications"] if m.get("body") == body]


def reply_requests():
    return sdui.emulator("/requests?service=support&operation=AddCommunicationToCase")["requests"]


def clear_faults():
    request = urllib.request.Request(os.environ["SD_EMULATOR_CONTROL"] + "/faults", method="DELETE")
    urllib.request.urlopen(request, timeout=10).read()


def test_ambiguous_reply_not_sent_twice():
    case_id = "case-111111111111-2026-0000000000000107"
    body = "Thank you, the details are below."
    with start() as app:
        window = open_cases(app)
        choose_profile(app, window, MAIN)
        open_case(app, window, JA_CASE)
        wait_message(app, window, "お問い合わせありがとうございます。詳細を確認しています。")
        app.action("push button", "Reply")
        set_text_view(app, app.find("text", "Reply message", node=window), body)
        before = len(reply_requests())
        # AWS applies the reply, but the answer never comes back.
        sdui.emulator("/faults", {"service": "support", "operation": "AddCommunicationToCase",
                                  "after_apply": True, "drop": True, "count": 1})
        send = app.find("push button", "Send", node=window)
        wait_for(lambda: sdui.has_state(send, "sensitive"), "Send enabled")
        app.click(send)
        # The app reads the thread, finds the reply there, and says it was sent.
        wait_message(app, window, body, timeout=60)
        wait_for(lambda: app.find_all("label", "Reply sent"), "the reply called sent")
        assert len(communications_with(case_id, body)) == 1
        assert len(reply_requests()) - before == 1, "the reply was sent again"


def test_uncertain_reply_check_again():
    case_id = "case-111111111111-2026-00000000000000a1"
    body = "Our bounce rate is under 1 %."
    with start() as app:
        window = open_cases(app)
        choose_profile(app, window, MAIN)
        open_case(app, window, REVIEW_CASE)
        wait_message(app, window, "We are reviewing your request.")
        app.action("push button", "Reply")
        set_text_view(app, app.find("text", "Reply message", node=window), body)
        # Applied, then the connection drops; and AWS cannot be read for a while.
        # The drop waits long enough (well under the client's 30 s timeout)
        # for the second fault to be in place first, even on a busy machine.
        sdui.emulator("/faults", {"service": "support", "operation": "AddCommunicationToCase",
                                  "after_apply": True, "drop": True, "delay_ms": 12000, "count": 1})
        send = app.find("push button", "Send", node=window)
        wait_for(lambda: sdui.has_state(send, "sensitive"), "Send enabled")
        app.click(send)
        sdui.emulator("/faults", {"service": "support", "operation": "DescribeCases",
                                  "drop": True, "count": -1})
        try:
            wait_for(lambda: [n for n in app.names("label", node=window)
                              if n.startswith("The reply may have reached AWS Support.")],
                     "the uncertain state", timeout=90)
            sdui.screenshot("cases-uncertain")
            # Nothing sends it again while its fate is open.
            assert not sdui.has_state(app.find("push button", "Send", node=window), "sensitive")
            check = app.find("push button", "Check Again", node=window)
        finally:
            clear_faults()
        # By its action, not a click at its place: banners may still come and
        # go above it while AWS cannot be read, moving it after it was found.
        check.doActionNamed("click")
        wait_for(lambda: app.find_all("label", "The reply did reach AWS Support"), "the reply found",
                 timeout=60)
        wait_message(app, window, body, timeout=30)
        assert len(communications_with(case_id, body)) == 1
        text = app.find("text", "Reply message", node=window)
        assert text.text == "", text.text


def test_draft_survives_a_crash():
    body = "A reply that must survive a crash."
    with start() as app:
        window = open_cases(app)
        choose_profile(app, window, MAIN)
        open_case(app, window, JA_CASE)
        app.action("push button", "Reply")
        set_text_view(app, app.find("text", "Reply message", node=window), body)
        time.sleep(2)
        os.kill(app.proc.pid, signal.SIGKILL)
        app.proc.wait()
    with start() as app:
        window = open_cases(app)
        choose_profile(app, window, MAIN)
        open_case(app, window, JA_CASE)
        # The composer opens by itself on a draft.
        text = app.find("text", "Reply message", node=window)
        wait_for(lambda: text.text == body, "the draft back")


def test_resolve():
    case_id = "case-111111111111-2026-00000000000000d4"
    with start() as app:
        window = open_cases(app)
        choose_profile(app, window, MAIN)
        open_case(app, window, RESOLVE_CASE)
        app.action("push button", "Resolve…")
        dialog = wait_for(lambda: [w for w in app.node.children if "Resolve This Case?" in
                                   app.names("label", node=w)], "the confirmation")[0]
        # AdwMessageDialog holds its buttons twice (wide and narrow layouts),
        # and GTK 4.8 names them "_Resolve Resolve".
        names = app.names("push button", node=dialog)
        assert len(names) == 4 and sum("Cancel" in n for n in names) == 2, names
        buttons = [b for b in app.find_all("push button", node=dialog) if "Resolve" in b.name]
        sdui.screenshot("cases-resolve")
        buttons[0].doActionNamed("click")
        wait_for(lambda: case_state(case_id)["status"] == "resolved", "the case resolved")
        wait_for(lambda: "Resolved" in app.names("label", node=window), "the Resolved badge")
        assert not app.find_all("push button", "Resolve…", node=window)
        # A reply reopens it, as the composer says.
        app.find("label", "The case is resolved: a reply reopens it.", node=window)
        app.action("push button", "Reply")
        set_text_view(app, app.find("text", "Reply message", node=window), "One more question.")
        send = app.find("push button", "Send", node=window)
        wait_for(lambda: sdui.has_state(send, "sensitive"), "Send enabled")
        app.click(send)
        wait_message(app, window, "One more question.", timeout=60)
        wait_for(lambda: case_state(case_id)["status"] == "reopened", "the case reopened")
        wait_for(lambda: "Reopened" in app.names("label", node=window), "the Reopened badge")
        app.find("push button", "Resolve…", node=window)


def test_without_support_plan():
    with start() as app:
        window = open_cases(app)
        choose_profile(app, window, BASIC)
        button = app.find("push button", "Open case case-222222222222-2026-00000000000000a9 in Support Center",
                          node=window, timeout=60)
        assert button is not None
        sdui.screenshot("cases-no-plan")
        said = [n for n in app.names("label", node=window) if "support plan does not include" in n]
        assert len(said) == 1, said
        rows = case_rows(app, window)
        assert len(rows) == 1 and rows[0].startswith("Production access review"), rows


def test_offline():
    with start() as app:
        window = open_cases(app)
        choose_profile(app, window, MAIN)
        open_case(app, window, REVIEW_CASE)
        wait_message(app, window, "We are reviewing your request.")
        time.sleep(1)
        sdui.emulator("/faults", {"service": "support", "drop": True, "count": -1})
        try:
            app.action("push button", "Refresh the case")
            wait_for(lambda: [n for n in app.names("label", node=window)
                              if n.startswith("Offline — showing the saved copy")], "the offline banner")
            sdui.screenshot("cases-offline")
            assert "We are reviewing your request." in message_labels(app, window)
        finally:
            clear_faults()


def assert_fits(app, window, nodes):
    """Every node lies within the window's width: nothing cut off on the right."""
    width = window.size[0]
    for node in nodes:
        (x, _), (w, _) = node.position, node.size
        assert 0 <= x and x + w <= width, (node.roleName, node.name, x, w, width)


def test_narrow_window():
    with start() as app:
        window = open_cases(app)
        choose_profile(app, window, MAIN)
        wait_rows(app, window, lambda r: index_of(r, EC2_CASE) >= 0, "the case list")
        sdui.resize_window(WINDOW, 360, 720)
        wait_for(lambda: window.size[0] <= 360, "the window at 360 px")
        time.sleep(1)
        sdui.screenshot("cases-360-list")
        # Folded: the list alone, every control within 360 px.
        assert_fits(app, window, [app.find(role, name, node=window) for role, name in (
            ("push button", "Refresh the cases"), ("push button", "Search"),
            ("push button", "Main menu"), ("combo box", "Account"), ("combo box", "Status filter"),
            ("check box", "Resolved too"))])
        assert_fits(app, window, app.find_all("list item", node=app.find("list", "Cases", node=window)))

        open_case(app, window, QUOTA_CASE)
        wait_message(app, window, "Please confirm the bounce handling of your mail system.")
        time.sleep(1)
        sdui.screenshot("cases-360-thread")
        thread_controls = [app.find(role, name, node=window) for role, name in (
            ("push button", "Back"), ("push button", "Case menu"), ("push button", "Resolve…"),
            ("push button", "Reply"))]
        # Narrow, refresh and order live in the case menu only: the title needs the room.
        assert not app.find_all("push button", "Newest first", node=window)
        assert_fits(app, window, thread_controls)
        assert_fits(app, window, app.find_all("list item", node=app.find("list", "Messages", node=window)))
        app.action("push button", "Reply")
        time.sleep(1)
        assert_fits(app, window, [app.find(role, name, node=window) for role, name in (
            ("text", "Reply message"), ("text", "Cc addresses"), ("push button", "Attach…"),
            ("push button", "Send"))])
        sdui.screenshot("cases-360-reply")
        # Back to the list, by keyboard.
        app.action("push button", "Reply")
        app.click(app.find("push button", "Back", node=window))
        wait_for(lambda: window.size[0] <= 360 and
                 app.find("list", "Cases", node=window).position[0] >= 0 and
                 app.find("push button", "Refresh the cases", node=window).position[0] < 360,
                 "the list again")


def test_show_region():
    review_case_id = "case-111111111111-2026-00000000000000a1"
    with start() as app:
        main = app.find("frame", "SES Desk", timeout=20)
        # The main window on the other account: showing the region switches it.
        choose_profile(app, main, BASIC)
        window = open_cases(app)
        choose_profile(app, window, MAIN)
        # A case the app knows nothing of the origin of: no way to a region.
        open_case(app, window, EC2_CASE)
        wait_message(app, window, "How many instances may we run?")
        assert not app.find_all("push button", "Show Region", node=window)
        # The review case came from eu-west-1's review.
        open_case(app, window, REVIEW_CASE)
        wait_message(app, window, "We are reviewing your request.")
        wait_for(lambda: [n for n in app.names("label", node=window) if n.endswith(" · Europe (Ireland)")],
                 "the origin region said")
        button = app.find("push button", "Show Region", node=window)
        sdui.screenshot("cases-show-region")
        app.click(button)
        # The main window, on that region of that account.
        wait_for(lambda: "eu-west-1 · %s" % MAIN in app.names("label", node=main), "the region page")
        labels = app.names("label", node=main)
        assert "Europe (Ireland)" in labels, labels
        review = app.find("list item", "Review case", node=main, timeout=30)
        assert review_case_id in app.names("label", node=review), app.names("label", node=review)
        wait_for(lambda: sdui.has_state(main, "active"), "the main window raised")
        sdui.screenshot("cases-show-region-main")
        # Back: the dashboard, switched to that account.
        app.key("Escape")
        app.wait_gone("list item", "Review case", node=main)
        combo = app.find("combo box", "Account", node=main)
        assert MAIN in app.names("label", node=combo), app.names("label", node=combo)


def tab_to(app, node, presses=40):
    """Presses Tab until @node has the keyboard focus: it is reachable without a mouse."""
    for _ in range(presses):
        if sdui.has_state(node, "focused"):
            return
        app.key("Tab")
        time.sleep(0.15)
    raise AssertionError("%s %r never got the focus with Tab" % (node.roleName, node.name))


def test_keyboard():
    with start() as app:
        window = open_cases(app)
        choose_profile(app, window, MAIN)
        wait_rows(app, window, lambda r: index_of(r, EC2_CASE) >= 0, "the case list")
        # Ctrl+F searches; Tab reaches the case; Return opens it.
        app.key("<Control>f")
        entry = app.find("entry", "Search cases", node=window)
        wait_for(lambda: sdui.has_state(entry, "focused"), "the search entry focused")
        sdui.rawinput.typeText("ec2")
        wait_rows(app, window, lambda r: len(r) == 1, "one case found")
        row = app.find("list item", node=app.find("list", "Cases", node=window))
        tab_to(app, row)
        app.key("Return")
        wait_message(app, window, "How many instances may we run?")
        # The reply: its button by Tab, and the message takes the focus.
        reply = app.find("push button", "Reply", node=window)
        tab_to(app, reply)
        app.key("space")
        text = app.find("text", "Reply message", node=window)
        wait_for(lambda: sdui.has_state(text, "focused"), "the message focused")
        tab_to(app, app.find("text", "Cc addresses", node=window), presses=3)
        tab_to(app, app.find("push button", "Attach…", node=window), presses=3)
        # Ctrl+W closes the window, the app stays; Ctrl+K opens it again.
        app.key("<Control>w")
        app.wait_gone("frame", WINDOW)
        window = open_cases(app)
        wait_rows(app, window, lambda r: index_of(r, EC2_CASE) >= 0 or len(r) > 0, "the case list again")


def test_notification_opens_case():
    log = os.path.join(tempfile.mkdtemp(prefix="sd-ui-notify-", dir=os.environ.get("SD_UI_RUNTIME_DIR")),
                       "notifications.jsonl")
    server = subprocess.Popen([sys.executable, os.path.abspath(__file__), "--notification-server", log])
    try:
        wait_for(lambda: os.path.exists(log), "the notification server")
        with start() as app:
            app.find("frame", "SES Desk", timeout=20)
            # The first check only learns what is there.
            activate(APP_PATH, "check-cases")
            time.sleep(5)
            sdui.emulator("/state", {"account": MAIN_ACCOUNT, "communication": {
                "case_id": "case-111111111111-2026-00000000000000e5",
                "body": "You may run up to 64 vCPUs.", "from": "aws"}})
            activate(APP_PATH, "check-cases")
            note = wait_for(lambda: [json.loads(line) for line in open(log)
                                     if "EC2 instance" in line], "the notification", timeout=60)[0]
            assert note["summary"] == "AWS answered: EC2 instance limit question", note
            assert "17800005" in note["body"], note
            assert "default" in note["actions"], note
            # Its default action opens the case.
            bus().call_sync("org.freedesktop.Notifications", "/org/freedesktop/Notifications",
                            "io.github.sesdesk.TestNotifications", "Invoke",
                            GLib.Variant("(us)", (note["id"], "default")), None,
                            Gio.DBusCallFlags.NONE, 5000, None)
            window = cases_window(app)
            wait_message(app, window, "You may run up to 64 vCPUs.", timeout=60)
            # Checked again: nothing new, nothing more to say.
            count = len(open(log).readlines())
            activate(APP_PATH, "check-cases")
            time.sleep(5)
            assert len(open(log).readlines()) == count
    finally:
        server.terminate()
        server.wait()


LONG_CASE = "case-111111111111-2026-000000000000long1"
LONG_SUBJECT = "A long conversation"
LONG_MESSAGES = 300


def starting(app, window, prefix):
    """The labels of the thread that start with @prefix."""
    return [n for n in message_labels(app, window) if n.startswith(prefix)]


def focused_message(app, messages):
    """The number of the message whose row has the focus ("Message 12." → 12), or None."""
    for row in app.find_all("list item", node=messages):
        if sdui.has_state(row, "focused"):
            for label in app.names("label", node=row):
                match = re.match(r"Message (\d+)\.", label)
                if match:
                    return int(match.group(1))
    return None


def test_long_thread():
    # Messages of very different lengths: one line to a dozen.
    sdui.emulator("/state", {"account": MAIN_ACCOUNT, "case": {
        "case_id": LONG_CASE, "subject": LONG_SUBJECT, "time_created": "-20d",
        "communications": [{"body": "Message %d.\n\n%s" % (i + 1, "Bounces are handled. " * (1 + (i % 5) * 12)),
                            "from": "aws" if i % 2 else "customer"} for i in range(LONG_MESSAGES)]}})
    with start() as app:
        window = open_cases(app)
        choose_profile(app, window, MAIN)
        messages = open_case(app, window, LONG_SUBJECT)
        # The newest in view; rows only for the messages near it.
        wait_for(lambda: starting(app, window, "Message %d." % LONG_MESSAGES), "the newest message")
        assert not starting(app, window, "Message 1."), "the oldest message has a row"
        rows = messages.childCount
        assert 0 < rows < 40, "%d rows for %d messages" % (rows, LONG_MESSAGES)
        sdui.screenshot("cases-long-thread")

        # F6 puts the keyboard in the list, on the newest message (the one
        # in view); Escape takes it back to the cases.
        app.key("F6")
        wait_for(lambda: focused_message(app, messages), "a message focused by F6")
        assert focused_message(app, messages) == LONG_MESSAGES, focused_message(app, messages)
        app.key("Escape")
        wait_for(lambda: focused_message(app, messages) is None, "the keyboard back in the cases")
        # A click on a message (not its text) puts the keyboard in the list.
        app.click(app.find_all("label", "Amazon Web Services", node=messages)[-1])
        wait_for(lambda: focused_message(app, messages), "a message focused")
        assert focused_message(app, messages) > LONG_MESSAGES - 10, focused_message(app, messages)
        # Home: the oldest, focused; the newest's row is gone.
        app.key("Home")
        wait_for(lambda: starting(app, window, "Message 1.") and
                 not starting(app, window, "Message %d." % LONG_MESSAGES), "the oldest message")
        wait_for(lambda: focused_message(app, messages) == 1, "the oldest message focused")
        # Down: the next message takes the focus.
        app.key("Down")
        wait_for(lambda: focused_message(app, messages) == 2, "the second message focused")
        # Page Down moves on by a page, the focus with it; far enough, the
        # first messages' rows are gone.
        app.key("Page_Down")
        third = wait_for(lambda: (focused_message(app, messages) or 0) > 2 and focused_message(app, messages),
                         "the focus a page further")
        for _ in range(4):
            app.key("Page_Down")
            time.sleep(0.3)
        wait_for(lambda: (focused_message(app, messages) or 0) > third and
                 not starting(app, window, "Message 1."), "five pages further")
        sdui.screenshot("cases-long-thread-keys")
        # End: the newest again, and still few rows.
        app.key("End")
        wait_for(lambda: starting(app, window, "Message %d." % LONG_MESSAGES), "the newest message again")
        assert messages.childCount < 40, messages.childCount

        # At the end, an answer that arrives is shown there.
        sdui.emulator("/state", {"account": MAIN_ACCOUNT, "communication": {
            "case_id": LONG_CASE, "body": "Message %d. The limit is raised." % (LONG_MESSAGES + 1),
            "from": "aws"}})
        app.key("F5")
        wait_for(lambda: starting(app, window, "Message %d." % (LONG_MESSAGES + 1)), "the new answer", timeout=40)
        newest = [r for r in app.find_all("list item", node=messages)][-1]
        (_, y), (_, h) = newest.position, newest.size
        (_, wy), (_, wh) = window.position, window.size
        assert wy <= y and y + h <= wy + wh, ("the new answer is out of view", y, h, wy, wh)


if __name__ == "__main__":
    TESTS = [
        ("case list: order, resolved too, search", test_list_search_and_resolved),
        ("read a thread: messages, safe text, attachment, order", test_read_thread),
        ("reply with an attachment and a cc", test_reply_with_attachment),
        ("an ambiguous failure: the reply is found, not sent twice", test_ambiguous_reply_not_sent_twice),
        ("an uncertain reply: said so, check again", test_uncertain_reply_check_again),
        ("the reply draft survives a crash", test_draft_survives_a_crash),
        ("resolve a case, with confirmation; a reply reopens it", test_resolve),
        ("a case links back to its region: Show Region", test_show_region),
        ("without a support plan: said once, known cases listed", test_without_support_plan),
        ("offline: the saved copy, said so", test_offline),
        ("usable at 360 pixels", test_narrow_window),
        ("keyboard: search, open, reply; close and open again", test_keyboard),
        ("a notification when AWS answers opens the case", test_notification_opens_case),
        ("a long thread: rows for the messages in view, keys move through it", test_long_thread),
    ]
    # SD_UI_ONLY=word runs only the tests whose name has it (while working on one).
    only = os.environ.get("SD_UI_ONLY")
    sdui.run([t for t in TESTS if not only or only in t[0]])
