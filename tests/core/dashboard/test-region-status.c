/* test-region-status.c — sandbox state, quota, dedicated IPs and warnings of one region
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "sd-aws-error.h"
#include "sd-region-status.h"

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static GPtrArray *
parse_objects (const char *array_text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  GPtrArray *objects = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  JsonArray *array;

  g_assert_true (json_parser_load_from_data (parser, array_text, -1, NULL));
  array = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (array); i++)
    g_ptr_array_add (objects, json_object_ref (json_array_get_object_element (array, i)));
  return objects;
}

static gboolean
has_warning (GPtrArray     *warnings,
             SdWarningKind  kind)
{
  for (guint i = 0; i < warnings->len; i++)
    if (((SdWarning *) g_ptr_array_index (warnings, i))->kind == kind)
      return TRUE;
  return FALSE;
}

static void
test_state_derivation (void)
{
  g_assert_cmpint (sd_sandbox_state_from_account (FALSE, NULL), ==, SD_SANDBOX_STATE_SANDBOX);
  g_assert_cmpint (sd_sandbox_state_from_account (TRUE, NULL), ==, SD_SANDBOX_STATE_PRODUCTION);
  g_assert_cmpint (sd_sandbox_state_from_account (TRUE, "GRANTED"), ==, SD_SANDBOX_STATE_PRODUCTION);
  g_assert_cmpint (sd_sandbox_state_from_account (FALSE, "PENDING"), ==, SD_SANDBOX_STATE_PENDING);
  g_assert_cmpint (sd_sandbox_state_from_account (FALSE, "DENIED"), ==, SD_SANDBOX_STATE_DENIED);
  g_assert_cmpint (sd_sandbox_state_from_account (FALSE, "FAILED"), ==, SD_SANDBOX_STATE_FAILED);
  g_assert_cmpint (sd_sandbox_state_from_account (FALSE, "GRANTED"), ==, SD_SANDBOX_STATE_SANDBOX);

  g_assert_cmpstr (sd_sandbox_state_to_id (SD_SANDBOX_STATE_PENDING), ==, "pending");
  g_assert_cmpstr (sd_sandbox_state_to_id (SD_SANDBOX_STATE_DENIED), ==, "denied");
  g_assert_null (sd_sandbox_state_to_id (SD_SANDBOX_STATE_UNKNOWN));
}

static void
test_apply_production_with_ips (void)
{
  g_autoptr(SdRegionStatus) status = sd_region_status_new ("prod", "eu-west-1");
  g_autoptr(JsonObject) account = parse_object (
    "{\"ProductionAccessEnabled\": true, \"SendingEnabled\": true,"
    " \"EnforcementStatus\": \"HEALTHY\", \"DedicatedIpAutoWarmupEnabled\": true,"
    " \"SendQuota\": {\"Max24HourSend\": 50000.0, \"MaxSendRate\": 14.0, \"SentLast24Hours\": 1234.0},"
    " \"Details\": {\"ReviewDetails\": {\"Status\": \"GRANTED\", \"CaseId\": \"case-1\"}}}");
  g_autoptr(GPtrArray) ips = parse_objects (
    "[{\"Ip\": \"198.51.100.1\", \"WarmupStatus\": \"DONE\", \"WarmupPercentage\": 1, \"PoolName\": \"main\"},"
    " {\"Ip\": \"198.51.100.2\", \"WarmupStatus\": \"IN_PROGRESS\", \"WarmupPercentage\": 40, \"PoolName\": \"main\"},"
    " {\"Ip\": \"198.51.100.3\", \"WarmupStatus\": \"NOT_APPLICABLE\", \"WarmupPercentage\": -1, \"PoolName\": \"managed\"}]");
  g_autoptr(GPtrArray) pools = parse_objects (
    "[{\"PoolName\": \"main\", \"ScalingMode\": \"STANDARD\"},"
    " {\"PoolName\": \"managed\", \"ScalingMode\": \"MANAGED\"}]");
  g_autoptr(GPtrArray) warnings = NULL;
  const SdDedicatedIp *ip;
  const SdIpPool *pool;
  int mean = -5;

  sd_region_status_apply (status, account, ips, pools, 1700000000);

  g_assert_cmpint (sd_region_status_get_state (status), ==, SD_SANDBOX_STATE_PRODUCTION);
  g_assert_cmpfloat (sd_region_status_get_max_24_hour_send (status), ==, 50000);
  g_assert_cmpfloat (sd_region_status_get_max_send_rate (status), ==, 14);
  g_assert_cmpfloat (sd_region_status_get_sent_last_24_hours (status), ==, 1234);
  g_assert_true (sd_region_status_get_sending_enabled (status));
  g_assert_cmpstr (sd_region_status_get_enforcement_status (status), ==, "HEALTHY");
  g_assert_cmpstr (sd_region_status_get_review_case_id (status), ==, "case-1");
  g_assert_cmpint (sd_region_status_get_updated (status), ==, 1700000000);
  g_assert_cmpuint (sd_region_status_get_n_dedicated_ips (status), ==, 3);

  /* An older account's finished IP reports 1 %: DONE means done. */
  ip = g_ptr_array_index (sd_region_status_get_dedicated_ips (status), 0);
  g_assert_cmpint (ip->warmup_status, ==, SD_WARMUP_DONE);
  g_assert_cmpint (ip->warmup_percentage, ==, 100);
  /* A managed IP keeps −1 and is not warming up. */
  ip = g_ptr_array_index (sd_region_status_get_dedicated_ips (status), 2);
  g_assert_cmpint (ip->warmup_status, ==, SD_WARMUP_NOT_APPLICABLE);
  g_assert_cmpint (ip->warmup_percentage, ==, -1);
  g_assert_cmpuint (sd_region_status_get_n_warming (status, &mean), ==, 1);
  g_assert_cmpint (mean, ==, 40);

  pool = g_ptr_array_index (sd_region_status_get_pools (status), 0);
  g_assert_cmpstr (pool->name, ==, "main");
  g_assert_cmpstr (pool->scaling_mode, ==, "STANDARD");
  g_assert_cmpuint (pool->n_ips, ==, 2);
  pool = g_ptr_array_index (sd_region_status_get_pools (status), 1);
  g_assert_cmpuint (pool->n_ips, ==, 1);

  warnings = sd_region_status_compute_warnings (status);
  g_assert_true (has_warning (warnings, SD_WARNING_FEW_DEDICATED_IPS));   /* 2 standard IPs */
  g_assert_true (has_warning (warnings, SD_WARNING_WARMUP_IN_PROGRESS));
  g_assert_false (has_warning (warnings, SD_WARNING_SANDBOX_LIMITS));
  /* A managed pool of one IP scales itself: no warning for it. */
  g_assert_false (has_warning (warnings, SD_WARNING_POOL_OF_ONE));
  for (guint i = 0; i < warnings->len; i++)
    {
      SdWarning *warning = g_ptr_array_index (warnings, i);
      g_assert_true (warning->title != NULL && *warning->title != '\0');
      g_assert_true (warning->reason != NULL && g_str_has_suffix (warning->reason, "."));
    }
}

static void
test_sandbox_and_pool_of_one (void)
{
  g_autoptr(SdRegionStatus) status = sd_region_status_new (NULL, "ap-northeast-1");
  g_autoptr(JsonObject) account = parse_object (
    "{\"ProductionAccessEnabled\": false, \"SendingEnabled\": true,"
    " \"SendQuota\": {\"Max24HourSend\": 200, \"MaxSendRate\": 1, \"SentLast24Hours\": 0}}");
  g_autoptr(GPtrArray) ips = parse_objects (
    "[{\"Ip\": \"203.0.113.9\", \"WarmupStatus\": \"DONE\", \"WarmupPercentage\": 100, \"PoolName\": \"solo\"}]");
  g_autoptr(GPtrArray) pools = parse_objects ("[{\"PoolName\": \"solo\", \"ScalingMode\": \"STANDARD\"}]");
  g_autoptr(GPtrArray) warnings = NULL;

  sd_region_status_apply (status, account, ips, pools, 1);
  g_assert_cmpint (sd_region_status_get_state (status), ==, SD_SANDBOX_STATE_SANDBOX);
  g_assert_null (sd_region_status_get_review_case_id (status));
  warnings = sd_region_status_compute_warnings (status);
  g_assert_true (has_warning (warnings, SD_WARNING_SANDBOX_LIMITS));
  g_assert_true (has_warning (warnings, SD_WARNING_POOL_OF_ONE));
  g_assert_true (has_warning (warnings, SD_WARNING_FEW_DEDICATED_IPS));
  g_assert_false (has_warning (warnings, SD_WARNING_WARMUP_IN_PROGRESS));
}

static void
count_signal (guint *counter)
{
  (*counter)++;
}

static void
test_error_keeps_last_data (void)
{
  g_autoptr(SdRegionStatus) status = sd_region_status_new ("p", "us-east-1");
  g_autoptr(JsonObject) account = parse_object (
    "{\"ProductionAccessEnabled\": true, \"SendQuota\": {\"Max24HourSend\": -1, \"MaxSendRate\": 100}}");
  g_autoptr(GError) error = NULL;
  guint changed = 0;

  g_signal_connect_swapped (status, "changed", G_CALLBACK (count_signal), &changed);

  sd_region_status_apply (status, account, NULL, NULL, 10);
  g_assert_cmpfloat (sd_region_status_get_max_24_hour_send (status), ==, -1);
  g_assert_null (sd_region_status_get_error (status));

  sd_aws_error_set_service (&error, SD_AWS_ERROR_ACCESS_DENIED, "AccessDeniedException",
                            "not authorized to perform ses:GetAccount", 403, "req-1",
                            "Access denied");
  sd_region_status_set_error (status, error);
  g_assert_nonnull (sd_region_status_get_error (status));
  g_assert_cmpstr (sd_aws_error_get_aws_code (sd_region_status_get_error (status)), ==,
                   "AccessDeniedException");
  /* The last good answer stays for the user to see. */
  g_assert_cmpint (sd_region_status_get_state (status), ==, SD_SANDBOX_STATE_PRODUCTION);
  g_assert_cmpint (sd_region_status_get_updated (status), ==, 10);
  g_assert_cmpuint (changed, ==, 2);
}

static void
test_malformed_answer (void)
{
  g_autoptr(SdRegionStatus) status = sd_region_status_new ("p", "us-east-1");
  /* Wrong types everywhere: nothing crashes, nothing made up. */
  g_autoptr(JsonObject) account = parse_object (
    "{\"ProductionAccessEnabled\": \"yes\", \"SendQuota\": [1,2], \"Details\": 5,"
    " \"EnforcementStatus\": 7}");
  g_autoptr(GPtrArray) ips = parse_objects ("[{\"Ip\": 5}, {\"PoolName\": \"x\"}]");
  g_autoptr(GPtrArray) pools = parse_objects ("[{\"ScalingMode\": \"MANAGED\"}]");

  sd_region_status_apply (status, account, ips, pools, 1);
  g_assert_cmpint (sd_region_status_get_state (status), ==, SD_SANDBOX_STATE_SANDBOX);
  g_assert_cmpfloat (sd_region_status_get_max_24_hour_send (status), ==, 0);
  g_assert_null (sd_region_status_get_enforcement_status (status));
  g_assert_cmpuint (sd_region_status_get_n_dedicated_ips (status), ==, 0);
  g_assert_cmpuint (sd_region_status_get_pools (status)->len, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/region-status/state-derivation", test_state_derivation);
  g_test_add_func ("/region-status/production-with-ips", test_apply_production_with_ips);
  g_test_add_func ("/region-status/sandbox-and-pool-of-one", test_sandbox_and_pool_of_one);
  g_test_add_func ("/region-status/error-keeps-last-data", test_error_keeps_last_data);
  g_test_add_func ("/region-status/malformed-answer", test_malformed_answer);

  return g_test_run ();
}
