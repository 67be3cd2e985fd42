/* sd-case-format.c — cases and messages in words for people, and bodies as safe markup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sd-case-format.h"

char *
sd_case_format_relative (GDateTime *time,
                         gint64     now)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) local_now = NULL;
  gint64 seconds;
  int days;

  if (time == NULL)
    return NULL;

  seconds = MAX (0, now - g_date_time_to_unix (time));
  if (seconds < 60)
    return g_strdup (_("Just now"));
  if (seconds < 3600)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute ago", "%d minutes ago",
                                         (gulong) (seconds / 60)),
                            (int) (seconds / 60));

  local = g_date_time_to_local (time);
  local_now = g_date_time_new_from_unix_local (now);
  if (local == NULL || local_now == NULL)
    return NULL;
  /* Calendar days, not 24-hour spans: yesterday evening is "Yesterday". */
  {
    g_autoptr(GDateTime) day = g_date_time_new_local (g_date_time_get_year (local),
                                                      g_date_time_get_month (local),
                                                      g_date_time_get_day_of_month (local), 0, 0, 0);
    g_autoptr(GDateTime) today = g_date_time_new_local (g_date_time_get_year (local_now),
                                                        g_date_time_get_month (local_now),
                                                        g_date_time_get_day_of_month (local_now), 0, 0, 0);

    /* Rounded: a day with a daylight saving change has 23 or 25 hours. */
    days = (int) ((g_date_time_difference (today, day) + G_TIME_SPAN_DAY / 2) / G_TIME_SPAN_DAY);
  }

  if (days <= 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour ago", "%d hours ago",
                                         (gulong) (seconds / 3600)),
                            (int) (seconds / 3600));
  if (days == 1)
    return g_strdup (_("Yesterday"));
  if (days < 7)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", (gulong) days),
                            days);
  /* Translators: a date in the case list, as strftime writes it; "%x" is the locale's date */
  return g_date_time_format (local, _("%x"));
}

char *
sd_case_format_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return g_strdup (_("Unknown time"));
  local = g_date_time_to_local (time);
  /* Translators: a message's date and time (strftime): "%x" the locale's date, then hours:minutes */
  return g_date_time_format (local, _("%x %H:%M"));
}

const char *
sd_case_format_language (const char *language)
{
  static const struct {
    const char *code;
    const char *name;
  } names[] = {
    { "en", N_("English") },
    { "ja", N_("Japanese") },
    { "zh", N_("Chinese") },
    { "ko", N_("Korean") },
  };

  if (language == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (names[i].code, language) == 0)
      return _(names[i].name);
  return language;
}

const char *
sd_case_format_status_class (SdCaseStatus status)
{
  switch (status)
    {
    case SD_CASE_STATUS_PENDING_CUSTOMER_ACTION:
      return "case-needs-reply";
    case SD_CASE_STATUS_RESOLVED:
      return "case-resolved";
    case SD_CASE_STATUS_UNKNOWN:
      return "case-unknown";
    case SD_CASE_STATUS_OPENED:
    case SD_CASE_STATUS_CUSTOMER_ACTION_COMPLETED:
    case SD_CASE_STATUS_REOPENED:
    case SD_CASE_STATUS_UNASSIGNED:
    case SD_CASE_STATUS_WORK_IN_PROGRESS:
    default:
      return "case-open";
    }
}

static void
append_escaped (GString    *markup,
                const char *text,
                gsize       len)
{
  g_autofree char *escaped = g_markup_escape_text (text, (gssize) len);

  g_string_append (markup, escaped);
}

char *
sd_case_format_body_markup (const SdSafeText *text)
{
  gsize len = 0;
  const char *plain = sd_safe_text_get_text (text, &len);
  GString *markup = g_string_sized_new (len + len / 8 + 16);
  gsize done = 0;

  for (guint i = 0; i < sd_safe_text_get_n_links (text); i++)
    {
      const SdTextLink *link = sd_safe_text_get_link (text, i);
      g_autofree char *href = NULL;

      /* Ranges out of order or out of bounds are left as plain text. */
      if (link->start < done || link->end > len || link->end <= link->start ||
          !sd_text_is_web_uri (link->uri))
        continue;
      append_escaped (markup, plain + done, link->start - done);
      href = g_markup_escape_text (link->uri, -1);
      g_string_append_printf (markup, "<a href=\"%s\">", href);
      append_escaped (markup, plain + link->start, link->end - link->start);
      g_string_append (markup, "</a>");
      done = link->end;
    }
  append_escaped (markup, plain + done, len - done);
  return g_string_free (markup, FALSE);
}
