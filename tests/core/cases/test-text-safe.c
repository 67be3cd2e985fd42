/* test-text-safe.c — bodies and error messages from AWS shown as text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sd-safe-text.h"

/* Auxiliary functions */

static gboolean
contains_char (const char *text,
               gunichar    c)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_utf8_get_char (p) == c)
      return TRUE;
  return FALSE;
}

/* Every character of @text is one a label can show as it is. */
static void
assert_displayable (const char *text,
                    gsize       len)
{
  g_assert_true (g_utf8_validate (text, len, NULL));
  g_assert_cmpuint (strlen (text), ==, len);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n' || c == '\t')
        continue;
      g_assert_cmpuint (c, >=, 0x20);
      g_assert_true (c != 0x7f && !(c >= 0x80 && c <= 0x9f));
      g_assert_false (c >= 0x202a && c <= 0x202e);
      g_assert_false (c >= 0x2066 && c <= 0x2069);
    }
}

static SdSafeText *
safe (const char *raw)
{
  SdSafeText *text = sd_safe_text_new (raw, -1);
  gsize len;
  const char *out = sd_safe_text_get_text (text, &len);

  assert_displayable (out, len);
  return text;
}

/* Tests */

static void
test_markup_is_literal (void)
{
  const char *raw = "<b>bold</b> <span foreground=\"red\">x</span> &amp; &lt;i&gt;";
  g_autoptr(SdSafeText) text = safe (raw);

  /* Markup characters are text: kept as they are, nothing interpreted. */
  g_assert_cmpstr (sd_safe_text_get_text (text, NULL), ==, raw);
  g_assert_cmpuint (sd_safe_text_get_n_links (text), ==, 0);
}

static void
test_html_is_literal (void)
{
  const char *raw = "<html><script>alert('x')</script><a href=\"https://evil.example\">click</a>"
                    "<img src=x onerror=alert(1)></html>";
  g_autoptr(SdSafeText) text = safe (raw);

  g_assert_cmpstr (sd_safe_text_get_text (text, NULL), ==, raw);
  /* The href's URL ends at the quote: linked as the URL it is, nothing more. */
  g_assert_cmpuint (sd_safe_text_get_n_links (text), ==, 1);
  g_assert_cmpstr (sd_safe_text_get_link (text, 0)->uri, ==, "https://evil.example");
}

static void
test_control_characters (void)
{
  const char raw[] = "a\x01" "b\x1b[31mred\x1b[0m\x7f" "c\r\nd\re\tf\xc2\x85g";
  g_autoptr(SdSafeText) text = safe (raw);
  const char *out = sd_safe_text_get_text (text, NULL);

  /* ESC and friends become visible pictures: no terminal escapes survive. */
  g_assert_null (strchr (out, '\x1b'));
  g_assert_true (contains_char (out, 0x2401));
  g_assert_true (contains_char (out, 0x241b));
  g_assert_true (contains_char (out, 0x2421));
  /* CR LF and CR become LF; the tab stays; NEL (a C1 control) is replaced. */
  g_assert_null (strchr (out, '\r'));
  g_assert_nonnull (strstr (out, "c\nd\ne\tf"));
  g_assert_true (contains_char (out, 0xfffd));
  g_assert_false (contains_char (out, 0x85));
}

static void
test_nul_and_invalid_utf8 (void)
{
  const char raw[] = "ok\0hidden\xff\xfe tail";
  g_autoptr(SdSafeText) text = sd_safe_text_new (raw, sizeof raw - 1);
  gsize len;
  const char *out = sd_safe_text_get_text (text, &len);

  assert_displayable (out, len);
  /* Nothing after the NUL is lost, and the NUL is not in the text. */
  g_assert_nonnull (strstr (out, "hidden"));
  g_assert_nonnull (strstr (out, "tail"));
  g_assert_true (contains_char (out, 0xfffd));
}

static void
test_bidi_overrides (void)
{
  /* "Trojan source": RLO makes "txt.exe" read as "exe.txt". */
  const char *raw = "invoice\xe2\x80\xaetxt.exe and \xe2\x81\xa6isolated\xe2\x81\xa9 \xe2\x80\xaa!";
  g_autoptr(SdSafeText) text = safe (raw);
  const char *out = sd_safe_text_get_text (text, NULL);

  g_assert_false (contains_char (out, 0x202e));
  g_assert_false (contains_char (out, 0x2066));
  g_assert_false (contains_char (out, 0x2069));
  g_assert_false (contains_char (out, 0x202a));
  /* The text around reads in its written order. */
  g_assert_nonnull (strstr (out, "txt.exe"));
  g_assert_nonnull (strstr (out, "isolated"));
}

static void
test_long_unbroken_run (void)
{
  g_autofree char *raw = g_strnfill (8000, 'A');
  g_autoptr(SdSafeText) text = safe (raw);
  g_autofree char *url_run = NULL;
  g_autoptr(SdSafeText) url_text = NULL;

  /* Rendered literally: the same 8000 characters, nothing inserted. */
  g_assert_cmpstr (sd_safe_text_get_text (text, NULL), ==, raw);
  g_assert_cmpuint (sd_safe_text_get_longest_run (text), ==, 8000);
  g_assert_false (sd_safe_text_get_truncated (text));

  /* A link 8000 characters long is text, not a link. */
  url_run = g_strconcat ("https://example.com/", raw, NULL);
  url_text = safe (url_run);
  g_assert_cmpuint (sd_safe_text_get_n_links (url_text), ==, 0);
}

static void
test_japanese_runs_break (void)
{
  g_autoptr(SdSafeText) text = safe ("専用IPアドレスの追加を申請します。ご確認ください。");

  /* Wide characters break anywhere: no long run. */
  g_assert_cmpuint (sd_safe_text_get_longest_run (text), <, 5);
}

static void
test_huge_text_is_cut (void)
{
  gsize n = SD_SAFE_TEXT_MAX_BYTES * 2;
  g_autofree char *raw = g_malloc (n + 1);
  g_autoptr(SdSafeText) text = NULL;
  gsize len;

  memset (raw, 'x', n);
  raw[n] = '\0';
  text = sd_safe_text_new (raw, n);
  sd_safe_text_get_text (text, &len);
  g_assert_true (sd_safe_text_get_truncated (text));
  g_assert_cmpuint (len, <=, SD_SAFE_TEXT_MAX_BYTES);
  g_assert_cmpuint (len, >, SD_SAFE_TEXT_MAX_BYTES - 8);
}

static void
test_combining_marks_capped (void)
{
  GString *raw = g_string_new ("Z");
  g_autoptr(SdSafeText) text = NULL;
  guint marks = 0;

  for (guint i = 0; i < 200; i++)
    g_string_append (raw, "\xcc\x81");   /* U+0301 */
  text = safe (raw->str);
  for (const char *p = sd_safe_text_get_text (text, NULL); *p != '\0'; p = g_utf8_next_char (p))
    if (g_utf8_get_char (p) == 0x301)
      marks++;
  g_assert_cmpuint (marks, ==, 8);
  g_string_free (raw, TRUE);
}

static void
test_links_http_only (void)
{
  const char *raw = "See https://docs.aws.amazon.com/ses/latest/dg/Welcome.html, or "
                    "(http://example.com/a_(b)) and HTTPS://EXAMPLE.ORG/x. Not: javascript:alert(1) "
                    "file:///etc/passwd ftp://x.org data:text/html,hi mailto:a@b.c xhttps://no.example "
                    "https://user:pw@evil.example/ https:// http://-bad/ https://ok.example:8443/p?q=1#f";
  g_autoptr(SdSafeText) text = safe (raw);
  const char *out = sd_safe_text_get_text (text, NULL);
  static const char * const expected[] = {
    "https://docs.aws.amazon.com/ses/latest/dg/Welcome.html",
    "http://example.com/a_(b)",
    "HTTPS://EXAMPLE.ORG/x",
    "https://ok.example:8443/p?q=1#f",
  };

  g_assert_cmpuint (sd_safe_text_get_n_links (text), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const SdTextLink *link = sd_safe_text_get_link (text, i);
      g_autofree char *covered = g_strndup (out + link->start, link->end - link->start);
      g_autofree char *by_chars = g_utf8_substring (out, link->char_start, link->char_end);

      g_assert_cmpstr (link->uri, ==, expected[i]);
      /* The range covers exactly the URI, in bytes and in characters. */
      g_assert_cmpstr (covered, ==, expected[i]);
      g_assert_cmpstr (by_chars, ==, expected[i]);
      g_assert_true (sd_safe_text_get_link_at (text, link->start) == link);
    }
  g_assert_null (sd_safe_text_get_link_at (text, 0));
}

static void
test_link_offsets_after_wide_text (void)
{
  g_autoptr(SdSafeText) text = safe ("詳細は https://aws.amazon.com/jp/ses/ をご覧ください。");
  const SdTextLink *link;
  g_autofree char *by_chars = NULL;

  g_assert_cmpuint (sd_safe_text_get_n_links (text), ==, 1);
  link = sd_safe_text_get_link (text, 0);
  g_assert_cmpstr (link->uri, ==, "https://aws.amazon.com/jp/ses/");
  g_assert_cmpuint (link->char_start, ==, 4);
  by_chars = g_utf8_substring (sd_safe_text_get_text (text, NULL), link->char_start, link->char_end);
  g_assert_cmpstr (by_chars, ==, link->uri);
}

static void
test_web_uri (void)
{
  g_assert_true (sd_text_is_web_uri ("https://example.com"));
  g_assert_true (sd_text_is_web_uri ("http://[2001:db8::1]:8080/x"));
  g_assert_false (sd_text_is_web_uri ("javascript:alert(1)"));
  g_assert_false (sd_text_is_web_uri ("https://a@b.example"));
  g_assert_false (sd_text_is_web_uri ("https://"));
  g_assert_false (sd_text_is_web_uri ("https://exa mple.com"));
  g_assert_false (sd_text_is_web_uri ("https://example.com:123456/"));
  g_assert_false (sd_text_is_web_uri (NULL));
}

static void
test_safe_line (void)
{
  g_autofree char *line = sd_text_safe_line ("  Subject\nwith\t\tbreaks\r\n\x1b[2J and \xe2\x80\xae ", -1, 0);
  g_autofree char *cut = sd_text_safe_line ("abcdefghij", -1, 5);
  g_autofree char *exact = sd_text_safe_line ("abcde", -1, 5);
  g_autofree char *empty = sd_text_safe_line (NULL, -1, 10);

  g_assert_cmpstr (line, ==, "Subject with breaks \xe2\x90\x9b[2J and \xef\xbf\xbd");
  g_assert_cmpstr (cut, ==, "abcd…");
  g_assert_cmpuint (g_utf8_strlen (cut, -1), ==, 5);
  g_assert_cmpstr (exact, ==, "abcde");
  g_assert_cmpstr (empty, ==, "");
}

static void
test_safe_file_name (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "report.csv", "report.csv" },
    { "../../etc/passwd", "passwd" },
    { "C:\\Users\\x\\evil.bat", "evil.bat" },
    { ".bashrc", "bashrc" },
    { "-rf", "rf" },
    { "a:b*c?.txt", "a_b_c_.txt" },
    { "tab\there.txt", "tab here.txt" },
    { "name\xe2\x80\xaetxt.exe", "name_txt.exe" },
    { "...", "attachment" },
    { "", "attachment" },
    { "日本語.pdf", "日本語.pdf" },
  };
  g_autofree char *longest = NULL;
  g_autofree char *stem = g_strnfill (500, 'n');
  g_autofree char *long_name = g_strconcat (stem, ".pdf", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = sd_text_safe_file_name (cases[i].in);
      g_assert_cmpstr (name, ==, cases[i].out);
    }
  longest = sd_text_safe_file_name (long_name);
  g_assert_cmpuint (strlen (longest), <=, 200);
  g_assert_true (g_str_has_suffix (longest, ".pdf"));
}

/* Text for a terminal: escapes visible, line breaks and tabs kept, no cut. */
static void
test_safe_lines (void)
{
  g_autofree char *shown = sd_text_safe_lines ("a\x1b]0;t\x07\x1b[2J\tb\r\nc\xc2\x9b" "1m\xe2\x80\xae", -1);
  g_autofree char *big = g_strnfill (SD_SAFE_TEXT_MAX_BYTES * 2, 'x');
  g_autofree char *big_shown = sd_text_safe_lines (big, -1);

  g_assert_cmpstr (shown, ==, "a\u241b]0;t\u2407\u241b[2J\tb\nc\ufffd" "1m\ufffd");
  g_assert_cmpuint (strlen (big_shown), ==, strlen (big));
  g_assert_cmpuint (sd_text_safe_replacement ('\n'), ==, 0);
  g_assert_cmpuint (sd_text_safe_replacement ('a'), ==, 0);
  g_assert_cmpuint (sd_text_safe_replacement (0x1b), ==, 0x241b);
  g_assert_cmpuint (sd_text_safe_replacement (0x9b), ==, 0xfffd);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text-safe/markup", test_markup_is_literal);
  g_test_add_func ("/text-safe/html", test_html_is_literal);
  g_test_add_func ("/text-safe/control-characters", test_control_characters);
  g_test_add_func ("/text-safe/nul-and-invalid-utf8", test_nul_and_invalid_utf8);
  g_test_add_func ("/text-safe/bidi-overrides", test_bidi_overrides);
  g_test_add_func ("/text-safe/long-unbroken-run", test_long_unbroken_run);
  g_test_add_func ("/text-safe/japanese-runs", test_japanese_runs_break);
  g_test_add_func ("/text-safe/huge-text", test_huge_text_is_cut);
  g_test_add_func ("/text-safe/combining-marks", test_combining_marks_capped);
  g_test_add_func ("/text-safe/links-http-only", test_links_http_only);
  g_test_add_func ("/text-safe/link-offsets-wide", test_link_offsets_after_wide_text);
  g_test_add_func ("/text-safe/web-uri", test_web_uri);
  g_test_add_func ("/text-safe/line", test_safe_line);
  g_test_add_func ("/text-safe/file-name", test_safe_file_name);
  g_test_add_func ("/text-safe/lines", test_safe_lines);

  return g_test_run ();
}
