/* request-test-util.c — what the requests tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "sd-aws-json.h"
#include "request-test-util.h"

static GAsyncResult *pending_result;

/** Calls the control endpoint. */
JsonNode *
emu_control (const char *method,
             const char *path,
             const char *body)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (g_getenv ("SD_EMULATOR_CONTROL"), path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (method, url);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (g_getenv ("SD_EMULATOR_CONTROL"));
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (message, "application/json", bytes);
    }
  answer = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  if (soup_message_get_status (message) != 200)
    g_error ("%s %s: HTTP %u %.*s", method, path, soup_message_get_status (message),
             (int) g_bytes_get_size (answer), (const char *) g_bytes_get_data (answer, NULL));
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (answer, NULL), g_bytes_get_size (answer),
                                             NULL));
  return json_node_ref (json_parser_get_root (parser));
}

void
emu_control_quiet (const char *method,
                   const char *path,
                   const char *body)
{
  g_autoptr(JsonNode) node = emu_control (method, path, body);
}

JsonArray *
emu_requests (const char *operation,
              const char *region)
{
  g_autofree char *path = g_strdup_printf ("/requests?operation=%s%s%s", operation, region ? "&region=" : "",
                                           region ? region : "");
  g_autoptr(JsonNode) log = emu_control ("GET", path, NULL);
  JsonNode *requests = JSON_NODE_HOLDS_OBJECT (log)
    ? json_object_get_member (json_node_get_object (log), "requests") : log;

  return json_array_ref (json_node_get_array (requests));
}

guint
emu_count (const char *operation,
           const char *region)
{
  g_autoptr(JsonArray) requests = emu_requests (operation, region);

  return json_array_get_length (requests);
}

JsonObject *
emu_account_state (const char *account_id)
{
  g_autofree char *path = g_strdup_printf ("/state?account=%s", account_id);
  g_autoptr(JsonNode) state = emu_control ("GET", path, NULL);
  JsonArray *accounts = sd_json_get_array (json_node_get_object (state), "accounts");

  for (guint i = 0; accounts != NULL && i < json_array_get_length (accounts); i++)
    {
      JsonObject *account = json_array_get_object_element (accounts, i);

      if (g_strcmp0 (sd_json_get_string (account, "account_id"), account_id) == 0)
        return json_object_ref (account);
    }
  g_error ("no account %s in the emulator", account_id);
}

JsonObject *
emu_region_state (JsonObject *account,
                  const char *region)
{
  JsonObject *region_state = sd_json_get_object (sd_json_get_object (account, "regions"), region);

  g_assert_nonnull (region_state);
  return region_state;
}

guint
emu_count_cases (const char *account_id,
                 const char *needle)
{
  g_autoptr(JsonObject) account = emu_account_state (account_id);
  JsonArray *cases = sd_json_get_array (account, "cases");
  guint n = 0;

  for (guint i = 0; cases != NULL && i < json_array_get_length (cases); i++)
    {
      JsonObject *details = json_array_get_object_element (cases, i);
      JsonArray *messages = sd_json_get_array (details, "communications");
      const char *subject = sd_json_get_string (details, "subject");
      gboolean match = subject != NULL && strstr (subject, needle) != NULL;

      for (guint k = 0; !match && messages != NULL && k < json_array_get_length (messages); k++)
        {
          const char *body = sd_json_get_string (json_array_get_object_element (messages, k), "body");

          match = body != NULL && strstr (body, needle) != NULL;
        }
      n += match;
    }
  return n;
}

const char *
emu_account_id (const char *profile)
{
  static JsonParser *parser;
  JsonArray *accounts;

  if (parser == NULL)
    {
      parser = json_parser_new ();
      g_assert_true (json_parser_load_from_data (parser, g_getenv ("SD_EMULATOR_JSON"), -1, NULL));
    }
  accounts = sd_json_get_array (json_node_get_object (json_parser_get_root (parser)), "accounts");
  for (guint i = 0; i < json_array_get_length (accounts); i++)
    {
      JsonObject *account = json_array_get_object_element (accounts, i);

      if (g_strcmp0 (sd_json_get_string (account, "profile"), profile) == 0)
        return sd_json_get_string (account, "account_id");
    }
  g_error ("no profile %s in the emulator", profile);
}

void
emu_on_result (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_assert_null (pending_result);
  pending_result = g_object_ref (result);
}

GAsyncResult *
emu_wait_result (void)
{
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  GAsyncResult *result;

  while (pending_result == NULL)
    {
      g_main_context_iteration (NULL, TRUE);
      if (g_get_monotonic_time () > deadline)
        g_error ("no result after 120 s");
    }
  result = pending_result;
  pending_result = NULL;
  return result;
}

static gboolean
on_tick (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

void
wait_outbox_idle (SdOutbox *outbox,
                  guint     timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  guint tick = g_timeout_add (50, on_tick, NULL);

  while (sd_outbox_get_busy (outbox))
    {
      g_main_context_iteration (NULL, TRUE);
      if (g_get_monotonic_time () > deadline)
        g_error ("the outbox is still busy after %u ms", timeout_ms);
    }
  g_source_remove (tick);
}

static gboolean
on_quit (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

void
run_main_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_quit, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("sd-requests-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR))
          remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

SdAwsClient *
new_client (guint timeout_seconds)
{
  SdAwsClient *client = sd_aws_client_new (NULL);

  sd_aws_client_set_timeout (client, timeout_seconds);
  return client;
}

SdRequest *
filled_request (SdRequestKind  kind,
                const char    *profile,
                const char    *region,
                const char    *language)
{
  SdRequest *request = sd_request_new (kind);

  sd_request_set_profile (request, profile);
  sd_request_set_region (request, region);
  sd_request_set_limit_value (request, "100000");
  sd_request_set_ip_count (request, kind == SD_REQUEST_KIND_RELEASE_IPS ? "1" : "3");
  sd_request_set_mail_type (request, SD_MAIL_TYPE_SYSTEM_NOTIFICATIONS);
  sd_request_set_website_url (request, "https://shop.example.com/");
  sd_request_set_answer (request, SD_REQUEST_FIELD_COMPLIES_WITH_TERMS, SD_ANSWER_YES);
  sd_request_set_answer (request, SD_REQUEST_FIELD_ONLY_REQUESTED_RECIPIENTS, SD_ANSWER_YES);
  sd_request_set_answer (request, SD_REQUEST_FIELD_HANDLES_BOUNCES, SD_ANSWER_YES);
  sd_request_set_use_case (request, "Order confirmations and password resets for shop.example.com customers.");
  sd_request_set_support_language (request, language);
  sd_request_set_contact_emails (request, "ops@example.com");
  return request;
}

GPtrArray *
send_and_wait (SdOutbox   *outbox,
               SdRequest  *request,
               GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sd_outbox_send_async (outbox, request, NULL, emu_on_result, NULL);
  result = emu_wait_result ();
  return sd_outbox_send_finish (outbox, result, error);
}

gboolean
send_again_and_wait (SdOutbox       *outbox,
                     SdOutboxEntry  *entry,
                     GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sd_outbox_send_again_async (outbox, entry, NULL, emu_on_result, NULL);
  result = emu_wait_result ();
  return sd_outbox_send_again_finish (outbox, result, error);
}
