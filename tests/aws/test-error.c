/* test-error.c — the error domain, and how answers become errors
 *
 * The second half runs the client against an in-process SoupServer on
 * 127.0.0.1 that answers with what real services, proxies and broken
 * emulators send: namespaced JSON types, REST-JSON error headers, XML,
 * HTML, garbage and truncated bodies.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <libsoup/soup.h>

#include "sd-aws-client.h"
#include "sd-aws-error.h"

/* The domain */

static void
test_normalize_code (void)
{
  static const struct { const char *raw; const char *expected; } cases[] = {
    { "ValidationException", "ValidationException" },
    { "com.amazonaws.support#SubscriptionRequiredException", "SubscriptionRequiredException" },
    { "aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/",
      "FooError" },
    { "FooError:http://internal.amazon.com/", "FooError" },
    { "a#b#NotFoundException", "NotFoundException" },
    { "  Throttling  ", "Throttling" },
    { "", "" },
  };

  g_assert_null (sd_aws_error_normalize_code (NULL));
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *code = sd_aws_error_normalize_code (cases[i].raw);
      g_assert_cmpstr (code, ==, cases[i].expected);
    }
}

static void
test_code_from_aws (void)
{
  static const struct { const char *code; guint status; SdAwsErrorCode expected; } cases[] = {
    { "ThrottlingException", 400, SD_AWS_ERROR_THROTTLED },
    { "TooManyRequestsException", 429, SD_AWS_ERROR_THROTTLED },
    { "Throttling", 400, SD_AWS_ERROR_THROTTLED },
    { "AccessDeniedException", 403, SD_AWS_ERROR_ACCESS_DENIED },
    { "AccessDenied", 403, SD_AWS_ERROR_ACCESS_DENIED },
    { "SignatureDoesNotMatch", 403, SD_AWS_ERROR_SIGNATURE },
    { "InvalidSignatureException", 400, SD_AWS_ERROR_SIGNATURE },
    { "InvalidClientTokenId", 403, SD_AWS_ERROR_SIGNATURE },
    { "UnrecognizedClientException", 400, SD_AWS_ERROR_SIGNATURE },
    { "RequestTimeTooSkewed", 403, SD_AWS_ERROR_SIGNATURE },
    { "ExpiredToken", 400, SD_AWS_ERROR_CREDENTIALS_EXPIRED },
    { "ExpiredTokenException", 400, SD_AWS_ERROR_CREDENTIALS_EXPIRED },
    { "NotFoundException", 404, SD_AWS_ERROR_NOT_FOUND },
    { "CaseIdNotFound", 400, SD_AWS_ERROR_NOT_FOUND },
    { "ConflictException", 409, SD_AWS_ERROR_CONFLICT },
    { "AlreadyExistsException", 400, SD_AWS_ERROR_ALREADY_EXISTS },
    { "SubscriptionRequiredException", 400, SD_AWS_ERROR_SUBSCRIPTION_REQUIRED },
    { "ValidationException", 400, SD_AWS_ERROR_VALIDATION },
    { "BadRequestException", 400, SD_AWS_ERROR_VALIDATION },
    { "IllegalArgumentException", 400, SD_AWS_ERROR_VALIDATION },
    { "InternalServerError", 500, SD_AWS_ERROR_SERVER },
    { "ServiceUnavailable", 503, SD_AWS_ERROR_SERVER },
    /* Unknown codes fall back on the status. */
    { "SomethingNew", 400, SD_AWS_ERROR_SERVICE },
    { "SomethingNew", 403, SD_AWS_ERROR_SERVICE },
    { "SomethingNew", 404, SD_AWS_ERROR_NOT_FOUND },
    { "SomethingNew", 502, SD_AWS_ERROR_SERVER },
    { NULL, 403, SD_AWS_ERROR_ACCESS_DENIED },
    { NULL, 404, SD_AWS_ERROR_NOT_FOUND },
    { NULL, 409, SD_AWS_ERROR_CONFLICT },
    { NULL, 429, SD_AWS_ERROR_THROTTLED },
    { NULL, 500, SD_AWS_ERROR_SERVER },
    { NULL, 503, SD_AWS_ERROR_SERVER },
    { NULL, 400, SD_AWS_ERROR_FAILED },
    { NULL, 0, SD_AWS_ERROR_FAILED },
    /* Codes are case-sensitive, as AWS's are. */
    { "throttlingexception", 400, SD_AWS_ERROR_SERVICE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SdAwsErrorCode code = sd_aws_error_code_from_aws (cases[i].code, cases[i].status);
      if (code != cases[i].expected)
        g_error ("%s / %u: expected %d, got %d", cases[i].code, cases[i].status,
                 cases[i].expected, code);
    }
}

static void
test_set_service (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) copy = NULL;
  g_autoptr(GError) other = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "io");

  sd_aws_error_set_service (&error, SD_AWS_ERROR_ACCESS_DENIED, "AccessDeniedException",
                            "User is not authorized", 403, "req-123", "Access denied: %s (%d)",
                            "quoted", 7);
  g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_ACCESS_DENIED);
  g_assert_cmpstr (error->message, ==, "Access denied: quoted (7)");
  g_assert_cmpstr (sd_aws_error_get_aws_code (error), ==, "AccessDeniedException");
  g_assert_cmpstr (sd_aws_error_get_aws_message (error), ==, "User is not authorized");
  g_assert_cmpuint (sd_aws_error_get_http_status (error), ==, 403);
  g_assert_cmpstr (sd_aws_error_get_request_id (error), ==, "req-123");

  /* The details survive a copy (GTask copies errors for several waiters) and a prefix. */
  copy = g_error_copy (error);
  g_assert_cmpstr (sd_aws_error_get_aws_code (copy), ==, "AccessDeniedException");
  g_assert_cmpstr (sd_aws_error_get_request_id (copy), ==, "req-123");
  g_prefix_error (&copy, "While loading: ");
  g_assert_true (g_str_has_prefix (copy->message, "While loading: Access denied"));
  g_assert_cmpuint (sd_aws_error_get_http_status (copy), ==, 403);

  /* Other domains have no details. */
  g_assert_null (sd_aws_error_get_aws_code (other));
  g_assert_null (sd_aws_error_get_request_id (other));
  g_assert_cmpuint (sd_aws_error_get_http_status (other), ==, 0);
  g_assert_null (sd_aws_error_get_aws_code (NULL));

  /* Details are optional; a NULL error location is allowed. */
  {
    g_autoptr(GError) bare = NULL;
    sd_aws_error_set_service (&bare, SD_AWS_ERROR_NETWORK, NULL, NULL, 0, NULL, "offline");
    g_assert_error (bare, SD_AWS_ERROR, SD_AWS_ERROR_NETWORK);
    g_assert_null (sd_aws_error_get_aws_code (bare));
    g_assert_null (sd_aws_error_get_request_id (bare));
  }
  sd_aws_error_set_service (NULL, SD_AWS_ERROR_FAILED, "X", NULL, 0, NULL, "ignored");

  /* A plain g_set_error in the domain works too, without details. */
  {
    g_autoptr(GError) plain = NULL;
    g_set_error (&plain, SD_AWS_ERROR, SD_AWS_ERROR_CONFIG, "bad line %d", 3);
    g_assert_null (sd_aws_error_get_aws_code (plain));
    g_assert_cmpuint (sd_aws_error_get_http_status (plain), ==, 0);
  }
}

static void
test_xml_find_text (void)
{
  static const char moto[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">\n"
    "  <Error>\n    <Type>Sender</Type>\n    <Code>SignatureDoesNotMatch</Code>\n"
    "    <Message>The request signature we calculated does not match &amp; so on</Message>\n"
    "  </Error>\n  <RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId>\n</ErrorResponse>\n";
  g_autofree char *code = sd_aws_xml_find_text (moto, -1, "Code");
  g_autofree char *message = sd_aws_xml_find_text (moto, -1, "Message");
  g_autofree char *request_id = sd_aws_xml_find_text (moto, strlen (moto), "RequestId");
  g_autofree char *missing = sd_aws_xml_find_text (moto, -1, "Nothing");
  g_autofree char *prefixed = sd_aws_xml_find_text ("<a:Root><a:Code>X1</a:Code></a:Root>", -1, "Code");
  g_autofree char *cdata = sd_aws_xml_find_text ("<R><M><![CDATA[a < b]]></M></R>", -1, "M");
  g_autofree char *first = sd_aws_xml_find_text ("<R><V>1</V><V>2</V></R>", -1, "V");
  /* Text after the element was found does not matter, even if broken. */
  g_autofree char *early = sd_aws_xml_find_text ("<R><V>ok</V><broken", -1, "V");
  g_autofree char *html = sd_aws_xml_find_text ("<html><body>Bad Gateway<br></body></html>", -1, "Code");
  g_autofree char *garbage = sd_aws_xml_find_text ("\x01\xff<<<>>>", -1, "Code");
  g_autofree char *truncated = sd_aws_xml_find_text ("<R><Code>Sig", -1, "Code");
  g_autofree char *len_limited = sd_aws_xml_find_text ("<R><Code>A</Code></R><Code>B", 20, "Code");

  g_assert_cmpstr (code, ==, "SignatureDoesNotMatch");
  g_assert_cmpstr (message, ==, "The request signature we calculated does not match & so on");
  g_assert_cmpstr (request_id, ==, "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE");
  g_assert_null (missing);
  g_assert_cmpstr (prefixed, ==, "X1");
  g_assert_cmpstr (cdata, ==, "a < b");
  g_assert_cmpstr (first, ==, "1");
  g_assert_cmpstr (early, ==, "ok");
  g_assert_null (html);
  g_assert_null (garbage);
  g_assert_null (truncated);
  g_assert_cmpstr (len_limited, ==, "A");
  g_assert_null (sd_aws_xml_find_text (NULL, -1, "Code"));
}

/* Answers become errors */

typedef struct {
  guint       status;
  const char *content_type;
  const char *body;
  const char *header_name;
  const char *header_value;
} Answer;

static const Answer *current_answer;
static gboolean current_is_write;    /* the next call_with_answer() sends a write */
static guint requests_seen;
static guint fail_first;             /* answer 503 to this many requests first */
static GPtrArray *seen_headers;      /* "invocation|sdk-request|user-agent|target" per request */

static void
answer_handler (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  const Answer *answer = current_answer;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);

  requests_seen++;
  g_ptr_array_add (seen_headers,
                   g_strdup_printf ("%s|%s|%s|%s",
                                    soup_message_headers_get_one (request_headers, "amz-sdk-invocation-id"),
                                    soup_message_headers_get_one (request_headers, "amz-sdk-request"),
                                    soup_message_headers_get_one (request_headers, "User-Agent"),
                                    soup_message_headers_get_one (request_headers, "X-Amz-Target")));
  if (requests_seen <= fail_first)
    {
      soup_server_message_set_status (msg, 503, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        "{\"__type\": \"ServiceUnavailable\"}", 32);
      return;
    }
  soup_server_message_set_status (msg, answer->status, NULL);
  soup_message_headers_replace (headers, "x-amzn-RequestId", "rid-42");
  if (answer->header_name != NULL)
    soup_message_headers_replace (headers, answer->header_name, answer->header_value);
  soup_server_message_set_response (msg, answer->content_type, SOUP_MEMORY_STATIC,
                                    answer->body, strlen (answer->body));
}

typedef struct {
  SoupServer  *server;
  SdAwsClient *client;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdAwsConfig) config = NULL;
  g_autoptr(SdAwsCredentials) creds = sd_aws_credentials_new ("AKIDTEST", "SECRETTEST", NULL, 0, "test");
  g_autofree char *url = NULL;
  GSList *uris;

  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, answer_handler, NULL, NULL);
  soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (fixture->server);
  url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_setenv ("AWS_ENDPOINT_URL", url, TRUE);
  config = sd_aws_config_new_from_data ("config", "[profile t]\nregion = eu-west-1\n", "credentials", "");
  fixture->client = sd_aws_client_new (config);
  sd_aws_client_set_profile_credentials (fixture->client, "t", creds);
  /* One attempt: these tests are about mapping, not retrying. */
  sd_aws_client_set_max_attempts (fixture->client, 1);
  requests_seen = 0;
  fail_first = 0;
  seen_headers = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_unsetenv ("AWS_ENDPOINT_URL");
  g_clear_pointer (&seen_headers, g_ptr_array_unref);
  g_clear_object (&fixture->client);
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
}

static void
on_result (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;
  *out = g_object_ref (result);
}

static JsonObject *
call_with_answer (Fixture             *fixture,
                  const Answer        *answer,
                  const SdAwsService  *service,
                  GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  SdAwsCall *call = sd_aws_call_new (service, service == &sd_aws_service_sesv2 ? "GetAccount" : "DescribeCases",
                                     "t", NULL);

  if (service == &sd_aws_service_sesv2)
    sd_aws_call_set_http (call, "GET", "/v2/email/account");
  sd_aws_call_set_write (call, current_is_write);
  current_is_write = FALSE;
  current_answer = answer;
  sd_aws_client_send_async (fixture->client, call, NULL, on_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return sd_aws_client_send_finish (fixture->client, result, error);
}

static void
test_json_type_namespaced (Fixture *fixture, gconstpointer data)
{
  const Answer answer = {
    400, "application/x-amz-json-1.1",
    "{\"__type\": \"com.amazonaws.support#SubscriptionRequiredException\", "
    "\"message\": \"AWS Premium Support Subscription is required to use this service.\"}",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = call_with_answer (fixture, &answer, &sd_aws_service_support, &error);

  g_assert_null (object);
  g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_SUBSCRIPTION_REQUIRED);
  g_assert_cmpstr (sd_aws_error_get_aws_code (error), ==, "SubscriptionRequiredException");
  g_assert_cmpstr (sd_aws_error_get_aws_message (error), ==,
                   "AWS Premium Support Subscription is required to use this service.");
  g_assert_cmpuint (sd_aws_error_get_http_status (error), ==, 400);
  g_assert_cmpstr (sd_aws_error_get_request_id (error), ==, "rid-42");
  g_assert_nonnull (strstr (error->message, "Support Center"));
}

static void
test_rest_json_header (Fixture *fixture, gconstpointer data)
{
  const Answer answer = {
    403, "application/json", "{\"Message\": \"User: arn:aws:iam::1:user/x is not authorized\"}",
    "x-amzn-ErrorType", "AccessDeniedException:http://internal.amazon.com/coral/",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = call_with_answer (fixture, &answer, &sd_aws_service_sesv2, &error);

  g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_ACCESS_DENIED);
  g_assert_cmpstr (sd_aws_error_get_aws_code (error), ==, "AccessDeniedException");
  /* What happened, quoting the server, and which permission is missing. */
  g_assert_nonnull (strstr (error->message, "Access denied"));
  g_assert_nonnull (strstr (error->message, "is not authorized"));
  g_assert_nonnull (strstr (error->message, "ses:GetAccount"));
}

static void
test_xml_error (Fixture *fixture, gconstpointer data)
{
  const Answer answer = {
    403, "text/xml",
    "<?xml version=\"1.0\"?><ErrorResponse><Error><Code>SignatureDoesNotMatch</Code>"
    "<Message>The request signature we calculated does not match the signature you provided.</Message>"
    "</Error><RequestId>xml-rid</RequestId></ErrorResponse>",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = NULL;

  /* No request id header: it comes from the XML. */
  g_assert_null (answer.header_name);
  object = call_with_answer (fixture, &answer, &sd_aws_service_sesv2, &error);
  g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_SIGNATURE);
  g_assert_cmpstr (sd_aws_error_get_aws_code (error), ==, "SignatureDoesNotMatch");
  g_assert_nonnull (strstr (error->message, "secret access key of profile “t”"));
  g_assert_cmpuint (sd_aws_error_get_http_status (error), ==, 403);
}

static void
test_html_error (Fixture *fixture, gconstpointer data)
{
  const Answer answer = { 502, "text/html", "<html><body><h1>502 Bad Gateway</h1><hr></body></html>" };
  const Answer forbidden = { 403, "text/html", "<!DOCTYPE html><html><p>Proxy says no</p></html>" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;
  g_autoptr(JsonObject) object = call_with_answer (fixture, &answer, &sd_aws_service_sesv2, &error);
  g_autoptr(JsonObject) object2 = NULL;

  g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "HTML"));
  g_assert_nonnull (strstr (error->message, "502"));
  g_assert_null (sd_aws_error_get_aws_code (error));
  g_assert_cmpuint (sd_aws_error_get_http_status (error), ==, 502);

  object2 = call_with_answer (fixture, &forbidden, &sd_aws_service_support, &error2);
  g_assert_error (error2, SD_AWS_ERROR, SD_AWS_ERROR_BAD_RESPONSE);
  g_assert_nonnull (strstr (error2->message, "HTML"));
  g_assert_nonnull (strstr (error2->message, "403"));
}

static void
test_garbage_success (Fixture *fixture, gconstpointer data)
{
  static const Answer answers[] = {
    { 200, "application/json", "{\"SendQuota\": {\"Max24HourSend\": 200" },   /* truncated */
    { 200, "application/json", "\x01\x02\xff garbage" },
    { 200, "text/html", "<html>captive portal</html>" },
    { 200, "application/json", "[1, 2, 3]" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) object = call_with_answer (fixture, &answers[i], &sd_aws_service_sesv2, &error);

      g_assert_null (object);
      g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_BAD_RESPONSE);
      g_assert_cmpuint (sd_aws_error_get_http_status (error), ==, 200);
      g_assert_nonnull (strstr (error->message, "GetAccount"));
    }
}

static void
test_deeply_nested (Fixture *fixture, gconstpointer data)
{
  /* 300,000 nested arrays: json-glib would overflow its stack parsing it. */
  g_autoptr(GString) body = g_string_new ("{\"a\": ");
  Answer answers[2] = {
    { 200, "application/json", NULL },
    { 500, "application/json", NULL },
  };

  for (guint i = 0; i < 300000; i++)
    g_string_append_c (body, '[');
  for (gsize i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) object = NULL;

      answers[i].body = body->str;
      object = call_with_answer (fixture, &answers[i], &sd_aws_service_sesv2, &error);
      g_assert_null (object);
      g_assert_nonnull (error);
      g_assert_cmpuint (sd_aws_error_get_http_status (error), ==, answers[i].status);
    }
}

static void
test_garbage_error (Fixture *fixture, gconstpointer data)
{
  const Answer answer = { 400, "application/json", "{\"__type\": \"Validat" };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = call_with_answer (fixture, &answer, &sd_aws_service_support, &error);

  g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_BAD_RESPONSE);
  g_assert_nonnull (strstr (error->message, "400"));
}

static void
test_success_json (Fixture *fixture, gconstpointer data)
{
  const Answer ok = { 200, "application/json", "{\"ProductionAccessEnabled\": false}" };
  /* moto answers some calls without a JSON content type. */
  const Answer untyped = { 200, "text/html; charset=utf-8", "{\"cases\": []}" };
  const Answer empty = { 200, "application/x-amz-json-1.1", "" };
  const Answer blank = { 200, "application/json", " \r\n\t  " };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = call_with_answer (fixture, &ok, &sd_aws_service_sesv2, &error);
  g_autoptr(JsonObject) object2 = NULL;
  g_autoptr(JsonObject) object3 = NULL;
  g_autoptr(JsonObject) object4 = NULL;

  g_assert_no_error (error);
  g_assert_false (json_object_get_boolean_member (object, "ProductionAccessEnabled"));

  object2 = call_with_answer (fixture, &untyped, &sd_aws_service_support, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_has_member (object2, "cases"));

  /* A read that answers nothing gave no answer: taken as {}, GetAccount
   * would read as an account in the sandbox. */
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(GError) error2 = NULL;
      g_autoptr(JsonObject) none = call_with_answer (fixture, i % 2 == 0 ? &empty : &blank,
                                                     i < 2 ? &sd_aws_service_sesv2 : &sd_aws_service_support,
                                                     &error2);

      g_assert_null (none);
      g_assert_error (error2, SD_AWS_ERROR, SD_AWS_ERROR_BAD_RESPONSE);
      g_assert_nonnull (strstr (error2->message, "an empty body"));
    }

  /* A write may answer nothing (an operation without output). */
  current_is_write = TRUE;
  object3 = call_with_answer (fixture, &empty, &sd_aws_service_support, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_object_get_size (object3), ==, 0);
  current_is_write = TRUE;
  object4 = call_with_answer (fixture, &blank, &sd_aws_service_sesv2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_object_get_size (object4), ==, 0);
  g_assert_cmpuint (requests_seen, ==, 8);
}

static void
test_throttled_429 (Fixture *fixture, gconstpointer data)
{
  const Answer answer = {
    429, "application/json", "{\"message\": \"Too many requests\"}",
    "x-amzn-ErrorType", "TooManyRequestsException",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = call_with_answer (fixture, &answer, &sd_aws_service_sesv2, &error);

  g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_THROTTLED);
  g_assert_cmpstr (sd_aws_error_get_aws_code (error), ==, "TooManyRequestsException");
  g_assert_cmpuint (requests_seen, ==, 1);
}

static double
zero_random (gpointer user_data)
{
  return 0.0;
}

static void
test_retry_headers (Fixture *fixture, gconstpointer data)
{
  const Answer ok = { 200, "application/x-amz-json-1.1", "{\"cases\": []}" };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_auto(GStrv) first = NULL;
  g_auto(GStrv) second = NULL;
  g_auto(GStrv) third = NULL;

  sd_aws_client_set_max_attempts (fixture->client, 3);
  sd_aws_retry_policy_set_random (sd_aws_client_get_retry_policy (fixture->client), zero_random, NULL);
  fail_first = 2;
  object = call_with_answer (fixture, &ok, &sd_aws_service_support, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (requests_seen, ==, 3);

  first = g_strsplit (seen_headers->pdata[0], "|", -1);
  second = g_strsplit (seen_headers->pdata[1], "|", -1);
  third = g_strsplit (seen_headers->pdata[2], "|", -1);
  /* One invocation id for all attempts of a call, a UUID. */
  g_assert_true (g_uuid_string_is_valid (first[0]));
  g_assert_cmpstr (first[0], ==, second[0]);
  g_assert_cmpstr (first[0], ==, third[0]);
  g_assert_cmpstr (first[1], ==, "attempt=1; max=3");
  g_assert_cmpstr (second[1], ==, "attempt=2; max=3");
  g_assert_cmpstr (third[1], ==, "attempt=3; max=3");
  g_assert_true (g_str_has_prefix (first[2], "ses-desk/" PACKAGE_VERSION));
  g_assert_cmpstr (first[3], ==, "AWSSupport_20130415.DescribeCases");

  /* The next call has its own id. */
  g_clear_pointer (&object, json_object_unref);
  object = call_with_answer (fixture, &ok, &sd_aws_service_support, &error);
  g_assert_no_error (error);
  g_assert_false (g_str_has_prefix (seen_headers->pdata[3], first[0]));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/error/normalize-code", test_normalize_code);
  g_test_add_func ("/error/code-from-aws", test_code_from_aws);
  g_test_add_func ("/error/set-service", test_set_service);
  g_test_add_func ("/error/xml-find-text", test_xml_find_text);
  g_test_add ("/error/answer/json-type-namespaced", Fixture, NULL, fixture_setup,
              test_json_type_namespaced, fixture_teardown);
  g_test_add ("/error/answer/rest-json-header", Fixture, NULL, fixture_setup,
              test_rest_json_header, fixture_teardown);
  g_test_add ("/error/answer/xml", Fixture, NULL, fixture_setup, test_xml_error, fixture_teardown);
  g_test_add ("/error/answer/html", Fixture, NULL, fixture_setup, test_html_error, fixture_teardown);
  g_test_add ("/error/answer/garbage-success", Fixture, NULL, fixture_setup,
              test_garbage_success, fixture_teardown);
  g_test_add ("/error/answer/deeply-nested", Fixture, NULL, fixture_setup,
              test_deeply_nested, fixture_teardown);
  g_test_add ("/error/answer/garbage-error", Fixture, NULL, fixture_setup,
              test_garbage_error, fixture_teardown);
  g_test_add ("/error/answer/success-json", Fixture, NULL, fixture_setup,
              test_success_json, fixture_teardown);
  g_test_add ("/error/answer/throttled-429", Fixture, NULL, fixture_setup,
              test_throttled_429, fixture_teardown);

  g_test_add ("/error/answer/retry-headers", Fixture, NULL, fixture_setup,
              test_retry_headers, fixture_teardown);

  return g_test_run ();
}
