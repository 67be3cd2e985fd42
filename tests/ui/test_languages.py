#!/usr/bin/python3
"""The app in Japanese, Chinese and Korean, through AT-SPI (scenario: the demo).

For each of ja, zh_CN and ko the app starts under that language (LANGUAGE
and a matching LC_ALL; build-aux/setup-debian generates the locales) with
po/LANG.po compiled afresh (SD_LOCALEDIR), and every accessible name and
text shown is read: the main window with the dashboard loaded, its main
menu, the preferences, a region's detail page, a request dialog, the cases
window and one case's thread. No string may equal an English message of
the catalogue whose translation differs or is missing (format strings are
matched as patterns), and region names and numbers follow the locale.

Run under tests/aws-emulator/with-emulator --scenario demo.
"""
import ast
import gettext
import os
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sdui  # noqa: E402

LANGUAGES = {"ja": "ja_JP.UTF-8", "zh_CN": "zh_CN.UTF-8", "ko": "ko_KR.UTF-8"}
PROFILE = "acme-prod"
# acme-prod's us-east-1 in the demo: production, 1000000 a day, 200 a second,
# dedicated IPs and pools; its ap-northeast-1 is the Tokyo region.
REGION = "us-east-1"


def read_po(path):
    """The messages of a catalogue: [(msgctxt, [msgid, msgid_plural?],
    [translations], fuzzy)], obsolete ones left out. Untranslated messages
    have empty translations."""
    def unquote(text):
        return ast.literal_eval(text)

    out = []
    entry = None
    field = None

    def flush():
        if entry is not None and "msgid" in entry:
            ids = [entry["msgid"]] + ([entry["msgid_plural"]] if "msgid_plural" in entry else [])
            strs = [entry[k] for k in sorted(k for k in entry if k.startswith("msgstr"))]
            out.append((entry.get("msgctxt"), ids, strs, entry.get("fuzzy", False)))

    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                flush()
                entry, field = None, None
                continue
            if line.startswith("#~"):
                continue
            if entry is None:
                entry = {}
            if line.startswith("#,"):
                entry["fuzzy"] = "fuzzy" in line
                continue
            if line.startswith("#"):
                continue
            m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")$', line)
            if m:
                field = m.group(1)
                entry[field] = unquote(m.group(2))
            elif line.startswith('"') and field:
                entry[field] += unquote(line)
    flush()
    return out


class Catalogue:
    """A language's catalogue: po/LANG.po, compiled for the app to read, and
    the English it must not show: every message whose translation differs
    from it or is missing (untranslated or fuzzy)."""

    def __init__(self, lang):
        self.lang = lang
        po = os.path.join(sdui.SOURCE_ROOT, "po", lang + ".po")
        # Compiled here, from po/ as it is now (the build's copy may be older).
        self.localedir = tempfile.mkdtemp(prefix="sd-locale-", dir=os.environ.get("SD_UI_RUNTIME_DIR"))
        self.path = os.path.join(self.localedir, lang, "LC_MESSAGES", "ses-desk.mo")
        os.makedirs(os.path.dirname(self.path))
        subprocess.run(["msgfmt", "-o", self.path, po], check=True)
        with open(self.path, "rb") as f:
            self.mo = gettext.GNUTranslations(f)
        self.english = {}       # English text -> its translation ("" if none)
        patterns = {}           # English format string -> its msgid
        self.translations = set()
        for context, msgids, translated, fuzzy in read_po(po):
            if msgids == [""]:
                continue                    # the header
            if fuzzy:
                translated = [""] * len(translated)
            for value in translated:
                if value:
                    self.translations.update(variants(value))
            for msgid in msgids:
                for text, value in zip(variants(msgid), variants(translated[0])):
                    if text == value or not re.search(r"[A-Za-z]{2}", text):
                        continue
                    if "%" in text:
                        patterns[text] = msgid
                    else:
                        self.english[text] = value
        self.patterns = [(regex, msgid) for regex, msgid in
                         ((format_regex(text), msgid) for text, msgid in patterns.items())
                         if regex is not None]
        # A string that is itself some message's translation is not left in
        # English (a product name kept as it is, say).
        for text in self.translations:
            self.english.pop(text, None)

    def t(self, msgid, context=None):
        if context is not None:
            return self.mo.pgettext(context, msgid)
        return self.mo.gettext(msgid)

    def left_in_english(self, text):
        """The msgid @text shows untranslated, or None."""
        if not text or text in self.translations:
            return None
        if text in self.english:
            return text
        if len(text) < 400:
            for regex, msgid in self.patterns:
                if regex.match(text):
                    return msgid
        return None


def variants(text):
    """@text as the screen may show it: as it is, without mnemonic
    underscores, and without Pango markup."""
    out = [text]
    plain = re.sub(r"<[^<>]+>", "", text)
    plain = plain.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    out.append(plain)
    out.append(re.sub(r"_(?=[^\W_])", "", plain))
    out.append(re.sub(r"\(_\w\)", "", plain))
    return out


def format_regex(text):
    """A regex for what printf makes of @text, or None when too little of it
    is words (it would match anything)."""
    parts = re.split(r"(%(?:\d+\$)?[-+ #0']*\d*(?:\.\d+)?(?:hh|h|ll|l|z|j|t|L)?[diouxXeEfgGcsp%])", text)
    literal = "".join(parts[0::2])
    if len(re.findall(r"[A-Za-z]", literal)) < 6:
        return None
    regex = ""
    for i, part in enumerate(parts):
        if i % 2 == 0:
            regex += re.escape(part)
        elif part == "%%":
            regex += "%"
        else:
            regex += ".+?"
    return re.compile("^" + regex + "$", re.S)


# Reading the screen

def shown(node, where):
    """Every accessible name and text under @node: [(where, role, text)]."""
    out = []

    def walk(acc, depth):
        if depth > 80:
            return
        try:
            role = acc.getRoleName()
            name = acc.name
        except Exception:
            return
        if name:
            out.append((where, role, name))
        try:
            text = acc.queryText()
            content = text.getText(0, -1)
            if content:
                out.append((where, role + " text", content))
        except Exception:
            pass
        try:
            count = acc.childCount
        except Exception:
            count = 0
        for i in range(count):
            try:
                child = acc.getChildAtIndex(i)
            except Exception:
                continue
            if child is not None:
                walk(child, depth + 1)

    walk(getattr(node, "_accessible", node), 0)
    return out


def english_in(catalogue, strings):
    found = []
    for where, role, text in strings:
        msgid = catalogue.left_in_english(text)
        if msgid is not None:
            found.append("%s: %s %r (msgid %r)" % (where, role, text, msgid))
    return sorted(set(found))


def wait_for(probe, what, timeout=30.0):
    return sdui.wait_for(probe, what, timeout)


def activate(app, node, presses=80):
    """Activates a row that may lie below the fold: its own action when it
    has one, else Tab to it (which scrolls it into view) and Return."""
    for action in ("activate", "click"):
        try:
            if action in node.actions:
                node.doActionNamed(action)
                return
        except Exception:
            pass
    for _ in range(presses):
        if sdui.has_state(node, "focused"):
            app.key("Return")
            return
        app.key("Tab")
        time.sleep(0.12)
    raise AssertionError("%s %r never got the focus with Tab" % (node.roleName, node.name))


def updated_regex(cat):
    """What the window's subtitle says once the dashboard has loaded."""
    texts = [cat.t("Updated just now")]
    for singular, plural in (("Updated %d minute ago", "Updated %d minutes ago"),
                             ("Updated %d hour ago", "Updated %d hours ago")):
        texts += [cat.mo.ngettext(singular, plural, 1), cat.mo.ngettext(singular, plural, 2)]
    return re.compile("^(?:%s)$" % "|".join(re.escape(t).replace("%d", r"\d+") for t in texts))


def check_language(lang):
    cat = Catalogue(lang)
    t = cat.t
    locale_name = LANGUAGES[lang]
    available = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.split()
    assert locale_name.replace("UTF-8", "utf8") in available, \
        "the locale %s is missing (build-aux/setup-debian generates it); have %r" % (locale_name, available)
    # The catalogue must be complete enough to be worth checking.
    assert len(cat.english) > 300, (lang, len(cat.english))

    env = {"LANGUAGE": lang, "LC_ALL": locale_name, "LANG": locale_name,
           "SD_LOCALEDIR": cat.localedir,
           "XDG_STATE_HOME": os.path.join(os.environ.get("SD_UI_RUNTIME_DIR", "/tmp"), "state-" + lang)}
    strings = []
    with sdui.App(env=env) as app:
        main = app.find("frame", "SES Desk", timeout=20)
        loaded = updated_regex(cat)
        wait_for(lambda: any(loaded.match(n) for n in app.names("label", node=main)),
                 "the dashboard to load (%s)" % loaded.pattern, timeout=60)
        grid = app.find("table", t("Regions"), node=main)
        wait_for(lambda: len(app.find_all("table cell", node=grid)) > 50, "the region cards")
        dashboard = shown(main, "dashboard")
        strings += dashboard
        labels = [text for _, role, text in dashboard if role == "label"]

        # Region names and numbers as the locale says.
        tokyo = t("Asia Pacific (Tokyo)")
        assert tokyo != "Asia Pacific (Tokyo)" and tokyo in labels, (tokyo, labels[:60])
        quota = t("%s a day · %s a second") % ("1,000,000", "200")
        assert quota in labels, (quota, [l for l in labels if "200" in l][:10])
        assert not any("1000000" in l for l in labels), [l for l in labels if "1000000" in l]
        sdui.screenshot("languages-%s-dashboard" % lang)

        # The main menu's items.
        app.action("push button", t("Main menu"))
        wait_for(lambda: app.find_all("menu item", node=main), "the main menu")
        time.sleep(0.5)
        menu = [s for s in shown(main, "main menu") if s[1] == "menu item"]
        assert len(menu) >= 3, menu
        strings += menu
        app.key("Escape")
        app.wait_gone("menu item", menu[0][2], node=main)

        # Preferences (Ctrl+,).
        preferences = t("Preferences")
        app.key("<Control>comma")
        window = app.find("frame", preferences, timeout=20)
        wait_for(lambda: len(app.find_all("label", node=window)) > 5, "the preferences")
        time.sleep(0.5)
        strings += shown(window, "preferences")
        app.key("Escape")
        app.wait_gone("frame", preferences, timeout=15)

        # A region's detail page: us-east-1 of acme-prod.
        if not sdui.has_state(app.find("push button", t("Search"), node=main), "pressed"):
            app.action("push button", t("Search"))
        app.find("entry", t("Search regions and profiles"), node=main).text = "%s %s" % (REGION, PROFILE)
        name_us = t("US East (N. Virginia)")
        card = wait_for(lambda: [c for c in app.find_all("table cell", node=grid)
                                 if c.name.startswith(name_us)]
                        if len(app.find_all("table cell", node=grid)) == 1 else None,
                        "one card, %s of %s" % (REGION, PROFILE))[0]
        app.click(card)
        app.find("list", t("Dedicated IPs"), node=main, timeout=20)
        requests = app.find("list", t("Requests"), node=main)
        wait_for(lambda: any(n.startswith("%s · %s" % (REGION, PROFILE)) or REGION in n
                             for n in app.names("label", node=main)), "the region page's title")
        time.sleep(1)
        region = shown(main, "region page")
        strings += region
        assert name_us in [text for _, role, text in region if role == "label"], \
            [text for _, role, text in region if role == "label"][:40]
        sdui.screenshot("languages-%s-region" % lang)

        # A request dialog: dedicated IPs, from the page's Requests group.
        activate(app, app.find("list item", t("Request Dedicated IPs…"), node=requests))
        dialog = app.find("frame", t("Request Dedicated IP Addresses"), timeout=20)
        wait_for(lambda: len(app.find_all("label", node=dialog)) > 10, "the dialog's form")
        time.sleep(1)
        strings += shown(dialog, "dedicated IPs dialog")
        sdui.screenshot("languages-%s-dialog" % lang)
        dialog_cancel = [b for b in app.find_all("push button", t("Cancel"), node=dialog)]
        assert dialog_cancel, app.names("push button", node=dialog)
        dialog_cancel[0].doActionNamed("click")
        app.wait_gone("frame", t("Request Dedicated IP Addresses"), timeout=15)

        # The cases window (Ctrl+K) and one case's thread.
        cases_title = t("AWS Support Cases")
        deadline = sdui.give_up_at(20)
        while not app.find_all("frame", cases_title):
            assert time.time() < deadline, "Ctrl+K did not open the cases window"
            app.key("<Control>k")
            time.sleep(1)
        window = app.find("frame", cases_title)
        case_list = app.find("list", t("Cases"), node=window, timeout=30)
        rows = wait_for(lambda: app.find_all("list item", node=case_list), "the case rows", timeout=40)
        time.sleep(1)
        strings += shown(window, "cases window")
        app.click(rows[0])
        messages = app.find("list", t("Messages"), node=window, timeout=30)
        wait_for(lambda: app.find_all("list item", node=messages), "the messages", timeout=30)
        time.sleep(1)
        strings += shown(window, "case thread")
        sdui.screenshot("languages-%s-cases" % lang)

    left = english_in(cat, strings)
    assert len(strings) > 500, len(strings)
    assert not left, "%d strings left in English under LANGUAGE=%s:\n%s" % (len(left), lang, "\n".join(left))
    return len(strings)


def make_test(lang):
    def test():
        started = time.time()
        n = check_language(lang)
        print("%s: %d strings read, none left in English (%.1f s)" % (lang, n, time.time() - started))
    return test


def test_catalogue_finds_english():
    """The check itself: an English msgid is caught, its translation and
    data are not, format strings are matched whole."""
    cat = Catalogue("ja")
    assert cat.left_in_english("Dedicated IPs") == "Dedicated IPs"
    assert cat.left_in_english(cat.t("Dedicated IPs")) is None
    assert cat.left_in_english("acme-prod") is None
    assert cat.left_in_english("50,000 a day · 14 a second") == "%s a day · %s a second"
    assert cat.left_in_english(cat.t("%s a day · %s a second") % ("50,000", "14")) is None


TESTS = [("the check finds an English message and passes its translation", test_catalogue_finds_english)]
TESTS += [("%s: no visible string left in English; region names and numbers follow the locale" % lang,
           make_test(lang)) for lang in LANGUAGES]

if __name__ == "__main__":
    # SD_UI_ONLY=word runs only the tests whose name has it (while working on one).
    only = os.environ.get("SD_UI_ONLY")
    sdui.run([t for t in TESTS if not only or only in t[0]])
