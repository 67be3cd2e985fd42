/* fuzz-text-safe.c — libFuzzer target: a case body on its way to the screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Whatever bytes a server sends, the text shown is valid UTF-8 without
 * control characters or bidi overrides, every link range lies inside it and
 * covers an http(s) URI, and the one-line and file-name forms are safe.
 */
#include "config.h"

#include <string.h>

#include "sd-safe-text.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
check_text (const char *text,
            gsize       len,
            gboolean    one_line)
{
  if (!g_utf8_validate (text, len, NULL) || strlen (text) != len)
    g_error ("not valid UTF-8, or a NUL inside");
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c == '\n' || c == '\t') && !one_line)
        continue;
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) ||
          (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
        g_error ("U+%04X survived sanitising", c);
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(SdSafeText) text = sd_safe_text_new ((const char *) data, size);
  g_autofree char *copy = g_strndup ((const char *) data, size);
  g_autofree char *line = NULL;
  g_autofree char *name = NULL;
  gsize len;
  const char *out = sd_safe_text_get_text (text, &len);
  guint previous_end = 0;

  check_text (out, len, FALSE);
  for (guint i = 0; i < sd_safe_text_get_n_links (text); i++)
    {
      const SdTextLink *link = sd_safe_text_get_link (text, i);

      if (link->start >= link->end || link->end > len || link->start < previous_end)
        g_error ("link %u out of range", i);
      if (memcmp (out + link->start, link->uri, link->end - link->start) != 0 ||
          strlen (link->uri) != link->end - link->start || !sd_text_is_web_uri (link->uri))
        g_error ("link %u does not cover its http(s) URI", i);
      if (g_utf8_pointer_to_offset (out, out + link->start) != link->char_start)
        g_error ("link %u: wrong character offset", i);
      previous_end = link->end;
    }

  line = sd_text_safe_line (copy, -1, 80);
  check_text (line, strlen (line), TRUE);
  if (g_utf8_strlen (line, -1) > 80)
    g_error ("line longer than asked");

  name = sd_text_safe_file_name (copy);
  check_text (name, strlen (name), TRUE);
  if (name[0] == '\0' || name[0] == '.' || strchr (name, '/') != NULL || strchr (name, '\\') != NULL ||
      strlen (name) > 200)
    g_error ("unsafe file name “%s”", name);
  return 0;
}
