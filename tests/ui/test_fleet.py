#!/usr/bin/python3
"""A fleet at a glance against the AWS emulator's demo scenario: an AWS
Organization added in the app, its accounts in the overview (accounts ×
regions), the overview by keyboard, all regions, 360 pixels, and the Cases
window's "All accounts".

The emulator's `serve --json` line (SD_EMULATOR_JSON) lists the scenario's
organizations: the profile of each management account, the role its
members have, and the member accounts. One organization (acme-org) lists
its accounts; the other (initech-org) may not. Settings live in a keyfile
of each test's own (GSETTINGS_BACKEND=keyfile), so a test can start with an
organization already stored, as a second start of the app would.
"""
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sdui  # noqa: E402

SCHEMA_GROUP = "[io/github/sesdesk/SesDesk]"
ROLE = "OrganizationAccountAccessRole"
WINDOW = "SES Desk"


def organizations():
    """The scenario's organizations, as serve --json lists them."""
    return json.loads(os.environ["SD_EMULATOR_JSON"])["organizations"]


def organization(listable=True):
    """The organization whose accounts the app can list: the one with a
    suspended member and one without the role; or the other one, whose
    profile's IAM policy does not allow organizations:ListAccounts."""
    def full(org):
        accounts = org.get("accounts") or []
        return any(a.get("status") == "SUSPENDED" for a in accounts) and \
            any(a.get("role") is False for a in accounts)
    for org in organizations():
        if full(org) == listable:
            return org
    raise AssertionError("no organization with listable=%s in %r" % (listable, organizations()))


def member_names(org):
    return sorted(a["name"] for a in org["accounts"] if a.get("account_id") and a.get("name"))


def only_profile(profile):
    """The AWS files the emulator wrote, with @profile alone: the fleet is
    then that organization's accounts, whose few busy regions leave most of
    the 27 out of the overview until "All regions" is on."""
    import configparser
    texts = []
    for var, section in (("AWS_CONFIG_FILE", "profile " + profile), ("AWS_SHARED_CREDENTIALS_FILE", profile)):
        parser = configparser.RawConfigParser()
        parser.read(os.environ[var])
        kept = configparser.RawConfigParser()
        if parser.has_section(section):
            kept.add_section(section)
            for key, value in parser.items(section):
                kept.set(section, key, value)
        lines = []
        for name in kept.sections():
            lines.append("[%s]" % name)
            lines += ["%s = %s" % item for item in kept.items(name)]
        texts.append("\n".join(lines) + "\n")
    return sdui.write_aws_files(texts[0], texts[1])


def settings_env(stored=(), alone=False):
    """An environment whose settings live in a keyfile of a new folder, with
    the organizations of @stored (profiles) already there; with @alone, the
    first of them is the only profile of the AWS files."""
    folder = tempfile.mkdtemp(prefix="sd-ui-config-", dir=os.environ.get("SD_UI_RUNTIME_DIR"))
    env = {"GSETTINGS_BACKEND": "keyfile", "XDG_CONFIG_HOME": folder}
    if alone:
        env.update(only_profile(stored[0]))
    if stored:
        os.makedirs(os.path.join(folder, "glib-2.0", "settings"))
        entries = ", ".join("('%s', '%s', '', '')" % (profile, ROLE) for profile in stored)
        with open(os.path.join(folder, "glib-2.0", "settings", "keyfile"), "w") as f:
            f.write("%s\norganizations=[%s]\n" % (SCHEMA_GROUP, entries))
    return env


def keyfile(env):
    path = os.path.join(env["XDG_CONFIG_HOME"], "glib-2.0", "settings", "keyfile")
    if not os.path.exists(path):
        return ""
    with open(path, encoding="utf-8") as f:
        return f.read()


def main_window(app):
    return app.find("frame", WINDOW, timeout=20)


def tiles(app):
    """The names of the overview's tiles, row by row."""
    body = app.find_all("panel", "Overview of accounts and regions", node=main_window(app))
    if not body:
        return []
    return [n for n in app.names("push button", node=body[0]) if n]


def press(app, name, node=None):
    """Clicks the button or switch called @name, whatever role GTK 4.8 gives it."""
    root = node or app.node
    found = sdui.wait_for(lambda: [n for n in root.findChildren(lambda n: n.name == name)
                                   if n.roleName not in ("label", "panel", "frame")], "a button %r" % name)
    app.click(found[0])


def toggle_all_regions(app):
    """Clicks the "All regions" switch, just right of its label (the switch
    itself is not found by its name over GTK 4.8's AT-SPI)."""
    label = app.find("label", "All regions", node=main_window(app))
    (x, y), (w, h) = tuple(label.position), tuple(label.size)
    sdui.rawinput.click(x + w + 30, y + h // 2)


def show_overview(app):
    press(app, "Overview")
    return sdui.wait_for(lambda: tiles(app), "the overview's tiles", timeout=60)


def wait_tiles(app, check, what, timeout=60.0):
    return sdui.wait_for(lambda: check(tiles(app)) and tiles(app), what, timeout)


def loaded_member_tiles(app, org):
    """Waits until every member of @org has a tile that finished loading."""
    names = member_names(org)

    def check(shown):
        return all(any(t.startswith(name + ", ") and ": loading" not in t and t.count(":") >= 1
                       for t in shown) for name in names)
    return wait_tiles(app, check, "a loaded tile for each of %r" % names, timeout=90)


def combo_value_shown(app, row, value):
    """Whether the combo row @row shows @value as its choice (its first item
    is its own display of the choice; the popover's items follow)."""
    items = app.find_all("list item", node=row)
    return bool(items) and app.names("label", node=items[0])[:1] == [value]


def choose_in_combo_row(app, window, row_title, value):
    """Opens the combo row titled @row_title and picks @value in its popover."""
    for attempt in range(4):
        row = app.find("combo box", row_title, node=window)
        if combo_value_shown(app, row, value):
            return
        chosen = app.names("label", node=app.find_all("list item", node=row)[0])[0]
        app.click(row)
        found = sdui.wait_for(lambda: [n for n in app.find_all("list item", node=row)
                                       if value in app.names("label", node=n)],
                              "%r in the list of %r" % (value, row_title))
        # The list takes the focus once its popover is up: the keyboard picks.
        time.sleep(1 + attempt)
        # The first item is the row's own display of its choice; the popover's follow.
        names = [(app.names("label", node=n) or [""])[0] for n in app.find_all("list item", node=row)][1:]
        steps = names.index(value) - (names.index(chosen) if chosen in names else 0)
        for _ in range(abs(steps)):
            app.key("Down" if steps > 0 else "Up")
            time.sleep(0.3)
        app.key("Return")
        time.sleep(1)
    row = app.find("combo box", row_title, node=window)
    assert combo_value_shown(app, row, value), app.names("label", node=row)


def add_organization(app, profile):
    """Adds the organization of @profile with the main menu's dialog."""
    app.action("push button", "Main menu")
    app.action("menu item", "Add Organization…")
    dialog = app.find("frame", "Add Organization", timeout=20)
    choose_in_combo_row(app, dialog, "Management profile", profile)
    app.screenshot("fleet-add-organization")
    app.action("push button", "Add")
    app.wait_gone("frame", "Add Organization", timeout=10)


def focused_tile(app):
    body = app.find("panel", "Overview of accounts and regions", node=main_window(app))
    for node in app.find_all("push button", node=body):
        if sdui.has_state(node, "focused"):
            return node.name
    return None


def test_add_organization():
    org = organization()
    failing = organization(listable=False)
    env = settings_env()
    with sdui.App(env) as app:
        app.wait_loaded()
        add_organization(app, org["profile"])
        assert "organizations=[('%s', '%s', '', '')]" % (org["profile"], ROLE) in keyfile(env).splitlines(), \
            keyfile(env)
        # The members, by name, each with a tile in the overview.
        show_overview(app)
        shown = loaded_member_tiles(app, org)
        app.screenshot("fleet-overview")
        # A suspended member says so on each of its tiles, and what to do.
        suspended = [a["name"] for a in org["accounts"] if a.get("status") == "SUSPENDED"]
        for name in suspended:
            mine = [t for t in shown if t.startswith(name + ", ")]
            assert mine and all("Error" in t and "suspended" in t.lower() for t in mine), mine
        # A member without the role: its tiles name the role.
        for name in [a["name"] for a in org["accounts"] if a.get("role") is False]:
            mine = [t for t in shown if t.startswith(name + ", ")]
            assert mine and all(ROLE in t for t in mine), mine
        # The accounts of every other member loaded: a production region reads in full.
        assert any(": Production, " in t for t in shown), shown[:20]

        # An organization whose profile may not list its accounts: said above
        # the dashboard, the first one's accounts still shown.
        add_organization(app, failing["profile"])
        problem = sdui.wait_for(lambda: [n for n in app.names("label", node=main_window(app))
                                         if n.startswith(failing["profile"] + ": ")],
                                "the failing organization's problem", timeout=60)
        assert "organizations:ListAccounts" in problem[0] or "AccessDenied" in problem[0] or \
            "not" in problem[0], problem
        assert any(n.startswith("The accounts of 1 organization could not be listed")
                   for n in app.names("label", node=main_window(app)))
        loaded_member_tiles(app, org)
        app.screenshot("fleet-organization-problem")


def test_remove_organization():
    org = organization()
    env = settings_env([org["profile"]])
    with sdui.App(env) as app:
        app.wait_loaded()
        show_overview(app)
        loaded_member_tiles(app, org)
        app.key("<Control>comma")
        prefs = app.find("frame", "Preferences", timeout=20)
        app.find("label", org["profile"], node=prefs)
        app.action("push button", "Remove organization %s" % org["profile"])
        sdui.wait_for(lambda: "organizations=@a(ssss) []" in keyfile(env).splitlines()
                      or "organizations=[]" in keyfile(env).splitlines()
                      or "organizations" not in keyfile(env), "the organization removed: %r" % keyfile(env))
        app.key("Escape")
        app.wait_gone("frame", "Preferences", timeout=15)
        # Its members leave the dashboard.
        first = member_names(org)[0]
        sdui.wait_for(lambda: not any(t.startswith(first + ", ") for t in tiles(app))
                      and not any(n == first for n in app.names("label", node=main_window(app))),
                      "the members gone", timeout=60)


def emulator_delete(path):
    request = urllib.request.Request(os.environ["SD_EMULATOR_CONTROL"] + path, method="DELETE")
    urllib.request.urlopen(request, timeout=10).close()


def logged(operation):
    return [r for r in sdui.emulator("/requests?operation=" + operation)["requests"]]


def end_of(request):
    """When the emulator answered @request (its log's time is its arrival)."""
    import datetime
    start = datetime.datetime.fromisoformat(request["time"])
    return start + datetime.timedelta(milliseconds=request.get("duration_ms") or 0)


def test_plain_profiles_first():
    """With an organization stored, the plain profiles of the AWS files load
    at once, not after the organization's ListAccounts: its answer held back
    8 s, the plain profiles' regions have answered before it; the members
    join the dashboard once listed."""
    org = organization()
    emulator_delete("/requests")
    sdui.emulator("/faults", {"service": "organizations", "operation": "ListAccounts",
                              "count": -1, "delay_ms": 8000})
    try:
        with sdui.App(settings_env([org["profile"]])) as app:
            main_window(app)
            show_overview(app)
            loaded_member_tiles(app, org)
            # The log has each request's arrival and its time to answer.
            listed = min(end_of(r) for r in logged("ListAccounts"))
            answered = min(end_of(r) for r in logged("GetAccount") if r["status"] == 200)
            assert answered < listed, "the regions waited for ListAccounts (%s, %s)" % (answered, listed)
    finally:
        emulator_delete("/faults")


def test_keyboard():
    org = organization()
    with sdui.App(settings_env([org["profile"]], alone=True)) as app:
        app.wait_loaded()
        show_overview(app)
        loaded_member_tiles(app, org)
        body = app.find("panel", "Overview of accounts and regions", node=main_window(app))
        # Asking every tile for its state is slow over AT-SPI: the tiles
        # where the focus should be are asked, in the order of the table.
        nodes = [n for n in app.find_all("push button", node=body) if n.name]
        first_account = nodes[0].name.split(", ")[0]
        columns = len([n for n in nodes if n.name.startswith(first_account + ", ")])
        assert 1 < columns and len(nodes) > columns, (columns, len(nodes))

        def focused(node):
            return sdui.has_state(node, "focused")
        # Tab into the table: the first tile takes the focus.
        for _ in range(30):
            if focused(nodes[0]):
                break
            app.key("Tab")
            time.sleep(0.3)
        assert focused(nodes[0]), "Tab never reached the first tile"
        app.key("Right")
        sdui.wait_for(lambda: focused(nodes[1]), "Right to focus %r" % nodes[1].name)
        app.key("Down")
        below = nodes[columns + 1]
        sdui.wait_for(lambda: focused(below), "Down to focus %r" % below.name)
        # Down stays in the region: the same region, the next account.
        assert below.name.split(", ")[1].split(":")[0] == nodes[1].name.split(", ")[1].split(":")[0], \
            (nodes[1].name, below.name)
        app.key("Up")
        sdui.wait_for(lambda: focused(nodes[1]), "Up to come back")
        app.key("Down")
        sdui.wait_for(lambda: focused(below), "Down again")
        app.screenshot("fleet-keyboard")
        # Enter opens that account's region page.
        region_name = below.name.split(", ", 1)[1].split(":")[0]
        account = below.name.split(", ")[0]
        app.key("Return")
        back = app.find("push button", "Back to all regions", timeout=20)
        labels = app.names("label", node=main_window(app))
        assert region_name in labels, (region_name, labels[:30])
        assert any(account in label for label in labels), (account, labels[:30])
        app.click(back)
        sdui.wait_for(lambda: focused(below), "the focus back on the tile")


def test_all_regions():
    org = organization()
    with sdui.App(settings_env([org["profile"]], alone=True)) as app:
        app.wait_loaded()
        show_overview(app)
        loaded_member_tiles(app, org)
        first = member_names(org)[0]

        def row(shown):
            return [t for t in shown if t.startswith(first + ", ")]
        active = len(row(tiles(app)))
        assert 0 < active < 27, row(tiles(app))
        toggle_all_regions(app)
        wait_tiles(app, lambda shown: len(row(shown)) == 27, "27 regions a row")
        app.screenshot("fleet-all-regions")
        toggle_all_regions(app)
        wait_tiles(app, lambda shown: len(row(shown)) == active, "the active regions again")


def test_narrow():
    org = organization()
    with sdui.App(settings_env([org["profile"]], alone=True)) as app:
        app.wait_loaded()
        show_overview(app)
        loaded_member_tiles(app, org)
        sdui.resize_window(WINDOW, 360, 720)
        frame = main_window(app)
        sdui.wait_for(lambda: frame.size[0] <= 360, "the window at 360 pixels")
        # A list by account instead of the table.
        accounts = sdui.wait_for(lambda: [n for n in app.find_all("list", "Accounts", node=frame)
                                          if app.find_all("list item", node=n)], "the list by account")[0]
        labels = app.names("label", node=accounts)
        for name in member_names(org):
            assert name in labels, (name, labels[:40])
        assert not tiles(app), tiles(app)[:5]
        time.sleep(1)
        app.screenshot("fleet-360")
        # Nothing cut off on the right.
        for node in app.find_all("list item", node=accounts)[:5]:
            assert node.position[0] + node.size[0] <= frame.position[0] + frame.size[0] + 1, \
                (node.name, node.position, node.size)
        sdui.resize_window(WINDOW, 1000, 720)
        wait_tiles(app, lambda shown: len(shown) > 0, "the table again")


def test_cases_all_accounts():
    with sdui.App(settings_env()) as app:
        app.wait_loaded()
        deadline = sdui.give_up_at(20)
        while not app.find_all("frame", "AWS Support Cases"):
            assert time.time() < deadline, "Ctrl+K did not open the cases window"
            app.key("<Control>k")
            time.sleep(1)
        window = app.find("frame", "AWS Support Cases")
        press(app, "All Accounts", node=window)

        def rows():
            lists = app.find_all("list", "Cases", node=window)
            return app.names("list item", node=lists[0]) if lists else []
        shown = sdui.wait_for(lambda: (any(", acme-prod · Case " in r for r in rows())
                                       and any(", globex-jp · Case " in r for r in rows())) and rows(),
                              "cases of acme-prod and globex-jp together", timeout=60)
        # Every row names its account.
        assert all(" · Case " in r for r in shown), shown
        app.screenshot("cases-all-accounts")
        # One account again.
        press(app, "All Accounts", node=window)
        sdui.wait_for(lambda: rows() and not any(", globex-jp · Case " in r for r in rows())
                      and not any(", acme-prod · Case " in r for r in rows()), "one account's cases")


def japanese_env():
    """LANGUAGE=ja with po/ja.po compiled afresh (SD_LOCALEDIR)."""
    localedir = tempfile.mkdtemp(prefix="sd-locale-", dir=os.environ.get("SD_UI_RUNTIME_DIR"))
    os.makedirs(os.path.join(localedir, "ja", "LC_MESSAGES"))
    subprocess.run(["msgfmt", "-o", os.path.join(localedir, "ja", "LC_MESSAGES", "ses-desk.mo"),
                    os.path.join(sdui.SOURCE_ROOT, "po", "ja.po")], check=True)
    return {"LANGUAGE": "ja", "LC_ALL": "ja_JP.UTF-8", "LANG": "ja_JP.UTF-8", "SD_LOCALEDIR": localedir}


# The accessible names the test looks for, in each language.
NAMES = {
    "en": {"overview": "Overview", "body": "Overview of accounts and regions", "header": "Regions"},
    "ja": {"overview": "一覧表", "body": "アカウントとリージョンの一覧表", "header": "リージョン"},
}


def tile_and_header_widths(app, names):
    """The width of the overview's first tile and of the first column's header."""
    window = main_window(app)
    body = app.find("panel", names["body"], node=window)
    tile = [n for n in app.find_all("push button", node=body) if n.name][0]
    header = app.find("panel", names["header"], node=window)
    column = [n for n in header.children if n.size[0] > 0][0]
    return tile.size[0], column.size[0]


def test_words_fit():
    """A tile is as wide as its longest word needs: in Japanese
    "サンドボックス" with its glyph is wider than English's tiles, and each
    column's header keeps to its tiles' width."""
    org = organization()
    widths = {}
    for lang, extra in (("en", {}), ("ja", japanese_env())):
        names = NAMES[lang]
        env = settings_env([org["profile"]], alone=True)
        env.update(extra)
        with sdui.App(env) as app:
            # The switch to the overview shows once the accounts are there
            # (wait_loaded() reads English).
            sdui.wait_for(lambda: app.node.findChildren(lambda n: n.name == names["overview"]),
                          "the overview's switch", timeout=60)
            press(app, names["overview"])
            sdui.wait_for(lambda: [n for n in app.find_all("push button", node=app.find(
                "panel", names["body"], node=main_window(app))) if n.name],
                "the overview's tiles", timeout=60)
            widths[lang] = sdui.wait_for(lambda: tile_and_header_widths(app, names), "the tiles' width")
            app.screenshot("fleet-overview-" + lang)
    (en_tile, en_header), (ja_tile, ja_header) = widths["en"], widths["ja"]
    # English words fit the narrowest tile; サンドボックス does not.
    assert en_tile == 112, widths
    assert ja_tile > en_tile, widths
    assert en_header == en_tile and ja_header == ja_tile, widths

TESTS = [
    ("add an organization: its accounts in the overview, a failing one said", test_add_organization),
    ("remove an organization in Preferences", test_remove_organization),
    ("plain profiles first: they do not wait for the organization's listing", test_plain_profiles_first),
    ("keyboard: arrows between tiles, Enter opens the region", test_keyboard),
    ("the all-regions switch", test_all_regions),
    ("at 360 pixels a list by account", test_narrow),
    ("cases: all accounts in one list", test_cases_all_accounts),
    ("Japanese tiles: the whole word", test_words_fit),
]

if __name__ == "__main__":
    only = os.environ.get("SD_UI_ONLY")
    sdui.run([t for t in TESTS if not only or only in t[0]])
