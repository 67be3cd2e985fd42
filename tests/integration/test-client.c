/* test-client.c — the AWS client against the emulator
 *
 * Run through tests/aws-emulator/with-emulator, which exports the profiles
 * (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE), AWS_ENDPOINT_URL and the
 * control URL (SD_EMULATOR_CONTROL). Faults are injected through the control
 * endpoint; the emulator's request log is the witness of how many attempts
 * were made. Signatures that do not verify are recorded by the emulator as
 * violations: each test checks that it caused none, except the deliberate
 * ones, which it counts and clears.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/resource.h>
#include <libsoup/soup.h>

#include "sd-aws-client.h"
#include "sd-aws-endpoints.h"
#include "sd-aws-error.h"

#define PROFILE       "sd-client"
#define PROFILE_NONE  "sd-client-none"
#define PROFILE_ROLE  "sd-client-role"
#define ACCOUNT_ID    "222233334444"


static char        *control_url;
static SoupSession *control_session;
static char        *main_access_key;
static char        *main_secret_key;

/* Debug log capture: sd-aws debug messages go here, not to the TAP output
 * (set SD_TEST_SHOW_LOG to see them). */
static GString     *captured_log;

static void
log_handler (const char     *log_domain,
             GLogLevelFlags  log_level,
             const char     *message,
             gpointer        user_data)
{
  if (captured_log != NULL)
    g_string_append_printf (captured_log, "%s\n", message);
  if (g_getenv ("SD_TEST_SHOW_LOG") != NULL)
    g_test_message ("%s: %s", log_domain, message);
}

/* The control endpoint */

static JsonNode *
control (const char *method,
         const char *path,
         const char *body)
{
  g_autofree char *url = g_strconcat (control_url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_nonnull (msg);
  if (body != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, "application/json", request);
    }
  bytes = soup_session_send_and_read (control_session, msg, NULL, &error);
  g_assert_no_error (error);
  if (!SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (msg)))
    g_error ("%s %s: HTTP %u: %.*s", method, path, soup_message_get_status (msg),
             (int) g_bytes_get_size (bytes), (const char *) g_bytes_get_data (bytes, NULL));
  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
add_fault (const char *json)
{
  g_autoptr(JsonNode) node = control ("POST", "/faults", json);
}

static void
clear_faults (void)
{
  g_autoptr(JsonNode) node = control ("DELETE", "/faults", NULL);
}

static void
clear_requests (void)
{
  g_autoptr(JsonNode) node = control ("DELETE", "/requests", NULL);
}

static guint count_requests (const char *operation);

static gboolean
wake_up (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* A delayed request is logged when the emulator answers it, after the
 * client gave up on it: wait until @n are logged (or @seconds pass). */
static guint
wait_for_requests (const char *operation,
                   guint       n,
                   guint       seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;
  guint count;

  while ((count = count_requests (operation)) < n && g_get_monotonic_time () < deadline)
    {
      gboolean woken = FALSE;

      g_timeout_add (100, wake_up, &woken);
      while (!woken)
        g_main_context_iteration (NULL, TRUE);
    }
  return count;
}

/* The logged requests for @operation (all when NULL); a new reference. */
static JsonArray *
logged_requests (const char *operation)
{
  g_autofree char *path = operation != NULL ? g_strdup_printf ("/requests?operation=%s", operation)
                                            : g_strdup ("/requests");
  g_autoptr(JsonNode) node = control ("GET", path, NULL);

  return json_array_ref (json_object_get_array_member (json_node_get_object (node), "requests"));
}

static guint
count_requests (const char *operation)
{
  g_autoptr(JsonArray) requests = logged_requests (operation);
  return json_array_get_length (requests);
}

static guint
count_violations (const char *kind)
{
  g_autoptr(JsonNode) node = control ("GET", "/violations", NULL);
  JsonArray *violations = json_object_get_array_member (json_node_get_object (node), "violations");
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (violations); i++)
    {
      JsonObject *v = json_array_get_object_element (violations, i);
      if (kind == NULL || g_strcmp0 (json_object_get_string_member (v, "kind"), kind) == 0)
        n++;
    }
  return n;
}

static void
clear_signature_violations (void)
{
  g_autoptr(JsonNode) node = control ("DELETE", "/violations?kind=signature", NULL);
}

/* Running calls */

static void
on_result (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;
  *out = g_object_ref (result);
}

static GAsyncResult *
send_and_wait (SdAwsClient  *client,
               SdAwsCall    *call,
               GCancellable *cancellable)
{
  GAsyncResult *result = NULL;

  sd_aws_client_send_async (client, call, cancellable, on_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return result;
}

static JsonObject *
run_json (SdAwsClient  *client,
          SdAwsCall    *call,
          GError      **error)
{
  g_autoptr(GAsyncResult) result = send_and_wait (client, call, NULL);
  return sd_aws_client_send_finish (client, result, error);
}

static GBytes *
run_bytes (SdAwsClient  *client,
           SdAwsCall    *call,
           GError      **error)
{
  g_autoptr(GAsyncResult) result = send_and_wait (client, call, NULL);
  return sd_aws_client_send_finish_bytes (client, result, error);
}

static SdAwsCall *
get_account_call (const char *profile,
                  const char *region)
{
  SdAwsCall *call = sd_aws_call_new (&sd_aws_service_sesv2, "GetAccount", profile, region);
  sd_aws_call_set_http (call, "GET", "/v2/email/account");
  return call;
}

static SdAwsCall *
create_pool_call (const char *name)
{
  SdAwsCall *call = sd_aws_call_new (&sd_aws_service_sesv2, "CreateDedicatedIpPool", PROFILE, "us-east-1");
  g_autoptr(JsonObject) body = json_object_new ();

  json_object_set_string_member (body, "PoolName", name);
  json_object_set_string_member (body, "ScalingMode", "MANAGED");
  sd_aws_call_set_http (call, "POST", "/v2/email/dedicated-ip-pools");
  sd_aws_call_set_json_body (call, body);
  sd_aws_call_set_write (call, TRUE);
  return call;
}

static gboolean
pool_exists (SdAwsClient *client,
             const char  *name)
{
  SdAwsCall *call = sd_aws_call_new (&sd_aws_service_sesv2, "ListDedicatedIpPools", PROFILE, "us-east-1");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;
  JsonArray *pools;

  sd_aws_call_set_http (call, "GET", "/v2/email/dedicated-ip-pools");
  answer = run_json (client, call, &error);
  g_assert_no_error (error);
  pools = json_object_get_array_member (answer, "DedicatedIpPools");
  for (guint i = 0; i < json_array_get_length (pools); i++)
    if (g_strcmp0 (json_array_get_string_element (pools, i), name) == 0)
      return TRUE;
  return FALSE;
}

static double
fixed_random (gpointer user_data)
{
  return *(double *) user_data;
}

/* Fixture: a fresh client, a clean fault list and request log. */

typedef struct {
  SdAwsClient *client;
  double       random_value;
  guint        violations_before;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  clear_faults ();
  clear_requests ();
  fixture->violations_before = count_violations (NULL);
  fixture->client = sd_aws_client_new (NULL);
  /* Retries without waiting, unless a test wants the real backoff. */
  fixture->random_value = 0.0;
  sd_aws_retry_policy_set_random (sd_aws_client_get_retry_policy (fixture->client),
                                  fixed_random, &fixture->random_value);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  clear_faults ();
  g_clear_object (&fixture->client);
  /* Nothing the test sent may have been rejected by the model or the signer. */
  g_assert_cmpuint (count_violations (NULL), ==, fixture->violations_before);
}

/* Signed requests of each protocol */

static void
test_rest_json_get_account (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) account = run_json (fixture->client, get_account_call (PROFILE, "us-east-1"), &error);
  g_autoptr(JsonObject) sandbox = NULL;

  g_assert_no_error (error);
  g_assert_true (json_object_get_boolean_member (account, "ProductionAccessEnabled"));
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (account, "SendQuota"),
                                                    "Max24HourSend"), ==, 50000);

  sandbox = run_json (fixture->client, get_account_call (PROFILE, "eu-west-1"), &error);
  g_assert_no_error (error);
  g_assert_false (json_object_get_boolean_member (sandbox, "ProductionAccessEnabled"));
  g_assert_cmpuint (count_requests ("GetAccount"), ==, 2);
}

static void
test_rest_json_query (Fixture *fixture, gconstpointer data)
{
  SdAwsCall *call = sd_aws_call_new (&sd_aws_service_sesv2, "ListDedicatedIpPools", PROFILE, "us-east-1");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(JsonArray) log = NULL;
  JsonObject *params;

  /* Query parameters are part of the signature. */
  sd_aws_call_set_http (call, "GET", "/v2/email/dedicated-ip-pools");
  sd_aws_call_add_param (call, "PageSize", "50");
  answer = run_json (fixture->client, call, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_has_member (answer, "DedicatedIpPools"));

  log = logged_requests ("ListDedicatedIpPools");
  g_assert_cmpuint (json_array_get_length (log), ==, 1);
  params = json_object_get_object_member (json_array_get_object_element (log, 0), "params");
  g_assert_cmpint (json_object_get_int_member (params, "PageSize"), ==, 50);
}

static void
test_json_describe_cases (Fixture *fixture, gconstpointer data)
{
  SdAwsCall *call = sd_aws_call_new (&sd_aws_service_support, "DescribeCases", PROFILE, "eu-west-1");
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(JsonArray) log = NULL;

  json_object_set_boolean_member (body, "includeResolvedCases", TRUE);
  json_object_set_string_member (body, "language", "ja");
  sd_aws_call_set_json_body (call, body);
  answer = run_json (fixture->client, call, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_has_member (answer, "cases"));

  /* Support signs for us-east-1 whatever region the user works in. */
  log = logged_requests ("DescribeCases");
  g_assert_cmpuint (json_array_get_length (log), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (log, 0), "region"), ==,
                   "us-east-1");
}

static void
test_json_empty_body (Fixture *fixture, gconstpointer data)
{
  /* No input: the body is "{}". */
  SdAwsCall *call = sd_aws_call_new (&sd_aws_service_support, "DescribeCases", PROFILE, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = run_json (fixture->client, call, &error);

  g_assert_no_error (error);
  g_assert_true (json_object_has_member (answer, "cases"));
}

static void
test_query_get_caller_identity (Fixture *fixture, gconstpointer data)
{
  SdAwsCall *call = sd_aws_call_new (&sd_aws_service_sts, "GetCallerIdentity", PROFILE, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = run_bytes (fixture->client, call, &error);
  g_autofree char *account = NULL;
  g_autofree char *arn = NULL;

  g_assert_no_error (error);
  account = sd_aws_xml_find_text (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "Account");
  arn = sd_aws_xml_find_text (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "Arn");
  g_assert_cmpstr (account, ==, ACCOUNT_ID);
  g_assert_cmpstr (arn, ==, "arn:aws:iam::" ACCOUNT_ID ":user/desk");
}

static void
test_query_ses_v1 (Fixture *fixture, gconstpointer data)
{
  SdAwsCall *call = sd_aws_call_new (&sd_aws_service_ses, "GetSendQuota", PROFILE, "us-east-1");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = run_bytes (fixture->client, call, &error);
  g_autofree char *max24 = NULL;

  g_assert_no_error (error);
  max24 = sd_aws_xml_find_text (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "Max24HourSend");
  g_assert_nonnull (max24);
}

/* Rejections */

static void
test_wrong_secret (Fixture *fixture, gconstpointer data)
{
  g_autoptr(SdAwsCredentials) wrong = sd_aws_credentials_new (main_access_key, "not-the-secret", NULL, 0, "test");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GBytes) bytes = NULL;

  sd_aws_client_set_profile_credentials (fixture->client, PROFILE, wrong);
  answer = run_json (fixture->client, get_account_call (PROFILE, "us-east-1"), &error);
  g_assert_null (answer);
  g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_SIGNATURE);
  g_test_message ("REST-JSON: %s", error->message);
  g_assert_cmpstr (sd_aws_error_get_aws_code (error), ==, "SignatureDoesNotMatch");
  g_assert_nonnull (sd_aws_error_get_request_id (error));
  g_assert_cmpuint (sd_aws_error_get_http_status (error), ==, 403);
  g_assert_nonnull (strstr (error->message, "secret access key of profile “" PROFILE "”"));
  g_assert_nonnull (strstr (error->message, "http"));
  /* Not retried, and no clock correction: the server's clock agrees with ours. */
  g_assert_cmpuint (count_requests ("GetAccount"), ==, 1);
  g_assert_cmpint (sd_aws_client_get_clock_offset (fixture->client), ==, 0);

  /* The same through the Query protocol (an XML error document). */
  g_clear_error (&error);
  bytes = run_bytes (fixture->client, sd_aws_call_new (&sd_aws_service_sts, "GetCallerIdentity", PROFILE, NULL),
                     &error);
  g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_SIGNATURE);
  g_test_message ("Query: %s", error->message);
  g_assert_cmpstr (sd_aws_error_get_aws_code (error), ==, "SignatureDoesNotMatch");
  g_assert_nonnull (sd_aws_error_get_request_id (error));

  /* The emulator recorded exactly the two bad signatures we sent. */
  g_assert_cmpuint (count_violations ("signature"), ==, 2);
  clear_signature_violations ();
  fixture->violations_before = count_violations (NULL);

  /* Back to the right keys: accepted. */
  sd_aws_client_set_profile_credentials (fixture->client, PROFILE, NULL);
  g_clear_error (&error);
  g_clear_pointer (&answer, json_object_unref);
  answer = run_json (fixture->client, get_account_call (PROFILE, "us-east-1"), &error);
  g_assert_no_error (error);
}

static void
test_access_denied (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = run_json (fixture->client, get_account_call (PROFILE_NONE, "us-east-1"), &error);

  g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_ACCESS_DENIED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "Access denied"));
  g_assert_nonnull (strstr (error->message, "ses:GetAccount"));
  g_assert_nonnull (sd_aws_error_get_aws_message (error));
  g_assert_nonnull (strstr (error->message, sd_aws_error_get_aws_message (error)));
  g_assert_cmpuint (count_requests ("GetAccount"), ==, 1);
}

/* Retries */

static void
test_throttling_retried (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(JsonArray) log = NULL;
  gint64 start;
  double elapsed;

  add_fault ("{\"service\": \"sesv2\", \"operation\": \"GetAccount\", \"count\": 2, \"status\": 429,"
             " \"code\": \"TooManyRequestsException\"}");
  /* The real backoff: rand 0.5 → 0.5 s then 1 s. */
  fixture->random_value = 0.5;
  start = g_get_monotonic_time ();
  answer = run_json (fixture->client, get_account_call (PROFILE, "us-east-1"), &error);
  elapsed = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  g_assert_no_error (error);
  g_assert_true (json_object_get_boolean_member (answer, "ProductionAccessEnabled"));
  log = logged_requests ("GetAccount");
  g_assert_cmpuint (json_array_get_length (log), ==, 3);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (log, 0), "status"), ==, 429);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (log, 1), "status"), ==, 429);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (log, 2), "status"), ==, 200);
  g_test_message ("3 attempts in %.2f s", elapsed);
  g_assert_cmpfloat (elapsed, >=, 1.5);
  g_assert_cmpfloat (elapsed, <, 5.0);
  /* The two retries' tokens were refunded by the success. */
  g_assert_cmpuint (sd_aws_retry_policy_get_tokens (sd_aws_client_get_retry_policy (fixture->client)), ==, 500);
}

static void
test_server_error_retried (Fixture *fixture, gconstpointer data)
{
  SdAwsCall *call = sd_aws_call_new (&sd_aws_service_support, "DescribeCases", PROFILE, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;

  add_fault ("{\"service\": \"support\", \"operation\": \"DescribeCases\", \"count\": 2, \"status\": 500}");
  answer = run_json (fixture->client, call, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_has_member (answer, "cases"));
  g_assert_cmpuint (count_requests ("DescribeCases"), ==, 3);
}

static void
test_retries_exhausted (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;

  add_fault ("{\"service\": \"sesv2\", \"operation\": \"GetAccount\", \"count\": 10, \"status\": 503}");
  answer = run_json (fixture->client, get_account_call (PROFILE, "us-east-1"), &error);
  g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_SERVER);
  g_assert_cmpuint (sd_aws_error_get_http_status (error), ==, 503);
  g_assert_cmpuint (count_requests ("GetAccount"), ==, 3);
  /* Two retries of 5 tokens each, not refunded. */
  g_assert_cmpuint (sd_aws_retry_policy_get_tokens (sd_aws_client_get_retry_policy (fixture->client)), ==, 490);

  /* One attempt when asked. */
  clear_requests ();
  sd_aws_client_set_max_attempts (fixture->client, 1);
  g_clear_error (&error);
  answer = run_json (fixture->client, get_account_call (PROFILE, "us-east-1"), &error);
  g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_SERVER);
  g_assert_cmpuint (count_requests ("GetAccount"), ==, 1);
}

static void
test_max_attempts_env (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;

  add_fault ("{\"service\": \"sesv2\", \"operation\": \"GetAccount\", \"count\": 10, \"status\": 500}");
  g_setenv ("AWS_MAX_ATTEMPTS", "5", TRUE);
  answer = run_json (fixture->client, get_account_call (PROFILE, "us-east-1"), &error);
  g_unsetenv ("AWS_MAX_ATTEMPTS");
  g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_SERVER);
  g_assert_cmpuint (count_requests ("GetAccount"), ==, 5);
}

/* Writes */

static void
test_write_not_retried (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;

  /* Before it is applied. */
  add_fault ("{\"service\": \"sesv2\", \"operation\": \"CreateDedicatedIpPool\", \"count\": 1, \"status\": 500}");
  answer = run_json (fixture->client, create_pool_call ("not-retried-1"), &error);
  g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_SERVER);
  g_assert_cmpuint (count_requests ("CreateDedicatedIpPool"), ==, 1);
  g_assert_false (pool_exists (fixture->client, "not-retried-1"));

  /* After it is applied: the caller sees a failure, and must reconcile;
   * the client does not send it again. */
  clear_requests ();
  g_clear_error (&error);
  add_fault ("{\"service\": \"sesv2\", \"operation\": \"CreateDedicatedIpPool\", \"count\": 1, \"status\": 503,"
             " \"after_apply\": true}");
  answer = run_json (fixture->client, create_pool_call ("not-retried-2"), &error);
  g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_SERVER);
  g_assert_cmpuint (count_requests ("CreateDedicatedIpPool"), ==, 1);
  g_assert_true (pool_exists (fixture->client, "not-retried-2"));

  /* Throttling is not retried for a write either. */
  clear_requests ();
  g_clear_error (&error);
  add_fault ("{\"service\": \"sesv2\", \"operation\": \"CreateDedicatedIpPool\", \"count\": 1, \"status\": 429,"
             " \"code\": \"TooManyRequestsException\"}");
  answer = run_json (fixture->client, create_pool_call ("not-retried-3"), &error);
  g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_THROTTLED);
  g_assert_cmpuint (count_requests ("CreateDedicatedIpPool"), ==, 1);

  /* Nor a dropped connection. */
  clear_requests ();
  g_clear_error (&error);
  add_fault ("{\"service\": \"sesv2\", \"operation\": \"CreateDedicatedIpPool\", \"count\": 1, \"drop\": true}");
  answer = run_json (fixture->client, create_pool_call ("not-retried-4"), &error);
  g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_NETWORK);
  g_assert_cmpuint (count_requests ("CreateDedicatedIpPool"), ==, 1);

  /* Without a fault the write goes through, once. */
  clear_requests ();
  g_clear_error (&error);
  answer = run_json (fixture->client, create_pool_call ("not-retried-5"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_requests ("CreateDedicatedIpPool"), ==, 1);
  g_assert_true (pool_exists (fixture->client, "not-retried-5"));
}

static void
test_write_support_case (Fixture *fixture, gconstpointer data)
{
  SdAwsCall *call = sd_aws_call_new (&sd_aws_service_support, "CreateCase", PROFILE, NULL);
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;

  json_object_set_string_member (body, "subject", "Dedicated IPs");
  json_object_set_string_member (body, "communicationBody", "Please add 3 dedicated IPs.");
  json_object_set_string_member (body, "language", "en");
  sd_aws_call_set_json_body (call, body);
  sd_aws_call_set_write (call, TRUE);

  add_fault ("{\"service\": \"support\", \"operation\": \"CreateCase\", \"count\": 1, \"status\": 500,"
             " \"after_apply\": true}");
  answer = run_json (fixture->client, call, &error);
  g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_SERVER);
  g_assert_cmpuint (count_requests ("CreateCase"), ==, 1);
}

/* Clock skew */

static void
test_clock_skew (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(JsonArray) log = NULL;

  sd_aws_client_set_clock_offset (fixture->client, -3600);
  answer = run_json (fixture->client, get_account_call (PROFILE, "us-east-1"), &error);
  g_assert_no_error (error);
  log = logged_requests ("GetAccount");
  g_assert_cmpuint (json_array_get_length (log), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (log, 0), "status"), ==, 403);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (log, 1), "status"), ==, 200);
  /* The offset was learnt from the server's Date: ours is right again. */
  g_test_message ("learnt offset %" G_GINT64_FORMAT " s", sd_aws_client_get_clock_offset (fixture->client));
  g_assert_cmpint (ABS (sd_aws_client_get_clock_offset (fixture->client)), <=, 5);

  /* Later calls are signed right the first time. */
  clear_requests ();
  g_clear_pointer (&answer, json_object_unref);
  answer = run_json (fixture->client, get_account_call (PROFILE, "us-east-1"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_requests ("GetAccount"), ==, 1);

  /* A write is signed again once too: the rejection applied nothing. */
  clear_requests ();
  sd_aws_client_set_clock_offset (fixture->client, 7200);
  g_clear_pointer (&answer, json_object_unref);
  answer = run_json (fixture->client, create_pool_call ("after-skew"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_requests ("CreateDedicatedIpPool"), ==, 2);
  g_assert_true (pool_exists (fixture->client, "after-skew"));

  /* JSON 1.1 (InvalidSignatureException) and Query too. */
  clear_requests ();
  sd_aws_client_set_clock_offset (fixture->client, -1800);
  g_clear_pointer (&answer, json_object_unref);
  answer = run_json (fixture->client, sd_aws_call_new (&sd_aws_service_support, "DescribeCases", PROFILE, NULL),
                     &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_requests ("DescribeCases"), ==, 2);
  sd_aws_client_set_clock_offset (fixture->client, 1800);
  {
    g_autoptr(GBytes) bytes =
      run_bytes (fixture->client, sd_aws_call_new (&sd_aws_service_sts, "GetCallerIdentity", PROFILE, NULL),
                 &error);
    g_assert_no_error (error);
    g_assert_cmpuint (count_requests ("GetCallerIdentity"), ==, 2);
  }
}

static void
test_server_clock_skew (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(JsonNode) settings = NULL;
  gint64 offset;

  /* The server is two hours ahead: the client follows its clock. */
  settings = control ("POST", "/settings", "{\"clock_offset_s\": 7200}");
  answer = run_json (fixture->client, get_account_call (PROFILE, "us-east-1"), &error);
  g_clear_pointer (&settings, json_node_unref);
  settings = control ("POST", "/settings", "{\"clock_offset_s\": 0}");
  g_assert_no_error (error);
  offset = sd_aws_client_get_clock_offset (fixture->client);
  g_assert_cmpint (offset, >=, 7195);
  g_assert_cmpint (offset, <=, 7205);
  g_assert_cmpuint (count_requests ("GetAccount"), ==, 2);
}

/* Transport failures */

static void
test_timeout (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;
  gint64 start;
  double elapsed;

  sd_aws_client_set_timeout (fixture->client, 1);
  sd_aws_client_set_max_attempts (fixture->client, 1);
  add_fault ("{\"service\": \"sesv2\", \"operation\": \"GetAccount\", \"count\": 1, \"delay_ms\": 3000}");

  start = g_get_monotonic_time ();
  answer = run_json (fixture->client, get_account_call (PROFILE, "us-east-1"), &error);
  elapsed = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_test_message ("timed out after %.2f s: %s", elapsed, error ? error->message : "(no error)");
  g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_TIMEOUT);
  g_assert_cmpfloat (elapsed, >=, 0.9);
  g_assert_cmpfloat (elapsed, <, 2.5);
  g_assert_cmpuint (wait_for_requests ("GetAccount", 1, 5), ==, 1);

  /* A read that times out once is retried and succeeds. */
  clear_requests ();
  sd_aws_client_set_max_attempts (fixture->client, 3);
  add_fault ("{\"service\": \"sesv2\", \"operation\": \"GetAccount\", \"count\": 1, \"delay_ms\": 3000}");
  g_clear_error (&error);
  answer = run_json (fixture->client, get_account_call (PROFILE, "us-east-1"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wait_for_requests ("GetAccount", 2, 5), ==, 2);
  /* A timeout costs 10 tokens, refunded by the success. */
  g_assert_cmpuint (sd_aws_retry_policy_get_tokens (sd_aws_client_get_retry_policy (fixture->client)), ==, 500);
}

/* A server that sends a byte every half second never lets the per-read
 * timeout fire: the attempt's deadline (four times the timeout) ends it. */
static void
test_trickle_deadline (Fixture *fixture, gconstpointer data)
{
  g_autofree char *script = g_build_filename (g_getenv ("SD_SOURCE_ROOT"), "tests", "integration",
                                              "hostile-server.py", NULL);
  const char *argv[] = { "python3", script, "--mode", "trickle", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) server = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  g_autofree char *url = NULL;
  g_autoptr(JsonObject) answer = NULL;
  gint64 start;
  double elapsed;

  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (line, "PORT "));
  url = g_strdup_printf ("http://127.0.0.1:%s", line + 5);
  g_setenv ("AWS_ENDPOINT_URL_SESV2", url, TRUE);

  sd_aws_client_set_timeout (fixture->client, 1);
  sd_aws_client_set_max_attempts (fixture->client, 1);
  start = g_get_monotonic_time ();
  answer = run_json (fixture->client, get_account_call (PROFILE, "us-east-1"), &error);
  elapsed = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_test_message ("ended after %.2f s: %s", elapsed, error ? error->message : "(no error)");
  g_unsetenv ("AWS_ENDPOINT_URL_SESV2");
  g_subprocess_force_exit (server);

  g_assert_null (answer);
  g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_TIMEOUT);
  g_assert_cmpfloat (elapsed, >=, 3.5);
  g_assert_cmpfloat (elapsed, <, 10);
}

static void
test_malformed (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;

  add_fault ("{\"service\": \"sesv2\", \"operation\": \"GetAccount\", \"count\": 1, \"malformed\": true}");
  answer = run_json (fixture->client, get_account_call (PROFILE, "us-east-1"), &error);
  g_assert_null (answer);
  g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_BAD_RESPONSE);
  g_test_message ("%s", error->message);
  g_assert_cmpuint (sd_aws_error_get_http_status (error), ==, 200);
  /* A well-delivered answer that cannot be read is not retried. */
  g_assert_cmpuint (count_requests ("GetAccount"), ==, 1);

  /* Same for JSON 1.1. */
  clear_requests ();
  g_clear_error (&error);
  add_fault ("{\"service\": \"support\", \"operation\": \"DescribeCases\", \"count\": 1, \"malformed\": true}");
  answer = run_json (fixture->client, sd_aws_call_new (&sd_aws_service_support, "DescribeCases", PROFILE, NULL),
                     &error);
  g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_BAD_RESPONSE);
}

static void
test_truncated (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;

  /* Cut short every time: a clear error once the attempts are spent. */
  add_fault ("{\"service\": \"sesv2\", \"operation\": \"GetAccount\", \"count\": 10, \"truncate\": true}");
  answer = run_json (fixture->client, get_account_call (PROFILE, "us-east-1"), &error);
  g_assert_null (answer);
  g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_BAD_RESPONSE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "cut short"));
  g_assert_cmpuint (count_requests ("GetAccount"), ==, 3);

  /* Cut short once: a read is retried. */
  clear_faults ();
  clear_requests ();
  g_clear_error (&error);
  add_fault ("{\"service\": \"sesv2\", \"operation\": \"GetAccount\", \"count\": 1, \"truncate\": true}");
  answer = run_json (fixture->client, get_account_call (PROFILE, "us-east-1"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_requests ("GetAccount"), ==, 2);

  /* A truncated error answer. */
  clear_faults ();
  clear_requests ();
  g_clear_pointer (&answer, json_object_unref);
  sd_aws_client_set_max_attempts (fixture->client, 1);
  add_fault ("{\"service\": \"sesv2\", \"operation\": \"GetAccount\", \"count\": 1, \"status\": 400,"
             " \"code\": \"BadRequestException\", \"truncate\": true}");
  answer = run_json (fixture->client, get_account_call (PROFILE, "us-east-1"), &error);
  g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_BAD_RESPONSE);
}

static void
test_dropped (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;

  /* Dropped once: a read is retried and succeeds. */
  add_fault ("{\"service\": \"sesv2\", \"operation\": \"GetAccount\", \"count\": 1, \"drop\": true}");
  answer = run_json (fixture->client, get_account_call (PROFILE, "us-east-1"), &error);
  g_assert_no_error (error);
  g_assert_true (json_object_get_boolean_member (answer, "ProductionAccessEnabled"));
  g_assert_cmpuint (count_requests ("GetAccount"), ==, 2);

  /* Dropped every time. */
  clear_requests ();
  g_clear_pointer (&answer, json_object_unref);
  add_fault ("{\"service\": \"sesv2\", \"operation\": \"GetAccount\", \"count\": 10, \"drop\": true}");
  answer = run_json (fixture->client, get_account_call (PROFILE, "us-east-1"), &error);
  g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_NETWORK);
  g_test_message ("%s", error->message);
  g_assert_cmpuint (sd_aws_error_get_http_status (error), ==, 0);
  g_assert_cmpuint (count_requests ("GetAccount"), >=, 3);
}

static void
test_connection_refused (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autofree char *saved = g_strdup (g_getenv ("AWS_ENDPOINT_URL_SESV2"));

  /* Port 9 on localhost: nothing listens there. */
  g_setenv ("AWS_ENDPOINT_URL_SESV2", "http://127.0.0.1:9", TRUE);
  answer = run_json (fixture->client, get_account_call (PROFILE, "us-east-1"), &error);
  g_unsetenv ("AWS_ENDPOINT_URL_SESV2");
  g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "127.0.0.1:9"));
  /* Connection errors of reads take retry tokens. */
  g_assert_cmpuint (sd_aws_retry_policy_get_tokens (sd_aws_client_get_retry_policy (fixture->client)), ==, 490);
}

/* Cancellation and the main loop */

static gboolean
cancel_later (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel_during_backoff (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;
  gint64 start;
  double elapsed;

  /* 503 then a 1 s backoff (rand 1.0); cancelled 300 ms in. */
  add_fault ("{\"service\": \"sesv2\", \"operation\": \"GetAccount\", \"count\": 5, \"status\": 503}");
  fixture->random_value = 1.0;
  g_timeout_add (300, cancel_later, cancellable);
  start = g_get_monotonic_time ();
  result = send_and_wait (fixture->client, get_account_call (PROFILE, "us-east-1"), cancellable);
  elapsed = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  answer = sd_aws_client_send_finish (fixture->client, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpfloat (elapsed, <, 0.9);
  g_assert_cmpuint (count_requests ("GetAccount"), ==, 1);
}

static gboolean
tick (gpointer user_data)
{
  guint *ticks = user_data;
  (*ticks)++;
  return G_SOURCE_CONTINUE;
}

static void
test_main_loop_not_blocked (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;
  guint ticks = 0;
  guint id;

  /* A slow answer (1.5 s): a 50 ms timer keeps firing meanwhile. */
  add_fault ("{\"service\": \"sesv2\", \"operation\": \"GetAccount\", \"count\": 1, \"delay_ms\": 1500}");
  id = g_timeout_add (50, tick, &ticks);
  answer = run_json (fixture->client, get_account_call (PROFILE, "us-east-1"), &error);
  g_source_remove (id);
  g_assert_no_error (error);
  g_test_message ("%u ticks", ticks);
  g_assert_cmpuint (ticks, >=, 15);
}

static void
test_concurrent_calls (Fixture *fixture, gconstpointer data)
{
  static const char * const regions[] = { "us-east-1", "eu-west-1", "ap-northeast-1", "us-west-2",
                                          "eu-central-1", "sa-east-1", "ap-southeast-2", "ca-central-1" };
  GAsyncResult *results[G_N_ELEMENTS (regions)] = { NULL, };
  guint pending = G_N_ELEMENTS (regions);

  for (gsize i = 0; i < G_N_ELEMENTS (regions); i++)
    sd_aws_client_send_async (fixture->client, get_account_call (PROFILE, regions[i]), NULL, on_result, &results[i]);
  while (pending > 0)
    {
      g_main_context_iteration (NULL, TRUE);
      pending = 0;
      for (gsize i = 0; i < G_N_ELEMENTS (regions); i++)
        pending += results[i] == NULL;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (regions); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) answer = sd_aws_client_send_finish (fixture->client, results[i], &error);
      g_assert_no_error (error);
      g_assert_true (json_object_has_member (answer, "ProductionAccessEnabled"));
      g_object_unref (results[i]);
    }
  g_assert_cmpuint (count_requests ("GetAccount"), ==, G_N_ELEMENTS (regions));
}

typedef struct {
  GAsyncResult *result;
  gint64        done_at;
} Timed;

static void
on_timed_result (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Timed *timed = user_data;

  timed->result = g_object_ref (result);
  timed->done_at = g_get_monotonic_time ();
}

static void
test_per_endpoint_cap (Fixture *fixture, gconstpointer data)
{
  Timed slow[13] = { { 0 } };
  Timed other = { 0 };
  gint64 start = g_get_monotonic_time ();
  gint64 last_slow = 0;
  gboolean pending = TRUE;

  /* Thirteen slow calls to one region: at most six are in flight at once,
   * so they take at least three rounds; a call to another region is not
   * held up behind them. */
  add_fault ("{\"service\": \"sesv2\", \"operation\": \"GetAccount\", \"region\": \"eu-west-1\","
             " \"count\": 13, \"delay_ms\": 400}");
  for (gsize i = 0; i < G_N_ELEMENTS (slow); i++)
    sd_aws_client_send_async (fixture->client, get_account_call (PROFILE, "eu-west-1"), NULL,
                              on_timed_result, &slow[i]);
  sd_aws_client_send_async (fixture->client, get_account_call (PROFILE, "us-east-1"), NULL,
                            on_timed_result, &other);

  while (pending)
    {
      g_main_context_iteration (NULL, TRUE);
      pending = other.result == NULL;
      for (gsize i = 0; i < G_N_ELEMENTS (slow); i++)
        pending |= slow[i].result == NULL;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (slow); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) answer = sd_aws_client_send_finish (fixture->client, slow[i].result, &error);

      g_assert_no_error (error);
      last_slow = MAX (last_slow, slow[i].done_at);
      g_object_unref (slow[i].result);
    }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonObject) answer = sd_aws_client_send_finish (fixture->client, other.result, &error);
    g_assert_no_error (error);
    g_object_unref (other.result);
  }

  g_test_message ("13 capped calls took %" G_GINT64_FORMAT " ms", (last_slow - start) / 1000);
  g_assert_cmpint (last_slow - start, >=, 3 * 400 * 1000);
  g_assert_cmpint (other.done_at, <, last_slow);
  g_assert_cmpuint (count_requests ("GetAccount"), ==, 14);
}

static void
test_per_profile_cap (Fixture *fixture, gconstpointer data)
{
  Timed slow[13] = { { 0 } };
  Timed other[6] = { { 0 } };
  gint64 start, last_slow = 0, last_other = 0;
  gboolean pending = TRUE;

  /* The role's credentials first, so that its calls start at once. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonObject) answer = run_json (fixture->client, get_account_call (PROFILE_ROLE, "us-east-1"), &error);
    g_assert_no_error (error);
  }

  /* Thirteen slow calls of one profile to one region take three rounds of
   * six; six calls of another profile to the same endpoint have slots of
   * their own (AWS limits each account), so they end in the first round. */
  add_fault ("{\"service\": \"sesv2\", \"operation\": \"GetAccount\", \"region\": \"eu-west-1\","
             " \"count\": 19, \"delay_ms\": 400}");
  start = g_get_monotonic_time ();
  for (gsize i = 0; i < G_N_ELEMENTS (slow); i++)
    sd_aws_client_send_async (fixture->client, get_account_call (PROFILE, "eu-west-1"), NULL,
                              on_timed_result, &slow[i]);
  for (gsize i = 0; i < G_N_ELEMENTS (other); i++)
    sd_aws_client_send_async (fixture->client, get_account_call (PROFILE_ROLE, "eu-west-1"), NULL,
                              on_timed_result, &other[i]);

  while (pending)
    {
      g_main_context_iteration (NULL, TRUE);
      pending = FALSE;
      for (gsize i = 0; i < G_N_ELEMENTS (slow); i++)
        pending |= slow[i].result == NULL;
      for (gsize i = 0; i < G_N_ELEMENTS (other); i++)
        pending |= other[i].result == NULL;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (slow) + G_N_ELEMENTS (other); i++)
    {
      Timed *timed = i < G_N_ELEMENTS (slow) ? &slow[i] : &other[i - G_N_ELEMENTS (slow)];
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) answer = sd_aws_client_send_finish (fixture->client, timed->result, &error);

      g_assert_no_error (error);
      if (i < G_N_ELEMENTS (slow))
        last_slow = MAX (last_slow, timed->done_at);
      else
        last_other = MAX (last_other, timed->done_at);
      g_object_unref (timed->result);
    }

  g_test_message ("13 calls of one profile took %" G_GINT64_FORMAT " ms, 6 of another %" G_GINT64_FORMAT " ms",
                  (last_slow - start) / 1000, (last_other - start) / 1000);
  g_assert_cmpint (last_slow - start, >=, 3 * 400 * 1000);
  /* The other profile's six were not queued behind the first one's: with
   * one cap shared by both, five of them would wait for the first two
   * rounds and one of them would end after the last of the first profile's.
   * (Ordering, not a time bound, so that a loaded machine cannot fail it.) */
  g_assert_cmpint (last_other, <, last_slow);
}

/* The client's own descriptors: sockets, and whatever else it opened. */
static guint
open_descriptors (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* The descriptors once earlier tests' connections have closed. */
static guint
settled_descriptors (void)
{
  guint last = open_descriptors (), same = 0;

  for (guint i = 0; i < 100 && same < 5; i++)
    {
      guint now;

      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (20 * 1000);
      now = open_descriptors ();
      same = now == last ? same + 1 : 0;
      last = now;
    }
  return last;
}

static void
test_connections_bounded (Fixture *fixture, gconstpointer data)
{
  const char * const *regions = sd_aws_ses_regions (sd_aws_partition_for_region ("us-east-1"));
  const guint per_region = 4;
  guint base = settled_descriptors ();
  struct rlimit saved, low;
  g_autoptr(SdAwsClient) client = NULL;
  guint most = 0, n_regions = 0, cap;

  /* A low descriptor limit, of which the client may use half for its
   * connections. Four overlapping calls in each SES region, one region after
   * the other, leave four idle connections kept alive in each region's
   * session: more than that cap in all, unless the connections of regions
   * with nothing in flight are let go. */
  g_assert_cmpint (getrlimit (RLIMIT_NOFILE, &saved), ==, 0);
  low = saved;
  low.rlim_cur = 2 * base + 64;
  cap = (guint) low.rlim_cur / 2;
  g_assert_cmpint (setrlimit (RLIMIT_NOFILE, &low), ==, 0);
  client = sd_aws_client_new (NULL);

  for (; regions[n_regions] != NULL; n_regions++)
    {
      GAsyncResult *results[4] = { NULL, };
      guint pending = per_region;
      g_autofree char *fault = g_strdup_printf ("{\"service\": \"sesv2\", \"operation\": \"GetAccount\","
                                                " \"region\": \"%s\", \"count\": %u, \"delay_ms\": 100}",
                                                regions[n_regions], per_region);

      add_fault (fault);
      for (guint i = 0; i < per_region; i++)
        sd_aws_client_send_async (client, get_account_call (PROFILE, regions[n_regions]), NULL,
                                  on_result, &results[i]);
      while (pending > 0)
        {
          g_main_context_iteration (NULL, TRUE);
          pending = 0;
          for (guint i = 0; i < per_region; i++)
            pending += results[i] == NULL;
        }
      for (guint i = 0; i < per_region; i++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(JsonObject) answer = sd_aws_client_send_finish (client, results[i], &error);

          g_assert_no_error (error);
          g_object_unref (results[i]);
        }
      most = MAX (most, (guint) MAX ((int) open_descriptors () - (int) base, 0));
    }
  g_assert_cmpint (setrlimit (RLIMIT_NOFILE, &saved), ==, 0);

  g_test_message ("%u regions, at most %u descriptors opened (cap %u)", n_regions, most, cap);
  /* Else the test could not tell. */
  g_assert_cmpuint (n_regions * per_region, >, cap + per_region);
  g_assert_cmpuint (most, <=, cap + per_region);
}

/* Credentials through the client */

static void
test_assume_role (Fixture *fixture, gconstpointer data)
{
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes =
        run_bytes (fixture->client, sd_aws_call_new (&sd_aws_service_sts, "GetCallerIdentity", PROFILE_ROLE, NULL),
                   &error);
      g_autofree char *arn = NULL;

      g_assert_no_error (error);
      arn = sd_aws_xml_find_text (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "Arn");
      g_assert_true (g_str_has_prefix (arn, "arn:aws:sts::" ACCOUNT_ID ":assumed-role/ses-desk-role/"));
    }
  /* The role's credentials are cached: one AssumeRole for three calls. */
  g_assert_cmpuint (count_requests ("AssumeRole"), ==, 1);
  g_assert_cmpuint (count_requests ("GetCallerIdentity"), ==, 3);

  /* And they work for the other services (session token sent and signed). */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonObject) answer = run_json (fixture->client, get_account_call (PROFILE_ROLE, "us-east-1"), &error);
    g_assert_no_error (error);
  }
  g_assert_cmpuint (count_requests ("AssumeRole"), ==, 1);
}

static void
test_no_profile (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = run_json (fixture->client, get_account_call ("no-such-profile", "us-east-1"),
                                           &error);

  g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_NO_PROFILE);
  g_assert_nonnull (strstr (error->message, "no-such-profile"));
  g_assert_cmpuint (count_requests (NULL), ==, 0);
}

/* Logging */

static gboolean
log_has_signature_value (const char *log)
{
  g_autoptr(GRegex) re = g_regex_new ("Signature=[0-9a-f]{16}", 0, 0, NULL);
  return g_regex_match (re, log, 0, NULL);
}

static void
test_debug_log (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SdAwsCredentials) role = NULL;
  SdAwsCredentialProvider *provider;

  captured_log = g_string_new (NULL);
  answer = run_json (fixture->client, get_account_call (PROFILE, "us-east-1"), &error);
  g_assert_no_error (error);
  bytes = run_bytes (fixture->client, sd_aws_call_new (&sd_aws_service_sts, "GetCallerIdentity", PROFILE_ROLE, NULL),
                     &error);
  g_assert_no_error (error);

  /* The role's own credentials, to look for them in the log. */
  provider = sd_aws_client_get_credential_provider (fixture->client, PROFILE_ROLE);
  sd_aws_credential_provider_get_async (provider, NULL, on_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  role = sd_aws_credential_provider_get_finish (provider, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sd_aws_credentials_get_session_token (role));

  /* As botocore: the request, the canonical request, the string to sign, the answer. */
  g_assert_nonnull (strstr (captured_log->str, "GET http"));
  g_assert_nonnull (strstr (captured_log->str, "/v2/email/account"));
  g_assert_nonnull (strstr (captured_log->str, "Canonical request:\nGET\n/v2/email/account\n"));
  g_assert_nonnull (strstr (captured_log->str, "String to sign:\nAWS4-HMAC-SHA256\n"));
  g_assert_nonnull (strstr (captured_log->str, "Response 200 for GetAccount"));
  g_assert_nonnull (strstr (captured_log->str, "AssumeRole"));
  g_assert_nonnull (strstr (captured_log->str, "x-amz-security-token:<redacted>"));
  g_assert_nonnull (strstr (captured_log->str, "Signature=<redacted>"));

  /* No secret. */
  g_assert_null (strstr (captured_log->str, main_secret_key));
  g_assert_null (strstr (captured_log->str, sd_aws_credentials_get_secret_access_key (role)));
  g_assert_null (strstr (captured_log->str, sd_aws_credentials_get_session_token (role)));
  g_assert_false (log_has_signature_value (captured_log->str));

  g_string_free (captured_log, TRUE);
  captured_log = NULL;
}

/* Setup */

static void
read_emulator_summary (void)
{
  const char *json = g_getenv ("SD_EMULATOR_JSON");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *accounts;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  accounts = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "accounts");
  for (guint i = 0; i < json_array_get_length (accounts); i++)
    {
      JsonObject *a = json_array_get_object_element (accounts, i);
      if (g_strcmp0 (json_object_get_string_member (a, "profile"), PROFILE) == 0)
        {
          main_access_key = g_strdup (json_object_get_string_member (a, "access_key_id"));
          main_secret_key = g_strdup (json_object_get_string_member (a, "secret_access_key"));
        }
    }
  g_assert_nonnull (main_access_key);
  g_assert_nonnull (main_secret_key);
}

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int argc, char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  /* The client's debug messages are captured, not printed. */
  g_setenv ("G_MESSAGES_DEBUG", "ses-desk-aws", TRUE);
  g_log_set_handler ("ses-desk-aws", G_LOG_LEVEL_DEBUG, log_handler, NULL);

  control_url = g_strdup (g_getenv ("SD_EMULATOR_CONTROL"));
  if (control_url == NULL || g_getenv ("SD_EMULATOR_JSON") == NULL)
    {
      g_printerr ("Run me through tests/aws-emulator/with-emulator.\n");
      return 1;
    }
  control_session = soup_session_new ();
  read_emulator_summary ();

  ADD ("/client/signed/rest-json-get-account", test_rest_json_get_account);
  ADD ("/client/signed/rest-json-query", test_rest_json_query);
  ADD ("/client/signed/json-describe-cases", test_json_describe_cases);
  ADD ("/client/signed/json-empty-body", test_json_empty_body);
  ADD ("/client/signed/query-get-caller-identity", test_query_get_caller_identity);
  ADD ("/client/signed/query-ses-v1", test_query_ses_v1);
  ADD ("/client/rejected/wrong-secret", test_wrong_secret);
  ADD ("/client/rejected/access-denied", test_access_denied);
  ADD ("/client/rejected/no-profile", test_no_profile);
  ADD ("/client/retry/throttling", test_throttling_retried);
  ADD ("/client/retry/server-error", test_server_error_retried);
  ADD ("/client/retry/exhausted", test_retries_exhausted);
  ADD ("/client/retry/max-attempts-env", test_max_attempts_env);
  ADD ("/client/write/not-retried", test_write_not_retried);
  ADD ("/client/write/support-case", test_write_support_case);
  ADD ("/client/skew/client-clock", test_clock_skew);
  ADD ("/client/skew/server-clock", test_server_clock_skew);
  ADD ("/client/transport/timeout", test_timeout);
  ADD ("/client/transport/trickle-deadline", test_trickle_deadline);
  ADD ("/client/transport/malformed", test_malformed);
  ADD ("/client/transport/truncated", test_truncated);
  ADD ("/client/transport/dropped", test_dropped);
  ADD ("/client/transport/connection-refused", test_connection_refused);
  ADD ("/client/loop/cancel-during-backoff", test_cancel_during_backoff);
  ADD ("/client/loop/not-blocked", test_main_loop_not_blocked);
  ADD ("/client/loop/concurrent", test_concurrent_calls);
  ADD ("/client/loop/per-endpoint-cap", test_per_endpoint_cap);
  ADD ("/client/loop/per-profile-cap", test_per_profile_cap);
  ADD ("/client/loop/connections-bounded", test_connections_bounded);
  ADD ("/client/credentials/assume-role", test_assume_role);
  ADD ("/client/log/no-secrets", test_debug_log);

  ret = g_test_run ();

  g_clear_object (&control_session);
  g_free (control_url);
  g_free (main_access_key);
  g_free (main_secret_key);
  return ret;
}
