/* test-dashboard.c — the dashboard loader against the AWS emulator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under tests/aws-emulator/with-emulator with dashboard-scenario.json:
 * every sandbox state, 250 dedicated IPs (three pages), a managed pool, a
 * region where IAM denies GetAccount and an opt-in region not enabled.
 */
#include "config.h"

#include <malloc.h>
#include <string.h>
#include <libsoup/soup.h>

#include "sd-aws-error.h"
#include "sd-dashboard.h"

#define PROFILE "dash"

/* Auxiliary functions */

static JsonNode *
control (const char *method,
         const char *path,
         const char *body)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (g_getenv ("SD_EMULATOR_CONTROL"), path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (method, url);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (message, "application/json", bytes);
    }
  answer = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, 200);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (answer, NULL),
                                             g_bytes_get_size (answer), NULL));
  return json_node_ref (json_parser_get_root (parser));
}

/* How many requests of @operation (in @region, or anywhere) the emulator saw. */
static guint
count_requests (const char *operation,
                const char *region)
{
  g_autofree char *path = g_strdup_printf ("/requests?operation=%s%s%s", operation,
                                           region ? "&region=" : "", region ? region : "");
  g_autoptr(JsonNode) log = control ("GET", path, NULL);
  JsonNode *requests = JSON_NODE_HOLDS_OBJECT (log)
    ? json_object_get_member (json_node_get_object (log), "requests") : log;

  return json_array_get_length (json_node_get_array (requests));
}

typedef struct {
  GMainLoop *loop;
  int        n_failed;
  GError    *error;
  guint      n_done;
  guint      n_wanted;
} Wait;

static void
on_refreshed (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Wait *wait = user_data;
  GError *error = NULL;
  int n_failed = sd_dashboard_refresh_finish (SD_DASHBOARD (source), result, &error);

  if (error != NULL)
    g_propagate_error (&wait->error, error);
  wait->n_failed = n_failed;
  if (++wait->n_done == wait->n_wanted)
    g_main_loop_quit (wait->loop);
}

static int
refresh_with (SdDashboard   *dashboard,
              GCancellable  *cancellable,
              GError       **error)
{
  Wait wait = { g_main_loop_new (NULL, FALSE), 0, NULL, 0, 1 };

  sd_dashboard_refresh_async (dashboard, cancellable, on_refreshed, &wait);
  g_main_loop_run (wait.loop);
  g_main_loop_unref (wait.loop);
  if (wait.error != NULL)
    g_propagate_error (error, wait.error);
  return wait.n_failed;
}

static int
refresh (SdDashboard  *dashboard,
         GError      **error)
{
  return refresh_with (dashboard, NULL, error);
}

/* How many handlers @cancellable's "cancelled" signal has. */
static guint
count_cancelled_handlers (GCancellable *cancellable)
{
  guint id = g_signal_lookup ("cancelled", G_TYPE_CANCELLABLE);
  guint n = g_signal_handlers_block_matched (cancellable, G_SIGNAL_MATCH_ID, id, 0,
                                             NULL, NULL, NULL);

  g_signal_handlers_unblock_matched (cancellable, G_SIGNAL_MATCH_ID, id, 0, NULL, NULL, NULL);
  return n;
}

static void
run_pending_sources (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
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
  g_assert_not_reached ();
}

static SdDashboard *
new_dashboard (void)
{
  g_autoptr(SdAwsClient) client = sd_aws_client_new (NULL);
  SdDashboard *dashboard = sd_dashboard_new (client);

  sd_aws_client_set_timeout (client, 5);
  sd_dashboard_add_account (dashboard, PROFILE, NULL);
  return dashboard;
}

static void
reset_emulator (void)
{
  g_autoptr(JsonNode) a = control ("DELETE", "/faults", NULL);
  g_autoptr(JsonNode) b = control ("DELETE", "/requests", NULL);
}

/* Tests */

static void
test_every_region_loads (void)
{
  g_autoptr(SdDashboard) dashboard = new_dashboard ();
  g_autoptr(GError) error = NULL;
  SdRegionStatus *status;
  const SdDedicatedIp *ip;
  GPtrArray *pools;
  int n_failed;

  reset_emulator ();
  g_assert_cmpuint (g_list_model_get_n_items (sd_dashboard_get_model (dashboard)), ==, 27);

  n_failed = refresh (dashboard, &error);
  g_assert_no_error (error);
  /* eu-south-1 (IAM denies GetAccount) and il-central-1 (not enabled). */
  g_assert_cmpint (n_failed, ==, 2);
  g_assert_cmpint (sd_dashboard_get_updated (dashboard), >, 0);
  g_assert_false (sd_dashboard_get_loading (dashboard));

  status = find_region (dashboard, "us-east-1");
  g_assert_null (sd_region_status_get_error (status));
  g_assert_cmpint (sd_region_status_get_state (status), ==, SD_SANDBOX_STATE_PRODUCTION);
  g_assert_cmpfloat (sd_region_status_get_max_24_hour_send (status), ==, 1000000);
  g_assert_cmpfloat (sd_region_status_get_max_send_rate (status), ==, 200);
  g_assert_cmpfloat (sd_region_status_get_sent_last_24_hours (status), ==, 4321);
  g_assert_cmpstr (sd_region_status_get_enforcement_status (status), ==, "HEALTHY");
  /* 252 IPs came in three pages of at most 100. */
  g_assert_cmpuint (sd_region_status_get_n_dedicated_ips (status), ==, 252);
  g_assert_cmpuint (count_requests ("GetDedicatedIps", "us-east-1"), ==, 3);
  g_assert_cmpuint (sd_region_status_get_n_warming (status, NULL), ==, 5);
  pools = sd_region_status_get_pools (status);
  g_assert_cmpuint (pools->len, ==, 2);
  for (guint i = 0; i < pools->len; i++)
    {
      const SdIpPool *pool = g_ptr_array_index (pools, i);

      if (g_str_equal (pool->name, "auto"))
        {
          g_assert_cmpstr (pool->scaling_mode, ==, "MANAGED");
          g_assert_cmpuint (pool->n_ips, ==, 2);
        }
      else
        {
          g_assert_cmpstr (pool->name, ==, "big");
          g_assert_cmpstr (pool->scaling_mode, ==, "STANDARD");
          g_assert_cmpuint (pool->n_ips, ==, 250);
        }
    }
  for (guint i = 0; i < sd_region_status_get_n_dedicated_ips (status); i++)
    {
      ip = g_ptr_array_index (sd_region_status_get_dedicated_ips (status), i);
      if (g_strcmp0 (ip->pool_name, "auto") == 0)
        {
          g_assert_cmpint (ip->warmup_status, ==, SD_WARMUP_NOT_APPLICABLE);
          g_assert_cmpint (ip->warmup_percentage, ==, -1);
        }
    }

  g_assert_cmpint (sd_region_status_get_state (find_region (dashboard, "eu-west-1")), ==,
                   SD_SANDBOX_STATE_SANDBOX);
  g_assert_cmpfloat (sd_region_status_get_max_24_hour_send (find_region (dashboard, "eu-west-1")), ==, 200);
  status = find_region (dashboard, "ap-northeast-1");
  g_assert_cmpint (sd_region_status_get_state (status), ==, SD_SANDBOX_STATE_PENDING);
  g_assert_cmpstr (sd_region_status_get_review_case_id (status), ==, "case-111111111111-2026-aaaabbbbccccdddd");
  g_assert_cmpint (sd_region_status_get_state (find_region (dashboard, "ap-northeast-3")), ==,
                   SD_SANDBOX_STATE_DENIED);
  g_assert_cmpint (sd_region_status_get_state (find_region (dashboard, "eu-west-2")), ==,
                   SD_SANDBOX_STATE_FAILED);
  g_assert_cmpuint (sd_region_status_get_n_dedicated_ips (find_region (dashboard, "us-west-2")), ==, 1);

  status = find_region (dashboard, "eu-south-1");
  g_assert_error (sd_region_status_get_error (status), SD_AWS_ERROR, SD_AWS_ERROR_ACCESS_DENIED);
  g_assert_nonnull (strstr (sd_region_status_get_error (status)->message, "ses:GetAccount"));
  g_assert_cmpint (sd_region_status_get_state (status), ==, SD_SANDBOX_STATE_UNKNOWN);
  status = find_region (dashboard, "il-central-1");
  g_assert_nonnull (sd_region_status_get_error (status));
  g_assert_cmpstr (sd_aws_error_get_aws_code (sd_region_status_get_error (status)), ==,
                   "UnrecognizedClientException");
}

static void
test_unreachable_region (void)
{
  g_autoptr(SdDashboard) dashboard = new_dashboard ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) added = NULL;
  SdRegionStatus *status;
  int n_failed;

  reset_emulator ();
  /* Every request to ca-central-1 has its connection dropped. */
  added = control ("POST", "/faults",
                   "{\"region\": \"ca-central-1\", \"count\": -1, \"drop\": true}");

  n_failed = refresh (dashboard, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n_failed, ==, 3);
  status = find_region (dashboard, "ca-central-1");
  g_assert_error (sd_region_status_get_error (status), SD_AWS_ERROR, SD_AWS_ERROR_NETWORK);
  /* The others loaded all the same. */
  g_assert_null (sd_region_status_get_error (find_region (dashboard, "us-east-1")));
  g_assert_cmpuint (sd_region_status_get_n_dedicated_ips (find_region (dashboard, "us-east-1")), ==, 252);
  g_assert_null (sd_region_status_get_error (find_region (dashboard, "eu-west-1")));
  reset_emulator ();
}

static void
test_second_refresh_joins (void)
{
  g_autoptr(SdDashboard) dashboard = new_dashboard ();
  Wait wait = { g_main_loop_new (NULL, FALSE), 0, NULL, 0, 2 };

  reset_emulator ();
  sd_dashboard_refresh_async (dashboard, NULL, on_refreshed, &wait);
  g_assert_true (sd_dashboard_get_loading (dashboard));
  sd_dashboard_refresh_async (dashboard, NULL, on_refreshed, &wait);
  g_main_loop_run (wait.loop);
  g_main_loop_unref (wait.loop);
  g_assert_no_error (wait.error);
  g_assert_cmpuint (wait.n_done, ==, 2);

  /* One GetAccount per region, not two. */
  g_assert_cmpuint (count_requests ("GetAccount", NULL), ==, 27);
}

static void
count_signal (guint *count)
{
  (*count)++;
}

/* A region added while a refresh runs is loaded with it, and the refresh
 * ends once it is; a plain profile's regions take an account's name. */
static void
test_added_during_refresh (void)
{
  g_autoptr(SdDashboard) dashboard = new_dashboard ();
  g_autoptr(SdAccount) account = sd_account_new_member (PROFILE, NULL, PROFILE, "111111111111", "Management", NULL);
  const char * const added[] = { "eu-west-1", NULL };
  Wait wait = { g_main_loop_new (NULL, FALSE), 0, NULL, 0, 1 };
  GListModel *model = sd_dashboard_get_model (dashboard);
  g_autoptr(SdRegionStatus) last = NULL;
  guint changed = 0;

  reset_emulator ();
  sd_dashboard_refresh_async (dashboard, NULL, on_refreshed, &wait);
  sd_dashboard_add_account (dashboard, PROFILE, added);
  last = g_list_model_get_item (model, g_list_model_get_n_items (model) - 1);
  g_assert_true (sd_region_status_get_loading (last));
  g_main_loop_run (wait.loop);
  g_main_loop_unref (wait.loop);
  g_assert_no_error (wait.error);
  g_assert_cmpuint (wait.n_done, ==, 1);
  g_assert_false (sd_region_status_get_loading (last));
  g_assert_cmpint (sd_region_status_get_updated (last), >, 0);
  g_assert_cmpuint (count_requests ("GetAccount", NULL), ==, 28);

  g_signal_connect_swapped (last, "changed", G_CALLBACK (count_signal), &changed);
  sd_dashboard_name_account (dashboard, account);
  g_assert_cmpstr (sd_region_status_get_account_name (last), ==, "Management");
  g_assert_cmpuint (changed, ==, 1);
}

static gboolean
cancel_soon (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (void)
{
  g_autoptr(SdDashboard) dashboard = new_dashboard ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(JsonNode) added = NULL;
  Wait wait = { g_main_loop_new (NULL, FALSE), 0, NULL, 0, 1 };
  GListModel *model = sd_dashboard_get_model (dashboard);

  reset_emulator ();
  /* Slow answers, so that the cancel lands mid-flight. */
  added = control ("POST", "/faults", "{\"operation\": \"GetAccount\", \"count\": -1, \"delay_ms\": 2000}");
  sd_dashboard_refresh_async (dashboard, cancellable, on_refreshed, &wait);
  g_timeout_add (200, cancel_soon, cancellable);
  g_main_loop_run (wait.loop);
  g_main_loop_unref (wait.loop);

  g_assert_error (wait.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&wait.error);
  g_assert_false (sd_dashboard_get_loading (dashboard));
  g_assert_cmpint (sd_dashboard_get_updated (dashboard), ==, 0);
  /* A cancelled region is neither loading nor failed (the two regions that
   * are refused at once may have failed before the cancel). */
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SdRegionStatus) status = g_list_model_get_item (model, i);
      const char *region = sd_region_status_get_region (status);

      g_assert_false (sd_region_status_get_loading (status));
      if (!g_str_equal (region, "eu-south-1") && !g_str_equal (region, "il-central-1"))
        {
          g_assert_null (sd_region_status_get_error (status));
          g_assert_cmpint (sd_region_status_get_updated (status), ==, 0);
        }
    }
  reset_emulator ();
}

static void
test_refresh_sees_change (void)
{
  g_autoptr(SdDashboard) dashboard = new_dashboard ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) patched = NULL;
  SdRegionStatus *status;

  reset_emulator ();
  refresh (dashboard, &error);
  g_assert_no_error (error);
  status = find_region (dashboard, "eu-west-1");
  g_assert_cmpint (sd_region_status_get_state (status), ==, SD_SANDBOX_STATE_SANDBOX);

  patched = control ("POST", "/state",
                     "{\"account\": \"111111111111\", \"region\": \"eu-west-1\","
                     " \"account_state\": {\"status\": \"production\","
                     "  \"quota\": {\"max24\": 75000, \"maxrate\": 20, \"sent\": 10}}}");
  refresh (dashboard, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sd_region_status_get_state (status), ==, SD_SANDBOX_STATE_PRODUCTION);
  g_assert_cmpfloat (sd_region_status_get_max_24_hour_send (status), ==, 75000);
}

/* The window reuses one cancellable for every refresh: a refresh must leave
 * it as it found it (no handler, no reference), and a thousand refreshes
 * must not grow the heap. */
static void
test_refresh_leaves_cancellable_alone (void)
{
  g_autoptr(SdAwsClient) client = sd_aws_client_new (NULL);
  g_autoptr(SdDashboard) empty = sd_dashboard_new (client);
  g_autoptr(SdDashboard) dashboard = sd_dashboard_new (client);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  const char * const one_region[] = { "eu-west-1", NULL };
  struct mallinfo2 before, after;
  Wait wait = { g_main_loop_new (NULL, FALSE), 0, NULL, 0, 1 };
  g_autoptr(JsonNode) added = NULL;

  reset_emulator ();
  sd_aws_client_set_timeout (client, 5);
  sd_dashboard_add_account (dashboard, PROFILE, one_region);

  /* No region: the refresh ends at once. Warm up, then count. */
  for (guint i = 0; i < 100; i++)
    refresh_with (empty, cancellable, NULL);
  run_pending_sources ();
  before = mallinfo2 ();
  for (guint i = 0; i < 1000; i++)
    {
      g_assert_cmpint (refresh_with (empty, cancellable, &error), ==, 0);
      g_assert_no_error (error);
    }
  run_pending_sources ();
  after = mallinfo2 ();
  g_assert_cmpuint (count_cancelled_handlers (cancellable), ==, 0);
  g_assert_cmpuint (G_OBJECT (cancellable)->ref_count, ==, 1);
  /* Each leaked handler kept a closure and a GCancellable: ~150 kB here.
   * (Under AddressSanitizer mallinfo2() says 0 both times.) */
  g_assert_cmpint ((gssize) after.uordblks - (gssize) before.uordblks, <, 32 * 1024);

  /* One region, answered by the emulator. */
  for (guint i = 0; i < 20; i++)
    {
      g_assert_cmpint (refresh_with (dashboard, cancellable, &error), ==, 0);
      g_assert_no_error (error);
    }
  g_assert_cmpuint (count_cancelled_handlers (cancellable), ==, 0);
  g_assert_cmpuint (G_OBJECT (cancellable)->ref_count, ==, 1);

  /* Cancelled mid-flight, then reset and used again, as the window does. */
  added = control ("POST", "/faults", "{\"operation\": \"GetAccount\", \"count\": 1, \"delay_ms\": 1500}");
  sd_dashboard_refresh_async (dashboard, cancellable, on_refreshed, &wait);
  g_timeout_add (200, cancel_soon, cancellable);
  g_main_loop_run (wait.loop);
  g_main_loop_unref (wait.loop);
  g_assert_error (wait.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&wait.error);
  run_pending_sources ();
  g_assert_cmpuint (count_cancelled_handlers (cancellable), ==, 0);
  g_assert_cmpuint (G_OBJECT (cancellable)->ref_count, ==, 1);
  g_cancellable_reset (cancellable);
  g_assert_cmpint (refresh_with (dashboard, cancellable, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (count_cancelled_handlers (cancellable), ==, 0);
  reset_emulator ();
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("SD_EMULATOR_CONTROL") == NULL)
    {
      g_printerr ("Run this test through tests/aws-emulator/with-emulator.\n");
      return 1;
    }

  g_test_add_func ("/dashboard/every-region-loads", test_every_region_loads);
  g_test_add_func ("/dashboard/unreachable-region", test_unreachable_region);
  g_test_add_func ("/dashboard/second-refresh-joins", test_second_refresh_joins);
  g_test_add_func ("/dashboard/added-during-refresh", test_added_during_refresh);
  g_test_add_func ("/dashboard/cancel", test_cancel);
  g_test_add_func ("/dashboard/refresh-sees-change", test_refresh_sees_change);
  g_test_add_func ("/dashboard/refresh-leaves-cancellable-alone", test_refresh_leaves_cancellable_alone);

  return g_test_run ();
}
