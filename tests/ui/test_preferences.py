#!/usr/bin/python3
"""Preferences against the AWS emulator (scenario dashboard.json: the
profiles sd-ui-main and sd-ui-other).

The app keeps its settings in a real file here (GSETTINGS_BACKEND=keyfile
under an XDG_CONFIG_HOME of each test's own), so that what is chosen in the
window is seen to survive a restart. SD_REFRESH_SECONDS=1 makes one unit of
"refresh-interval" a second rather than a minute, so that background
refreshes can be waited for.
"""
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sdui  # noqa: E402

MAIN = "sd-ui-main"
OTHER = "sd-ui-other"
MAIN_ACCOUNT = "111111111111"
SCHEMA_GROUP = "[io/github/sesdesk/SesDesk]"


def settings_env(extra=None):
    """An environment whose settings live in a keyfile of a new folder."""
    folder = tempfile.mkdtemp(prefix="sd-ui-config-", dir=os.environ.get("SD_UI_RUNTIME_DIR"))
    env = {"GSETTINGS_BACKEND": "keyfile", "XDG_CONFIG_HOME": folder}
    env.update(extra or {})
    return env


def keyfile(env):
    """The settings file's text ("" before anything is stored)."""
    path = os.path.join(env["XDG_CONFIG_HOME"], "glib-2.0", "settings", "keyfile")
    if not os.path.exists(path):
        return ""
    with open(path, encoding="utf-8") as f:
        return f.read()


def wait_keyfile(env, line, timeout=10.0):
    deadline = sdui.give_up_at(timeout)
    while line not in keyfile(env).splitlines():
        assert time.time() < deadline, (line, keyfile(env))
        time.sleep(0.2)


def totals(app):
    return app.names("panel", node=app.find("table", "Totals"))


def wait_totals(app, expected, timeout=30.0):
    deadline = sdui.give_up_at(timeout)
    while True:
        shown = totals(app)
        if all(t in shown for t in expected):
            return
        if time.time() > deadline:
            raise AssertionError("totals %r, expected %r" % (shown, expected))
        time.sleep(0.2)


def account_shown(app):
    """The labels of the main window's account switcher."""
    return app.names("label", node=app.find("combo box", "Account"))


def open_preferences(app):
    app.key("<Control>comma")
    return app.find("frame", "Preferences")


def close_preferences(app, prefs):
    app.find("push button", "Close", node=prefs).doActionNamed("click")
    app.wait_gone("frame", "Preferences")
    # The main window is still there.
    app.find("frame", "SES Desk")


def popover_items(app, prefs):
    """The labels of each item of the open combo row's list (a popover's)."""
    return [app.names("label", node=node)
            for popover in app.find_all("filler", "GtkPopover", node=prefs)
            for node in app.find_all("list item", node=popover)]


def combo_choose(app, prefs, title, item):
    """Opens the combo row @title of @prefs and picks the item labelled @item.

    By keyboard: a popover is a surface of its own, whose AT-SPI positions
    are not the screen's, so its items cannot be clicked."""
    app.click(app.find("combo box", title, node=prefs))
    deadline = sdui.give_up_at(10)
    while [item] not in popover_items(app, prefs):
        assert time.time() < deadline, "no item %r in %r: %r" % (item, title, popover_items(app, prefs))
        time.sleep(0.2)
    time.sleep(0.5)
    app.key("Home")
    for _ in range(popover_items(app, prefs).index([item])):
        time.sleep(0.2)
        app.key("Down")
    time.sleep(0.2)
    app.key("Return")
    app.wait_gone("filler", "GtkPopover", node=prefs)


def combo_shown(app, prefs, title):
    """The labels of the combo row @title: its title, subtitle and choice."""
    return app.names("label", node=app.find("combo box", title, node=prefs))


def spin(app, prefs):
    return app.find("spin button", "Refresh interval", node=prefs)


def card(app, prefix, timeout=10.0):
    """The names of the region cards starting with @prefix."""
    return [n for n in app.names("table cell", node=app.find("table", "Regions", timeout=timeout))
            if n.startswith(prefix)]


def search(app, text):
    entry = app.find("entry", "Search regions and profiles")
    if not sdui.has_state(app.find("push button", "Search"), "pressed"):
        app.action("push button", "Search")
    entry.text = text


def test_choices_kept_after_restart():
    env = settings_env()
    with sdui.App(env) as app:
        app.wait_loaded()
        # Nothing chosen: every account.
        wait_totals(app, ["54 regions"])
        assert "All Accounts" in account_shown(app), account_shown(app)

        prefs = open_preferences(app)
        # What the settings say before anything is chosen.
        assert spin(app, prefs).value == 15, spin(app, prefs).value
        assert "All Accounts" in combo_shown(app, prefs, "Default account")
        switch = app.find("check box", "Notifications", node=prefs)
        assert sdui.has_state(switch, "checked")

        combo_choose(app, prefs, "Default account", OTHER)
        wait_keyfile(env, "default-profile='%s'" % OTHER)
        spin(app, prefs).value = 7
        wait_keyfile(env, "refresh-interval=7")
        combo_choose(app, prefs, "Default support language", "日本語")
        wait_keyfile(env, "support-language='ja'")
        app.click(switch)
        wait_keyfile(env, "notifications=false")
        assert SCHEMA_GROUP in keyfile(env), keyfile(env)
        app.screenshot("preferences-chosen")
        close_preferences(app, prefs)
        # The default account is for the next start: this one stays as it is.
        assert "All Accounts" in account_shown(app), account_shown(app)

    with sdui.App(env) as app:
        # Started on the default account: its 27 regions only.
        app.wait_loaded()
        wait_totals(app, ["27 regions", "0 dedicated IPs", "26 in the sandbox"])
        assert OTHER in account_shown(app), account_shown(app)
        prefs = open_preferences(app)
        shown = combo_shown(app, prefs, "Default account")
        assert OTHER in shown and "All Accounts" not in shown, shown
        shown = combo_shown(app, prefs, "Default support language")
        assert "日本語" in shown, shown
        assert spin(app, prefs).value == 7, spin(app, prefs).value
        assert not sdui.has_state(app.find("check box", "Notifications", node=prefs), "checked")

        # Back to all accounts: stored as empty.
        combo_choose(app, prefs, "Default account", "All Accounts")
        wait_keyfile(env, "default-profile=''")
        close_preferences(app, prefs)


def test_missing_default_account():
    env = settings_env()
    folder = os.path.join(env["XDG_CONFIG_HOME"], "glib-2.0", "settings")
    os.makedirs(folder)
    with open(os.path.join(folder, "keyfile"), "w", encoding="utf-8") as f:
        f.write("%s\ndefault-profile='removed-profile'\n" % SCHEMA_GROUP)
    with sdui.App(env) as app:
        # A profile no longer in the files: every account, no error.
        app.wait_loaded()
        wait_totals(app, ["54 regions"])
        assert "All Accounts" in account_shown(app), account_shown(app)
        prefs = open_preferences(app)
        shown = combo_shown(app, prefs, "Default account")
        assert "All Accounts" in shown, shown
        close_preferences(app, prefs)
        # Shown is not stored: the setting stays as it was.
        assert "default-profile='removed-profile'" in keyfile(env).splitlines(), keyfile(env)


def test_background_refresh():
    env = settings_env({"SD_REFRESH_SECONDS": "1"})
    with sdui.App(env) as app:
        app.wait_loaded()
        search(app, "ca-central-1 " + MAIN)
        deadline = sdui.give_up_at(10)
        while not card(app, "Canada (Central), ca-central-1, profile %s: Sandbox" % MAIN):
            assert time.time() < deadline, card(app, "")
            time.sleep(0.2)

        # Background refresh off.
        prefs = open_preferences(app)
        spin(app, prefs).value = 0
        wait_keyfile(env, "refresh-interval=0")
        close_preferences(app, prefs)

        # AWS grants production access: not seen while refresh is off.
        sdui.emulator("/state", {"account": MAIN_ACCOUNT, "region": "ca-central-1",
                                 "account_state": {"status": "production",
                                                   "quota": {"max24": 100000, "maxrate": 20,
                                                             "sent": 10}}})
        time.sleep(6)
        assert card(app, "Canada (Central), ca-central-1, profile %s: Sandbox" % MAIN), card(app, "")

        # Every 2 units (seconds here): seen without pressing Refresh.
        prefs = open_preferences(app)
        spin(app, prefs).value = 2
        close_preferences(app, prefs)
        deadline = sdui.give_up_at(20)
        while not card(app, "Canada (Central), ca-central-1, profile %s: Production" % MAIN):
            assert time.time() < deadline, card(app, "")
            time.sleep(0.3)


def test_menu_and_screenshots():
    for language in ("en", "ja"):
        extra = {}
        if language == "ja":
            extra = {"LANGUAGE": "ja", "LC_ALL": "ja_JP.UTF-8",
                     "SD_LOCALEDIR": os.path.join(sdui.BUILD_ROOT, "po")}
        with sdui.App(settings_env(extra)) as app:
            if language == "en":
                app.wait_loaded()
            else:
                app.find("frame")
                time.sleep(3)
            if language == "en":
                # From the main menu too.
                app.action("push button", "Main menu")
                app.action("menu item", "Preferences")
            else:
                app.key("<Control>comma")
            # The window's title may not be translated yet: the frame with the spin button.
            deadline = sdui.give_up_at(10)
            while True:
                prefs = [f for f in app.find_all("frame") if app.find_all("spin button", node=f)]
                if prefs:
                    prefs = prefs[0]
                    break
                assert time.time() < deadline, app.names("frame")
                time.sleep(0.2)
            languages = app.find_all("combo box", node=prefs)[1]
            app.click(languages)
            deadline = sdui.give_up_at(10)
            while True:
                names = popover_items(app, prefs)
                if len(names) == 5:
                    break
                assert time.time() < deadline, names
                time.sleep(0.2)
            # Each language in its own, whatever the interface's.
            assert names[1:] == [["English"], ["日本語"], ["中文"], ["한국어"]], names
            app.screenshot("preferences-languages-%s" % language)
            app.key("Escape")
            app.wait_gone("filler", "GtkPopover", node=prefs)
            time.sleep(0.5)
            app.screenshot("preferences-%s" % language)


TESTS = [
    ("Ctrl+comma: choices stored, kept after a restart, start on the default account",
     test_choices_kept_after_restart),
    ("a default account that no longer exists: all accounts, setting kept", test_missing_default_account),
    ("background refresh: off at 0, on at once when set", test_background_refresh),
    ("main menu item; languages named in their own language; screenshots", test_menu_and_screenshots),
]
# SD_UI_ONLY=word runs only the tests whose name has it (while working on one).
only = os.environ.get("SD_UI_ONLY")
sdui.run([t for t in TESTS if not only or only in t[0]])
