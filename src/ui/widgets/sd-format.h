/* sd-format.h — numbers, quotas, times and errors in words for people
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "sd-region-status.h"

G_BEGIN_DECLS

/* How a region's last load failed, for the UI to branch on. */
typedef enum {
  SD_REGION_PROBLEM_NONE,
  SD_REGION_PROBLEM_ACCESS_DENIED,
  SD_REGION_PROBLEM_OPT_IN,        /* an opt-in region the account has not enabled */
  SD_REGION_PROBLEM_OFFLINE,       /* could not connect, or no answer in time */
  SD_REGION_PROBLEM_CREDENTIALS,   /* no credentials, rejected or expired */
  SD_REGION_PROBLEM_OTHER,
} SdRegionProblem;

/* A count with the locale's digit grouping ("12,345"). Newly allocated. */
char           *sd_format_count              (double value);
/* A rate: whole numbers as counts, else one decimal ("0.5"). Newly allocated. */
char           *sd_format_rate               (double value);
/* "50,000 a day · 14 a second", or "Unlimited · 14 a second". Newly allocated. */
char           *sd_format_quota              (double max_24_hour_send,
                                              double max_send_rate);
/* "1,234 sent in the last 24 hours (2 %)". Newly allocated. */
char           *sd_format_sent               (double sent,
                                              double max_24_hour_send);
/* "Updated just now" / "Updated 5 minutes ago"; NULL when @updated is 0. */
char           *sd_format_updated            (gint64 updated,
                                              gint64 now);
/* "3 dedicated IPs · 1 warming up (45 %)". Newly allocated. */
char           *sd_format_dedicated_ips      (SdRegionStatus *status);
/* A dedicated IP's warm-up in words: "Managed", "Done", "45 %". Newly allocated. */
char           *sd_format_warmup             (const SdDedicatedIp *ip);
/* "HEALTHY" → "Healthy" etc., translated. */
const char     *sd_format_enforcement        (const char *enforcement_status);
/* "STANDARD" → "Standard", "MANAGED" → "Managed", translated. */
const char     *sd_format_scaling_mode       (const char *scaling_mode);

/* What kind of problem the region's last load had. */
SdRegionProblem sd_region_problem_classify   (SdRegionStatus *status);
/* The IAM action an AccessDenied message names ("ses:GetAccount"), or NULL. Newly allocated. */
char           *sd_format_denied_action      (const GError *error);
/* The region's error in a few words ("Access denied: needs ses:GetAccount",
 * "Opt-in region not enabled", "Unreachable"); NULL without an error. Newly allocated. */
char           *sd_format_region_error       (SdRegionStatus *status);
/* The error in full: what happened, what to do, and AWS's code and request id. Newly allocated. */
char           *sd_format_error_details      (const GError *error);

/* Every IAM action the dashboard needs, for an AccessDenied page. Static. */
const char     *sd_format_dashboard_actions  (void);

G_END_DECLS
