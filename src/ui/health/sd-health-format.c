/* sd-health-format.c — health levels, days and figures in words and glyphs for people
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sd-format.h"
#include "sd-health-format.h"

static const char * const level_classes[] = {
  [SD_HEALTH_LEVEL_UNKNOWN] = "health-unknown",
  [SD_HEALTH_LEVEL_HEALTHY] = "health-healthy",
  [SD_HEALTH_LEVEL_WATCH] = "health-watch",
  [SD_HEALTH_LEVEL_UNDER_REVIEW] = "health-under-review",
  [SD_HEALTH_LEVEL_AT_RISK] = "health-at-risk",
  [SD_HEALTH_LEVEL_PAUSED] = "health-paused",
};

/* Public API */

const char *
sd_health_level_icon_name (SdHealthLevel level)
{
  /* One shape per level, for readers who cannot tell the colours apart. */
  switch (level)
    {
    case SD_HEALTH_LEVEL_HEALTHY: return "emblem-ok-symbolic";
    case SD_HEALTH_LEVEL_WATCH: return "view-reveal-symbolic";
    case SD_HEALTH_LEVEL_UNDER_REVIEW: return "dialog-warning-symbolic";
    case SD_HEALTH_LEVEL_AT_RISK: return "dialog-error-symbolic";
    case SD_HEALTH_LEVEL_PAUSED: return "media-playback-pause-symbolic";
    case SD_HEALTH_LEVEL_UNKNOWN:
    default:
      return NULL;
    }
}

const char *
sd_health_level_css_class (SdHealthLevel level)
{
  if ((guint) level >= G_N_ELEMENTS (level_classes))
    level = SD_HEALTH_LEVEL_UNKNOWN;
  return level_classes[level];
}

void
sd_health_level_show (SdHealthLevel  level,
                      GtkLabel      *badge,
                      GtkImage      *icon)
{
  const char *icon_name = sd_health_level_icon_name (level);

  for (guint i = 0; i < G_N_ELEMENTS (level_classes); i++)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (badge), level_classes[i]);
      if (icon != NULL)
        gtk_widget_remove_css_class (GTK_WIDGET (icon), level_classes[i]);
    }
  gtk_widget_add_css_class (GTK_WIDGET (badge), sd_health_level_css_class (level));
  gtk_label_set_label (badge, sd_health_level_to_label (level));
  if (icon != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (icon), sd_health_level_css_class (level));
      gtk_image_set_from_icon_name (icon, icon_name);
      gtk_widget_set_visible (GTK_WIDGET (icon), icon_name != NULL);
    }
}

char *
sd_health_format_day (gint64   day,
                      gboolean brief)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (day);

  if (time == NULL)
    return g_strdup ("");
  if (brief)
    /* Translators: a day under a chart, as strftime() writes it ("Dec 6");
     * use your language's short month-and-day form, e.g. "%-m月%-d日". */
    return g_date_time_format (time, C_("chart day", "%b %-d"));
  return g_date_time_format (time, "%x");
}

char *
sd_health_format_value (SdHealthMetric metric,
                        double         value)
{
  if (sd_health_metric_is_rate (metric))
    return sd_health_format_rate (value);
  if (isnan (value))
    return g_strdup (_("No data"));
  return sd_format_count (value);
}

char *
sd_health_format_lines (SdHealthRate rate)
{
  g_autofree char *review = sd_health_format_rate (sd_health_rate_line (rate, SD_RATE_BAND_REVIEW));
  g_autofree char *pause = sd_health_format_rate (sd_health_rate_line (rate, SD_RATE_BAND_PAUSE_RISK));

  /* Translators: AWS's lines for a rate: "Review at 5.00 %, pause risk at 10.00 %" */
  return g_strdup_printf (_("Review at %s, pause risk at %s"), review, pause);
}
