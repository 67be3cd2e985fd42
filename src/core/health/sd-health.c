/* sd-health.c — AWS's lines for the reputation rates, and the one computation of a health level
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lines are AWS's (docs/health.md): a bounce rate of 5 % puts an account
 * under review and 10 % may pause its sending; for complaints 0.1 % and
 * 0.5 %. AWS recommends staying under 2 % bounces and 0.1 % complaints.
 */
#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "sd-enum-nick.h"
#include "sd-health.h"

/* AWS's lines, as fractions: recommendation, review, pause risk. */
#define BOUNCE_WATCH      0.02
#define BOUNCE_REVIEW     0.05
#define BOUNCE_PAUSE      0.10
/* AWS recommends staying under 0.1 %, which is also its review line. */
#define COMPLAINT_WATCH   0.001
#define COMPLAINT_REVIEW  0.001
#define COMPLAINT_PAUSE   0.005

G_DEFINE_ENUM_TYPE (SdHealthRate, sd_health_rate,
  G_DEFINE_ENUM_VALUE (SD_HEALTH_RATE_BOUNCE, "bounce"),
  G_DEFINE_ENUM_VALUE (SD_HEALTH_RATE_COMPLAINT, "complaint"))

G_DEFINE_ENUM_TYPE (SdRateBand, sd_rate_band,
  G_DEFINE_ENUM_VALUE (SD_RATE_BAND_NO_DATA, "no-data"),
  G_DEFINE_ENUM_VALUE (SD_RATE_BAND_OK, "ok"),
  G_DEFINE_ENUM_VALUE (SD_RATE_BAND_WATCH, "watch"),
  G_DEFINE_ENUM_VALUE (SD_RATE_BAND_REVIEW, "review"),
  G_DEFINE_ENUM_VALUE (SD_RATE_BAND_PAUSE_RISK, "pause-risk"))

G_DEFINE_ENUM_TYPE (SdHealthLevel, sd_health_level,
  G_DEFINE_ENUM_VALUE (SD_HEALTH_LEVEL_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (SD_HEALTH_LEVEL_HEALTHY, "healthy"),
  G_DEFINE_ENUM_VALUE (SD_HEALTH_LEVEL_WATCH, "watch"),
  G_DEFINE_ENUM_VALUE (SD_HEALTH_LEVEL_UNDER_REVIEW, "under-review"),
  G_DEFINE_ENUM_VALUE (SD_HEALTH_LEVEL_AT_RISK, "at-risk"),
  G_DEFINE_ENUM_VALUE (SD_HEALTH_LEVEL_PAUSED, "paused"))

/* Auxiliary functions */

static SdHealthLevel
level_of_band (SdRateBand band)
{
  switch (band)
    {
    case SD_RATE_BAND_WATCH: return SD_HEALTH_LEVEL_WATCH;
    case SD_RATE_BAND_REVIEW: return SD_HEALTH_LEVEL_UNDER_REVIEW;
    case SD_RATE_BAND_PAUSE_RISK: return SD_HEALTH_LEVEL_AT_RISK;
    case SD_RATE_BAND_NO_DATA:
    case SD_RATE_BAND_OK:
    default:
      return SD_HEALTH_LEVEL_HEALTHY;
    }
}

/* Public API */

const char *
sd_rate_band_to_id (SdRateBand band)
{
  return sd_enum_nick (SD_TYPE_RATE_BAND, band);
}

SdRateBand
sd_rate_band_from_id (const char *id)
{
  return sd_enum_from_nick (SD_TYPE_RATE_BAND, id, SD_RATE_BAND_NO_DATA);
}

const char *
sd_health_level_to_id (SdHealthLevel level)
{
  return level == SD_HEALTH_LEVEL_UNKNOWN ? NULL : sd_enum_nick (SD_TYPE_HEALTH_LEVEL, level);
}

SdHealthLevel
sd_health_level_from_id (const char *id)
{
  return sd_enum_from_nick (SD_TYPE_HEALTH_LEVEL, id, SD_HEALTH_LEVEL_UNKNOWN);
}

const char *
sd_health_level_to_label (SdHealthLevel level)
{
  switch (level)
    {
    case SD_HEALTH_LEVEL_HEALTHY: return _("Healthy");
    /* Translators: a health level: a rate is over AWS's recommendation. */
    case SD_HEALTH_LEVEL_WATCH: return _("Watch");
    case SD_HEALTH_LEVEL_UNDER_REVIEW: return _("Under review");
    case SD_HEALTH_LEVEL_AT_RISK: return _("At risk of pause");
    case SD_HEALTH_LEVEL_PAUSED: return _("Paused");
    case SD_HEALTH_LEVEL_UNKNOWN:
    default:
      return _("Unknown");
    }
}

double
sd_health_rate_line (SdHealthRate rate,
                     SdRateBand   band)
{
  gboolean bounce = rate == SD_HEALTH_RATE_BOUNCE;

  switch (band)
    {
    case SD_RATE_BAND_WATCH: return bounce ? BOUNCE_WATCH : COMPLAINT_WATCH;
    case SD_RATE_BAND_REVIEW: return bounce ? BOUNCE_REVIEW : COMPLAINT_REVIEW;
    case SD_RATE_BAND_PAUSE_RISK: return bounce ? BOUNCE_PAUSE : COMPLAINT_PAUSE;
    case SD_RATE_BAND_NO_DATA:
    case SD_RATE_BAND_OK:
    default:
      return NAN;
    }
}

gboolean
sd_health_rate_has_data (double value)
{
  return !isnan (value);
}

SdRateBand
sd_health_rate_band (SdHealthRate rate,
                     double       value)
{
  if (isnan (value))
    return SD_RATE_BAND_NO_DATA;
  /* Worst first: for complaints the review and watch lines coincide. */
  if (value >= sd_health_rate_line (rate, SD_RATE_BAND_PAUSE_RISK))
    return SD_RATE_BAND_PAUSE_RISK;
  if (value >= sd_health_rate_line (rate, SD_RATE_BAND_REVIEW))
    return SD_RATE_BAND_REVIEW;
  if (value >= sd_health_rate_line (rate, SD_RATE_BAND_WATCH))
    return SD_RATE_BAND_WATCH;
  return SD_RATE_BAND_OK;
}

SdHealthLevel
sd_health_level_compute (const char *enforcement_status,
                         gboolean    sending_enabled,
                         double      bounce_rate,
                         double      complaint_rate)
{
  SdHealthLevel level = SD_HEALTH_LEVEL_HEALTHY;

  if (!sending_enabled || g_strcmp0 (enforcement_status, "SHUTDOWN") == 0)
    return SD_HEALTH_LEVEL_PAUSED;
  if (g_strcmp0 (enforcement_status, "PROBATION") == 0)
    level = SD_HEALTH_LEVEL_UNDER_REVIEW;
  level = MAX (level, level_of_band (sd_health_rate_band (SD_HEALTH_RATE_BOUNCE, bounce_rate)));
  level = MAX (level, level_of_band (sd_health_rate_band (SD_HEALTH_RATE_COMPLAINT, complaint_rate)));
  return level;
}

char *
sd_health_format_rate (double value)
{
  if (isnan (value))
    return g_strdup (_("No data"));
  /* Translators: a rate in percent, e.g. "1.23 %"; keep the %% for the percent sign. */
  return g_strdup_printf (_("%.2f %%"), value * 100.0);
}
