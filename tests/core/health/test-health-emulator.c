/* test-health-emulator.c — sending health and its changes, loaded by the dashboard from the AWS emulator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under tests/aws-emulator/with-emulator with health-scenario.json: a
 * region in every health level, one whose rates CloudWatch does not have,
 * one where IAM denies cloudwatch:GetMetricData, and one region ready for
 * each kind of change, made through the emulator's control endpoint.
 */
#include "config.h"

#include <math.h>
#include <glib/gstdio.h>

#include "request-test-util.h"
#include "sd-dashboard.h"

#define PROFILE "health"
#define ACCOUNT "141414141414"
#define DAY 86400

/* The regions of the levels, and the one where CloudWatch is denied. */
static const char * const level_regions[] = {
  "us-east-1", "us-east-2", "us-west-2", "us-west-1", "eu-west-2", "eu-central-1",
  "eu-north-1", "ap-southeast-1", "ca-central-1", NULL
};

/* One region a kind of change, in SdChangeKind's order, and the patch that makes it. */
static const struct {
  SdChangeKind  kind;
  const char   *region;
  const char   *patch;
  const char   *old_value;
  const char   *new_value;
  const char   *subject;
} change_regions[] = {
  { SD_CHANGE_PRODUCTION_ACCESS_GRANTED, "ap-south-1",
    "{\"status\": \"granted\", \"quota\": {\"max24\": 200, \"maxrate\": 1}}",
    "pending", "production", NULL },
  { SD_CHANGE_PRODUCTION_ACCESS_DENIED, "ap-northeast-1", "{\"status\": \"denied\"}",
    "pending", "denied", NULL },
  { SD_CHANGE_REVIEW_FAILED, "ap-northeast-2", "{\"status\": \"failed\"}",
    "pending", "failed", NULL },
  { SD_CHANGE_ENFORCEMENT_CHANGED, "ap-northeast-3", "{\"enforcement_status\": \"PROBATION\"}",
    "HEALTHY", "PROBATION", NULL },
  { SD_CHANGE_SENDING_DISABLED, "ap-southeast-2", "{\"sending_enabled\": false}",
    NULL, NULL, NULL },
  { SD_CHANGE_SENDING_ENABLED, "eu-south-1", "{\"sending_enabled\": true}",
    NULL, NULL, NULL },
  { SD_CHANGE_BOUNCE_RATE_CROSSED, "eu-west-3",
    "{\"metrics\": {\"bounce_rate\": 0.06, \"complaint_rate\": 0.0002, \"send\": 1000}}",
    "ok", "review", NULL },
  { SD_CHANGE_COMPLAINT_RATE_CROSSED, "sa-east-1",
    "{\"metrics\": {\"bounce_rate\": 0.01, \"complaint_rate\": 0.006, \"send\": 1000}}",
    "ok", "pause-risk", NULL },
  { SD_CHANGE_WARMUP_DONE, "me-south-1",
    "{\"pools\": [{\"name\": \"warming\", \"ips\": ["
    "{\"ip\": \"198.51.100.20\", \"warmup_status\": \"DONE\", \"warmup_percentage\": 100},"
    "{\"ip\": \"198.51.100.21\", \"warmup_status\": \"DONE\", \"warmup_percentage\": 100}]}]}",
    NULL, NULL, "198.51.100.20" },
  { SD_CHANGE_QUOTA_RAISED, "il-central-1", "{\"quota\": {\"max24\": 1000}}",
    "200", "1000", NULL },
};

/* Auxiliary functions */

static void
patch_region (const char *region,
              const char *patch)
{
  g_autofree char *body = g_strdup_printf ("{\"account\": \"%s\", \"region\": \"%s\", "
                                           "\"account_state\": %s}", ACCOUNT, region, patch);
  g_autoptr(JsonNode) answer = emu_control ("POST", "/state", body);
}

static void
on_refreshed (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GMainLoop *loop = user_data;
  g_autoptr(GError) error = NULL;

  sd_dashboard_refresh_finish (SD_DASHBOARD (source), result, &error);
  g_assert_no_error (error);
  g_main_loop_quit (loop);
}

static void
refresh (SdDashboard *dashboard)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  sd_dashboard_refresh_async (dashboard, NULL, on_refreshed, loop);
  g_main_loop_run (loop);
}

static SdDashboard *
new_dashboard (const char * const *regions)
{
  g_autoptr(SdAwsClient) client = sd_aws_client_new (NULL);
  SdDashboard *dashboard = sd_dashboard_new (client);

  sd_aws_client_set_timeout (client, 10);
  sd_dashboard_add_account (dashboard, PROFILE, regions);
  return dashboard;
}

static SdRegionStatus *
find_region (SdDashboard *dashboard,
             const char  *region)
{
  GListModel *model = sd_dashboard_get_model (dashboard);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SdRegionStatus) status = g_list_model_get_item (model, i);

      if (g_str_equal (sd_region_status_get_region (status), region))
        return status;  /* the model keeps its reference */
    }
  g_error ("no region %s", region);
}

static SdRegionHealth *
health_of (SdDashboard *dashboard,
           const char  *region)
{
  SdRegionStatus *status = find_region (dashboard, region);

  g_assert_no_error (sd_region_status_get_error (status));
  return sd_region_status_get_health (status);
}

static GStrv
change_region_names (void)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < G_N_ELEMENTS (change_regions); i++)
    g_strv_builder_add (builder, change_regions[i].region);
  return g_strv_builder_end (builder);
}

static void
on_detected (SdChangeLog *log,
             GPtrArray   *changes,
             gpointer     user_data)
{
  guint *n_signalled = user_data;

  *n_signalled += changes->len;
}

/* Tests */

static void
test_rates_and_series (void)
{
  g_autoptr(SdDashboard) dashboard = new_dashboard (level_regions);
  SdRegionHealth *health;
  gint64 today = g_get_real_time () / G_USEC_PER_SEC / DAY * DAY;
  g_autoptr(JsonObject) json = NULL;

  refresh (dashboard);
  health = health_of (dashboard, "us-east-1");

  g_assert_cmpint (sd_region_health_get_source (health), ==, SD_HEALTH_SOURCE_CLOUDWATCH);
  g_assert_cmpfloat_with_epsilon (sd_region_health_get_rate (health, SD_HEALTH_RATE_BOUNCE), 0.012, 1e-12);
  g_assert_cmpfloat_with_epsilon (sd_region_health_get_rate (health, SD_HEALTH_RATE_COMPLAINT), 0.0004, 1e-12);
  g_assert_null (sd_region_health_get_missing_permission (health));

  /* 14 daily points, oldest first, today last; the scenario's list as it is. */
  g_assert_cmpint (sd_region_health_get_day (health, SD_REGION_HEALTH_N_DAYS - 1), ==, today);
  g_assert_cmpint (sd_region_health_get_day (health, 0), ==, today - 13 * DAY);
  for (guint day = 0; day < SD_REGION_HEALTH_N_DAYS; day++)
    {
      g_assert_cmpfloat (sd_region_health_get_value (health, SD_HEALTH_METRIC_SEND, day), ==, 100 * (day + 1));
      g_assert_cmpfloat (sd_region_health_get_value (health, SD_HEALTH_METRIC_DELIVERY, day), ==, 98 * (day + 1));
      g_assert_cmpfloat (sd_region_health_get_value (health, SD_HEALTH_METRIC_BOUNCE, day), ==, day + 1);
      g_assert_cmpfloat (sd_region_health_get_value (health, SD_HEALTH_METRIC_COMPLAINT, day), ==, 1);
      g_assert_cmpfloat (sd_region_health_get_value (health, SD_HEALTH_METRIC_REJECT, day), ==, 0);
      g_assert_cmpfloat_with_epsilon (sd_region_health_get_value (health, SD_HEALTH_METRIC_BOUNCE_RATE, day),
                                      0.012, 1e-12);
      g_assert_cmpfloat_with_epsilon (sd_region_health_get_value (health, SD_HEALTH_METRIC_COMPLAINT_RATE, day),
                                      0.0004, 1e-12);
    }
  g_assert_cmpfloat (sd_region_health_get_total (health, SD_HEALTH_METRIC_SEND), ==, 10500);

  json = sd_region_health_to_json (health);
  g_assert_cmpfloat (json_object_get_double_member (json, "sends_14d"), ==, 10500);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json, "days")), ==, 14);

  /* One GetMetricData a region, and no GetSendStatistics where CloudWatch answers. */
  g_assert_cmpuint (emu_count ("GetMetricData", "us-east-1"), ==, 1);
  g_assert_cmpuint (emu_count ("GetSendStatistics", "us-east-1"), ==, 0);
}

static void
test_no_data (void)
{
  g_autoptr(SdDashboard) dashboard = new_dashboard ((const char *[]) { "ap-southeast-1", NULL });
  SdRegionHealth *health;
  g_autoptr(JsonObject) json = NULL;

  refresh (dashboard);
  health = health_of (dashboard, "ap-southeast-1");

  /* CloudWatch answered, with counts and without either rate: no data, never 0. */
  g_assert_cmpint (sd_region_health_get_source (health), ==, SD_HEALTH_SOURCE_CLOUDWATCH);
  g_assert_true (isnan (sd_region_health_get_rate (health, SD_HEALTH_RATE_BOUNCE)));
  g_assert_true (isnan (sd_region_health_get_rate (health, SD_HEALTH_RATE_COMPLAINT)));
  g_assert_cmpint (sd_region_health_get_band (health, SD_HEALTH_RATE_BOUNCE), ==, SD_RATE_BAND_NO_DATA);
  for (guint day = 0; day < SD_REGION_HEALTH_N_DAYS; day++)
    g_assert_true (isnan (sd_region_health_get_value (health, SD_HEALTH_METRIC_BOUNCE_RATE, day)));
  g_assert_cmpfloat (sd_region_health_get_total (health, SD_HEALTH_METRIC_SEND), ==, 50 * 14);

  json = sd_region_health_to_json (health);
  g_assert_true (json_node_is_null (json_object_get_member (json, "bounce_rate")));
  g_assert_true (json_node_is_null (json_object_get_member (json, "complaint_rate")));
  g_assert_cmpint (sd_region_status_get_health_level (find_region (dashboard, "ap-southeast-1")),
                   ==, SD_HEALTH_LEVEL_HEALTHY);
}

static void
test_cloudwatch_denied (void)
{
  g_autoptr(SdDashboard) dashboard = new_dashboard ((const char *[]) { "ca-central-1", NULL });
  SdRegionStatus *status;
  SdRegionHealth *health;

  refresh (dashboard);
  status = find_region (dashboard, "ca-central-1");

  /* The region still loads... */
  g_assert_no_error (sd_region_status_get_error (status));
  g_assert_cmpint (sd_region_status_get_state (status), ==, SD_SANDBOX_STATE_PRODUCTION);
  health = sd_region_status_get_health (status);
  /* ...names the permission, has no rates (the scenario's 20 % is behind the denial)... */
  g_assert_cmpint (sd_region_health_get_source (health), ==, SD_HEALTH_SOURCE_SEND_STATISTICS);
  g_assert_cmpstr (sd_region_health_get_missing_permission (health), ==, "cloudwatch:GetMetricData");
  g_assert_true (isnan (sd_region_health_get_rate (health, SD_HEALTH_RATE_BOUNCE)));
  g_assert_true (isnan (sd_region_health_get_rate (health, SD_HEALTH_RATE_COMPLAINT)));
  g_assert_nonnull (sd_region_health_get_error (health));
  /* ...and takes the counts from GetSendStatistics. */
  for (guint day = 0; day < SD_REGION_HEALTH_N_DAYS; day++)
    {
      g_assert_cmpfloat (sd_region_health_get_value (health, SD_HEALTH_METRIC_SEND, day), ==, 10 * (day + 1));
      g_assert_cmpfloat (sd_region_health_get_value (health, SD_HEALTH_METRIC_BOUNCE, day), ==, 2);
      g_assert_cmpfloat (sd_region_health_get_value (health, SD_HEALTH_METRIC_REJECT, day), ==, 3);
      g_assert_true (isnan (sd_region_health_get_value (health, SD_HEALTH_METRIC_DELIVERY, day)));
    }
  g_assert_cmpfloat (sd_region_health_get_total (health, SD_HEALTH_METRIC_SEND), ==, 1050);
  g_assert_cmpint (sd_region_status_get_health_level (status), ==, SD_HEALTH_LEVEL_HEALTHY);
  g_assert_cmpuint (emu_count ("GetSendStatistics", "ca-central-1"), >=, 1);
}

static void
test_every_level (void)
{
  static const struct { const char *region; SdHealthLevel level; } expected[] = {
    { "us-east-1", SD_HEALTH_LEVEL_HEALTHY },
    { "us-east-2", SD_HEALTH_LEVEL_WATCH },          /* bounce 3 % */
    { "us-west-2", SD_HEALTH_LEVEL_UNDER_REVIEW },   /* bounce 6 % */
    { "us-west-1", SD_HEALTH_LEVEL_UNDER_REVIEW },   /* PROBATION, rates fine */
    { "eu-west-2", SD_HEALTH_LEVEL_AT_RISK },        /* complaint 0.6 % */
    { "eu-central-1", SD_HEALTH_LEVEL_PAUSED },      /* SendingEnabled false */
    { "eu-north-1", SD_HEALTH_LEVEL_PAUSED },        /* SHUTDOWN */
    { "ap-southeast-1", SD_HEALTH_LEVEL_HEALTHY },   /* no rates */
    { "ca-central-1", SD_HEALTH_LEVEL_HEALTHY },     /* CloudWatch denied */
  };
  g_autoptr(SdDashboard) dashboard = new_dashboard (level_regions);

  refresh (dashboard);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      SdRegionStatus *status = find_region (dashboard, expected[i].region);

      g_test_message ("%s", expected[i].region);
      g_assert_no_error (sd_region_status_get_error (status));
      g_assert_cmpstr (sd_health_level_to_id (sd_region_status_get_health_level (status)), ==,
                       sd_health_level_to_id (expected[i].level));
    }
  g_assert_false (sd_region_status_get_sending_enabled (find_region (dashboard, "eu-central-1")));
}

static void
test_each_change_once (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sd-health-changes-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "changes.json", NULL);
  g_auto(GStrv) regions = change_region_names ();
  g_autoptr(SdDashboard) dashboard = new_dashboard ((const char * const *) regions);
  g_autoptr(SdChangeLog) log = sd_change_log_new (path);
  g_autoptr(SdChangeLog) again = NULL;
  g_autoptr(SdDashboard) restarted = NULL;
  guint n_signalled = 0;
  guint n_found[G_N_ELEMENTS (change_regions)] = { 0 };

  g_assert_no_error (error);
  g_assert_true (sd_change_log_load (log, &error));
  g_assert_no_error (error);
  sd_dashboard_set_change_log (dashboard, log);
  g_signal_connect (log, "detected", G_CALLBACK (on_detected), &n_signalled);

  /* The very first load records the states and finds nothing. */
  refresh (dashboard);
  g_assert_cmpuint (n_signalled, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (log)), ==, 0);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }

  /* Nothing changed: nothing found. */
  refresh (dashboard);
  g_assert_cmpuint (n_signalled, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (change_regions); i++)
    patch_region (change_regions[i].region, change_regions[i].patch);
  refresh (dashboard);

  /* Each change once, in its own region, with its values. */
  g_assert_cmpuint (n_signalled, ==, G_N_ELEMENTS (change_regions));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (log)), ==, G_N_ELEMENTS (change_regions));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (log)); i++)
    {
      g_autoptr(SdChange) change = g_list_model_get_item (G_LIST_MODEL (log), i);
      g_autofree char *title = sd_change_dup_title (change);
      guint k = sd_change_get_kind (change);

      g_test_message ("%s %s: %s", sd_change_get_region (change), sd_change_kind_to_id (k), title);
      g_assert_cmpuint (k, <, G_N_ELEMENTS (change_regions));
      g_assert_cmpuint (change_regions[k].kind, ==, k);
      n_found[k]++;
      g_assert_cmpstr (sd_change_get_region (change), ==, change_regions[k].region);
      g_assert_cmpstr (sd_change_get_profile (change), ==, PROFILE);
      if (change_regions[k].old_value != NULL)
        g_assert_cmpstr (sd_change_get_old_value (change), ==, change_regions[k].old_value);
      if (change_regions[k].new_value != NULL)
        g_assert_cmpstr (sd_change_get_new_value (change), ==, change_regions[k].new_value);
      g_assert_cmpstr (sd_change_get_subject (change), ==, change_regions[k].subject);
      g_assert_nonnull (title);
    }
  for (guint k = 0; k < G_N_ELEMENTS (change_regions); k++)
    g_assert_cmpuint (n_found[k], ==, 1);

  /* Refreshing again finds none of them a second time. */
  refresh (dashboard);
  g_assert_cmpuint (n_signalled, ==, G_N_ELEMENTS (change_regions));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (log)), ==, G_N_ELEMENTS (change_regions));

  /* Across a restart: a new log on the same file has the list, and finds nothing new. */
  again = sd_change_log_new (path);
  g_assert_true (sd_change_log_load (again, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, G_N_ELEMENTS (change_regions));
  n_signalled = 0;
  g_signal_connect (again, "detected", G_CALLBACK (on_detected), &n_signalled);
  restarted = new_dashboard ((const char * const *) regions);
  sd_dashboard_set_change_log (restarted, again);
  refresh (restarted);
  g_assert_cmpuint (n_signalled, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, G_N_ELEMENTS (change_regions));

  /* A change after the restart is found once, by the new log. */
  patch_region ("il-central-1", "{\"quota\": {\"max24\": 5000}}");
  refresh (restarted);
  g_assert_cmpuint (n_signalled, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, G_N_ELEMENTS (change_regions) + 1);
  {
    g_autoptr(SdChange) newest = g_list_model_get_item (G_LIST_MODEL (again), 0);

    g_assert_cmpint (sd_change_get_kind (newest), ==, SD_CHANGE_QUOTA_RAISED);
    g_assert_cmpstr (sd_change_get_old_value (newest), ==, "1000");
    g_assert_cmpstr (sd_change_get_new_value (newest), ==, "5000");
  }
  refresh (restarted);
  g_assert_cmpuint (n_signalled, ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/health/rates-and-series", test_rates_and_series);
  g_test_add_func ("/health/no-data", test_no_data);
  g_test_add_func ("/health/cloudwatch-denied", test_cloudwatch_denied);
  g_test_add_func ("/health/every-level", test_every_level);
  g_test_add_func ("/health/each-change-once", test_each_change_once);

  return g_test_run ();
}
