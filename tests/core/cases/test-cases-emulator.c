/* test-cases-emulator.c — the case list and threads against the AWS emulator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under tests/aws-emulator/with-emulator with cases-scenario.json: 35
 * cases (four pages of ten), a 35-message thread with an attachment and
 * hostile text, a review case and a quota request's case, this app's case,
 * an account without a support plan and one whose GetAccount shows display
 * ids. The tests run in order and share the emulator's state.
 */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "sd-aws-error.h"
#include "sd-case-list.h"
#include "sd-case-list-known.h"
#include "sd-case-thread.h"

#define PROFILE "cases"
#define ACCOUNT "111111111111"
#define CASE_ID(n) "case-111111111111-2026-" n
#define REVIEW_CASE   CASE_ID ("00000000000000a1")
#define QUOTA_CASE    CASE_ID ("00000000000000b2")
#define APP_CASE      CASE_ID ("00000000000000c4")
#define LONG_CASE     CASE_ID ("00000000000000c3")
#define REPLY_CASE    CASE_ID ("0000000000000101")
#define REOPEN_CASE   CASE_ID ("0000000000000102")
#define ATTACH_CASE   CASE_ID ("0000000000000103")
#define APPLIED_CASE  CASE_ID ("0000000000000104")
#define DROPPED_CASE  CASE_ID ("0000000000000105")
#define UNCERTAIN_CASE CASE_ID ("0000000000000106")
#define EXPIRED_CASE  CASE_ID ("0000000000000107")
#define NOTIFY_CASE   CASE_ID ("0000000000000108")
#define DRAFT_CASE    CASE_ID ("0000000000000109")
#define N_OPEN_CASES 34

static char *cache_dir;
static SdCaseCache *cache;

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

static void
control_ok (const char *method,
            const char *path,
            const char *body)
{
  g_autoptr(JsonNode) node = control (method, path, body);
}

/* The requests of @operation the emulator logged since the last reset. */
static JsonArray *
requests_of (const char *operation)
{
  g_autofree char *path = g_strdup_printf ("/requests?operation=%s", operation);
  g_autoptr(JsonNode) log = control ("GET", path, NULL);
  JsonNode *requests = JSON_NODE_HOLDS_OBJECT (log)
    ? json_object_get_member (json_node_get_object (log), "requests") : log;

  return json_array_ref (json_node_get_array (requests));
}

static guint
count_requests (const char *operation)
{
  g_autoptr(JsonArray) requests = requests_of (operation);
  return json_array_get_length (requests);
}

static void
reset_emulator (void)
{
  control_ok ("DELETE", "/faults", NULL);
  control_ok ("DELETE", "/requests", NULL);
  control_ok ("POST", "/settings", "{\"time_offset_s\": 0}");
}

static void
add_fault (const char *json)
{
  control_ok ("POST", "/faults", json);
}

static SdAwsClient *
new_client (guint max_attempts)
{
  SdAwsClient *client = sd_aws_client_new (NULL);

  sd_aws_client_set_timeout (client, 10);
  if (max_attempts > 0)
    sd_aws_client_set_max_attempts (client, max_attempts);
  return client;
}

typedef struct {
  GMainLoop    *loop;
  GAsyncResult *result;
} Wait;

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

static void
wait_init (Wait *wait)
{
  wait->loop = g_main_loop_new (NULL, FALSE);
  wait->result = NULL;
}

static GAsyncResult *
wait_run (Wait *wait)
{
  if (wait->result == NULL)
    g_main_loop_run (wait->loop);
  g_main_loop_unref (wait->loop);
  return wait->result;
}

static gboolean
refresh_list (SdCaseList  *list,
              GError     **error)
{
  Wait wait;
  gboolean ok;

  wait_init (&wait);
  sd_case_list_refresh_async (list, NULL, on_done, &wait);
  ok = sd_case_list_refresh_finish (list, wait_run (&wait), error);
  g_object_unref (wait.result);
  return ok;
}

static GPtrArray *
check_new (SdCaseList *list)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *fresh;
  Wait wait;

  wait_init (&wait);
  sd_case_list_check_new_messages_async (list, NULL, on_done, &wait);
  fresh = sd_case_list_check_new_messages_finish (list, wait_run (&wait), &error);
  g_object_unref (wait.result);
  g_assert_no_error (error);
  return fresh;
}

static int
discover (SdCaseList         *list,
          const char * const *regions)
{
  g_autoptr(GError) error = NULL;
  Wait wait;
  int found;

  wait_init (&wait);
  sd_case_list_discover_known_async (list, regions, NULL, on_done, &wait);
  found = sd_case_list_discover_known_finish (list, wait_run (&wait), &error);
  g_object_unref (wait.result);
  g_assert_no_error (error);
  return found;
}

static gboolean
refresh_thread (SdCaseThread  *thread,
                GError       **error)
{
  Wait wait;
  gboolean ok;

  wait_init (&wait);
  sd_case_thread_refresh_async (thread, NULL, on_done, &wait);
  ok = sd_case_thread_refresh_finish (thread, wait_run (&wait), error);
  g_object_unref (wait.result);
  return ok;
}

static gboolean
send_reply (SdCaseThread  *thread,
            SdCaseReply   *reply,
            GError       **error)
{
  Wait wait;
  gboolean ok;

  wait_init (&wait);
  sd_case_thread_reply_async (thread, reply, NULL, on_done, &wait);
  ok = sd_case_thread_reply_finish (thread, wait_run (&wait), error);
  g_object_unref (wait.result);
  return ok;
}

static void
add_attachment (SdCaseReply *reply,
                const char  *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  Wait wait;

  wait_init (&wait);
  sd_case_reply_add_attachment_async (reply, file, NULL, on_done, &wait);
  g_assert_true (sd_case_reply_add_attachment_finish (reply, wait_run (&wait), &error));
  g_object_unref (wait.result);
  g_assert_no_error (error);
}

static GBytes *
save_attachment (SdCaseThread              *thread,
                 SdCommunicationAttachment *attachment)
{
  g_autofree char *path = g_build_filename (cache_dir, "download.bin", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GBytes *bytes;
  Wait wait;

  g_remove (path);
  wait_init (&wait);
  sd_case_thread_save_attachment_async (thread, attachment, file, NULL, on_done, &wait);
  g_assert_true (sd_case_thread_save_attachment_finish (thread, wait_run (&wait), &error));
  g_object_unref (wait.result);
  g_assert_no_error (error);
  bytes = g_file_load_bytes (file, NULL, NULL, &error);
  g_assert_no_error (error);
  return bytes;
}

/* How many messages of @thread have exactly @body. */
static guint
count_bodies (SdCaseThread *thread,
              const char   *body)
{
  GListModel *model = G_LIST_MODEL (thread);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SdCommunication) message = g_list_model_get_item (model, i);

      if (g_str_equal (sd_communication_get_raw_body (message), body))
        n++;
    }
  return n;
}

static SdCommunication *
find_body (SdCaseThread *thread,
           const char   *body)
{
  GListModel *model = G_LIST_MODEL (thread);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      SdCommunication *message = g_list_model_get_item (model, i);

      if (g_str_equal (sd_communication_get_raw_body (message), body))
        return message;
      g_object_unref (message);
    }
  return NULL;
}

static SdCaseThread *
loaded_thread (SdAwsClient *client,
               const char  *case_id)
{
  g_autoptr(GError) error = NULL;
  SdCaseThread *thread = sd_case_thread_new (client, PROFILE, case_id, cache);

  g_assert_true (refresh_thread (thread, &error));
  g_assert_no_error (error);
  return thread;
}

static char *
write_temp (const char *name,
            GBytes     *bytes)
{
  char *path = g_build_filename (cache_dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  return path;
}

static GBytes *
random_bytes (gsize n)
{
  guchar *data = g_malloc (n);

  for (gsize i = 0; i < n; i++)
    data[i] = g_random_int_range (0, 256);
  return g_bytes_new_take (data, n);
}

/* Spins the main loop until the cache writes started by a load are done. */
static void
wait_for_file (const char *path)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (!g_file_test (path, G_FILE_TEST_EXISTS) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  /* and whatever write was queued behind it */
  for (guint i = 0; i < 50; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
}

static const char *
subject_at (GListModel *model,
            guint       i)
{
  g_autoptr(SdCase) case_ = g_list_model_get_item (model, i);
  return sd_case_get_subject (case_);
}

/* Tests */

static void
test_list_pages_and_links (void)
{
  g_autoptr(SdAwsClient) client = new_client (0);
  g_autoptr(SdCaseList) list = sd_case_list_new (client, PROFILE, cache);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) requests = NULL;
  GListModel *model = G_LIST_MODEL (list);
  JsonObject *params;
  SdCase *review;
  SdCase *quota;

  reset_emulator ();
  sd_case_list_set_page_size (list, 10);
  g_assert_true (refresh_list (list, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sd_case_list_get_state (list), ==, SD_CASE_LIST_STATE_READY);
  g_assert_null (sd_case_list_get_message (list));
  g_assert_cmpint (sd_case_list_get_updated (list), >, 0);

  /* 34 open cases in four pages of ten; the resolved one not asked for. */
  g_assert_cmpuint (sd_case_list_get_n_total (list), ==, N_OPEN_CASES);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_OPEN_CASES);
  requests = requests_of ("DescribeCases");
  g_assert_cmpuint (json_array_get_length (requests), ==, 4);
  params = json_object_get_object_member (json_array_get_object_element (requests, 0), "params");
  g_assert_false (json_object_get_boolean_member (params, "includeResolvedCases"));
  g_assert_cmpint (json_object_get_int_member (params, "maxResults"), ==, 10);
  g_assert_null (sd_case_list_lookup (list, "case-111111111111-2026-00000000000000d5"));

  /* Before the links are known only this app's case comes first. */
  g_assert_cmpstr (subject_at (model, 0), ==, "[SD-7F3K2Q] Dedicated addresses");
  g_assert_true (sd_case_get_from_app (sd_case_list_lookup (list, APP_CASE)));

  /* The review case of eu-west-1 and the quota request's case of us-west-2. */
  g_assert_cmpint (discover (list, (const char * const[]) { "eu-west-1", "us-west-2", NULL }), ==, 2);
  review = sd_case_list_lookup (list, REVIEW_CASE);
  quota = sd_case_list_lookup (list, QUOTA_CASE);
  g_assert_nonnull (review);
  g_assert_nonnull (quota);
  g_assert_cmpint (sd_case_get_origin (review), ==, SD_CASE_ORIGIN_REVIEW);
  g_assert_cmpstr (sd_case_get_origin_region (review), ==, "eu-west-1");
  g_assert_cmpint (sd_case_get_origin (quota), ==, SD_CASE_ORIGIN_QUOTA_REQUEST);
  g_assert_cmpstr (sd_case_get_origin_region (quota), ==, "us-west-2");
  /* Linked cases move up, among this app's, newest activity first. */
  g_assert_cmpstr (subject_at (model, 0), ==, "[SD-7F3K2Q] Dedicated addresses");
  g_assert_cmpstr (subject_at (model, 1), ==, "Account review: production access");
  g_assert_cmpstr (subject_at (model, 2), ==, "Request about a sending limit");
  /* Then everything else by last activity: the newest ordinary cases. */
  for (guint i = 4; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SdCase) a = g_list_model_get_item (model, i - 1);
      g_autoptr(SdCase) b = g_list_model_get_item (model, i);
      g_assert_cmpint (g_date_time_compare (sd_case_get_last_activity (a), sd_case_get_last_activity (b)), >=, 0);
    }

  /* Resolved cases on demand. */
  control_ok ("DELETE", "/requests", NULL);
  sd_case_list_set_include_resolved (list, TRUE);
  g_assert_true (refresh_list (list, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sd_case_list_get_n_total (list), ==, N_OPEN_CASES + 1);
  g_assert_nonnull (sd_case_list_lookup (list, "case-111111111111-2026-00000000000000d5"));
  g_clear_pointer (&requests, json_array_unref);
  requests = requests_of ("DescribeCases");
  params = json_object_get_object_member (json_array_get_object_element (requests, 0), "params");
  g_assert_true (json_object_get_boolean_member (params, "includeResolvedCases"));
  /* The links survive a refresh. */
  g_assert_cmpint (sd_case_get_origin (sd_case_list_lookup (list, REVIEW_CASE)), ==, SD_CASE_ORIGIN_REVIEW);
}

static void
test_list_search_and_filter (void)
{
  g_autoptr(SdAwsClient) client = new_client (0);
  g_autoptr(SdCaseList) list = sd_case_list_new (client, PROFILE, cache);
  g_autoptr(GError) error = NULL;
  GListModel *model = G_LIST_MODEL (list);

  reset_emulator ();
  g_assert_true (refresh_list (list, &error));
  sd_case_list_set_search_text (list, "日本語");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpstr (subject_at (model, 0), ==, "日本語の問い合わせ");
  sd_case_list_set_search_text (list, "general question #1");
  /* #1 and #10..#19 */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 11);
  sd_case_list_set_search_text (list, NULL);
  sd_case_list_set_filter (list, SD_CASE_FILTER_NEEDS_REPLY);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpstr (subject_at (model, 0), ==, "Long conversation");
  sd_case_list_set_filter (list, SD_CASE_FILTER_OPEN);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_OPEN_CASES);
}

static void
test_thread_pages (void)
{
  g_autoptr(SdAwsClient) client = new_client (0);
  g_autoptr(SdCaseThread) thread = sd_case_thread_new (client, PROFILE, LONG_CASE, cache);
  g_autoptr(GError) error = NULL;
  GListModel *model = G_LIST_MODEL (thread);
  g_autoptr(SdCommunication) first = NULL;
  g_autoptr(SdCommunication) hostile = NULL;
  g_autoptr(SdCommunication) with_file = NULL;
  g_autoptr(SdCommunicationAttachment) attachment = NULL;
  g_autoptr(GBytes) saved = NULL;
  SdSafeText *body;
  const char *text;

  reset_emulator ();
  sd_case_thread_set_page_size (thread, 10);
  g_assert_true (refresh_thread (thread, &error));
  g_assert_no_error (error);
  g_assert_false (sd_case_thread_get_offline (thread));
  g_assert_false (sd_case_thread_get_partial (thread));

  /* 35 messages in four pages of ten. */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 35);
  g_assert_cmpuint (count_requests ("DescribeCommunications"), ==, 4);
  g_assert_cmpstr (sd_case_get_subject (sd_case_thread_get_case (thread)), ==, "Long conversation");
  g_assert_cmpint (sd_case_get_status (sd_case_thread_get_case (thread)), ==,
                   SD_CASE_STATUS_PENDING_CUSTOMER_ACTION);

  /* Oldest first; who wrote each. */
  first = g_list_model_get_item (model, 0);
  g_assert_cmpstr (sd_communication_get_raw_body (first), ==, "Message 1 of the long conversation.");
  g_assert_cmpint (sd_communication_get_author (first), ==, SD_AUTHOR_ACCOUNT);
  g_assert_cmpstr (sd_communication_get_author_email (first), ==, "ops@example.com");
  for (guint i = 0; i < 35; i++)
    {
      g_autoptr(SdCommunication) message = g_list_model_get_item (model, i);

      g_assert_cmpint (sd_communication_get_author (message), ==, i % 2 == 0 ? SD_AUTHOR_ACCOUNT : SD_AUTHOR_AWS);
      g_assert_nonnull (sd_communication_get_time (message));
      if (i > 0)
        {
          g_autoptr(SdCommunication) before = g_list_model_get_item (model, i - 1);
          g_assert_cmpint (g_date_time_compare (sd_communication_get_time (before),
                                                sd_communication_get_time (message)), <, 0);
        }
    }

  /* The hostile message is text, with its one http(s) link. */
  hostile = g_list_model_get_item (model, 7);
  body = sd_communication_get_body (hostile);
  text = sd_safe_text_get_text (body, NULL);
  g_assert_true (g_str_has_prefix (text, "<b>Bold?</b> <span foreground='red'>markup</span> &amp; "));
  g_assert_null (strstr (text, "\xe2\x80\xae"));
  g_assert_cmpuint (sd_safe_text_get_n_links (body), ==, 1);
  g_assert_cmpstr (sd_safe_text_get_link (body, 0)->uri, ==,
                   "https://docs.aws.amazon.com/ses/latest/dg/request-production-access.html");

  /* The attachment of message 6, saved as it is. */
  with_file = g_list_model_get_item (model, 5);
  g_assert_cmpuint (g_list_model_get_n_items (sd_communication_get_attachments (with_file)), ==, 1);
  attachment = g_list_model_get_item (sd_communication_get_attachments (with_file), 0);
  g_assert_cmpstr (sd_communication_attachment_get_file_name (attachment), ==, "report.csv");
  saved = save_attachment (thread, attachment);
  g_assert_cmpmem (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved),
                   "region,sent\neu-west-1,42\n", 25);

  /* Newest first by choice. */
  sd_case_thread_set_order (thread, SD_THREAD_ORDER_NEWEST_FIRST);
  {
    g_autoptr(SdCommunication) newest = g_list_model_get_item (model, 0);
    g_assert_cmpstr (sd_communication_get_raw_body (newest), ==, "Message 35 of the long conversation.");
  }
}

static void
test_reply (void)
{
  g_autoptr(SdAwsClient) client = new_client (0);
  g_autoptr(SdCaseThread) thread = NULL;
  g_autoptr(SdCaseReply) reply = sd_case_reply_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SdCommunication) sent = NULL;
  g_autofree char *journal = sd_case_cache_dup_state_path (cache, PROFILE, "reply-" REPLY_CASE);

  reset_emulator ();
  thread = loaded_thread (client, REPLY_CASE);
  sd_case_reply_set_body (reply, "Thank you, here is the answer.\r\nBest regards");
  g_assert_true (send_reply (thread, reply, &error));
  g_assert_no_error (error);

  g_assert_cmpint (sd_case_thread_get_reply_state (thread), ==, SD_REPLY_STATE_NONE);
  g_assert_cmpstr (sd_case_reply_get_body (reply), ==, "");
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_requests ("AddCommunicationToCase"), ==, 1);
  g_assert_cmpuint (count_requests ("AddAttachmentsToSet"), ==, 0);
  /* The thread was read again: the reply is in it, once, from the account. */
  g_assert_cmpuint (count_bodies (thread, "Thank you, here is the answer.\r\nBest regards"), ==, 1);
  sent = find_body (thread, "Thank you, here is the answer.\r\nBest regards");
  g_assert_cmpint (sd_communication_get_author (sent), ==, SD_AUTHOR_ACCOUNT);
  g_assert_nonnull (strstr (sd_communication_get_submitted_by (sent), "sesdesk"));
}

static void
test_attachments_round_trip (void)
{
  g_autoptr(SdAwsClient) client = new_client (0);
  g_autoptr(SdCaseThread) thread = NULL;
  g_autoptr(SdCaseReply) reply = sd_case_reply_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) binary = random_bytes (300 * 1024);
  g_autoptr(GBytes) text = g_bytes_new_static ("line one\nline two\n", 18);
  g_autoptr(GBytes) largest = random_bytes (5 * 1024 * 1024);   /* exactly the limit */
  g_autofree char *binary_path = write_temp ("capture.pcap", binary);
  g_autofree char *text_path = write_temp ("notes with spaces.txt", text);
  g_autofree char *largest_path = write_temp ("largest.bin", largest);
  g_autoptr(SdCommunication) sent = NULL;
  g_autoptr(JsonArray) requests = NULL;
  GBytes *originals[] = { binary, text, largest };
  const char *names[] = { "capture.pcap", "notes with spaces.txt", "largest.bin" };
  const char *body = "Logs attached, as asked.";
  GListModel *attachments;
  JsonObject *params;
  JsonArray *cc;

  reset_emulator ();
  thread = loaded_thread (client, ATTACH_CASE);
  sd_case_reply_set_body (reply, body);
  sd_case_reply_set_cc_text (reply, "cc1@example.com; cc2@example.org");
  add_attachment (reply, binary_path);
  add_attachment (reply, text_path);
  add_attachment (reply, largest_path);
  g_assert_true (send_reply (thread, reply, &error));
  g_assert_no_error (error);

  /* One set of three, one message with it and the cc addresses. */
  g_assert_cmpuint (count_requests ("AddAttachmentsToSet"), ==, 1);
  requests = requests_of ("AddCommunicationToCase");
  g_assert_cmpuint (json_array_get_length (requests), ==, 1);
  params = json_object_get_object_member (json_array_get_object_element (requests, 0), "params");
  g_assert_true (json_object_has_member (params, "attachmentSetId"));
  cc = json_object_get_array_member (params, "ccEmailAddresses");
  g_assert_cmpuint (json_array_get_length (cc), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (cc, 1), ==, "cc2@example.org");

  sent = find_body (thread, body);
  g_assert_nonnull (sent);
  attachments = sd_communication_get_attachments (sent);
  g_assert_cmpuint (g_list_model_get_n_items (attachments), ==, 3);
  /* Downloaded again, byte for byte. */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(SdCommunicationAttachment) attachment = g_list_model_get_item (attachments, i);
      g_autoptr(GBytes) saved = NULL;
      guint j;

      for (j = 0; j < 3; j++)
        if (g_str_equal (sd_communication_attachment_get_file_name (attachment), names[j]))
          break;
      g_assert_cmpuint (j, <, 3);
      saved = save_attachment (thread, attachment);
      g_assert_true (g_bytes_equal (saved, originals[j]));
    }
  /* The case's cc list now has the addresses. */
  g_assert_true (g_strv_contains (sd_case_get_cc_addresses (sd_case_thread_get_case (thread)),
                                  "cc1@example.com"));
}

static void
test_resolve_and_reopen (void)
{
  g_autoptr(SdAwsClient) client = new_client (0);
  g_autoptr(SdCaseThread) thread = NULL;
  g_autoptr(SdCaseReply) reply = sd_case_reply_new ();
  g_autoptr(GError) error = NULL;
  SdCase *case_;
  Wait wait;

  reset_emulator ();
  thread = loaded_thread (client, REOPEN_CASE);
  case_ = sd_case_thread_get_case (thread);
  g_assert_cmpint (sd_case_get_status (case_), ==, SD_CASE_STATUS_OPENED);

  wait_init (&wait);
  sd_case_thread_resolve_async (thread, NULL, on_done, &wait);
  g_assert_true (sd_case_thread_resolve_finish (thread, wait_run (&wait), &error));
  g_object_unref (wait.result);
  g_assert_no_error (error);
  g_assert_cmpint (sd_case_get_status (case_), ==, SD_CASE_STATUS_RESOLVED);
  /* AWS says so too. */
  g_assert_true (refresh_thread (thread, &error));
  g_assert_cmpint (sd_case_get_status (sd_case_thread_get_case (thread)), ==, SD_CASE_STATUS_RESOLVED);

  /* Replying reopens it. */
  sd_case_reply_set_body (reply, "One more question, after all.");
  g_assert_true (send_reply (thread, reply, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sd_case_get_status (sd_case_thread_get_case (thread)), ==, SD_CASE_STATUS_REOPENED);
  g_assert_cmpuint (count_bodies (thread, "One more question, after all."), ==, 1);
}

static void
test_attachment_set_expired (void)
{
  g_autoptr(SdAwsClient) client = new_client (0);
  g_autoptr(SdCaseThread) thread = NULL;
  g_autoptr(SdCaseReply) reply = sd_case_reply_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = random_bytes (64 * 1024);
  g_autofree char *path = write_temp ("trace.bin", data);
  g_autoptr(SdCommunication) sent = NULL;
  g_autoptr(SdCommunicationAttachment) attachment = NULL;
  g_autoptr(GBytes) saved = NULL;
  const char *body = "The trace you asked for.";

  reset_emulator ();
  thread = loaded_thread (client, EXPIRED_CASE);
  sd_case_reply_set_body (reply, body);
  add_attachment (reply, path);

  /* A first try refused outright (nothing applied): the set stays uploaded. */
  add_fault ("{\"service\": \"support\", \"operation\": \"AddCommunicationToCase\", \"status\": 400,"
             " \"code\": \"ValidationException\", \"message\": \"Try again\", \"count\": 1}");
  g_assert_false (send_reply (thread, reply, &error));
  g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_VALIDATION);
  g_clear_error (&error);
  g_assert_cmpstr (sd_case_reply_get_body (reply), ==, body);
  g_assert_nonnull (sd_case_reply_get_attachment_set (reply, NULL));
  g_assert_cmpint (sd_case_thread_get_reply_state (thread), ==, SD_REPLY_STATE_NONE);

  /* Two hours later the set has expired: uploaded again, sent once. */
  control_ok ("POST", "/settings", "{\"time_offset_s\": 7200}");
  g_assert_true (send_reply (thread, reply, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_requests ("AddAttachmentsToSet"), ==, 2);
  g_assert_cmpuint (count_requests ("AddCommunicationToCase"), ==, 3);
  g_assert_cmpuint (count_bodies (thread, body), ==, 1);
  sent = find_body (thread, body);
  attachment = g_list_model_get_item (sd_communication_get_attachments (sent), 0);
  saved = save_attachment (thread, attachment);
  g_assert_true (g_bytes_equal (saved, data));
  control_ok ("POST", "/settings", "{\"time_offset_s\": 0}");
}

static void
test_ambiguous_applied (void)
{
  g_autoptr(SdAwsClient) client = new_client (0);
  g_autoptr(SdCaseThread) thread = NULL;
  g_autoptr(SdCaseReply) reply = sd_case_reply_new ();
  g_autoptr(GError) error = NULL;
  const char *body = "This one arrives although the answer is an error.";

  reset_emulator ();
  thread = loaded_thread (client, APPLIED_CASE);
  add_fault ("{\"service\": \"support\", \"operation\": \"AddCommunicationToCase\", \"status\": 500,"
             " \"after_apply\": true, \"count\": 1}");
  sd_case_reply_set_body (reply, body);
  /* The thread shows it arrived: a success, and never sent twice. */
  g_assert_true (send_reply (thread, reply, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_requests ("AddCommunicationToCase"), ==, 1);
  g_assert_cmpuint (count_bodies (thread, body), ==, 1);
  g_assert_cmpint (sd_case_thread_get_reply_state (thread), ==, SD_REPLY_STATE_NONE);
  g_assert_cmpstr (sd_case_reply_get_body (reply), ==, "");
}

static void
test_ambiguous_dropped (void)
{
  g_autoptr(SdAwsClient) client = new_client (0);
  g_autoptr(SdCaseThread) thread = NULL;
  g_autoptr(SdCaseReply) reply = sd_case_reply_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *journal = sd_case_cache_dup_state_path (cache, PROFILE, "reply-" DROPPED_CASE);
  const char *body = "This one is lost on the way.";
  gint64 start;

  reset_emulator ();
  thread = loaded_thread (client, DROPPED_CASE);
  /* Not in the thread 1.5 s after: looked for again until 2.5 s have passed. */
  sd_case_thread_set_settle_time (thread, 2500);
  add_fault ("{\"service\": \"support\", \"operation\": \"AddCommunicationToCase\", \"drop\": true,"
             " \"count\": 1}");
  sd_case_reply_set_body (reply, body);
  start = g_get_monotonic_time ();
  g_assert_false (send_reply (thread, reply, &error));
  g_assert_error (error, SD_CASE_ERROR, SD_CASE_ERROR_NOT_SENT);
  g_clear_error (&error);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 2500 * 1000);
  g_assert_cmpuint (count_requests ("DescribeCommunications"), ==, 3);
  g_assert_cmpint (sd_case_thread_get_reply_state (thread), ==, SD_REPLY_STATE_NOT_SENT);
  g_assert_cmpuint (count_bodies (thread, body), ==, 0);
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  /* The text is kept, and may be sent again. */
  g_assert_cmpstr (sd_case_reply_get_body (reply), ==, body);
  g_assert_true (send_reply (thread, reply, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_requests ("AddCommunicationToCase"), ==, 2);
  g_assert_cmpuint (count_bodies (thread, body), ==, 1);
}

static void
test_uncertain_until_checked (void)
{
  g_autoptr(SdAwsClient) client = new_client (1);
  g_autoptr(SdCaseThread) thread = NULL;
  g_autoptr(SdCaseThread) after_restart = NULL;
  g_autoptr(SdCaseReply) reply = sd_case_reply_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *journal = sd_case_cache_dup_state_path (cache, PROFILE, "reply-" UNCERTAIN_CASE);
  const char *body = "Did this arrive?";

  reset_emulator ();
  thread = loaded_thread (client, UNCERTAIN_CASE);
  /* Applied, the answer lost, and the thread cannot be read for now. */
  add_fault ("{\"service\": \"support\", \"operation\": \"AddCommunicationToCase\", \"drop\": true,"
             " \"after_apply\": true, \"count\": 1}");
  add_fault ("{\"service\": \"support\", \"operation\": \"DescribeCases\", \"drop\": true, \"count\": -1}");
  sd_case_reply_set_body (reply, body);
  g_assert_false (send_reply (thread, reply, &error));
  g_assert_error (error, SD_CASE_ERROR, SD_CASE_ERROR_UNCERTAIN);
  g_clear_error (&error);
  g_assert_cmpint (sd_case_thread_get_reply_state (thread), ==, SD_REPLY_STATE_UNCERTAIN);
  g_assert_true (g_file_test (journal, G_FILE_TEST_EXISTS));

  /* Sending again is refused while it cannot be checked: nothing leaves. */
  g_assert_false (send_reply (thread, reply, &error));
  g_assert_error (error, SD_CASE_ERROR, SD_CASE_ERROR_UNCERTAIN);
  g_clear_error (&error);
  g_assert_cmpuint (count_requests ("AddCommunicationToCase"), ==, 1);

  /* As after a crash: a new thread knows from the journal. */
  after_restart = sd_case_thread_new (client, PROFILE, UNCERTAIN_CASE, cache);
  g_assert_cmpint (sd_case_thread_get_reply_state (after_restart), ==, SD_REPLY_STATE_UNCERTAIN);

  /* Back online: the load finds it in the thread and settles it. */
  control_ok ("DELETE", "/faults", NULL);
  g_assert_true (refresh_thread (after_restart, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sd_case_thread_get_reply_state (after_restart), ==, SD_REPLY_STATE_NONE);
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_bodies (after_restart, body), ==, 1);
  g_assert_cmpuint (count_requests ("AddCommunicationToCase"), ==, 1);
}

static void
test_draft_kept_until_sent (void)
{
  g_autoptr(SdAwsClient) client = new_client (0);
  g_autoptr(SdCaseThread) thread = NULL;
  g_autoptr(SdCaseReply) restored = sd_case_reply_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *draft = sd_case_cache_dup_state_path (cache, PROFILE, "draft-" DRAFT_CASE);

  reset_emulator ();
  {
    g_autoptr(SdCaseReply) reply = sd_case_reply_new ();

    sd_case_reply_bind_draft (reply, cache, PROFILE, DRAFT_CASE);
    sd_case_reply_set_body (reply, "Half-written answer");
    /* Dropped right after typing: the draft is written on the way out. */
  }
  g_assert_true (g_file_test (draft, G_FILE_TEST_EXISTS));
  g_assert_true (sd_case_reply_bind_draft (restored, cache, PROFILE, DRAFT_CASE));
  g_assert_cmpstr (sd_case_reply_get_body (restored), ==, "Half-written answer");

  thread = loaded_thread (client, DRAFT_CASE);
  g_assert_true (send_reply (thread, restored, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (draft, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_bodies (thread, "Half-written answer"), ==, 1);
}

static void
test_new_aws_messages (void)
{
  g_autoptr(SdAwsClient) client = new_client (0);
  g_autoptr(SdCaseList) list = sd_case_list_new (client, PROFILE, cache);
  g_autoptr(SdCaseList) later = NULL;
  g_autoptr(GPtrArray) fresh = NULL;
  SdCase *notify;

  reset_emulator ();
  /* What was there at the last check is not news. */
  fresh = check_new (list);
  g_assert_cmpuint (fresh->len, ==, 0);
  g_clear_pointer (&fresh, g_ptr_array_unref);

  control_ok ("POST", "/state", "{\"account\": \"" ACCOUNT "\", \"communication\": {\"case_id\": \""
              NOTIFY_CASE "\", \"body\": \"We have an answer for you.\", \"from\": \"aws\"}}");
  /* A message from the account itself is not news either. */
  control_ok ("POST", "/state", "{\"account\": \"" ACCOUNT "\", \"communication\": {\"case_id\": \""
              REPLY_CASE "\", \"body\": \"Our own note.\", \"from\": \"customer\"}}");
  fresh = check_new (list);
  g_assert_cmpuint (fresh->len, ==, 1);
  notify = g_ptr_array_index (fresh, 0);
  g_assert_cmpstr (sd_case_get_case_id (notify), ==, NOTIFY_CASE);
  g_assert_true (sd_case_get_unread (notify));
  g_assert_cmpint (sd_case_get_status (notify), ==, SD_CASE_STATUS_PENDING_CUSTOMER_ACTION);
  g_clear_pointer (&fresh, g_ptr_array_unref);

  /* Reported once. */
  fresh = check_new (list);
  g_assert_cmpuint (fresh->len, ==, 0);
  g_clear_pointer (&fresh, g_ptr_array_unref);
  g_assert_true (sd_case_get_unread (sd_case_list_lookup (list, NOTIFY_CASE)));
  sd_case_list_mark_read (list, sd_case_list_lookup (list, NOTIFY_CASE));
  g_assert_false (sd_case_get_unread (sd_case_list_lookup (list, NOTIFY_CASE)));

  /* Remembered on disk, across a restart. */
  later = sd_case_list_new (client, PROFILE, cache);
  fresh = check_new (later);
  g_assert_cmpuint (fresh->len, ==, 0);
  g_assert_false (sd_case_get_unread (sd_case_list_lookup (later, NOTIFY_CASE)));
}

static void
test_no_support_plan (void)
{
  g_autoptr(SdAwsClient) client = new_client (0);
  g_autoptr(SdCaseList) list = sd_case_list_new (client, "basic", cache);
  g_autoptr(SdCaseThread) thread = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SdCase) known = NULL;
  g_autofree char *url = NULL;
  GListModel *model = G_LIST_MODEL (list);

  reset_emulator ();
  g_assert_false (refresh_list (list, &error));
  g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_SUBSCRIPTION_REQUIRED);
  g_clear_error (&error);
  g_assert_cmpint (sd_case_list_get_state (list), ==, SD_CASE_LIST_STATE_NO_SUPPORT_PLAN);
  g_assert_nonnull (sd_case_list_get_message (list));
  g_assert_nonnull (strstr (sd_case_list_get_message (list), "Support Center"));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  /* GetAccount still works: the review case is listed with its link. */
  g_assert_cmpint (discover (list, (const char * const[]) { "us-east-1", NULL }), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  known = g_list_model_get_item (model, 0);
  g_assert_false (sd_case_get_details_known (known));
  g_assert_true (g_str_has_prefix (sd_case_get_case_id (known), "case-222222222222-"));
  g_assert_cmpint (sd_case_get_origin (known), ==, SD_CASE_ORIGIN_REVIEW);
  url = sd_case_dup_support_center_url (known, NULL);
  g_assert_true (g_str_has_prefix (url, "https://console.aws.amazon.com/support/home#/case/?displayId="));
  g_assert_nonnull (strstr (url, sd_case_get_case_id (known)));
  /* The known ids come with the message once, not an error per case. */
  g_assert_cmpint (sd_case_list_get_state (list), ==, SD_CASE_LIST_STATE_NO_SUPPORT_PLAN);

  thread = sd_case_thread_new (client, "basic", sd_case_get_case_id (known), cache);
  g_assert_false (refresh_thread (thread, &error));
  g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_SUBSCRIPTION_REQUIRED);
}

static void
test_display_id_links (void)
{
  g_autoptr(SdAwsClient) client = new_client (0);
  g_autoptr(SdCaseList) list = sd_case_list_new (client, "display", cache);
  g_autoptr(SdCaseThread) thread = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SdCase) review = NULL;

  reset_emulator ();
  g_assert_true (refresh_list (list, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  /* GetAccount names the case by its display id: still linked. */
  g_assert_cmpint (discover (list, (const char * const[]) { "us-east-1", NULL }), ==, 1);
  review = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpint (sd_case_get_origin (review), ==, SD_CASE_ORIGIN_REVIEW);
  g_assert_cmpstr (sd_case_get_origin_region (review), ==, "us-east-1");

  /* A thread opened by display id finds the case. */
  thread = sd_case_thread_new (client, "display", sd_case_get_display_id (review), cache);
  g_assert_true (refresh_thread (thread, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sd_case_get_case_id (sd_case_thread_get_case (thread)), ==, sd_case_get_case_id (review));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (thread)), >=, 1);
}

static void
assert_private (const char *path,
                guint       mode)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, mode);
}

static void
test_offline_from_cache (void)
{
  g_autoptr(SdAwsClient) client = new_client (0);
  g_autoptr(SdAwsClient) offline_client = new_client (1);
  g_autoptr(SdCaseList) online = sd_case_list_new (client, PROFILE, cache);
  g_autoptr(SdCaseList) offline = NULL;
  g_autoptr(SdCaseList) cached = NULL;
  g_autoptr(SdCaseThread) thread = NULL;
  g_autoptr(SdCaseThread) offline_thread = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *list_path = sd_case_cache_dup_path (cache, PROFILE, "cases");
  g_autofree char *thread_path = sd_case_cache_dup_path (cache, PROFILE, "thread-" LONG_CASE);
  g_autofree char *list_dir = g_path_get_dirname (list_path);
  guint n_cases;
  guint n_messages;
  Wait wait;

  reset_emulator ();
  g_remove (list_path);
  g_remove (thread_path);
  g_assert_true (refresh_list (online, &error));
  n_cases = sd_case_list_get_n_total (online);
  thread = loaded_thread (client, LONG_CASE);
  n_messages = g_list_model_get_n_items (G_LIST_MODEL (thread));
  wait_for_file (list_path);
  wait_for_file (thread_path);
  assert_private (list_path, 0600);
  assert_private (thread_path, 0600);
  assert_private (list_dir, 0700);

  /* The network goes: every Support request is cut. */
  add_fault ("{\"service\": \"support\", \"drop\": true, \"count\": -1}");

  offline = sd_case_list_new (offline_client, PROFILE, cache);
  g_assert_false (refresh_list (offline, &error));
  g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_NETWORK);
  g_clear_error (&error);
  g_assert_cmpint (sd_case_list_get_state (offline), ==, SD_CASE_LIST_STATE_OFFLINE);
  g_assert_nonnull (sd_case_list_get_message (offline));
  g_assert_cmpuint (sd_case_list_get_n_total (offline), ==, n_cases);
  g_assert_cmpint (sd_case_list_get_updated (offline), ==, sd_case_list_get_updated (online));
  g_assert_nonnull (sd_case_list_lookup (offline, LONG_CASE));

  offline_thread = sd_case_thread_new (offline_client, PROFILE, LONG_CASE, cache);
  g_assert_false (refresh_thread (offline_thread, &error));
  g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_NETWORK);
  g_clear_error (&error);
  g_assert_true (sd_case_thread_get_offline (offline_thread));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (offline_thread)), ==, n_messages);
  g_assert_cmpstr (sd_case_get_subject (sd_case_thread_get_case (offline_thread)), ==, "Long conversation");

  /* The saved list shows at once on start, before any request. */
  cached = sd_case_list_new (offline_client, PROFILE, cache);
  wait_init (&wait);
  sd_case_list_load_cached_async (cached, NULL, on_done, &wait);
  g_assert_true (sd_case_list_load_cached_finish (cached, wait_run (&wait), &error));
  g_object_unref (wait.result);
  g_assert_no_error (error);
  g_assert_cmpint (sd_case_list_get_state (cached), ==, SD_CASE_LIST_STATE_CACHED);
  g_assert_cmpuint (sd_case_list_get_n_total (cached), ==, n_cases);

  control_ok ("DELETE", "/faults", NULL);
  g_assert_true (refresh_list (offline, &error));
  g_assert_cmpint (sd_case_list_get_state (offline), ==, SD_CASE_LIST_STATE_READY);
  g_assert_null (sd_case_list_get_message (offline));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  cache_dir = g_dir_make_tmp ("sd-cases-emulator-XXXXXX", &error);
  g_assert_no_error (error);
  cache = sd_case_cache_new (cache_dir, cache_dir);

  g_test_add_func ("/cases-emulator/list/pages-and-links", test_list_pages_and_links);
  g_test_add_func ("/cases-emulator/list/search-and-filter", test_list_search_and_filter);
  g_test_add_func ("/cases-emulator/thread/pages", test_thread_pages);
  g_test_add_func ("/cases-emulator/thread/reply", test_reply);
  g_test_add_func ("/cases-emulator/thread/attachments-round-trip", test_attachments_round_trip);
  g_test_add_func ("/cases-emulator/thread/resolve-and-reopen", test_resolve_and_reopen);
  g_test_add_func ("/cases-emulator/thread/attachment-set-expired", test_attachment_set_expired);
  g_test_add_func ("/cases-emulator/thread/ambiguous-applied", test_ambiguous_applied);
  g_test_add_func ("/cases-emulator/thread/ambiguous-dropped", test_ambiguous_dropped);
  g_test_add_func ("/cases-emulator/thread/uncertain-until-checked", test_uncertain_until_checked);
  g_test_add_func ("/cases-emulator/thread/draft-kept-until-sent", test_draft_kept_until_sent);
  g_test_add_func ("/cases-emulator/list/new-aws-messages", test_new_aws_messages);
  g_test_add_func ("/cases-emulator/list/no-support-plan", test_no_support_plan);
  g_test_add_func ("/cases-emulator/list/display-id-links", test_display_id_links);
  g_test_add_func ("/cases-emulator/offline-from-cache", test_offline_from_cache);

  status = g_test_run ();

  g_clear_object (&cache);
  if (status == 0)
    {
      g_autofree char *command = g_strdup_printf ("rm -rf '%s'", cache_dir);
      g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
    }
  g_free (cache_dir);
  return status;
}
