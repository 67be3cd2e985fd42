#!/usr/bin/python3
"""The region dashboard against the AWS emulator (scenario dashboard.json).

Run under tests/aws-emulator/with-emulator: it gives the profiles
sd-ui-main (every sandbox state, dedicated IPs, a region denied by IAM, an
opt-in region not enabled) and sd-ui-other (sandbox but us-east-1), and the
control endpoint that changes an account's state between two refreshes.
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sdui  # noqa: E402

MAIN = "sd-ui-main"
OTHER = "sd-ui-other"
MAIN_ACCOUNT = "111111111111"

# What the scenario seeds, as each card must say it (C locale: no digit grouping).
# region: (name, state badge, [texts on the card])
SEEDED = {
    "us-east-1": ("US East (N. Virginia)", "Production",
                  ["50000 a day · 14 a second", "12500 sent in 24 hours (25%)",
                   "5 dedicated IPs · 2 warming up (50% on average)"]),
    "eu-west-1": ("Europe (Ireland)", "Sandbox",
                  ["200 a day · 1 a second", "150 sent in 24 hours (75%)", "No dedicated IPs"]),
    "ap-northeast-1": ("Asia Pacific (Tokyo)", "Review pending", ["200 a day · 1 a second"]),
    "eu-central-1": ("Europe (Frankfurt)", "Denied", ["No dedicated IPs"]),
    "us-west-2": ("US West (Oregon)", "Failed", ["No dedicated IPs"]),
    "ap-southeast-2": ("Asia Pacific (Sydney)", "Production",
                       ["100000 a day · 40 a second", "1 dedicated IP"]),
    "eu-west-2": ("Europe (London)", "Error", ["Access denied: needs ses:GetAccount"]),
    "af-south-1": ("Africa (Cape Town)", "Error", ["Opt-in region not enabled"]),
}


def start():
    app = sdui.App()
    app.wait_loaded()
    return app


def cells(app):
    """The names of the region cards on screen, up to their sending health
    (which tests/ui/test_health.py reads)."""
    return [name.split(", health ")[0]
            for name in app.names("table cell", node=app.find("table", "Regions"))]


def search(app, text):
    """Types @text in the search bar (opening it first)."""
    entry = app.find("entry", "Search regions and profiles")
    if not sdui.has_state(app.find("push button", "Search"), "pressed"):
        app.action("push button", "Search")
    entry.text = text


def only_card(app, prefix, timeout=10.0):
    """Waits until the one card shown starts with @prefix; returns the card's node."""
    deadline = sdui.give_up_at(timeout)
    while True:
        shown = cells(app)
        if len(shown) == 1 and shown[0].startswith(prefix):
            return app.find("table cell", shown[0], startswith=True)
        if time.time() > deadline:
            raise AssertionError("expected one card %r, shown: %r" % (prefix, shown))
        time.sleep(0.2)


def card_texts(app, card):
    return app.names("label", node=card)


def totals(app):
    return app.names("panel", node=app.find("table", "Totals"))


def wait_totals(app, expected, timeout=10.0):
    deadline = sdui.give_up_at(timeout)
    while True:
        shown = totals(app)
        if all(t in shown for t in expected):
            return
        if time.time() > deadline:
            raise AssertionError("totals %r, expected %r" % (shown, expected))
        time.sleep(0.2)


def choose(app, menu_button, item):
    """Opens the menu of @menu_button and picks @item."""
    app.action("push button", menu_button)
    app.action("menu item", item)


def open_card(app, region, profile=MAIN):
    search(app, "%s %s" % (region, profile))
    card = only_card(app, SEEDED[region][0] if region in SEEDED else "")
    app.click(card)
    app.find("list", "Dedicated IPs")


def test_states_and_counts():
    with start() as app:
        # Both accounts, 27 regions each: 6 dedicated IPs (5 in us-east-1, 1 in
        # ap-southeast-2); in the sandbox 20 + pending + denied + failed of the
        # first account and 26 of the second; two regions fail.
        wait_totals(app, ["54 regions", "6 dedicated IPs", "49 in the sandbox",
                          "1 review pending", "2 with errors"])
        app.screenshot("dashboard-all-accounts")
        for region, (name, badge, texts) in SEEDED.items():
            search(app, "%s %s" % (region, MAIN))
            card = only_card(app, "%s, %s, profile %s: %s" % (name, region, MAIN, badge))
            shown = card_texts(app, card)
            for text in [name, "%s · %s" % (region, MAIN), badge] + texts:
                assert text in shown, (region, text, shown)
        # The other account's us-east-1 is unlimited.
        search(app, "us-east-1 " + OTHER)
        card = only_card(app, "US East (N. Virginia), us-east-1, profile %s: Production" % OTHER)
        assert "Unlimited · 500 a second" in card_texts(app, card), card_texts(app, card)
        assert "No dedicated IPs" in card_texts(app, card), card_texts(app, card)


def tab_to(app, node, presses=30):
    """Presses Tab until @node has the keyboard focus: it is reachable without a mouse."""
    for _ in range(presses):
        if sdui.has_state(node, "focused"):
            return
        app.key("Tab")
        time.sleep(0.15)
    raise AssertionError("%s %r never got the focus with Tab" % (node.roleName, node.name))


def test_region_detail():
    with start() as app:
        # By keyboard: Tab to the card, Enter opens it.
        search(app, "us-east-1 " + MAIN)
        card = only_card(app, "US East (N. Virginia)")
        app.click(app.find("table", "Totals"))
        tab_to(app, card)
        app.key("Return")
        app.find("list", "Dedicated IPs")
        app.find("label", "US East (N. Virginia)")
        ips = app.find("list", "Dedicated IPs")
        rows = {n: app.names("label", node=app.find("list item", n, node=ips))
                for n in app.names("list item", node=ips)}
        expected = {
            "198.51.100.1": ("Pool “bulk”", "Warm-up done"),
            "198.51.100.2": ("Pool “bulk”", "Warming up, 40%"),
            "198.51.100.3": ("Pool “bulk”", "Warming up, 60%"),
            "203.0.113.5": ("Pool “auto”", "Managed"),
            "203.0.113.6": ("Pool “auto”", "Managed"),
        }
        assert sorted(rows) == sorted(expected), rows
        for ip, texts in expected.items():
            for text in texts:
                assert text in rows[ip], (ip, text, rows[ip])
        pools = app.find("list", "Dedicated IP pools")
        assert "3 IPs" in app.names("label", node=app.find("list item", "bulk", node=pools))
        auto = app.names("label", node=app.find("list item", "auto", node=pools))
        assert "Scaling: Managed" in auto and "2 IPs" in auto, auto
        practices = app.names("list item", node=app.find("list", "Best practices"))
        assert practices == ["2 dedicated IPs warming up (50% on average)"], practices
        account = app.find("list", "Account")
        for title, value in (("Sandbox status", "Production"), ("Daily sending quota", "50000"),
                             ("Maximum send rate", "14 a second"), ("Sending", "Enabled"),
                             ("Enforcement status", "Healthy"),
                             ("Sent in the last 24 hours", "12500")):
            labels = app.names("label", node=app.find("list item", title, node=account))
            assert value in labels, (title, value, labels)
        app.screenshot("detail-us-east-1")

        # Escape goes back to every region, the search kept.
        app.key("Escape")
        only_card(app, "US East (N. Virginia), us-east-1, profile %s" % MAIN)
        app.wait_gone("list", "Dedicated IPs")

        # A pending review shows its case; the warnings name their reasons.
        open_card(app, "ap-northeast-1")
        case = app.find("list item", "Review case")
        assert "case-111111111111-muen-2026-7f3a9c1d2e4b5a60" in app.names("label", node=case)
        practices = app.names("list item", node=app.find("list", "Best practices"))
        assert practices == ["Sandbox limits apply"], practices
        assert any("200 messages a day" in label for label in
                   app.names("label", node=app.find("list", "Best practices")))
        app.action("push button", "Back to all regions")
        app.wait_gone("list", "Dedicated IPs")

        open_card(app, "ap-southeast-2")
        practices = app.names("list item", node=app.find("list", "Best practices"))
        assert practices == ["Only 1 standard dedicated IP", "Pool “solo” has a single IP"], practices
        reasons = app.names("label", node=app.find("list", "Best practices"))
        assert any("availability zones" in r for r in reasons), reasons
        app.screenshot("detail-ap-southeast-2")
        app.key("<Alt>Left")
        app.wait_gone("list", "Dedicated IPs")

        # A region that failed says why and what to do.
        search(app, "eu-west-2 " + MAIN)
        app.click(only_card(app, "Europe (London)"))
        problem = app.find("list", "Problem")
        labels = app.names("label", node=problem)
        assert "Access denied: needs ses:GetAccount" in labels, labels
        assert any("ses:GetDedicatedIps" in label for label in labels), labels
        app.key("Escape")
        app.wait_gone("list", "Problem")


def test_filter_by_state_and_text():
    with start() as app:
        choose(app, "All States", "Denied")
        only_card(app, "Europe (Frankfurt), eu-central-1, profile %s: Denied" % MAIN)
        wait_totals(app, ["1 region"])

        choose(app, "Denied", "With Errors")
        deadline = sdui.give_up_at(10)
        while sorted(cells(app)) != sorted([
                "Africa (Cape Town), af-south-1, profile %s: Error (Opt-in region not enabled)" % MAIN,
                "Europe (London), eu-west-2, profile %s: Error (Access denied: needs ses:GetAccount)" % MAIN]):
            assert time.time() < deadline, cells(app)
            time.sleep(0.2)

        choose(app, "With Errors", "Production")
        deadline = sdui.give_up_at(10)
        while len(cells(app)) != 3:
            assert time.time() < deadline, cells(app)
            time.sleep(0.2)
        assert all(c.endswith(": Production") for c in cells(app)), cells(app)
        wait_totals(app, ["3 regions", "6 dedicated IPs", "0 in the sandbox"])

        # Text and state together: Sydney is in production.
        search(app, "sydney")
        only_card(app, "Asia Pacific (Sydney), ap-southeast-2, profile %s: Production" % MAIN)
        choose(app, "Production", "All States")
        search(app, "TOKYO")
        deadline = sdui.give_up_at(10)
        while sorted(cells(app)) != [
                "Asia Pacific (Tokyo), ap-northeast-1, profile %s: Review pending" % MAIN,
                "Asia Pacific (Tokyo), ap-northeast-1, profile %s: Sandbox" % OTHER]:
            assert time.time() < deadline, cells(app)
            time.sleep(0.2)

        # Nothing matches: the page says so and offers to show everything.
        search(app, "atlantis")
        app.find("label", "No Matching Regions")
        app.action("push button", "Show All Regions")
        wait_totals(app, ["54 regions"])
        app.wait_gone("label", "No Matching Regions")


def choose_account(app, presses):
    """Opens the account switcher and moves @presses items down (negative: up)."""
    combo = app.find("combo box", "Account")
    app.find_all("push button", node=combo)[0].doActionNamed("click")
    app.find("list item", node=combo)
    time.sleep(0.5)
    for _ in range(abs(presses)):
        app.key("Down" if presses > 0 else "Up")
        time.sleep(0.2)
    app.key("Return")


def test_account_switcher():
    with start() as app:
        combo = app.find("combo box", "Account")
        assert "All Accounts" in app.names("label", node=combo), app.names("label", node=combo)
        # "All Accounts", then the profiles of the shared files.
        choose_account(app, 2)
        deadline = sdui.give_up_at(10)
        while "sd-ui-other" not in app.names("label", node=combo):
            assert time.time() < deadline, app.names("label", node=combo)
            time.sleep(0.2)
        wait_totals(app, ["27 regions", "0 dedicated IPs", "26 in the sandbox",
                          "0 reviews pending", "0 with errors"])
        # One account shown: the cards do not repeat its name.
        search(app, "us-east-1")
        card = only_card(app, "US East (N. Virginia), us-east-1: Production")
        assert "us-east-1" in card_texts(app, card), card_texts(app, card)
        app.screenshot("dashboard-one-account")
        search(app, "")
        choose_account(app, -2)
        wait_totals(app, ["54 regions", "6 dedicated IPs"])


def test_narrow_window():
    with start() as app:
        sdui.resize_window("SES Desk", 360, 720)
        frame = app.find("frame", "SES Desk")
        # The frame is the window less the border GTK draws around it.
        deadline = sdui.give_up_at(10)
        while frame.size[0] > 360:
            assert time.time() < deadline, frame.size
            time.sleep(0.2)
        time.sleep(1)
        app.screenshot("dashboard-360")
        # Every control and the cards fit in the width: nothing cut off on the right.
        width = frame.size[0]
        for role, name in (("push button", "Refresh"), ("push button", "Search"),
                           ("push button", "Main menu"), ("push button", "All States"),
                           ("push button", "Sort"), ("combo box", "Account")):
            node = app.find(role, name)
            (x, _), (w, _) = node.position, node.size
            assert 0 <= x and x + w <= width, (name, x, w, width)
        # Cards the grid keeps off screen may keep their old place: look at
        # what a search leaves, which the grid lays out anew.
        search(app, "tokyo")
        deadline = sdui.give_up_at(10)
        while len(cells(app)) != 2:
            assert time.time() < deadline, cells(app)
            time.sleep(0.2)
        time.sleep(1)
        shown = app.find_all("table cell", node=app.find("table", "Regions"))
        for card in shown:
            (x, _), (w, _) = card.position, card.size
            assert 0 <= x and x + w <= width, (card.name, x, w, width)
        # One card per row.
        assert len({card.position[0] for card in shown}) == 1, [c.position for c in shown]
        for total in app.find_all("panel", node=app.find("table", "Totals")):
            (x, _), (w, _) = total.position, total.size
            assert x + w <= width, (total.name, x, w, width)

        open_card(app, "us-east-1")
        for row in app.find_all("list item", node=app.find("list", "Dedicated IPs")):
            (x, _), (w, _) = row.position, row.size
            assert x + w <= width, (row.name, x, w, width)
        app.screenshot("detail-360")


def test_refresh_shows_change():
    with start() as app:
        search(app, "ca-central-1 " + MAIN)
        only_card(app, "Canada (Central), ca-central-1, profile %s: Sandbox" % MAIN)

        # AWS grants production access: the refresh button shows it.
        sdui.emulator("/state", {"account": MAIN_ACCOUNT, "region": "ca-central-1",
                                 "account_state": {"status": "production",
                                                   "quota": {"max24": 100000, "maxrate": 20,
                                                             "sent": 10}}})
        app.action("push button", "Refresh")
        card = only_card(app, "Canada (Central), ca-central-1, profile %s: Production" % MAIN,
                         timeout=30)
        assert "100000 a day · 20 a second" in card_texts(app, card), card_texts(app, card)

        # Dedicated IPs arrive; Ctrl+R shows them.
        sdui.emulator("/state", {"account": MAIN_ACCOUNT, "region": "ca-central-1",
                                 "account_state": {"pools": [{"name": "new", "ips": [
                                     {"ip": "198.51.100.77", "warmup_status": "IN_PROGRESS",
                                      "warmup_percentage": 10}]}]}})
        app.click(app.find("table", "Totals"))
        app.key("<Control>r")
        deadline = sdui.give_up_at(30)
        while "1 dedicated IP · 1 warming up (10%)" not in card_texts(app, card):
            assert time.time() < deadline, card_texts(app, card)
            time.sleep(0.3)


def get_account_calls(since_id):
    """The GetAccount requests of the account of MAIN after log entry @since_id."""
    log = sdui.emulator("/requests?operation=GetAccount&account=%s&since_id=%d"
                        % (MAIN_ACCOUNT, since_id))["requests"]
    return [entry for entry in log if entry["id"] > since_id]


def test_one_refresh_at_start():
    log = sdui.emulator("/requests")["requests"]
    since_id = max([entry["id"] for entry in log], default=0)
    started = time.time()
    with start() as app:
        # Nothing at start (the settings, the config files, the keyring, the
        # timer) makes it load again: one GetAccount a region, 27, in its
        # first 15 s (the auto refresh is minutes away).
        wait_totals(app, ["54 regions"])
        time.sleep(max(0.0, started + 15 - time.time()))
        calls = get_account_calls(since_id)
        assert len(calls) == 27, (len(calls), sorted(entry["region"] for entry in calls))


sdui.run([
    ("seeded states, quotas and counts appear in the right cards", test_states_and_counts),
    ("opening a region shows its IPs, pools, review and warnings", test_region_detail),
    ("filter by state and by text", test_filter_by_state_and_text),
    ("the account switcher shows one account or all", test_account_switcher),
    ("usable at 360 px wide", test_narrow_window),
    ("refresh after the emulator's state changed shows the change", test_refresh_shows_change),
    ("one refresh at start", test_one_refresh_at_start),
])
