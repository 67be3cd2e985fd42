/* sd-health.h — sending health: AWS's lines for the bounce and complaint rates, and the one place that turns a region's figures into a health level
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rates are fractions (0.05 is 5 %), as CloudWatch's Reputation.BounceRate
 * and Reputation.ComplaintRate give them. A rate AWS has no figure for is
 * "no data" (NAN here, null in JSON), never 0: see docs/health.md.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The two reputation rates AWS publishes. */
typedef enum {
  SD_HEALTH_RATE_BOUNCE,
  SD_HEALTH_RATE_COMPLAINT,
} SdHealthRate;

#define SD_TYPE_HEALTH_RATE (sd_health_rate_get_type ())
GType         sd_health_rate_get_type      (void) G_GNUC_CONST;

/* Where a rate stands against AWS's lines (docs/health.md), worst last. */
typedef enum {
  SD_RATE_BAND_NO_DATA,     /* AWS has no figure for the rate */
  SD_RATE_BAND_OK,          /* under AWS's recommendation */
  SD_RATE_BAND_WATCH,       /* over the recommendation, under the review line */
  SD_RATE_BAND_REVIEW,      /* at or over the line where AWS reviews the account */
  SD_RATE_BAND_PAUSE_RISK,  /* at or over the line where AWS may pause sending */
} SdRateBand;

#define SD_TYPE_RATE_BAND (sd_rate_band_get_type ())
GType         sd_rate_band_get_type        (void) G_GNUC_CONST;
/* "no-data", "ok", "watch", "review", "pause-risk": for files and scripts. */
const char   *sd_rate_band_to_id           (SdRateBand band);
SdRateBand    sd_rate_band_from_id         (const char *id);

/* The health of a region, worst last. One function computes it:
 * sd_health_level_compute(). */
typedef enum {
  SD_HEALTH_LEVEL_UNKNOWN,       /* not loaded yet, or the region failed */
  SD_HEALTH_LEVEL_HEALTHY,
  SD_HEALTH_LEVEL_WATCH,         /* a rate over AWS's recommendation */
  SD_HEALTH_LEVEL_UNDER_REVIEW,  /* EnforcementStatus PROBATION, or a rate at a review line */
  SD_HEALTH_LEVEL_AT_RISK,       /* a rate at a line where AWS may pause sending */
  SD_HEALTH_LEVEL_PAUSED,        /* SendingEnabled false, or EnforcementStatus SHUTDOWN */
} SdHealthLevel;

#define SD_TYPE_HEALTH_LEVEL (sd_health_level_get_type ())
GType         sd_health_level_get_type     (void) G_GNUC_CONST;
/* "healthy", "watch", "under-review", "at-risk", "paused" (NULL for unknown):
 * the ids of `ses-desk-cli status --json` and of the change log's file. */
const char   *sd_health_level_to_id        (SdHealthLevel level);
SdHealthLevel sd_health_level_from_id      (const char *id);
/* The level in words for people ("Healthy", "Watch", "Under review",
 * "At risk of pause", "Paused", "Unknown"), translated. */
const char   *sd_health_level_to_label     (SdHealthLevel level);

/* The fraction at which @band starts for @rate (AWS's lines: bounce 0.02
 * watch, 0.05 review, 0.10 pause risk; complaint 0.001 review, 0.005 pause
 * risk, and 0.001 for watch too since AWS's recommendation and its review
 * line coincide). NAN for SD_RATE_BAND_NO_DATA and SD_RATE_BAND_OK (0). For
 * drawing the lines in charts. */
double        sd_health_rate_line          (SdHealthRate rate,
                                            SdRateBand   band);
/* Where @value (a fraction, NAN for no data) stands for @rate. */
SdRateBand    sd_health_rate_band          (SdHealthRate rate,
                                            double       value);
/* TRUE when @value is a figure, FALSE for no data. */
gboolean      sd_health_rate_has_data      (double value);

/* THE health level, for the UI, the CLI and the alerts alike:
 * @enforcement_status is GetAccount's "HEALTHY", "PROBATION", "SHUTDOWN" or
 * NULL; @bounce_rate and @complaint_rate are fractions or NAN for no data.
 * Paused when @sending_enabled is FALSE or the status is SHUTDOWN; otherwise
 * the worst of the status (PROBATION: under review) and of both rates' bands.
 * No data never makes a level worse. Never returns SD_HEALTH_LEVEL_UNKNOWN. */
SdHealthLevel sd_health_level_compute      (const char *enforcement_status,
                                            gboolean    sending_enabled,
                                            double      bounce_rate,
                                            double      complaint_rate);

/* A rate for people: "1.23 %" in the locale's digits, or "No data"
 * (translated). Newly allocated. */
char         *sd_health_format_rate        (double value);

G_END_DECLS
