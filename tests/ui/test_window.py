#!/usr/bin/python3
"""The main window without AWS: profiles from real config files, the empty
state, the offline state and adding an account's keys.

Every endpoint points at a local port where nothing listens, so no request
leaves the machine and every region fails as unreachable.
"""
import os
import socket
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sdui  # noqa: E402

CONFIG = """\
[default]
region = eu-west-1

[profile prod]
region = ap-northeast-1
role_arn = arn:aws:iam::111111111111:role/SesAdmin
source_profile = default

this line is broken

[profile sso-team]
sso_session = corp
sso_account_id = 222222222222
sso_role_name = SesReadOnly

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
"""

CREDENTIALS = """\
[default]
aws_access_key_id = AKIDEXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY
"""


def closed_endpoint():
    """An http URL on this machine where nothing listens."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return "http://127.0.0.1:%d" % port


def aws_env(config, credentials):
    env = sdui.write_aws_files(config, credentials)
    env["AWS_ENDPOINT_URL"] = closed_endpoint()
    return env


def region_cards(app):
    return app.names("table cell", node=app.find("table", "Regions"))


def test_profiles_listed():
    env = aws_env(CONFIG, CREDENTIALS)
    with sdui.App(env) as app:
        app.wait_loaded()
        # The broken line is reported with its file and line number; the others stay usable.
        labels = app.names("label")
        assert any("line 9" in label and env["AWS_CONFIG_FILE"] in label for label in labels), labels
        assert any(label.startswith("1 line of the AWS configuration files was skipped")
                   for label in labels), labels

        # Every profile in the account switcher, "default" first.
        combo = app.find("combo box", "Account")
        app.find_all("push button", node=combo)[0].doActionNamed("click")
        app.find("list item", node=combo)
        items = [app.names("label", node=item)
                 for item in app.find_all("list item", node=combo)]
        assert items == [["All Accounts"], ["default"], ["prod"], ["sso-team"]], items
        app.key("Escape")

        # 27 regions each; a profile without credentials fails on its own and
        # never blanks the regions of the others.
        app.action("push button", "Search")
        app.find("entry", "Search regions and profiles").text = "eu-west-1"
        deadline = sdui.give_up_at(30)
        while len(region_cards(app)) != 3:
            assert time.time() < deadline, region_cards(app)
            time.sleep(0.3)
        cards = sorted(region_cards(app))
        assert cards[0] == "Europe (Ireland), eu-west-1, profile default: Error (Unreachable)", cards
        assert cards[1].startswith("Europe (Ireland), eu-west-1, profile prod: Error ("), cards
        assert cards[2].startswith("Europe (Ireland), eu-west-1, profile sso-team: Error ("), cards
        assert "Unreachable" not in cards[2], cards
        app.screenshot("window-profiles")


def test_no_profiles():
    with sdui.App(aws_env("", "")) as app:
        app.find("label", "No AWS Profiles")
        app.find("push button", "Reload")
        app.find("push button", "Add Account…")
        assert not app.find_all("table", "Regions")
        app.screenshot("window-empty")


def test_shortcuts():
    """The main menu opens (its menu is made then) and its Keyboard Shortcuts
    item shows the shortcuts window (built when first asked for), twice."""
    with sdui.App(aws_env("", "")) as app:
        app.find("label", "No AWS Profiles")
        for _ in range(2):
            app.action("push button", "Main menu")
            app.action("menu item", "Keyboard Shortcuts")
            # GTK 4.8 names the window by its type over AT-SPI.
            shortcuts = app.find("frame", "GtkShortcutsWindow", timeout=20)
            app.find("label", "Refresh every region", node=shortcuts)
            app.click(app.find("push button", "Close", node=shortcuts))
            app.wait_gone("frame", "GtkShortcutsWindow", timeout=10)


def test_reload_shows_new_profile():
    env = aws_env("", "")
    with sdui.App(env) as app:
        app.find("label", "No AWS Profiles")
        with open(env["AWS_CONFIG_FILE"], "w") as f:
            f.write("[profile added-later]\nregion = us-west-2\n")
        with open(env["AWS_SHARED_CREDENTIALS_FILE"], "w") as f:
            f.write("[added-later]\naws_access_key_id = AKIDEXAMPLE\n"
                    "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY\n")
        app.action("push button", "Reload")
        # Its 27 regions are asked and none answers: offline, with a way to try again.
        app.find("label", "You Are Offline", timeout=60)
        app.find("push button", "Try Again")
        app.wait_gone("label", "No AWS Profiles")
        app.screenshot("window-offline")


def test_add_account():
    sdui.start_keyring()
    with sdui.App(aws_env("", "")) as app:
        app.find("label", "No AWS Profiles")
        app.action("push button", "Add Account…")
        dialog = app.find("frame", "Add Account")
        add = app.find("push button", "Add", node=dialog)
        fields = {"Profile name": "keyring-account", "Access key ID": "AKIA",
                  "Secret access key": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}
        for name, value in fields.items():
            app.find("text", name, node=dialog).text = value
        # A bad key is refused where it stands, with the reason.
        deadline = sdui.give_up_at(5)
        while not [label for label in app.names("label", node=dialog)
                   if "access key id" in label.lower() and label != "Access key ID"]:
            assert time.time() < deadline, app.names("label", node=dialog)
            time.sleep(0.2)
        assert not sdui.has_state(add, "sensitive")
        app.screenshot("add-account-invalid")

        app.find("text", "Access key ID", node=dialog).text = "AKIAIOSFODNN7EXAMPLE"
        deadline = sdui.give_up_at(5)
        while not sdui.has_state(add, "sensitive"):
            assert time.time() < deadline, "Add stays insensitive with valid fields"
            time.sleep(0.2)
        add.doActionNamed("click")
        # Stored in the keyring; the dashboard loads the new account at once.
        app.wait_gone("frame", "Add Account", timeout=20)
        app.find("label", "You Are Offline", timeout=60)


sdui.run([
    ("profiles of the shared files, a malformed line reported", test_profiles_listed),
    ("no profiles: an empty state that says what to do", test_no_profiles),
    ("the main menu's Keyboard Shortcuts", test_shortcuts),
    ("reload picks up a profile added to the file; offline state", test_reload_shows_new_profile),
    ("an account added in the app is checked, stored and loaded", test_add_account),
])
