/* bench-refresh.c — the dashboard refreshed again and again in one client
 *
 * What a refresh costs in a running app, where connections stay open: the
 * dashboard of the scenario's first profile (every SES region) refreshed
 * --runs times with one SdAwsClient, each refresh timed and counted by the
 * emulator (connections, TLS handshakes, requests). Run it through
 * with-emulator, with and without --tls, to see what TLS adds. Prints
 * numbers; exits 1 only when a refresh fails.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>

#include "sd-dashboard.h"

static SoupSession *control_session;

static JsonObject *
connections (const char *method)
{
  g_autofree char *url = g_strconcat (g_getenv ("SD_EMULATOR_CONTROL"), "/connections", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  bytes = soup_session_send_and_read (control_session, msg, NULL, &error);
  if (bytes == NULL)
    g_error ("%s: %s", url, error->message);
  node = json_from_string (g_bytes_get_data (bytes, NULL), &error);
  if (node == NULL)
    g_error ("%s: %s", url, error->message);
  return json_object_ref (json_node_get_object (node));
}

static void
on_refresh (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

int
main (int argc, char *argv[])
{
  int runs = 5;
  g_autoptr(JsonNode) summary = NULL;
  g_autoptr(SdAwsClient) client = NULL;
  g_autoptr(SdDashboard) dashboard = NULL;
  g_autoptr(GError) error = NULL;
  const char *profile;
  int status = 0;

  if (argc > 2 && g_str_equal (argv[1], "--runs"))
    runs = MAX (1, atoi (argv[2]));
  if (g_strcmp0 (g_getenv ("SD_BENCH_SMOKE"), "1") == 0)
    runs = 2;   /* the cold refresh and one warm one */
  if (g_getenv ("SD_EMULATOR_JSON") == NULL)
    g_error ("run me through tests/aws-emulator/with-emulator");
  summary = json_from_string (g_getenv ("SD_EMULATOR_JSON"), &error);
  g_assert_no_error (error);
  profile = json_object_get_string_member (
    json_array_get_object_element (json_object_get_array_member (json_node_get_object (summary),
                                                                 "accounts"), 0), "profile");
  control_session = soup_session_new ();

  client = sd_aws_client_new (NULL);
  dashboard = sd_dashboard_new (client);
  sd_dashboard_add_account (dashboard, profile, NULL);
  g_print ("# %s, profile %s, %u regions, %d refreshes in one client\n",
           g_getenv ("AWS_ENDPOINT_URL"), profile,
           g_list_model_get_n_items (sd_dashboard_get_model (dashboard)), runs);

  for (int i = 0; i < runs; i++)
    {
      double seconds;
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(JsonObject) counts = NULL;
      gint64 start;
      int failed;

      json_object_unref (connections ("DELETE"));
      start = g_get_monotonic_time ();
      sd_dashboard_refresh_async (dashboard, NULL, on_refresh, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      failed = sd_dashboard_refresh_finish (dashboard, result, &error);
      counts = connections ("GET");
      seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
      if (i == 0 || i == runs - 1)
        {
          char value[G_ASCII_DTOSTR_BUF_SIZE];
          const char *tls = g_str_has_prefix (g_getenv ("AWS_ENDPOINT_URL"), "https:") ? "HTTPS" : "HTTP";
          const char *which = i == 0 ? "cold" : "warm";

          /* Numbers for the report (docs/benchmarks.md); no bar of their own. */
          g_print ("bench-result {\"metric\": \"Refresh over %s, %s: time\", \"value\": %s, \"unit\": \"s\", "
                   "\"bar\": null, \"pass\": null, \"anchor\": null}\n",
                   tls, which, g_ascii_formatd (value, sizeof value, "%.3f", seconds));
          g_print ("bench-result {\"metric\": \"Refresh over %s, %s: new connections\", \"value\": %"
                   G_GINT64_FORMAT ", \"unit\": \"\", \"bar\": null, \"pass\": null, \"anchor\": null}\n",
                   tls, which, json_object_get_int_member (counts, "connections"));
          g_print ("bench-result {\"metric\": \"Refresh over %s, %s: TLS handshakes\", \"value\": %"
                   G_GINT64_FORMAT ", \"unit\": \"\", \"bar\": null, \"pass\": null, \"anchor\": null}\n",
                   tls, which, json_object_get_int_member (counts, "tls_handshakes"));
        }
      g_print ("refresh %d: %.3f s, %d regions failed; %" G_GINT64_FORMAT " new connections, "
               "%" G_GINT64_FORMAT " TLS handshakes (%" G_GINT64_FORMAT " resumed), "
               "%" G_GINT64_FORMAT " requests\n", i + 1,
               seconds, failed,
               json_object_get_int_member (counts, "connections"),
               json_object_get_int_member (counts, "tls_handshakes"),
               json_object_get_int_member (counts, "tls_resumed"),
               json_object_get_int_member (counts, "requests"));
      if (failed != 0)
        status = 1;
    }
  return status;
}
