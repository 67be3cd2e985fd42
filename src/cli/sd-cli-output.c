/* sd-cli-output.c — everything ses-desk-cli prints, made safe for a terminal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "sd-cli-output.h"
#include "sd-safe-text.h"

/* Auxiliary functions */

/* Writes UTF-8 @text to @stream in the locale's character set, as g_print()
 * itself does. */
static void
write_text (FILE       *stream,
            const char *text)
{
  const char *charset;

  if (g_get_charset (&charset))
    fputs (text, stream);
  else
    {
      g_autofree char *converted = g_convert_with_fallback (text, -1, charset, "UTF-8", "?",
                                                            NULL, NULL, NULL);

      fputs (converted != NULL ? converted : text, stream);
    }
  fflush (stream);
}

static void
print_safe (const char *string)
{
  g_autofree char *safe = sd_text_safe_lines (string, -1);

  write_text (stdout, safe);
}

static void
printerr_safe (const char *string)
{
  g_autofree char *safe = sd_text_safe_lines (string, -1);

  write_text (stderr, safe);
}

/* Public API */

void
sd_cli_output_init (void)
{
  g_set_print_handler (print_safe);
  g_set_printerr_handler (printerr_safe);
}

void
sd_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *generated = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GString) out = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  generated = json_generator_to_data (generator, NULL);
  text = g_utf8_make_valid (generated, -1);

  /* json-glib escapes C0 controls in strings; the raw line breaks left are
   * the layout's. */
  out = g_string_sized_new (strlen (text) + 2);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != '\n' && sd_text_safe_replacement (c) != 0)
        {
          if (c > 0xffff)
            g_string_append_printf (out, "\\u%04x\\u%04x",
                                    0xd800 + ((c - 0x10000) >> 10),
                                    0xdc00 + ((c - 0x10000) & 0x3ff));
          else
            g_string_append_printf (out, "\\u%04x", c);
          continue;
        }
      g_string_append_unichar (out, c);
    }
  g_string_append_c (out, '\n');
  fputs (out->str, stdout);
  fflush (stdout);
}
