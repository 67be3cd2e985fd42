/* test-case-model.c — parsing Support answers into cases and threads, the
 * list's order, search and filter, the cache, replies and drafts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "sd-case-list.h"
#include "sd-case-list-known.h"
#include "sd-case-thread.h"

/* Auxiliary functions */

static JsonNode *
parse (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(JsonNode) node = parse (json);
  return json_object_ref (json_node_get_object (node));
}

static JsonArray *
parse_array (const char *json)
{
  g_autoptr(JsonNode) node = parse (json);
  return json_array_ref (json_node_get_array (node));
}

static char *
make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("sd-cases-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) children =
    g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                               NULL, NULL);
  GFileInfo *info;

  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, g_file_info_get_name (info), NULL);
      remove_tree (child);
      g_object_unref (info);
    }
  g_remove (path);
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

static GAsyncResult *
wait_for (Wait *wait)
{
  g_main_loop_run (wait->loop);
  g_main_loop_unref (wait->loop);
  return wait->result;
}

#define WAIT_INIT { g_main_loop_new (NULL, FALSE), NULL }

static const char *case_details =
  "{\"caseId\": \"case-123456789012-2026-0123456789abcdef\", \"displayId\": \"17000000042\","
  " \"subject\": \"Dedicated IP request: SES in eu-west-1\", \"status\": \"pending-customer-action\","
  " \"serviceCode\": \"general-info\", \"categoryCode\": \"using-aws\", \"severityCode\": \"low\","
  " \"submittedBy\": \"AdminRole (Role) <jane@example.com>\", \"timeCreated\": \"2026-01-02T03:04:05.678Z\","
  " \"ccEmailAddresses\": [\"a@example.com\", 42], \"language\": \"ja\","
  " \"recentCommunications\": {\"communications\": ["
  "   {\"caseId\": \"case-123456789012-2026-0123456789abcdef\", \"body\": \"Newest\", \"submittedBy\": \"AdminRole (Role) <jane@example.com>\","
  "    \"timeCreated\": \"2026-01-05T00:00:00.000Z\", \"attachmentSet\": []},"
  "   {\"caseId\": \"case-123456789012-2026-0123456789abcdef\", \"body\": \"From AWS\", \"submittedBy\": \"Amazon Web Services\","
  "    \"timeCreated\": \"2026-01-04T00:00:00.000Z\", \"attachmentSet\": [{\"attachmentId\": \"att-1\", \"fileName\": \"../x.log\"}, {\"fileName\": \"no-id\"}]}"
  " ], \"nextToken\": \"t\"}}";

static SdCase *
case_from (const char *json)
{
  g_autoptr(JsonObject) details = parse_object (json);
  g_autoptr(GError) error = NULL;
  SdCase *case_ = sd_case_new_from_json (details, &error);

  g_assert_no_error (error);
  g_assert_nonnull (case_);
  return case_;
}

static char *
case_json (const char *id,
           const char *subject,
           const char *status,
           const char *service,
           const char *time)
{
  return g_strdup_printf ("{\"caseId\": \"%s\", \"displayId\": \"d-%s\", \"subject\": \"%s\", "
                          "\"status\": \"%s\", \"serviceCode\": \"%s\", \"timeCreated\": \"%s\"}",
                          id, id, subject, status, service, time);
}

/* Tests: cases */

static void
test_case_from_json (void)
{
  g_autoptr(SdCase) case_ = case_from (case_details);
  g_autoptr(GDateTime) created = NULL;
  g_autofree char *url = sd_case_dup_support_center_url (case_, NULL);
  GPtrArray *recent;
  SdCommunication *aws;
  GListModel *attachments;
  g_autoptr(SdCommunicationAttachment) attachment = NULL;

  g_assert_cmpstr (sd_case_get_case_id (case_), ==, "case-123456789012-2026-0123456789abcdef");
  g_assert_cmpstr (sd_case_get_display_id (case_), ==, "17000000042");
  g_assert_cmpstr (sd_case_get_label_id (case_), ==, "17000000042");
  g_assert_cmpint (sd_case_get_status (case_), ==, SD_CASE_STATUS_PENDING_CUSTOMER_ACTION);
  g_assert_cmpstr (sd_case_get_language (case_), ==, "ja");
  g_assert_true (sd_case_get_details_known (case_));
  g_assert_true (sd_case_get_ses_related (case_));   /* "SES" in the subject */
  g_assert_false (sd_case_get_from_app (case_));
  /* The number is skipped, the address kept. */
  g_assert_cmpuint (g_strv_length ((GStrv) sd_case_get_cc_addresses (case_)), ==, 1);

  created = g_date_time_new_utc (2026, 1, 2, 3, 4, 5.678);
  g_assert_cmpint (g_date_time_to_unix (sd_case_get_time_created (case_)), ==,
                   g_date_time_to_unix (created));
  /* Last activity: the newest message; the newest from AWS apart. */
  g_assert_cmpint (g_date_time_get_day_of_month (sd_case_get_last_activity (case_)), ==, 5);
  g_assert_cmpint (g_date_time_get_day_of_month (sd_case_get_last_aws_activity (case_)), ==, 4);

  recent = sd_case_get_recent_communications (case_);
  g_assert_cmpuint (recent->len, ==, 2);
  aws = g_ptr_array_index (recent, 0);   /* oldest first */
  g_assert_cmpint (sd_communication_get_author (aws), ==, SD_AUTHOR_AWS);
  attachments = sd_communication_get_attachments (aws);
  /* An attachment without an id cannot be downloaded: not listed. */
  g_assert_cmpuint (g_list_model_get_n_items (attachments), ==, 1);
  attachment = g_list_model_get_item (attachments, 0);
  g_assert_cmpstr (sd_communication_attachment_get_attachment_id (attachment), ==, "att-1");
  g_assert_cmpstr (sd_communication_attachment_get_suggested_name (attachment), ==, "x.log");

  g_assert_true (g_str_has_prefix (url, "https://console.aws.amazon.com/support/home#/case/?displayId=17000000042"));
  g_assert_true (sd_case_has_id (case_, "17000000042"));
  g_assert_true (sd_case_has_id (case_, "case-123456789012-2026-0123456789abcdef"));
  g_assert_false (sd_case_has_id (case_, "17000000043"));
}

/* A case id with escapes and controls, and no display id: shown (label id,
 * which the notification, the rows and the CLI use) inert, while the API
 * still gets the id as AWS sent it. */
static void
test_case_hostile_id (void)
{
  g_autoptr(SdCase) case_ = case_from ("{\"caseId\": \"case-1\\u001b]0;pwned\\u0007\\u001b[2J\\u202e\\n\"}");
  const char *label = sd_case_get_label_id (case_);

  g_assert_cmpstr (sd_case_get_case_id (case_), ==, "case-1\x1b]0;pwned\x07\x1b[2J\u202e\n");
  g_assert_cmpstr (label, ==, "case-1\u241b]0;pwned\u2407\u241b[2J\ufffd");
}

static void
test_case_bad_json (void)
{
  static const char * const bad[] = {
    "{}", "{\"caseId\": 7}", "{\"caseId\": \"\"}", "{\"caseId\": null, \"subject\": \"x\"}",
  };
  g_autoptr(SdCase) odd = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonObject) object = parse_object (bad[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(SdCase) case_ = sd_case_new_from_json (object, &error);

      g_assert_null (case_);
      g_assert_error (error, SD_CASE_ERROR, SD_CASE_ERROR_BAD_DATA);
    }

  /* Members of the wrong type are left empty, never a crash. */
  odd = case_from ("{\"caseId\": \"case-1\", \"subject\": 12, \"status\": [], \"timeCreated\": \"yesterday\","
                   " \"recentCommunications\": {\"communications\": [1, null, {\"body\": 3}]},"
                   " \"ccEmailAddresses\": \"x\", \"language\": {}}");
  g_assert_null (sd_case_get_subject (odd));
  g_assert_cmpint (sd_case_get_status (odd), ==, SD_CASE_STATUS_UNKNOWN);
  g_assert_null (sd_case_get_time_created (odd));
  g_assert_null (sd_case_get_language (odd));
  g_assert_cmpuint (sd_case_get_recent_communications (odd)->len, ==, 1);
}

static void
test_case_kinds (void)
{
  g_autoptr(SdCase) app = case_from ("{\"caseId\": \"case-a\", \"subject\": \"[SD-7F3K2Q] Dedicated addresses\"}");
  g_autoptr(SdCase) by_service = case_from ("{\"caseId\": \"case-b\", \"subject\": \"Question\", \"serviceCode\": \"amazon-simple-email-service\"}");
  g_autoptr(SdCase) by_category = case_from ("{\"caseId\": \"case-c\", \"subject\": \"Limits\", \"serviceCode\": \"service-limit-increase\", \"categoryCode\": \"service-code-ses\"}");
  g_autoptr(SdCase) classes = case_from ("{\"caseId\": \"case-d\", \"subject\": \"CLASSES and SESSIONS\", \"serviceCode\": \"amazon-ec2\"}");
  g_autoptr(SdCase) plain = case_from ("{\"caseId\": \"case-e\", \"subject\": \"Billing\", \"serviceCode\": \"billing\"}");

  g_assert_true (sd_case_get_from_app (app));
  g_assert_true (sd_case_get_ses_related (by_service));
  g_assert_true (sd_case_get_ses_related (by_category));
  g_assert_false (sd_case_get_ses_related (classes));
  g_assert_false (sd_case_get_ses_related (plain));

  /* A known case id links it to a region's request. */
  sd_case_set_origin (plain, SD_CASE_ORIGIN_QUOTA_REQUEST, "us-west-2");
  g_assert_cmpint (sd_case_get_origin (plain), ==, SD_CASE_ORIGIN_QUOTA_REQUEST);
  g_assert_cmpstr (sd_case_get_origin_region (plain), ==, "us-west-2");
  sd_case_set_origin (classes, SD_CASE_ORIGIN_CREATED, NULL);
  g_assert_true (sd_case_get_from_app (classes));
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_case_update_notifies (void)
{
  g_autoptr(SdCase) case_ = case_from ("{\"caseId\": \"case-u\", \"subject\": \"S\", \"status\": \"opened\"}");
  g_autoptr(JsonObject) newer = parse_object ("{\"caseId\": \"case-u\", \"subject\": \"S\", \"status\": \"resolved\"}");
  g_autoptr(JsonObject) other = parse_object ("{\"caseId\": \"case-v\", \"subject\": \"S\"}");
  guint status_notes = 0;
  guint subject_notes = 0;

  g_signal_connect (case_, "notify::status", G_CALLBACK (count_notify), &status_notes);
  g_signal_connect (case_, "notify::subject", G_CALLBACK (count_notify), &subject_notes);

  g_assert_true (sd_case_update_from_json (case_, newer));
  g_assert_cmpint (sd_case_get_status (case_), ==, SD_CASE_STATUS_RESOLVED);
  g_assert_cmpuint (status_notes, ==, 1);
  g_assert_cmpuint (subject_notes, ==, 0);   /* unchanged: not notified */
  g_assert_false (sd_case_update_from_json (case_, other));
}

static void
test_case_search_and_filter (void)
{
  g_autoptr(SdCase) ja = case_from ("{\"caseId\": \"case-j\", \"displayId\": \"1701\", \"subject\": \"専用 IP アドレスの追加申請\","
                                    " \"status\": \"pending-customer-action\", \"language\": \"ja\"}");
  g_autoptr(SdCase) en = case_from ("{\"caseId\": \"case-e\", \"displayId\": \"1702\", \"subject\": \"Bounce Rate ALARMS\","
                                    " \"status\": \"resolved\", \"serviceCode\": \"amazon-simple-email-service\"}");

  g_assert_true (sd_case_matches (ja, NULL, SD_CASE_FILTER_ALL));
  g_assert_true (sd_case_matches (ja, "専用", SD_CASE_FILTER_ALL));
  g_assert_true (sd_case_matches (ja, "1701", SD_CASE_FILTER_NEEDS_REPLY));
  g_assert_false (sd_case_matches (ja, "1701", SD_CASE_FILTER_RESOLVED));
  g_assert_true (sd_case_matches (en, "bounce alarms", SD_CASE_FILTER_RESOLVED));
  g_assert_true (sd_case_matches (en, "  ALARMS   bounce ", SD_CASE_FILTER_ALL));
  g_assert_false (sd_case_matches (en, "bounce complaint", SD_CASE_FILTER_ALL));
  g_assert_false (sd_case_matches (en, NULL, SD_CASE_FILTER_OPEN));
  g_assert_true (sd_case_matches (en, "simple-email", SD_CASE_FILTER_ALL));
  /* The status in words is searchable too. */
  g_assert_true (sd_case_matches (en, "resolved", SD_CASE_FILTER_ALL));
}

static void
test_communication_authors (void)
{
  static const struct {
    const char   *submitted_by;
    SdAuthorKind  kind;
    const char   *name;
    const char   *email;
  } cases[] = {
    { "Amazon Web Services", SD_AUTHOR_AWS, "Amazon Web Services", NULL },
    { "  amazon web services ", SD_AUTHOR_AWS, "Amazon Web Services", NULL },
    { "AdminRole (Role) <jane@example.com>", SD_AUTHOR_ACCOUNT, "AdminRole", "jane@example.com" },
    { "sesdesk (IAM user) <ops@example.com>", SD_AUTHOR_ACCOUNT, "sesdesk", "ops@example.com" },
    { "moto@moto.com", SD_AUTHOR_ACCOUNT, "moto@moto.com", "moto@moto.com" },
    { "<only@example.com>", SD_AUTHOR_ACCOUNT, "only@example.com", "only@example.com" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"body\": \"x\", \"submittedBy\": \"%s\"}", cases[i].submitted_by);
      g_autoptr(JsonObject) object = parse_object (json);
      g_autoptr(SdCommunication) message = sd_communication_new_from_json (object);

      g_assert_cmpint (sd_communication_get_author (message), ==, cases[i].kind);
      g_assert_cmpstr (sd_communication_get_author_name (message), ==, cases[i].name);
      g_assert_cmpstr (sd_communication_get_author_email (message), ==, cases[i].email);
    }
}

static void
test_communication_body_is_safe (void)
{
  g_autoptr(JsonObject) object =
    parse_object ("{\"body\": \"<b>x</b>\\u202e\\u0007 https://aws.amazon.com/ javascript:alert(1)\","
                  " \"submittedBy\": \"Amazon Web Services\", \"timeCreated\": \"2026-01-01T00:00:00Z\"}");
  g_autoptr(SdCommunication) message = sd_communication_new_from_json (object);
  SdSafeText *body = sd_communication_get_body (message);

  g_assert_true (g_str_has_prefix (sd_safe_text_get_text (body, NULL), "<b>x</b>\xef\xbf\xbd\xe2\x90\x87 "));
  g_assert_cmpuint (sd_safe_text_get_n_links (body), ==, 1);
  g_assert_cmpstr (sd_safe_text_get_link (body, 0)->uri, ==, "https://aws.amazon.com/");
  /* The raw body is kept for matching a sent reply. */
  g_assert_nonnull (strstr (sd_communication_get_raw_body (message), "\xe2\x80\xae"));
}

/* Tests: the list */

static SdCaseList *
new_list (SdCaseCache *cache)
{
  g_autoptr(SdAwsClient) client = sd_aws_client_new (NULL);

  return sd_case_list_new (client, "unit", cache);
}

static guint n_changes;
static guint last_removed;
static guint last_added;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  n_changes++;
  last_removed = removed;
  last_added = added;
}

static const char *
item_subject (GListModel *model,
              guint       i)
{
  g_autoptr(SdCase) case_ = g_list_model_get_item (model, i);
  /* The model holds a reference: the string outlives this one. */
  return sd_case_get_subject (case_);
}

static void
test_list_order_filter_search (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autoptr(SdCaseCache) cache = sd_case_cache_new (dir, dir);
  g_autoptr(SdCaseList) list = new_list (cache);
  GListModel *model = G_LIST_MODEL (list);
  g_autofree char *a = case_json ("case-1", "Old billing question", "opened", "billing", "2026-01-01T00:00:00Z");
  g_autofree char *b = case_json ("case-2", "New EC2 question", "opened", "amazon-ec2", "2026-03-01T00:00:00Z");
  g_autofree char *c = case_json ("case-3", "SES sending limits", "opened", "service-limit-increase", "2025-12-01T00:00:00Z");
  g_autofree char *d = case_json ("case-4", "[SD-AAAA11] Dedicated IPs", "pending-customer-action", "general-info", "2025-11-01T00:00:00Z");
  g_autofree char *e = case_json ("case-5", "Resolved thing", "resolved", "billing", "2026-04-01T00:00:00Z");
  g_autofree char *f = case_json ("case-6", "Review case", "opened", "general-info", "2025-10-01T00:00:00Z");
  g_autofree char *pages = g_strdup_printf ("[%s, %s, %s, %s, %s, %s, %s]", a, b, c, d, e, f, b);
  g_autoptr(JsonArray) cases = parse_array (pages);
  g_autoptr(SdCase) kept = NULL;

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), NULL);
  sd_case_list_add_known_case (list, "d-case-6", SD_CASE_ORIGIN_REVIEW, "eu-west-1");
  sd_case_list_apply_cases (list, cases, TRUE);

  /* The duplicate of case-2 (a page boundary moved) is listed once; the
   * resolved case is hidden until asked for. */
  g_assert_cmpuint (sd_case_list_get_n_total (list), ==, 6);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 5);
  /* SES, this app's and linked cases first (newest activity first), then the others. */
  g_assert_cmpstr (item_subject (model, 0), ==, "SES sending limits");
  g_assert_cmpstr (item_subject (model, 1), ==, "[SD-AAAA11] Dedicated IPs");
  g_assert_cmpstr (item_subject (model, 2), ==, "Review case");
  g_assert_cmpstr (item_subject (model, 3), ==, "New EC2 question");
  g_assert_cmpstr (item_subject (model, 4), ==, "Old billing question");
  /* The review case is linked by its display id. */
  g_assert_cmpint (sd_case_get_origin (sd_case_list_lookup (list, "case-6")), ==, SD_CASE_ORIGIN_REVIEW);
  g_assert_cmpstr (sd_case_get_origin_region (sd_case_list_lookup (list, "d-case-6")), ==, "eu-west-1");
  {
    g_autoptr(GPtrArray) linked = sd_case_list_dup_cases_for_region (list, "eu-west-1");
    g_autoptr(GPtrArray) none = sd_case_list_dup_cases_for_region (list, "us-east-1");

    g_assert_cmpuint (linked->len, ==, 1);
    g_assert_cmpstr (sd_case_get_case_id (g_ptr_array_index (linked, 0)), ==, "case-6");
    g_assert_cmpuint (none->len, ==, 0);
  }

  sd_case_list_set_include_resolved (list, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 6);
  sd_case_list_set_filter (list, SD_CASE_FILTER_RESOLVED);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpstr (item_subject (model, 0), ==, "Resolved thing");
  sd_case_list_set_filter (list, SD_CASE_FILTER_NEEDS_REPLY);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  sd_case_list_set_filter (list, SD_CASE_FILTER_ALL);
  sd_case_list_set_search_text (list, "question");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  sd_case_list_set_search_text (list, "");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 6);

  /* The same answer again changes nothing: no signal, the same objects. */
  kept = g_list_model_get_item (model, 0);
  n_changes = 0;
  sd_case_list_apply_cases (list, cases, TRUE);
  g_assert_cmpuint (n_changes, ==, 0);
  {
    g_autoptr(SdCase) again = g_list_model_get_item (model, 0);
    g_assert_true (again == kept);
  }

  /* A partial answer keeps the others; a complete one drops what is gone. */
  {
    g_autoptr(JsonArray) one = parse_array ("[{\"caseId\": \"case-9\", \"subject\": \"Newest\", \"timeCreated\": \"2026-05-01T00:00:00Z\"}]");

    sd_case_list_apply_cases (list, one, FALSE);
    g_assert_cmpuint (sd_case_list_get_n_total (list), ==, 7);
    sd_case_list_apply_cases (list, one, TRUE);
    g_assert_cmpuint (sd_case_list_get_n_total (list), ==, 1);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
    g_assert_cmpuint (last_added, ==, 1);
  }

  remove_tree (dir);
}

static void
test_list_status_change_refilters (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autoptr(SdCaseCache) cache = sd_case_cache_new (dir, dir);
  g_autoptr(SdCaseList) list = new_list (cache);
  g_autoptr(JsonArray) cases = parse_array ("[{\"caseId\": \"case-1\", \"subject\": \"A\", \"status\": \"opened\"},"
                                            " {\"caseId\": \"case-2\", \"subject\": \"B\", \"status\": \"opened\"}]");

  sd_case_list_apply_cases (list, cases, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  /* A thread resolved case-1: the list hides it (resolved not asked for) soon after. */
  sd_case_set_status (sd_case_list_lookup (list, "case-1"), SD_CASE_STATUS_RESOLVED);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  remove_tree (dir);
}

/* Tests: the thread */

static char *
communications_json (guint n,
                     guint first)
{
  GString *out = g_string_new ("[");

  /* Newest first, as DescribeCommunications answers. */
  for (guint i = first + n; i > first; i--)
    g_string_append_printf (out, "%s{\"caseId\": \"case-t\", \"body\": \"Message %u\", "
                            "\"submittedBy\": \"%s\", \"timeCreated\": \"2026-01-01T%02u:%02u:00.000Z\"}",
                            i == first + n ? "" : ",", i,
                            i % 2 ? "ops (IAM user) <ops@example.com>" : "Amazon Web Services",
                            i / 60, i % 60);
  g_string_append (out, "]");
  return g_string_free (out, FALSE);
}

static void
test_thread_apply (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autoptr(SdCaseCache) cache = sd_case_cache_new (dir, dir);
  g_autoptr(SdAwsClient) client = sd_aws_client_new (NULL);
  g_autoptr(SdCaseThread) thread = sd_case_thread_new (client, "unit", "case-t", cache);
  GListModel *model = G_LIST_MODEL (thread);
  g_autofree char *json = communications_json (30, 0);
  g_autofree char *more = communications_json (32, 0);
  g_autoptr(JsonArray) first = parse_array (json);
  g_autoptr(JsonArray) second = parse_array (more);
  g_autoptr(SdCommunication) kept = NULL;
  g_autoptr(SdCommunication) message = NULL;

  g_signal_connect (thread, "items-changed", G_CALLBACK (on_items_changed), NULL);
  sd_case_thread_apply_communications (thread, first);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 30);
  message = g_list_model_get_item (model, 0);
  g_assert_cmpstr (sd_communication_get_raw_body (message), ==, "Message 1");
  g_clear_object (&message);
  message = g_list_model_get_item (model, 29);
  g_assert_cmpstr (sd_communication_get_raw_body (message), ==, "Message 30");
  g_clear_object (&message);
  for (guint i = 1; i < 30; i++)
    {
      g_autoptr(SdCommunication) a = g_list_model_get_item (model, i - 1);
      g_autoptr(SdCommunication) b = g_list_model_get_item (model, i);
      g_assert_cmpint (g_date_time_compare (sd_communication_get_time (a), sd_communication_get_time (b)), <, 0);
    }

  sd_case_thread_set_order (thread, SD_THREAD_ORDER_NEWEST_FIRST);
  message = g_list_model_get_item (model, 0);
  g_assert_cmpstr (sd_communication_get_raw_body (message), ==, "Message 30");
  g_clear_object (&message);

  /* Two new messages: the 30 shown stay the same objects, only the new are added. */
  kept = g_list_model_get_item (model, 29);
  n_changes = 0;
  sd_case_thread_apply_communications (thread, second);
  g_assert_cmpuint (n_changes, ==, 1);
  g_assert_cmpuint (last_removed, ==, 0);
  g_assert_cmpuint (last_added, ==, 2);
  message = g_list_model_get_item (model, 31);
  g_assert_true (message == kept);
  g_clear_object (&message);

  /* The same messages twice (overlapping pages) are shown once. */
  {
    g_autoptr(JsonArray) doubled = json_array_new ();

    for (guint i = 0; i < json_array_get_length (second); i++)
      {
        json_array_add_element (doubled, json_node_copy (json_array_get_element (second, i)));
        json_array_add_element (doubled, json_node_copy (json_array_get_element (second, i)));
      }
    sd_case_thread_apply_communications (thread, doubled);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 32);
  }
  remove_tree (dir);
}

static void
test_base64 (void)
{
  static const guchar binary[] = { 0, 1, 2, 0xfe, 0xff, '\n', 'x' };
  g_autofree char *encoded = g_base64_encode (binary, sizeof binary);
  g_autoptr(GBytes) decoded = sd_case_thread_decode_base64 (encoded, 1024);
  g_autoptr(GBytes) empty = sd_case_thread_decode_base64 ("", 1024);
  g_autoptr(GBytes) wrapped = sd_case_thread_decode_base64 ("aGVs\nbG8=\n", 1024);
  static const char * const bad[] = { "abc", "ab!=", "ab=c", "a===", "<html>", "YWJj\x01" };

  g_assert_nonnull (decoded);
  g_assert_cmpmem (g_bytes_get_data (decoded, NULL), g_bytes_get_size (decoded), binary, sizeof binary);
  g_assert_cmpuint (g_bytes_get_size (empty), ==, 0);
  g_assert_cmpmem (g_bytes_get_data (wrapped, NULL), g_bytes_get_size (wrapped), "hello", 5);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_null (sd_case_thread_decode_base64 (bad[i], 1024));
  /* Larger than allowed. */
  g_assert_null (sd_case_thread_decode_base64 (encoded, 3));
}

/* Tests: the cache */

static void
assert_mode (const char *path,
             guint       mode)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, mode);
}

static void
test_cache_round_trip (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *state_dir = g_build_filename (dir, "state", NULL);
  g_autoptr(SdCaseCache) cache = sd_case_cache_new (dir, state_dir);
  g_autoptr(JsonObject) doc = parse_object ("{\"cases\": [{\"caseId\": \"case-1\"}], \"fetched\": 5}");
  g_autoptr(JsonObject) newer = parse_object ("{\"cases\": [], \"fetched\": 6}");
  g_autofree char *path = sd_case_cache_dup_path (cache, "odd/profile name", "thread-../../x");
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) read = NULL;
  Wait w1 = WAIT_INIT;
  Wait w2 = WAIT_INIT;
  Wait w3 = WAIT_INIT;
  GAsyncResult *r1;
  GAsyncResult *r2;

  /* Names never leave the cache directory. */
  g_assert_true (g_str_has_prefix (path, dir));
  g_assert_null (strstr (path + strlen (dir), ".."));

  /* Two writes of one file in a row: the second wins. */
  sd_case_cache_write_async (cache, "odd/profile name", "thread-../../x", doc, NULL, on_done, &w1);
  sd_case_cache_write_async (cache, "odd/profile name", "thread-../../x", newer, NULL, on_done, &w2);
  r1 = wait_for (&w1);
  if (w2.result == NULL)
    r2 = wait_for (&w2);
  else
    {
      g_main_loop_unref (w2.loop);
      r2 = w2.result;
    }
  g_assert_true (sd_case_cache_write_finish (cache, r1, &error));
  g_assert_no_error (error);
  g_assert_true (sd_case_cache_write_finish (cache, r2, &error));
  g_object_unref (r1);
  g_object_unref (r2);
  assert_mode (path, 0600);
  assert_mode (parent, 0700);

  sd_case_cache_read_async (cache, "odd/profile name", "thread-../../x", NULL, on_done, &w3);
  read = sd_case_cache_read_finish (cache, wait_for (&w3), &error);
  g_object_unref (w3.result);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (read, "fetched"), ==, 6);

  /* A file someone made readable by others is made private again. */
  g_chmod (path, 0644);
  {
    Wait w = WAIT_INIT;
    sd_case_cache_write_async (cache, "odd/profile name", "thread-../../x", doc, NULL, on_done, &w);
    g_assert_true (sd_case_cache_write_finish (cache, wait_for (&w), NULL));
    g_object_unref (w.result);
  }
  assert_mode (path, 0600);

  /* Missing and broken documents. */
  {
    Wait w = WAIT_INIT;
    g_autoptr(JsonObject) none = NULL;

    sd_case_cache_read_async (cache, "unit", "nothing", NULL, on_done, &w);
    none = sd_case_cache_read_finish (cache, wait_for (&w), &error);
    g_object_unref (w.result);
    g_assert_null (none);
    g_assert_error (error, SD_CASE_ERROR, SD_CASE_ERROR_NOT_CACHED);
    g_clear_error (&error);
  }
  {
    Wait w = WAIT_INIT;
    g_autoptr(JsonObject) none = NULL;

    g_file_set_contents (path, "{not json", -1, NULL);
    sd_case_cache_read_async (cache, "odd/profile name", "thread-../../x", NULL, on_done, &w);
    none = sd_case_cache_read_finish (cache, wait_for (&w), &error);
    g_object_unref (w.result);
    g_assert_null (none);
    g_assert_error (error, SD_CASE_ERROR, SD_CASE_ERROR_BAD_DATA);
    g_clear_error (&error);
  }

  /* State documents: durable, private, removable. */
  {
    g_autofree char *state_path = sd_case_cache_dup_state_path (cache, "unit", "draft-case-1");
    g_autoptr(JsonObject) state = NULL;

    g_assert_true (sd_case_cache_write_state (cache, "unit", "draft-case-1", doc, &error));
    g_assert_no_error (error);
    assert_mode (state_path, 0600);
    state = sd_case_cache_read_state (cache, "unit", "draft-case-1", &error);
    g_assert_no_error (error);
    g_assert_cmpint (json_object_get_int_member (state, "fetched"), ==, 5);
    sd_case_cache_remove_state (cache, "unit", "draft-case-1");
    g_assert_false (g_file_test (state_path, G_FILE_TEST_EXISTS));
    g_assert_null (sd_case_cache_read_state (cache, "unit", "draft-case-1", &error));
    g_assert_no_error (error);
  }

  remove_tree (dir);
}

/* Tests: replies */

static void
test_reply_validation (void)
{
  g_autoptr(SdCaseReply) reply = sd_case_reply_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *long_body = g_strnfill (SD_REPLY_MAX_BODY_CHARS + 1, 'x');
  g_auto(GStrv) cc = NULL;

  g_assert_false (sd_case_reply_get_valid (reply));
  g_assert_nonnull (sd_case_reply_get_body_error (reply));
  g_assert_false (sd_case_reply_validate (reply, &error));
  g_assert_error (error, SD_CASE_ERROR, SD_CASE_ERROR_INVALID);
  g_clear_error (&error);

  sd_case_reply_set_body (reply, "   \n ");
  g_assert_false (sd_case_reply_get_valid (reply));
  sd_case_reply_set_body (reply, long_body);
  g_assert_false (sd_case_reply_get_valid (reply));
  long_body[SD_REPLY_MAX_BODY_CHARS] = '\0';
  sd_case_reply_set_body (reply, long_body);
  g_assert_true (sd_case_reply_get_valid (reply));

  sd_case_reply_set_cc_text (reply, "a@example.com, b.c+tag@sub.example.org;  d@example.jp");
  g_assert_true (sd_case_reply_get_valid (reply));
  cc = sd_case_reply_dup_cc_addresses (reply);
  g_assert_cmpuint (g_strv_length (cc), ==, 3);
  g_assert_cmpstr (cc[1], ==, "b.c+tag@sub.example.org");

  sd_case_reply_set_cc_text (reply, "a@example.com, not-an-address");
  g_assert_false (sd_case_reply_get_valid (reply));
  g_assert_nonnull (strstr (sd_case_reply_get_cc_error (reply), "not-an-address"));
  g_assert_false (sd_case_reply_validate (reply, &error));
  g_assert_error (error, SD_CASE_ERROR, SD_CASE_ERROR_INVALID);
  g_clear_error (&error);

  sd_case_reply_set_cc_text (reply, "1@a.com 2@a.com 3@a.com 4@a.com 5@a.com 6@a.com 7@a.com 8@a.com 9@a.com 10@a.com 11@a.com");
  g_assert_false (sd_case_reply_get_valid (reply));
  sd_case_reply_set_cc_text (reply, "");
  g_assert_true (sd_case_reply_get_valid (reply));

  g_assert_false (sd_case_reply_address_is_valid ("a@b"));
  g_assert_false (sd_case_reply_address_is_valid ("a..b@example.com"));
  g_assert_false (sd_case_reply_address_is_valid ("a@-example.com"));
  g_assert_false (sd_case_reply_address_is_valid ("a b@example.com"));
  g_assert_false (sd_case_reply_address_is_valid ("<a@example.com>"));
  g_assert_false (sd_case_reply_address_is_valid ("a@example.123"));
  g_assert_true (sd_case_reply_address_is_valid ("o'brien@example.ie"));
}

static gboolean
quit_loop (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
add_attachment (SdCaseReply  *reply,
                const char   *path,
                GError      **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  Wait w = WAIT_INIT;
  gboolean ok;

  sd_case_reply_add_attachment_async (reply, file, NULL, on_done, &w);
  ok = sd_case_reply_add_attachment_finish (reply, wait_for (&w), error);
  g_object_unref (w.result);
  return ok;
}

static void
test_reply_attachments_and_draft (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autoptr(SdCaseCache) cache = sd_case_cache_new (dir, dir);
  g_autoptr(SdCaseReply) reply = sd_case_reply_new ();
  g_autoptr(SdCaseReply) restored = sd_case_reply_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *small = g_build_filename (dir, "small.txt", NULL);
  g_autofree char *big = g_build_filename (dir, "big.bin", NULL);
  g_autofree char *draft_path = sd_case_cache_dup_state_path (cache, "unit", "draft-case-1");
  FILE *f;

  g_file_set_contents (small, "hello", -1, NULL);
  f = fopen (big, "w");
  g_assert_nonnull (f);
  /* Sparse: 5 MiB and one byte. */
  g_assert_cmpint (fseek (f, SD_REPLY_MAX_ATTACHMENT_SIZE, SEEK_SET), ==, 0);
  fputc ('x', f);
  fclose (f);

  g_assert_false (sd_case_reply_bind_draft (reply, cache, "unit", "case-1"));
  g_assert_false (add_attachment (reply, big, &error));
  g_assert_error (error, SD_CASE_ERROR, SD_CASE_ERROR_ATTACHMENT_TOO_LARGE);
  g_clear_error (&error);
  g_assert_false (add_attachment (reply, dir, &error));   /* a folder */
  g_assert_error (error, SD_CASE_ERROR, SD_CASE_ERROR_INVALID);
  g_clear_error (&error);
  for (guint i = 0; i < SD_REPLY_MAX_ATTACHMENTS; i++)
    {
      g_assert_true (add_attachment (reply, small, &error));
      g_assert_no_error (error);
    }
  g_assert_false (add_attachment (reply, small, &error));
  g_assert_error (error, SD_CASE_ERROR, SD_CASE_ERROR_TOO_MANY_ATTACHMENTS);
  g_clear_error (&error);
  sd_case_reply_remove_attachment (reply, 2);
  g_assert_cmpuint (g_list_model_get_n_items (sd_case_reply_get_attachments (reply)), ==, 2);

  /* Typing is saved shortly after, without being asked. */
  sd_case_reply_set_body (reply, "Draft text\nsecond line");
  sd_case_reply_set_cc_text (reply, "cc@example.com");
  g_assert_false (g_file_test (draft_path, G_FILE_TEST_EXISTS));
  {
    g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
    guint id = g_timeout_add (1000, quit_loop, loop);

    g_main_loop_run (loop);
    g_source_remove (id);
  }
  g_assert_true (g_file_test (draft_path, G_FILE_TEST_EXISTS));
  assert_mode (draft_path, 0600);

  g_assert_true (sd_case_reply_bind_draft (restored, cache, "unit", "case-1"));
  g_assert_cmpstr (sd_case_reply_get_body (restored), ==, "Draft text\nsecond line");
  g_assert_cmpstr (sd_case_reply_get_cc_text (restored), ==, "cc@example.com");
  g_assert_cmpuint (g_list_model_get_n_items (sd_case_reply_get_attachments (restored)), ==, 2);

  sd_case_reply_clear (restored);
  g_assert_false (g_file_test (draft_path, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (sd_case_reply_get_body (restored), ==, "");
  remove_tree (dir);
}

/* Tests: linked cases */

static void
test_known_parsers (void)
{
  g_autoptr(JsonObject) account = parse_object ("{\"ProductionAccessEnabled\": false, \"Details\": "
                                                "{\"ReviewDetails\": {\"Status\": \"PENDING\", \"CaseId\": \"case-9\"}}}");
  g_autoptr(JsonObject) no_review = parse_object ("{\"Details\": {\"ReviewDetails\": {\"CaseId\": 5}}}");
  g_autoptr(JsonObject) history = parse_object ("{\"RequestedQuotas\": [{\"CaseId\": \"case-7\"}, {\"Status\": \"PENDING\"},"
                                                " 3, {\"CaseId\": \"\"}, {\"CaseId\": \"17000000003\"}]}");
  g_autofree char *review = sd_case_known_from_account (account);
  g_autofree char *none = sd_case_known_from_account (no_review);
  g_auto(GStrv) ids = sd_case_known_from_quota_history (history);
  g_auto(GStrv) empty = sd_case_known_from_quota_history (NULL);

  g_assert_cmpstr (review, ==, "case-9");
  g_assert_null (none);
  g_assert_cmpuint (g_strv_length (ids), ==, 2);
  g_assert_cmpstr (ids[0], ==, "case-7");
  g_assert_cmpstr (ids[1], ==, "17000000003");
  g_assert_cmpuint (g_strv_length (empty), ==, 0);
}

/* Whether this process has mounts of its own (root, a mount namespace):
 * then a full or read-only file system can be made for real, which root
 * could not get from permission bits. Set first thing in main(), while
 * there is one thread. */
static gboolean private_mounts;

static gboolean
enter_private_mounts (void)
{
  if (geteuid () != 0 || unshare (CLONE_NEWNS) != 0)
    return FALSE;
  return mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == 0;
}

static void
on_draft_error (GObject    *object,
                GParamSpec *pspec,
                gpointer    user_data)
{
  (*(guint *) user_data)++;
}

/* A reply typed where its draft cannot be written: the composer's model says
 * so (draft-error, which the reply box shows), keeps every character, and
 * clears the message once a save works again. @data: "full" (a 64 KiB tmpfs
 * filled up) or "read-only" (a tmpfs mounted read-only). */
static void
test_reply_draft_not_saved (gconstpointer data)
{
  gboolean full = g_str_equal (data, "full");
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *filler = g_build_filename (dir, "filler", NULL);
  g_autoptr(SdCaseCache) cache = NULL;
  g_autoptr(SdCaseReply) reply = sd_case_reply_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *draft_path = NULL;
  guint notified = 0;
  gint64 deadline;

  if (!private_mounts)
    {
      g_test_skip ("needs root in a mount namespace of its own, for a tmpfs");
      return;
    }
  g_assert_cmpint (mount ("tmpfs", dir, "tmpfs", full ? 0 : MS_RDONLY, "size=64k,mode=0700"), ==, 0);
  if (full)
    {
      char block[4096];
      int fd = open (filler, O_WRONLY | O_CREAT | O_TRUNC, 0600);
      ssize_t written;

      g_assert_cmpint (fd, >=, 0);
      memset (block, 'x', sizeof block);
      while ((written = write (fd, block, sizeof block)) > 0)
        ;
      g_assert_cmpint (errno, ==, ENOSPC);
      close (fd);
    }

  cache = sd_case_cache_new (dir, dir);
  draft_path = sd_case_cache_dup_state_path (cache, "unit", "draft-case-1");
  g_assert_false (sd_case_reply_bind_draft (reply, cache, "unit", "case-1"));
  g_signal_connect (reply, "notify::draft-error", G_CALLBACK (on_draft_error), &notified);

  /* The periodic save, shortly after typing. */
  sd_case_reply_set_body (reply, "Typed while the disk could not take it.");
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (sd_case_reply_get_draft_error (reply) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_nonnull (sd_case_reply_get_draft_error (reply));
  g_assert_nonnull (strstr (sd_case_reply_get_draft_error (reply), "could not be saved"));
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpstr (sd_case_reply_get_body (reply), ==, "Typed while the disk could not take it.");
  g_assert_false (g_file_test (draft_path, G_FILE_TEST_EXISTS));

  /* Saving now says why, too. */
  g_assert_false (sd_case_reply_save_draft (reply, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_nonnull (sd_case_reply_get_draft_error (reply));

  /* Room again: saved, and the message goes. */
  if (full)
    g_assert_cmpint (g_unlink (filler), ==, 0);
  else
    g_assert_cmpint (mount (NULL, dir, NULL, MS_REMOUNT, "size=64k,mode=0700"), ==, 0);
  g_assert_true (sd_case_reply_save_draft (reply, &error));
  g_assert_no_error (error);
  g_assert_null (sd_case_reply_get_draft_error (reply));
  g_assert_cmpuint (notified, ==, 2);
  g_assert_true (g_file_test (draft_path, G_FILE_TEST_EXISTS));

  g_clear_object (&reply);
  g_clear_object (&cache);
  g_assert_cmpint (umount2 (dir, MNT_DETACH), ==, 0);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  private_mounts = enter_private_mounts ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cases/case/from-json", test_case_from_json);
  g_test_add_func ("/cases/case/bad-json", test_case_bad_json);
  g_test_add_func ("/cases/case/hostile-id", test_case_hostile_id);
  g_test_add_func ("/cases/case/kinds", test_case_kinds);
  g_test_add_func ("/cases/case/update-notifies", test_case_update_notifies);
  g_test_add_func ("/cases/case/search-and-filter", test_case_search_and_filter);
  g_test_add_func ("/cases/communication/authors", test_communication_authors);
  g_test_add_func ("/cases/communication/body-is-safe", test_communication_body_is_safe);
  g_test_add_func ("/cases/list/order-filter-search", test_list_order_filter_search);
  g_test_add_func ("/cases/list/status-change-refilters", test_list_status_change_refilters);
  g_test_add_func ("/cases/thread/apply", test_thread_apply);
  g_test_add_func ("/cases/thread/base64", test_base64);
  g_test_add_func ("/cases/cache/round-trip", test_cache_round_trip);
  g_test_add_func ("/cases/reply/validation", test_reply_validation);
  g_test_add_func ("/cases/reply/attachments-and-draft", test_reply_attachments_and_draft);
  g_test_add_data_func ("/cases/reply/draft-disk-full", "full", test_reply_draft_not_saved);
  g_test_add_data_func ("/cases/reply/draft-read-only", "read-only", test_reply_draft_not_saved);
  g_test_add_func ("/cases/known/parsers", test_known_parsers);

  return g_test_run ();
}
