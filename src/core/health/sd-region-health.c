/* sd-region-health.c — one region's sending figures: the reputation rates and 14 days of activity
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One GetMetricData call asks for everything (docs/health.md, The metrics):
 * daily sums of the five counts, the daily average of both rates, and the
 * rates hour by hour, whose newest point is the "latest" figure. AWS
 * publishes the rates only once an account has sent enough mail, so a rate
 * without a point is "no data", never 0.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sd-aws-error.h"
#include "sd-aws-json.h"
#include "sd-cloudwatch.h"
#include "sd-enum-nick.h"
#include "sd-region-health.h"
#include "sd-ses.h"

#define DAY 86400
/* The rates' newest figure is looked for hour by hour: AWS updates them
 * several times a day, and 14 days × 24 points stay far under the 100,800
 * data points one GetMetricData call may return. */
#define LATEST_PERIOD 3600

struct _SdRegionHealth
{
  GObject         parent_instance;

  SdHealthSource  source;
  gint64          first_day;                 /* unix time of day 0's UTC midnight */
  double          latest[2];                 /* by SdHealthRate; NAN no data */
  double          values[SD_HEALTH_N_METRICS][SD_REGION_HEALTH_N_DAYS];
  gboolean        denied;                    /* CloudWatch refused for lack of the permission */
  GError         *error;                     /* owned, nullable */
};

G_DEFINE_FINAL_TYPE (SdRegionHealth, sd_region_health, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (SdHealthMetric, sd_health_metric,
  G_DEFINE_ENUM_VALUE (SD_HEALTH_METRIC_SEND, "send"),
  G_DEFINE_ENUM_VALUE (SD_HEALTH_METRIC_DELIVERY, "delivery"),
  G_DEFINE_ENUM_VALUE (SD_HEALTH_METRIC_BOUNCE, "bounce"),
  G_DEFINE_ENUM_VALUE (SD_HEALTH_METRIC_COMPLAINT, "complaint"),
  G_DEFINE_ENUM_VALUE (SD_HEALTH_METRIC_REJECT, "reject"),
  G_DEFINE_ENUM_VALUE (SD_HEALTH_METRIC_BOUNCE_RATE, "bounce_rate"),
  G_DEFINE_ENUM_VALUE (SD_HEALTH_METRIC_COMPLAINT_RATE, "complaint_rate"),
  G_DEFINE_ENUM_VALUE (SD_HEALTH_N_METRICS, "n-metrics"))

G_DEFINE_ENUM_TYPE (SdHealthSource, sd_health_source,
  G_DEFINE_ENUM_VALUE (SD_HEALTH_SOURCE_NONE, "none"),
  G_DEFINE_ENUM_VALUE (SD_HEALTH_SOURCE_CLOUDWATCH, "cloudwatch"),
  G_DEFINE_ENUM_VALUE (SD_HEALTH_SOURCE_SEND_STATISTICS, "send-statistics"),
  G_DEFINE_ENUM_VALUE (SD_HEALTH_SOURCE_UNAVAILABLE, "unavailable"))

/* The queries of the one GetMetricData call; Ids match the model's pattern
 * ^[a-z][a-zA-Z0-9_]*$. */
typedef struct {
  const char     *id;
  const char     *metric_name;
  const char     *stat;
  int             period;
  int             metric;   /* SdHealthMetric, or −1 − SdHealthRate for a latest figure */
} Query;

static const Query queries[] = {
  { "send",             "Send",                     "Sum",     DAY, SD_HEALTH_METRIC_SEND },
  { "delivery",         "Delivery",                 "Sum",     DAY, SD_HEALTH_METRIC_DELIVERY },
  { "bounce",           "Bounce",                   "Sum",     DAY, SD_HEALTH_METRIC_BOUNCE },
  { "complaint",        "Complaint",                "Sum",     DAY, SD_HEALTH_METRIC_COMPLAINT },
  { "reject",           "Reject",                   "Sum",     DAY, SD_HEALTH_METRIC_REJECT },
  { "bounce_rate",      "Reputation.BounceRate",    "Average", DAY, SD_HEALTH_METRIC_BOUNCE_RATE },
  { "complaint_rate",   "Reputation.ComplaintRate", "Average", DAY, SD_HEALTH_METRIC_COMPLAINT_RATE },
  { "bounce_latest",    "Reputation.BounceRate",    "Average", LATEST_PERIOD, -1 - SD_HEALTH_RATE_BOUNCE },
  { "complaint_latest", "Reputation.ComplaintRate", "Average", LATEST_PERIOD, -1 - SD_HEALTH_RATE_COMPLAINT },
};

typedef struct {
  SdAwsClient *client;   /* owned */
  char        *profile;  /* owned, nullable */
  char        *region;   /* owned */
  GError      *cloudwatch_error; /* owned, nullable */
  gint64       now;
} LoadData;

/* Auxiliary functions */

static GPrivate shared_queries = G_PRIVATE_INIT ((GDestroyNotify) json_array_unref);

/* The queries are the same for every region: a fleet's refresh asks 1,350
 * regions at once, and building them for each held the main loop for
 * 100 ms and more. Each thread builds them once and shares them, sealed;
 * json-glib counts references without atomics, so not across threads. */
static JsonArray *
shared_queries_ref (void)
{
  JsonArray *shared = g_private_get (&shared_queries);

  if (shared == NULL)
    {
      shared = sd_region_health_build_queries ();
      json_array_seal (shared);
      g_private_set (&shared_queries, shared);
    }
  return json_array_ref (shared);
}

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->client);
  g_free (data->profile);
  g_free (data->region);
  g_clear_error (&data->cloudwatch_error);
  g_free (data);
}

static gint64
first_day_for (gint64 now)
{
  return (now / DAY) * DAY - (SD_REGION_HEALTH_N_DAYS - 1) * (gint64) DAY;
}

static gboolean
is_rate (SdHealthMetric metric)
{
  return metric == SD_HEALTH_METRIC_BOUNCE_RATE || metric == SD_HEALTH_METRIC_COMPLAINT_RATE;
}

static SdRegionHealth *
health_new (SdHealthSource source,
            gint64         now)
{
  SdRegionHealth *self = g_object_new (SD_TYPE_REGION_HEALTH, NULL);

  self->source = source;
  self->first_day = first_day_for (now);
  return self;
}

/* A wire timestamp: epoch seconds in JSON, or ISO 8601 text. */
static gboolean
timestamp_of (JsonNode *node,
              gint64   *out)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_autoptr(GDateTime) time = sd_aws_parse_time (json_node_get_string (node));

      if (time == NULL)
        return FALSE;
      *out = g_date_time_to_unix (time);
      return TRUE;
    }
  *out = (gint64) floor (json_node_get_double (node));
  return TRUE;
}

static int
day_index (SdRegionHealth *self,
           gint64          time)
{
  gint64 day;

  if (time < self->first_day)
    return -1;
  day = (time - self->first_day) / DAY;
  return day < SD_REGION_HEALTH_N_DAYS ? (int) day : -1;
}

static gboolean
is_denied (const GError *error)
{
  return g_error_matches (error, SD_AWS_ERROR, SD_AWS_ERROR_ACCESS_DENIED);
}

static gint64
xml_count (const char *xml,
           gssize      len,
           const char *element)
{
  g_autofree char *text = sd_aws_xml_find_text (xml, len, element);

  return text != NULL ? g_ascii_strtoll (text, NULL, 10) : 0;
}

/* Callbacks */

static void
on_get_send_statistics (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) xml = sd_ses_finish (SD_AWS_CLIENT (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (xml == NULL)
    {
      SdRegionHealth *health = sd_region_health_new_unavailable (error, data->now);

      /* The rates stay unavailable for CloudWatch's reason, which says what to grant. */
      health->denied = TRUE;
      g_task_return_pointer (task, health, g_object_unref);
      return;
    }
  g_task_return_pointer (task,
                         sd_region_health_new_from_send_statistics (xml, data->cloudwatch_error,
                                                                    data->now),
                         g_object_unref);
}

static void
on_get_metric_data (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadData *data = g_task_get_task_data (task);
  GCancellable *cancellable;
  GError *error = NULL;
  g_autoptr(JsonObject) answer = sd_cloudwatch_finish (SD_AWS_CLIENT (source), result, &error);

  if (answer != NULL)
    {
      g_task_return_pointer (task, sd_region_health_new_from_metric_data (answer, data->now),
                             g_object_unref);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, error);
      return;
    }
  if (!is_denied (error))
    {
      g_task_return_pointer (task, sd_region_health_new_unavailable (error, data->now),
                             g_object_unref);
      g_error_free (error);
      return;
    }
  /* Denied: the counts can still come from SES itself. */
  data->cloudwatch_error = error;
  cancellable = g_task_get_cancellable (task);
  sd_ses_get_send_statistics_async (data->client, data->profile, data->region,
                                    cancellable, on_get_send_statistics,
                                    g_steal_pointer (&task));
}

/* Overrides */

static void
sd_region_health_finalize (GObject *object)
{
  SdRegionHealth *self = SD_REGION_HEALTH (object);

  g_clear_error (&self->error);

  G_OBJECT_CLASS (sd_region_health_parent_class)->finalize (object);
}

static void
sd_region_health_class_init (SdRegionHealthClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sd_region_health_finalize;
}

static void
sd_region_health_init (SdRegionHealth *self)
{
  self->latest[SD_HEALTH_RATE_BOUNCE] = NAN;
  self->latest[SD_HEALTH_RATE_COMPLAINT] = NAN;
  for (guint day = 0; day < SD_REGION_HEALTH_N_DAYS; day++)
    {
      self->values[SD_HEALTH_METRIC_BOUNCE_RATE][day] = NAN;
      self->values[SD_HEALTH_METRIC_COMPLAINT_RATE][day] = NAN;
    }
}

/* Public API */

const char *
sd_health_metric_to_id (SdHealthMetric metric)
{
  return metric < SD_HEALTH_N_METRICS ? sd_enum_nick (SD_TYPE_HEALTH_METRIC, metric) : NULL;
}

const char *
sd_health_metric_to_label (SdHealthMetric metric)
{
  switch (metric)
    {
    case SD_HEALTH_METRIC_SEND: return _("Sends");
    case SD_HEALTH_METRIC_DELIVERY: return _("Deliveries");
    case SD_HEALTH_METRIC_BOUNCE: return _("Bounces");
    case SD_HEALTH_METRIC_COMPLAINT: return _("Complaints");
    case SD_HEALTH_METRIC_REJECT: return _("Rejects");
    case SD_HEALTH_METRIC_BOUNCE_RATE: return _("Bounce rate");
    case SD_HEALTH_METRIC_COMPLAINT_RATE: return _("Complaint rate");
    case SD_HEALTH_N_METRICS:
    default:
      return NULL;
    }
}

gboolean
sd_health_metric_is_rate (SdHealthMetric metric)
{
  return is_rate (metric);
}

SdRegionHealth *
sd_region_health_new_empty (gint64 now)
{
  return health_new (SD_HEALTH_SOURCE_NONE, now);
}

SdHealthSource
sd_region_health_get_source (SdRegionHealth *self)
{
  g_return_val_if_fail (SD_IS_REGION_HEALTH (self), SD_HEALTH_SOURCE_NONE);
  return self->source;
}

double
sd_region_health_get_rate (SdRegionHealth *self,
                           SdHealthRate    rate)
{
  g_return_val_if_fail (SD_IS_REGION_HEALTH (self), NAN);
  g_return_val_if_fail (rate <= SD_HEALTH_RATE_COMPLAINT, NAN);
  return self->latest[rate];
}

SdRateBand
sd_region_health_get_band (SdRegionHealth *self,
                           SdHealthRate    rate)
{
  return sd_health_rate_band (rate, sd_region_health_get_rate (self, rate));
}

gint64
sd_region_health_get_day (SdRegionHealth *self,
                          guint           day)
{
  g_return_val_if_fail (SD_IS_REGION_HEALTH (self), 0);
  g_return_val_if_fail (day < SD_REGION_HEALTH_N_DAYS, 0);
  return self->first_day + (gint64) day * DAY;
}

double
sd_region_health_get_value (SdRegionHealth *self,
                            SdHealthMetric  metric,
                            guint           day)
{
  g_return_val_if_fail (SD_IS_REGION_HEALTH (self), NAN);
  g_return_val_if_fail (metric < SD_HEALTH_N_METRICS, NAN);
  g_return_val_if_fail (day < SD_REGION_HEALTH_N_DAYS, NAN);
  return self->values[metric][day];
}

double
sd_region_health_get_total (SdRegionHealth *self,
                            SdHealthMetric  metric)
{
  double total = 0;

  g_return_val_if_fail (SD_IS_REGION_HEALTH (self), NAN);
  g_return_val_if_fail (metric < SD_HEALTH_N_METRICS, NAN);

  if (is_rate (metric) || !sd_region_health_has_counts (self))
    return NAN;
  for (guint day = 0; day < SD_REGION_HEALTH_N_DAYS; day++)
    total += self->values[metric][day];
  return total;
}

gboolean
sd_region_health_has_counts (SdRegionHealth *self)
{
  g_return_val_if_fail (SD_IS_REGION_HEALTH (self), FALSE);
  return self->source == SD_HEALTH_SOURCE_CLOUDWATCH ||
         self->source == SD_HEALTH_SOURCE_SEND_STATISTICS;
}

const char *
sd_region_health_get_missing_permission (SdRegionHealth *self)
{
  g_return_val_if_fail (SD_IS_REGION_HEALTH (self), NULL);
  return self->denied ? SD_REGION_HEALTH_PERMISSION : NULL;
}

const GError *
sd_region_health_get_error (SdRegionHealth *self)
{
  g_return_val_if_fail (SD_IS_REGION_HEALTH (self), NULL);
  return self->error;
}

static void
add_number_or_null (JsonBuilder *builder,
                    double       value)
{
  if (isnan (value))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, value);
}

JsonObject *
sd_region_health_to_json (SdRegionHealth *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (SD_IS_REGION_HEALTH (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "bounce_rate");
  add_number_or_null (builder, self->latest[SD_HEALTH_RATE_BOUNCE]);
  json_builder_set_member_name (builder, "complaint_rate");
  add_number_or_null (builder, self->latest[SD_HEALTH_RATE_COMPLAINT]);
  json_builder_set_member_name (builder, "sends_14d");
  add_number_or_null (builder, sd_region_health_get_total (self, SD_HEALTH_METRIC_SEND));
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, sd_enum_nick (SD_TYPE_HEALTH_SOURCE, self->source));
  json_builder_set_member_name (builder, "missing_permission");
  if (self->denied)
    json_builder_add_string_value (builder, SD_REGION_HEALTH_PERMISSION);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "days");
  json_builder_begin_array (builder);
  for (guint day = 0; day < SD_REGION_HEALTH_N_DAYS; day++)
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (sd_region_health_get_day (self, day));
      g_autofree char *text = g_date_time_format (time, "%Y-%m-%d");

      json_builder_add_string_value (builder, text);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "daily");
  json_builder_begin_object (builder);
  for (int metric = 0; metric < SD_HEALTH_N_METRICS; metric++)
    {
      json_builder_set_member_name (builder, sd_health_metric_to_id (metric));
      json_builder_begin_array (builder);
      for (guint day = 0; day < SD_REGION_HEALTH_N_DAYS; day++)
        add_number_or_null (builder, sd_region_health_has_counts (self) || is_rate (metric)
                                     ? self->values[metric][day] : NAN);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_object_ref (json_node_get_object (root));
}

void
sd_region_health_load_async (SdAwsClient         *client,
                             const char          *profile,
                             const char          *region,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonObject) input = json_object_new ();
  LoadData *data;

  g_return_if_fail (SD_IS_AWS_CLIENT (client));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sd_region_health_load_async);
  data = g_new0 (LoadData, 1);
  data->client = g_object_ref (client);
  data->profile = g_strdup (profile);
  data->region = g_strdup (region);
  data->now = g_get_real_time () / G_USEC_PER_SEC;
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);

  json_object_set_array_member (input, "MetricDataQueries", shared_queries_ref ());
  json_object_set_int_member (input, "StartTime", first_day_for (data->now));
  json_object_set_int_member (input, "EndTime", data->now);
  json_object_set_string_member (input, "ScanBy", "TimestampDescending");
  sd_cloudwatch_get_metric_data_async (client, profile, region, input, cancellable,
                                       on_get_metric_data, g_steal_pointer (&task));
}

SdRegionHealth *
sd_region_health_load_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

JsonArray *
sd_region_health_build_queries (void)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      JsonObject *query = json_object_new ();
      JsonObject *stat = json_object_new ();
      JsonObject *metric = json_object_new ();

      json_object_set_string_member (metric, "Namespace", "AWS/SES");
      json_object_set_string_member (metric, "MetricName", queries[i].metric_name);
      json_object_set_object_member (stat, "Metric", metric);
      json_object_set_int_member (stat, "Period", queries[i].period);
      json_object_set_string_member (stat, "Stat", queries[i].stat);
      json_object_set_string_member (query, "Id", queries[i].id);
      json_object_set_object_member (query, "MetricStat", stat);
      json_object_set_boolean_member (query, "ReturnData", TRUE);
      json_array_add_object_element (array, query);
    }
  return array;
}

SdRegionHealth *
sd_region_health_new_from_metric_data (JsonObject *answer,
                                       gint64      now)
{
  SdRegionHealth *self = health_new (SD_HEALTH_SOURCE_CLOUDWATCH, now);
  JsonArray *results = sd_json_get_array (answer, "MetricDataResults");

  for (guint i = 0; results != NULL && i < json_array_get_length (results); i++)
    {
      JsonNode *node = json_array_get_element (results, i);
      JsonObject *result = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *id = sd_json_get_string (result, "Id");
      JsonArray *times = sd_json_get_array (result, "Timestamps");
      JsonArray *values = sd_json_get_array (result, "Values");
      const Query *query = NULL;
      gint64 newest = G_MININT64;
      guint n;

      for (guint q = 0; id != NULL && q < G_N_ELEMENTS (queries); q++)
        if (g_str_equal (queries[q].id, id))
          query = &queries[q];
      if (query == NULL || times == NULL || values == NULL)
        continue;

      n = MIN (json_array_get_length (times), json_array_get_length (values));
      for (guint p = 0; p < n; p++)
        {
          JsonNode *value_node = json_array_get_element (values, p);
          gint64 time;
          double value;
          int day;

          if (!timestamp_of (json_array_get_element (times, p), &time) ||
              !JSON_NODE_HOLDS_VALUE (value_node))
            continue;
          value = json_node_get_double (value_node);
          if (query->metric < 0)
            {
              /* The newest point, whatever order the answer is in. */
              if (time > newest)
                {
                  newest = time;
                  self->latest[-1 - query->metric] = value;
                }
              continue;
            }
          day = day_index (self, time);
          if (day < 0)
            continue;
          if (is_rate (query->metric))
            self->values[query->metric][day] = value;
          else
            self->values[query->metric][day] += value;
        }
    }
  return self;
}

SdRegionHealth *
sd_region_health_new_from_send_statistics (GBytes       *xml,
                                           const GError *cloudwatch_error,
                                           gint64        now)
{
  SdRegionHealth *self = health_new (SD_HEALTH_SOURCE_SEND_STATISTICS, now);
  gsize len = 0;
  const char *data = g_bytes_get_data (xml, &len);
  const char *end = data + len;
  const char *p = data;

  self->denied = cloudwatch_error != NULL && is_denied (cloudwatch_error);
  if (cloudwatch_error != NULL)
    self->error = g_error_copy (cloudwatch_error);
  /* GetSendStatistics has no deliveries. */
  for (guint day = 0; day < SD_REGION_HEALTH_N_DAYS; day++)
    self->values[SD_HEALTH_METRIC_DELIVERY][day] = NAN;

  /* SendDataPoints is a list of <member> elements of flat fields. */
  while (p != NULL && p < end)
    {
      const char *start = g_strstr_len (p, end - p, "<member>");
      const char *stop;
      g_autofree char *timestamp = NULL;
      g_autoptr(GDateTime) time = NULL;
      int day;

      if (start == NULL)
        break;
      stop = g_strstr_len (start, end - start, "</member>");
      if (stop == NULL)
        break;
      p = stop + strlen ("</member>");

      timestamp = sd_aws_xml_find_text (start, stop - start, "Timestamp");
      time = timestamp != NULL ? sd_aws_parse_time (timestamp) : NULL;
      if (time == NULL)
        continue;
      day = day_index (self, g_date_time_to_unix (time));
      if (day < 0)
        continue;
      self->values[SD_HEALTH_METRIC_SEND][day] += xml_count (start, stop - start, "DeliveryAttempts");
      self->values[SD_HEALTH_METRIC_BOUNCE][day] += xml_count (start, stop - start, "Bounces");
      self->values[SD_HEALTH_METRIC_COMPLAINT][day] += xml_count (start, stop - start, "Complaints");
      self->values[SD_HEALTH_METRIC_REJECT][day] += xml_count (start, stop - start, "Rejects");
    }
  return self;
}

SdRegionHealth *
sd_region_health_new_unavailable (const GError *error,
                                  gint64        now)
{
  SdRegionHealth *self = health_new (SD_HEALTH_SOURCE_UNAVAILABLE, now);

  if (error != NULL)
    self->error = g_error_copy (error);
  return self;
}
