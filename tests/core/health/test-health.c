/* test-health.c — health levels at AWS's lines, rates without data, the change log's file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Unit tests, no network: sd_health_level_compute() on both sides of every
 * line, no data never counted as 0, a GetMetricData answer and a
 * GetSendStatistics answer turned into figures, and a change log whose file
 * cannot be read kept aside.
 */
#include "config.h"

#include <math.h>
#include <glib/gstdio.h>

#include "sd-change-log.h"
#include "sd-health.h"
#include "sd-region-health.h"
#include "sd-aws-error.h"
#include "sd-state-file.h"

#define DAY 86400
/* 2026-03-14 12:00:00 UTC: the last of the 14 days is 2026-03-14. */
#define NOW G_GINT64_CONSTANT (1773489600)

/* Auxiliary functions */

static SdHealthLevel
level (const char *status,
       gboolean    sending,
       double      bounce,
       double      complaint)
{
  return sd_health_level_compute (status, sending, bounce, complaint);
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* Tests */

static void
test_bounce_lines (void)
{
  /* AWS's recommendation 2 %, review 5 %, pause risk 10 %: each line belongs to the band above. */
  g_assert_cmpint (level ("HEALTHY", TRUE, 0.0, NAN), ==, SD_HEALTH_LEVEL_HEALTHY);
  g_assert_cmpint (level ("HEALTHY", TRUE, 0.0199, NAN), ==, SD_HEALTH_LEVEL_HEALTHY);
  g_assert_cmpint (level ("HEALTHY", TRUE, 0.02, NAN), ==, SD_HEALTH_LEVEL_WATCH);
  g_assert_cmpint (level ("HEALTHY", TRUE, 0.0499, NAN), ==, SD_HEALTH_LEVEL_WATCH);
  g_assert_cmpint (level ("HEALTHY", TRUE, 0.05, NAN), ==, SD_HEALTH_LEVEL_UNDER_REVIEW);
  g_assert_cmpint (level ("HEALTHY", TRUE, 0.0999, NAN), ==, SD_HEALTH_LEVEL_UNDER_REVIEW);
  g_assert_cmpint (level ("HEALTHY", TRUE, 0.10, NAN), ==, SD_HEALTH_LEVEL_AT_RISK);
  g_assert_cmpint (level ("HEALTHY", TRUE, 1.0, NAN), ==, SD_HEALTH_LEVEL_AT_RISK);

  g_assert_cmpint (sd_health_rate_band (SD_HEALTH_RATE_BOUNCE, 0.0199), ==, SD_RATE_BAND_OK);
  g_assert_cmpint (sd_health_rate_band (SD_HEALTH_RATE_BOUNCE, 0.02), ==, SD_RATE_BAND_WATCH);
  g_assert_cmpint (sd_health_rate_band (SD_HEALTH_RATE_BOUNCE, 0.05), ==, SD_RATE_BAND_REVIEW);
  g_assert_cmpint (sd_health_rate_band (SD_HEALTH_RATE_BOUNCE, 0.10), ==, SD_RATE_BAND_PAUSE_RISK);
  g_assert_cmpfloat (sd_health_rate_line (SD_HEALTH_RATE_BOUNCE, SD_RATE_BAND_REVIEW), ==, 0.05);
  g_assert_cmpfloat (sd_health_rate_line (SD_HEALTH_RATE_BOUNCE, SD_RATE_BAND_PAUSE_RISK), ==, 0.10);
  g_assert_true (isnan (sd_health_rate_line (SD_HEALTH_RATE_BOUNCE, SD_RATE_BAND_OK)));
}

static void
test_complaint_lines (void)
{
  /* Review 0.1 % (also AWS's recommendation), pause risk 0.5 %. */
  g_assert_cmpint (level ("HEALTHY", TRUE, NAN, 0.0), ==, SD_HEALTH_LEVEL_HEALTHY);
  g_assert_cmpint (level ("HEALTHY", TRUE, NAN, 0.00099), ==, SD_HEALTH_LEVEL_HEALTHY);
  g_assert_cmpint (level ("HEALTHY", TRUE, NAN, 0.001), ==, SD_HEALTH_LEVEL_UNDER_REVIEW);
  g_assert_cmpint (level ("HEALTHY", TRUE, NAN, 0.00499), ==, SD_HEALTH_LEVEL_UNDER_REVIEW);
  g_assert_cmpint (level ("HEALTHY", TRUE, NAN, 0.005), ==, SD_HEALTH_LEVEL_AT_RISK);

  g_assert_cmpint (sd_health_rate_band (SD_HEALTH_RATE_COMPLAINT, 0.00099), ==, SD_RATE_BAND_OK);
  g_assert_cmpint (sd_health_rate_band (SD_HEALTH_RATE_COMPLAINT, 0.001), ==, SD_RATE_BAND_REVIEW);
  g_assert_cmpint (sd_health_rate_band (SD_HEALTH_RATE_COMPLAINT, 0.005), ==, SD_RATE_BAND_PAUSE_RISK);
}

static void
test_status_and_sending (void)
{
  /* The worst of the enforcement status and both rates. */
  g_assert_cmpint (level ("PROBATION", TRUE, NAN, NAN), ==, SD_HEALTH_LEVEL_UNDER_REVIEW);
  g_assert_cmpint (level ("PROBATION", TRUE, 0.03, 0.0), ==, SD_HEALTH_LEVEL_UNDER_REVIEW);
  g_assert_cmpint (level ("PROBATION", TRUE, 0.10, 0.0), ==, SD_HEALTH_LEVEL_AT_RISK);
  g_assert_cmpint (level ("HEALTHY", TRUE, 0.03, 0.005), ==, SD_HEALTH_LEVEL_AT_RISK);
  g_assert_cmpint (level ("HEALTHY", TRUE, 0.06, 0.0002), ==, SD_HEALTH_LEVEL_UNDER_REVIEW);
  g_assert_cmpint (level (NULL, TRUE, 0.01, 0.0002), ==, SD_HEALTH_LEVEL_HEALTHY);
  /* Paused beats everything, whatever the rates say. */
  g_assert_cmpint (level ("SHUTDOWN", TRUE, 0.0, 0.0), ==, SD_HEALTH_LEVEL_PAUSED);
  g_assert_cmpint (level ("HEALTHY", FALSE, 0.0, 0.0), ==, SD_HEALTH_LEVEL_PAUSED);
  g_assert_cmpint (level ("HEALTHY", FALSE, NAN, NAN), ==, SD_HEALTH_LEVEL_PAUSED);
  g_assert_cmpint (level (NULL, FALSE, NAN, NAN), ==, SD_HEALTH_LEVEL_PAUSED);

  g_assert_cmpstr (sd_health_level_to_id (SD_HEALTH_LEVEL_AT_RISK), ==, "at-risk");
  g_assert_cmpstr (sd_health_level_to_id (SD_HEALTH_LEVEL_UNDER_REVIEW), ==, "under-review");
  g_assert_null (sd_health_level_to_id (SD_HEALTH_LEVEL_UNKNOWN));
  g_assert_cmpint (sd_health_level_from_id ("paused"), ==, SD_HEALTH_LEVEL_PAUSED);
}

static void
test_no_data_is_not_zero (void)
{
  g_autofree char *no_data = sd_health_format_rate (NAN);
  g_autofree char *zero = sd_health_format_rate (0.0);
  g_autoptr(SdRegionHealth) empty = sd_region_health_new_empty (NOW);
  g_autoptr(JsonObject) json = NULL;

  /* No data never makes a level worse, and never reads as 0 %. */
  g_assert_cmpint (level ("HEALTHY", TRUE, NAN, NAN), ==, SD_HEALTH_LEVEL_HEALTHY);
  g_assert_cmpint (sd_health_rate_band (SD_HEALTH_RATE_BOUNCE, NAN), ==, SD_RATE_BAND_NO_DATA);
  g_assert_false (sd_health_rate_has_data (NAN));
  g_assert_true (sd_health_rate_has_data (0.0));
  g_assert_cmpstr (no_data, ==, "No data");
  g_assert_cmpstr (zero, ==, "0.00 %");

  g_assert_true (isnan (sd_region_health_get_rate (empty, SD_HEALTH_RATE_BOUNCE)));
  g_assert_true (isnan (sd_region_health_get_total (empty, SD_HEALTH_METRIC_SEND)));
  json = sd_region_health_to_json (empty);
  g_assert_true (json_node_is_null (json_object_get_member (json, "bounce_rate")));
  g_assert_true (json_node_is_null (json_object_get_member (json, "complaint_rate")));
  g_assert_true (json_node_is_null (json_object_get_member (json, "sends_14d")));
}

static void
test_metric_data_answer (void)
{
  /* Day 13 is 2026-03-14, day 0 2026-03-01. The latest bounce rate is the
   * newest hourly point whatever the order; the complaint rate has no point. */
  g_autoptr(JsonObject) answer = parse_object (
    "{\"MetricDataResults\": ["
    " {\"Id\": \"send\", \"Timestamps\": [1773446400, 1772323200, 1772236800], \"Values\": [14, 1, 99]},"
    " {\"Id\": \"bounce\", \"Timestamps\": [\"2026-03-14T00:00:00Z\"], \"Values\": [2]},"
    " {\"Id\": \"bounce_rate\", \"Timestamps\": [1773446400, 1772323200], \"Values\": [0.03, 0.01]},"
    " {\"Id\": \"bounce_latest\", \"Timestamps\": [1773471600, 1773482400, 1773478800],"
    "  \"Values\": [0.01, 0.052, 0.02]},"
    " {\"Id\": \"complaint_latest\", \"Timestamps\": [], \"Values\": []},"
    " {\"Id\": \"unknown\", \"Timestamps\": [1773446400], \"Values\": [5]}]}");
  g_autoptr(SdRegionHealth) health = sd_region_health_new_from_metric_data (answer, NOW);
  g_autoptr(JsonObject) json = sd_region_health_to_json (health);
  JsonArray *days = json_object_get_array_member (json, "days");
  JsonObject *daily = json_object_get_object_member (json, "daily");

  g_assert_cmpint (sd_region_health_get_source (health), ==, SD_HEALTH_SOURCE_CLOUDWATCH);
  g_assert_cmpfloat (sd_region_health_get_rate (health, SD_HEALTH_RATE_BOUNCE), ==, 0.052);
  g_assert_true (isnan (sd_region_health_get_rate (health, SD_HEALTH_RATE_COMPLAINT)));
  g_assert_cmpint (sd_region_health_get_band (health, SD_HEALTH_RATE_BOUNCE), ==, SD_RATE_BAND_REVIEW);

  g_assert_cmpint (sd_region_health_get_day (health, 13), ==, NOW - NOW % DAY);
  g_assert_cmpint (sd_region_health_get_day (health, 0), ==, NOW - NOW % DAY - 13 * DAY);
  g_assert_cmpfloat (sd_region_health_get_value (health, SD_HEALTH_METRIC_SEND, 13), ==, 14);
  g_assert_cmpfloat (sd_region_health_get_value (health, SD_HEALTH_METRIC_SEND, 0), ==, 1);
  g_assert_cmpfloat (sd_region_health_get_value (health, SD_HEALTH_METRIC_SEND, 5), ==, 0);
  /* The point before the 14 days is not counted. */
  g_assert_cmpfloat (sd_region_health_get_total (health, SD_HEALTH_METRIC_SEND), ==, 15);
  g_assert_cmpfloat (sd_region_health_get_value (health, SD_HEALTH_METRIC_BOUNCE, 13), ==, 2);
  g_assert_cmpfloat (sd_region_health_get_value (health, SD_HEALTH_METRIC_BOUNCE_RATE, 13), ==, 0.03);
  g_assert_true (isnan (sd_region_health_get_value (health, SD_HEALTH_METRIC_BOUNCE_RATE, 5)));
  g_assert_true (isnan (sd_region_health_get_value (health, SD_HEALTH_METRIC_COMPLAINT_RATE, 13)));
  g_assert_null (sd_region_health_get_missing_permission (health));

  g_assert_cmpuint (json_array_get_length (days), ==, SD_REGION_HEALTH_N_DAYS);
  g_assert_cmpstr (json_array_get_string_element (days, 0), ==, "2026-03-01");
  g_assert_cmpstr (json_array_get_string_element (days, 13), ==, "2026-03-14");
  g_assert_cmpfloat (json_object_get_double_member (json, "sends_14d"), ==, 15);
  g_assert_true (json_node_is_null (json_object_get_member (json, "complaint_rate")));
  g_assert_true (json_node_is_null (json_array_get_element (json_object_get_array_member (daily, "bounce_rate"), 5)));
  g_assert_cmpfloat (json_array_get_double_element (json_object_get_array_member (daily, "send"), 5), ==, 0);
}

static void
test_send_statistics_answer (void)
{
  static const char xml[] =
    "<GetSendStatisticsResponse><GetSendStatisticsResult><SendDataPoints>"
    "<member><DeliveryAttempts>10</DeliveryAttempts><Timestamp>2026-03-14T01:00:00Z</Timestamp>"
    "<Rejects>1</Rejects><Bounces>2</Bounces><Complaints>0</Complaints></member>"
    "<member><DeliveryAttempts>5</DeliveryAttempts><Timestamp>2026-03-14T01:15:00Z</Timestamp>"
    "<Rejects>0</Rejects><Bounces>1</Bounces><Complaints>1</Complaints></member>"
    "<member><DeliveryAttempts>7</DeliveryAttempts><Timestamp>2026-03-01T23:45:00Z</Timestamp>"
    "<Rejects>0</Rejects><Bounces>0</Bounces><Complaints>0</Complaints></member>"
    "</SendDataPoints></GetSendStatisticsResult></GetSendStatisticsResponse>";
  g_autoptr(GBytes) bytes = g_bytes_new_static (xml, sizeof xml - 1);
  g_autoptr(GError) denied = g_error_new_literal (SD_AWS_ERROR, SD_AWS_ERROR_ACCESS_DENIED,
                                                  "not authorized to perform: cloudwatch:GetMetricData");
  g_autoptr(SdRegionHealth) health = sd_region_health_new_from_send_statistics (bytes, denied, NOW);

  g_assert_cmpint (sd_region_health_get_source (health), ==, SD_HEALTH_SOURCE_SEND_STATISTICS);
  g_assert_cmpstr (sd_region_health_get_missing_permission (health), ==, "cloudwatch:GetMetricData");
  g_assert_true (isnan (sd_region_health_get_rate (health, SD_HEALTH_RATE_BOUNCE)));
  /* 15-minute points summed per UTC day. */
  g_assert_cmpfloat (sd_region_health_get_value (health, SD_HEALTH_METRIC_SEND, 13), ==, 15);
  g_assert_cmpfloat (sd_region_health_get_value (health, SD_HEALTH_METRIC_BOUNCE, 13), ==, 3);
  g_assert_cmpfloat (sd_region_health_get_value (health, SD_HEALTH_METRIC_COMPLAINT, 13), ==, 1);
  g_assert_cmpfloat (sd_region_health_get_value (health, SD_HEALTH_METRIC_REJECT, 13), ==, 1);
  g_assert_cmpfloat (sd_region_health_get_value (health, SD_HEALTH_METRIC_SEND, 0), ==, 7);
  g_assert_cmpfloat (sd_region_health_get_total (health, SD_HEALTH_METRIC_SEND), ==, 22);
  /* GetSendStatistics has no deliveries: no data, not 0. */
  g_assert_true (isnan (sd_region_health_get_value (health, SD_HEALTH_METRIC_DELIVERY, 13)));
}

static void
on_async_update (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* sd_change_log_update_async(), waited for on this thread's loop. */
static GPtrArray *
update_and_wait (SdChangeLog  *log,
                 GPtrArray    *facts,
                 gint64        now,
                 GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sd_change_log_update_async (log, facts, now, on_async_update, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return sd_change_log_update_finish (log, result, error);
}

static void
test_bad_log_is_kept_aside (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sd-health-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "changes.json", NULL);
  g_autoptr(SdChangeLog) log = NULL;
  g_autoptr(GPtrArray) facts = g_ptr_array_new_with_free_func ((GDestroyNotify) sd_region_facts_free);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *name;
  gboolean aside = FALSE;
  SdRegionFacts *f;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, "{\"regions\": [1, 2", -1, NULL));
  log = sd_change_log_new (path);
  g_assert_false (sd_change_log_load (log, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, "changes.json.bad-"))
      {
        g_autofree char *kept = g_build_filename (dir, name, NULL);
        g_autofree char *text = NULL;

        g_assert_true (g_file_get_contents (kept, &text, NULL, NULL));
        g_assert_cmpstr (text, ==, "{\"regions\": [1, 2");
        aside = TRUE;
      }
  g_assert_true (aside);

  /* The log starts afresh: a first load finds nothing, and the file is 0600. */
  f = sd_region_facts_new ("p", "eu-west-1");
  f->access = g_strdup ("sandbox");
  f->max_24_hour_send = 200;
  g_ptr_array_add (facts, f);
  found = update_and_wait (log, facts, NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }
}

static void
on_detected (SdChangeLog *log,
             GPtrArray   *changes,
             gpointer     user_data)
{
  guint *detected = user_data;

  *detected += changes->len;
}

/* The list and "detected" follow the update only when it is finished, on
 * the caller's loop. */
static void
test_update_async (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sd-health-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "changes.json", NULL);
  g_autoptr(SdChangeLog) log = sd_change_log_new (path);
  g_autoptr(SdChangeLog) other = sd_change_log_new (path);
  g_autoptr(GPtrArray) facts = g_ptr_array_new_with_free_func ((GDestroyNotify) sd_region_facts_free);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  guint detected = 0;
  SdRegionFacts *f;

  g_assert_no_error (error);
  g_signal_connect (log, "detected", G_CALLBACK (on_detected), &detected);
  f = sd_region_facts_new ("p", "eu-west-1");
  f->access = g_strdup ("sandbox");
  f->max_24_hour_send = 200;
  g_ptr_array_add (facts, f);
  /* Not read until an update gives it the file's contents. */
  g_assert_false (sd_change_log_get_loaded (log));
  found = update_and_wait (log, facts, NOW, &error);
  g_assert_no_error (error);
  g_assert_true (sd_change_log_get_loaded (log));
  g_clear_pointer (&found, g_ptr_array_unref);

  f->max_24_hour_send = 50000;
  sd_change_log_update_async (log, facts, NOW + 60, on_async_update, &result);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (log)), ==, 0);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (detected, ==, 0);
  found = sd_change_log_update_finish (log, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (sd_change_get_kind (g_ptr_array_index (found, 0)), ==, SD_CHANGE_QUOTA_RAISED);
  g_assert_cmpuint (detected, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (log)), ==, 1);
  /* It is in the file: another log of it reads the same. */
  g_assert_false (sd_change_log_get_loaded (other));
  g_assert_true (sd_change_log_load (other, &error));
  g_assert_true (sd_change_log_get_loaded (other));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, 1);

  /* A file that cannot be written is an error, and nothing is applied
   * (its folder is a file: so even for root). */
  {
    g_autofree char *blocker = g_build_filename (dir, "not-a-folder", NULL);
    g_autofree char *bad_path = g_build_filename (blocker, "changes.json", NULL);
    g_autoptr(SdChangeLog) bad = sd_change_log_new (bad_path);
    g_autoptr(GAsyncResult) failed = NULL;
    g_autoptr(GPtrArray) none = NULL;
    guint bad_detected = 0;

    g_assert_true (g_file_set_contents (blocker, "", 0, NULL));
    g_signal_connect (bad, "detected", G_CALLBACK (on_detected), &bad_detected);
    sd_change_log_update_async (bad, facts, NOW + 120, on_async_update, &failed);
    while (failed == NULL)
      g_main_context_iteration (NULL, TRUE);
    none = sd_change_log_update_finish (bad, failed, &error);
    g_assert_null (none);
    g_assert_nonnull (error);
    g_assert_cmpuint (bad_detected, ==, 0);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (bad)), ==, 0);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/health/bounce-lines", test_bounce_lines);
  g_test_add_func ("/health/complaint-lines", test_complaint_lines);
  g_test_add_func ("/health/status-and-sending", test_status_and_sending);
  g_test_add_func ("/health/no-data-is-not-zero", test_no_data_is_not_zero);
  g_test_add_func ("/health/metric-data-answer", test_metric_data_answer);
  g_test_add_func ("/health/send-statistics-answer", test_send_statistics_answer);
  g_test_add_func ("/health/bad-log-is-kept-aside", test_bad_log_is_kept_aside);
  g_test_add_func ("/health/change-log-update-async", test_update_async);

  return g_test_run ();
}
