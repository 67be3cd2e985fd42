/* test-tls.c — the client over HTTPS: CA bundles, untrusted certificates, proxies
 *
 * Run through `with-emulator --tls`: the emulator serves HTTPS with a test CA
 * made at its start, AWS_CA_BUNDLE names that CA, the control endpoint stays
 * plain HTTP. The emulator counts connections, TLS handshakes (done and
 * failed) and requests: the witnesses of what reached it.
 *
 * The proxy tests start tests/integration/connect-proxy.py, a CONNECT proxy
 * that lists the tunnels it opened. They run as on a GNOME desktop
 * (XDG_CURRENT_DESKTOP=GNOME), where GIO's own resolver follows the
 * desktop's settings and ignores HTTPS_PROXY.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "sd-aws-client.h"
#include "sd-aws-error.h"

#define PROFILE "sd-minimal"

static char        *control_url;
static char        *endpoint;       /* https://127.0.0.1:PORT */
static char        *ca_bundle;      /* the emulator's test CA */
static char        *proxy_script;
static SoupSession *control_session;

/* The emulator's control endpoint and the proxy's stats */

static JsonNode *
get_json (const char *method,
          const char *url)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_nonnull (msg);
  bytes = soup_session_send_and_read (control_session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                              &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* The emulator's counter @key since the last reset_connections(). */
static gint64
connections (const char *key)
{
  g_autofree char *url = g_strconcat (control_url, "/connections", NULL);
  g_autoptr(JsonNode) node = get_json ("GET", url);

  return json_object_get_int_member (json_node_get_object (node), key);
}

static void
reset_connections (void)
{
  g_autofree char *url = g_strconcat (control_url, "/connections", NULL);
  g_autoptr(JsonNode) node = get_json ("DELETE", url);
}

/* Calls */

static void
on_result (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* GetAccount in us-east-1 with a new client over @config (NULL: the files
 * with-emulator wrote), made after the environment is set. */
static JsonObject *
get_account (SdAwsConfig  *config,
             GError      **error)
{
  g_autoptr(SdAwsClient) client = sd_aws_client_new (config);
  SdAwsCall *call = sd_aws_call_new (&sd_aws_service_sesv2, "GetAccount", PROFILE, "us-east-1");
  g_autoptr(GAsyncResult) result = NULL;

  sd_aws_call_set_http (call, "GET", "/v2/email/account");
  reset_connections ();
  sd_aws_client_send_async (client, call, NULL, on_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return sd_aws_client_send_finish (client, result, error);
}

static char *
write_temp (const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sd-tls-XXXXXX", &error);
  char *path;

  g_assert_no_error (error);
  path = g_build_filename (dir, name, NULL);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
remove_temp (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_rmdir (dir);
}

/* Tests: CA bundles */

static void
test_bundle_from_environment (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) account = NULL;

  g_setenv ("AWS_CA_BUNDLE", ca_bundle, TRUE);
  account = get_account (NULL, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_has_member (account, "SendQuota"));
  g_assert_cmpint (connections ("tls_handshakes"), >=, 1);
  g_assert_cmpint (connections ("tls_failures"), ==, 0);
  g_assert_cmpint (connections ("requests"), ==, 1);
}

static void
test_bundle_from_profile (void)
{
  g_autofree char *config_text = NULL;
  g_autofree char *with_bundle = NULL;
  g_autofree char *config_path = NULL;
  g_autoptr(SdAwsConfig) config = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) account = NULL;
  const char *section = "[profile " PROFILE "]\n";

  g_file_get_contents (g_getenv ("AWS_CONFIG_FILE"), &config_text, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (config_text, section));
  with_bundle = g_strdup_printf ("%s%sca_bundle = %s\n", section, "", ca_bundle);
  {
    g_autoptr(GString) text = g_string_new (config_text);
    g_string_replace (text, section, with_bundle, 1);
    config_path = write_temp ("config", text->str);
  }

  g_unsetenv ("AWS_CA_BUNDLE");
  config = sd_aws_config_load (config_path, NULL);
  account = get_account (config, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_has_member (account, "SendQuota"));
  g_assert_cmpint (connections ("tls_failures"), ==, 0);

  /* The variable wins over the profile's setting, as for the AWS CLI. */
  g_setenv ("AWS_CA_BUNDLE", "/nonexistent/sd-tls/proxy-ca.pem", TRUE);
  g_clear_pointer (&account, json_object_unref);
  account = get_account (config, &error);
  g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_CONFIG);
  g_assert_nonnull (strstr (error->message, "/nonexistent/sd-tls/proxy-ca.pem"));
  remove_temp (config_path);
}

static void
test_untrusted_not_retried (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) account = NULL;
  g_autofree char *host = g_strdup (endpoint + strlen ("https://"));

  /* The system's roots alone: the test CA is unknown. */
  g_unsetenv ("AWS_CA_BUNDLE");
  account = get_account (NULL, &error);
  g_assert_null (account);
  g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_CERTIFICATE);
  g_test_message ("%s", error->message);
  /* It names the host and says what to check. */
  g_assert_nonnull (strstr (error->message, host));
  g_assert_nonnull (strstr (error->message, "AWS_CA_BUNDLE"));
  g_assert_nonnull (strstr (error->message, "proxy"));
  g_assert_nonnull (strstr (error->message, "time"));
  /* One handshake, no retry (a read gets 3 attempts), nothing sent. */
  g_assert_cmpint (connections ("tls_failures"), ==, 1);
  g_assert_cmpint (connections ("requests"), ==, 0);
}

static void
test_bundle_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) account = NULL;

  g_setenv ("AWS_CA_BUNDLE", "/nonexistent/sd-tls/ca.pem", TRUE);
  account = get_account (NULL, &error);
  g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_CONFIG);
  g_assert_nonnull (strstr (error->message, "/nonexistent/sd-tls/ca.pem"));
  g_assert_nonnull (strstr (error->message, "AWS_CA_BUNDLE"));
  g_assert_cmpint (connections ("connections"), ==, 0);
}

static void
test_bundle_without_certificate (void)
{
  g_autofree char *path = write_temp ("ca.pem", "not a certificate\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) account = NULL;

  g_setenv ("AWS_CA_BUNDLE", path, TRUE);
  account = get_account (NULL, &error);
  g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_CONFIG);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_cmpint (connections ("connections"), ==, 0);
  remove_temp (path);
}

/* Tests: proxies */

typedef struct
{
  GSubprocess *process;
  char        *url;
} Proxy;

static void
proxy_start (Proxy *proxy)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  g_autoptr(JsonNode) node = NULL;

  proxy->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                                     &error, "python3", proxy_script, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proxy->process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  node = json_from_string (line, &error);
  g_assert_no_error (error);
  proxy->url = g_strdup (json_object_get_string_member (json_node_get_object (node), "proxy"));
}

/* The tunnels the proxy opened. */
static guint
proxy_connects (Proxy *proxy)
{
  g_autofree char *url = g_strconcat (proxy->url, "/stats", NULL);
  g_autoptr(JsonNode) node = get_json ("GET", url);
  JsonArray *list = json_object_get_array_member (json_node_get_object (node), "connects");
  g_autofree char *target = g_strdup (endpoint + strlen ("https://"));

  for (guint i = 0; i < json_array_get_length (list); i++)
    g_assert_cmpstr (json_array_get_string_element (list, i), ==, target);
  return json_array_get_length (list);
}

static void
proxy_stop (Proxy *proxy)
{
  g_autoptr(GError) error = NULL;

  /* Closing its stdin ends it. */
  g_output_stream_close (g_subprocess_get_stdin_pipe (proxy->process), NULL, NULL);
  g_subprocess_wait (proxy->process, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&proxy->process);
  g_clear_pointer (&proxy->url, g_free);
}

static void
test_https_proxy (void)
{
  Proxy proxy = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) account = NULL;

  proxy_start (&proxy);
  g_setenv ("AWS_CA_BUNDLE", ca_bundle, TRUE);
  g_setenv ("HTTPS_PROXY", proxy.url, TRUE);
  g_unsetenv ("NO_PROXY");
  account = get_account (NULL, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_has_member (account, "SendQuota"));
  /* Through a tunnel, TLS from end to end with the emulator. */
  g_assert_cmpuint (proxy_connects (&proxy), >=, 1);
  g_assert_cmpint (connections ("tls_handshakes"), >=, 1);

  /* NO_PROXY names the host: straight there. */
  g_setenv ("NO_PROXY", "example.com, 127.0.0.1", TRUE);
  {
    guint before = proxy_connects (&proxy);
    g_clear_pointer (&account, json_object_unref);
    account = get_account (NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (proxy_connects (&proxy), ==, before);
    g_assert_cmpint (connections ("requests"), ==, 1);
  }

  g_unsetenv ("HTTPS_PROXY");
  g_unsetenv ("NO_PROXY");
  proxy_stop (&proxy);
}

int
main (int argc, char *argv[])
{
  const char *control = g_getenv ("SD_EMULATOR_CONTROL");
  g_autoptr(JsonNode) summary = NULL;

  /* Before GIO picks its proxy resolver: the GNOME desktop's. */
  g_setenv ("XDG_CURRENT_DESKTOP", "GNOME", TRUE);
  g_unsetenv ("HTTPS_PROXY");
  g_unsetenv ("https_proxy");
  g_unsetenv ("HTTP_PROXY");
  g_unsetenv ("http_proxy");
  g_test_init (&argc, &argv, NULL);

  if (control == NULL || g_getenv ("AWS_CA_BUNDLE") == NULL)
    g_error ("run through tests/aws-emulator/with-emulator --tls");
  control_url = g_strdup (control);
  ca_bundle = g_strdup (g_getenv ("AWS_CA_BUNDLE"));
  endpoint = g_strdup (g_getenv ("AWS_ENDPOINT_URL"));
  g_assert_true (g_str_has_prefix (endpoint, "https://"));
  proxy_script = g_build_filename (g_getenv ("SD_SOURCE_ROOT"), "tests", "integration",
                                   "connect-proxy.py", NULL);
  control_session = soup_session_new ();
  /* Nothing of the proxy variables for the control endpoint. */
  soup_session_set_proxy_resolver (control_session, NULL);

  g_test_add_func ("/tls/bundle-from-environment", test_bundle_from_environment);
  g_test_add_func ("/tls/bundle-from-profile", test_bundle_from_profile);
  g_test_add_func ("/tls/untrusted-not-retried", test_untrusted_not_retried);
  g_test_add_func ("/tls/bundle-missing", test_bundle_missing);
  g_test_add_func ("/tls/bundle-without-certificate", test_bundle_without_certificate);
  g_test_add_func ("/tls/https-proxy", test_https_proxy);
  return g_test_run ();
}
