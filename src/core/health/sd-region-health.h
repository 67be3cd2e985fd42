/* sd-region-health.h — one region's sending figures: the reputation rates and 14 days of activity
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loaded by one CloudWatch GetMetricData call per region (namespace AWS/SES):
 * Reputation.BounceRate and Reputation.ComplaintRate (latest value and daily
 * series) and the daily sums of Send, Delivery, Bounce, Complaint and Reject.
 * When CloudWatch is denied the counts come from SES v1 GetSendStatistics and
 * the rates are "no data"; the object says which permission would show them.
 * Immutable once loaded. See docs/health.md.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include "sd-aws-client.h"
#include "sd-health.h"

G_BEGIN_DECLS

/* Days in every series: today (UTC) and the 13 days before it. */
#define SD_REGION_HEALTH_N_DAYS 14

/* The permission whose absence makes the rates unavailable. */
#define SD_REGION_HEALTH_PERMISSION "cloudwatch:GetMetricData"

/* A daily series. Counts are sums per UTC day (a day without a data point is
 * 0; deliveries are NAN every day when the counts came from
 * GetSendStatistics, which has none); rates are the day's average, NAN when
 * AWS has no figure that day. */
typedef enum {
  SD_HEALTH_METRIC_SEND,
  SD_HEALTH_METRIC_DELIVERY,
  SD_HEALTH_METRIC_BOUNCE,
  SD_HEALTH_METRIC_COMPLAINT,
  SD_HEALTH_METRIC_REJECT,
  SD_HEALTH_METRIC_BOUNCE_RATE,
  SD_HEALTH_METRIC_COMPLAINT_RATE,
  SD_HEALTH_N_METRICS,
} SdHealthMetric;

#define SD_TYPE_HEALTH_METRIC (sd_health_metric_get_type ())
GType           sd_health_metric_get_type        (void) G_GNUC_CONST;
/* "send", "delivery", "bounce", "complaint", "reject", "bounce_rate",
 * "complaint_rate": the keys of `status --json`'s "daily" object. */
const char     *sd_health_metric_to_id           (SdHealthMetric metric);
/* The series' name for people ("Sends", "Deliveries", "Bounces",
 * "Complaints", "Rejects", "Bounce rate", "Complaint rate"), translated. */
const char     *sd_health_metric_to_label        (SdHealthMetric metric);
/* Whether @metric is a rate (a fraction) rather than a count. */
gboolean        sd_health_metric_is_rate         (SdHealthMetric metric);

/* Where the figures came from. */
typedef enum {
  SD_HEALTH_SOURCE_NONE,             /* not loaded yet */
  SD_HEALTH_SOURCE_CLOUDWATCH,       /* rates and counts from GetMetricData */
  SD_HEALTH_SOURCE_SEND_STATISTICS,  /* CloudWatch denied: counts from GetSendStatistics, no rates */
  SD_HEALTH_SOURCE_UNAVAILABLE,      /* neither answered: see sd_region_health_get_error() */
} SdHealthSource;

#define SD_TYPE_HEALTH_SOURCE (sd_health_source_get_type ())
GType           sd_health_source_get_type        (void) G_GNUC_CONST;

#define SD_TYPE_REGION_HEALTH (sd_region_health_get_type ())
G_DECLARE_FINAL_TYPE (SdRegionHealth, sd_region_health, SD, REGION_HEALTH, GObject)

/* An empty health (source NONE, no data, every count 0) ending on the UTC
 * day of @now (unix seconds). */
SdRegionHealth *sd_region_health_new_empty       (gint64 now);

SdHealthSource  sd_region_health_get_source      (SdRegionHealth *self);
/* The latest rate (a fraction), or NAN for no data. */
double          sd_region_health_get_rate        (SdRegionHealth *self,
                                                  SdHealthRate    rate);
/* Shorthands for sd_health_rate_band (rate, sd_region_health_get_rate ()). */
SdRateBand      sd_region_health_get_band        (SdRegionHealth *self,
                                                  SdHealthRate    rate);
/* Unix time (seconds) of the UTC midnight starting day @day, 0 the oldest,
 * SD_REGION_HEALTH_N_DAYS − 1 today. */
gint64          sd_region_health_get_day         (SdRegionHealth *self,
                                                  guint           day);
/* The value of @metric on @day (see SdHealthMetric for NAN). */
double          sd_region_health_get_value       (SdRegionHealth *self,
                                                  SdHealthMetric  metric,
                                                  guint           day);
/* The sum of a count over the 14 days (sends_14d is
 * sd_region_health_get_total (h, SD_HEALTH_METRIC_SEND)); NAN for a rate. */
double          sd_region_health_get_total       (SdRegionHealth *self,
                                                  SdHealthMetric  metric);
/* Whether the counts are known (CloudWatch or GetSendStatistics answered). */
gboolean        sd_region_health_has_counts      (SdRegionHealth *self);
/* SD_REGION_HEALTH_PERMISSION when CloudWatch refused the call for lack of
 * it (the rates are then "no data"), otherwise NULL. */
const char     *sd_region_health_get_missing_permission (SdRegionHealth *self);
/* Why the figures are incomplete: CloudWatch's refusal (with source
 * SEND_STATISTICS) or the last error (with source UNAVAILABLE); NULL when
 * CloudWatch answered. */
const GError   *sd_region_health_get_error       (SdRegionHealth *self);

/* The figures as `status --json` shows them: "bounce_rate" and
 * "complaint_rate" (numbers or null), "sends_14d" (number or null),
 * "source", "missing_permission" (string or null), "days" (ISO dates) and
 * "daily" (an object of arrays, one per metric id, null for no data).
 * Newly allocated. */
JsonObject     *sd_region_health_to_json         (SdRegionHealth *self);

/* Loads @region's figures: one GetMetricData call; when CloudWatch denies
 * it (AccessDenied and the like), GetSendStatistics for the counts. Never
 * fails for a refused or failed metrics call — the result then says so
 * (source and error) — only when @cancellable is cancelled. */
void            sd_region_health_load_async      (SdAwsClient         *client,
                                                  const char          *profile,
                                                  const char          *region,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
/* A new SdRegionHealth, or NULL with G_IO_ERROR_CANCELLED. */
SdRegionHealth *sd_region_health_load_finish     (GAsyncResult        *result,
                                                  GError             **error);

/* Loader side: from a GetMetricData answer (JSON, as sd_cloudwatch_finish()
 * gives it) for the queries sd_region_health_build_queries() made, or
 * from GetSendStatistics' XML answer after CloudWatch refused with
 * @cloudwatch_error. Both for @now's 14 days. */
JsonArray      *sd_region_health_build_queries   (void);
SdRegionHealth *sd_region_health_new_from_metric_data (JsonObject   *answer,
                                                       gint64        now);
SdRegionHealth *sd_region_health_new_from_send_statistics (GBytes       *xml,
                                                           const GError *cloudwatch_error,
                                                           gint64        now);
SdRegionHealth *sd_region_health_new_unavailable (const GError *error,
                                                  gint64        now);

G_END_DECLS
