#!/usr/bin/python3
"""The main window, driven through AT-SPI: profiles from real config files."""
import os
import sys

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


def test_profiles_listed():
    env = sdui.write_aws_files(CONFIG, CREDENTIALS)
    app = sdui.App(env)
    try:
        app.find("label", "3 AWS Profiles")
        rows = app.names("list item")
        titles = [r for r in rows if r]
        for profile in ("default", "prod", "sso-team"):
            assert any(t.startswith(profile) for t in titles), (profile, titles)
        # The default profile comes first.
        assert titles[0].startswith("default"), titles
        # The broken line is reported with its file and line number; the others stay usable.
        labels = app.names("label")
        assert any("line 9" in label and env["AWS_CONFIG_FILE"] in label for label in labels), labels
        app.screenshot("window-profiles")
    finally:
        app.close()


def test_no_profiles():
    env = sdui.write_aws_files("", "")
    app = sdui.App(env)
    try:
        app.find("label", "No AWS Profiles")
        app.find("push button", "Reload")
    finally:
        app.close()


def test_reload_shows_new_profile():
    env = sdui.write_aws_files("", "")
    app = sdui.App(env)
    try:
        app.find("label", "No AWS Profiles")
        with open(env["AWS_CONFIG_FILE"], "w") as f:
            f.write("[profile added-later]\nregion = us-west-2\n")
        app.find("push button", "Reload").click()
        app.find("label", "1 AWS Profile")
        assert any(n.startswith("added-later") for n in app.names("list item")), \
            app.names("list item")
    finally:
        app.close()


sdui.run([
    ("profiles from the shared files are listed, malformed line reported", test_profiles_listed),
    ("no profiles: an empty state that says what to do", test_no_profiles),
    ("reload picks up a profile added to the file", test_reload_shows_new_profile),
])
