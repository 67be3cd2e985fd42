/* test-routes.c — each route and each pre-check against the AWS emulator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under tests/aws-emulator/with-emulator with scenarios/routes.json:
 * one region per case (sandbox, production, an open quota request, review
 * pending / denied / failed), a business account and a basic one.
 */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "sd-aws-error.h"
#include "sd-aws-json.h"
#include "sd-draft-store.h"
#include "sd-outbox.h"
#include "sd-request-check.h"
#include "sd-service-quotas.h"
#include "sd-sesv2.h"
#include "sd-support.h"
#include "request-test-util.h"

#define BIZ    "req-biz"
#define BASIC  "req-basic"

typedef struct {
  char         *dir;
  SdAwsClient  *client;
  SdOutbox     *outbox;
  SdDraftStore *drafts;
  guint         region_changes;
} Fixture;

/* Auxiliary functions */

static void
on_region_changed (SdOutbox   *outbox,
                   const char *profile,
                   const char *region,
                   gpointer    user_data)
{
  Fixture *fixture = user_data;

  fixture->region_changes++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *drafts_dir = NULL;

  emu_control_quiet ("DELETE", "/faults", NULL);
  fixture->dir = make_temp_dir ();
  drafts_dir = g_build_filename (fixture->dir, "drafts", NULL);
  fixture->client = new_client (5);
  fixture->outbox = sd_outbox_new (fixture->client, fixture->dir, &error);
  g_assert_no_error (error);
  fixture->drafts = sd_draft_store_new (drafts_dir);
  sd_outbox_set_draft_store (fixture->outbox, fixture->drafts);
  sd_outbox_set_settle_time (fixture->outbox, 500);
  g_signal_connect (fixture->outbox, "region-changed", G_CALLBACK (on_region_changed), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  wait_outbox_idle (fixture->outbox, 30000);
  g_clear_object (&fixture->outbox);
  g_clear_object (&fixture->drafts);
  g_clear_object (&fixture->client);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  emu_control_quiet ("DELETE", "/faults", NULL);
}

static SdRequestCheck *
check_and_wait (SdAwsClient         *client,
                SdRequest           *request,
                SdRequestCheckFlags  flags)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  SdRequestCheck *check;

  sd_request_check_async (client, request, flags, NULL, emu_on_result, NULL);
  result = emu_wait_result ();
  check = sd_request_check_finish (result, &error);
  g_assert_no_error (error);
  return check;
}

static SdOutboxEntry *
send_one (Fixture   *fixture,
          SdRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = send_and_wait (fixture->outbox, request, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  wait_outbox_idle (fixture->outbox, 30000);
  return g_object_ref (g_ptr_array_index (entries, 0));
}

/* The params the emulator received with the last @operation in @region. */
static JsonObject *
last_params (const char *operation,
             const char *region)
{
  g_autoptr(JsonArray) requests = emu_requests (operation, region);
  guint n = json_array_get_length (requests);

  g_assert_cmpuint (n, >, 0);
  return json_object_ref (sd_json_get_object (json_array_get_object_element (requests, n - 1), "params"));
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (text == NULL || strstr (text, part) == NULL)
    g_error ("“%s” is missing from:\n%s", part, text ? text : "(null)");
}

static void
create_identity (SdAwsClient *client,
                 const char  *region,
                 const char  *identity,
                 gboolean     dkim)
{
  SdAwsCall *call = sd_aws_call_new (&sd_aws_service_sesv2, "CreateEmailIdentity", BIZ, region);
  g_autoptr(JsonObject) input = json_object_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;

  json_object_set_string_member (input, "EmailIdentity", identity);
  if (dkim)
    {
      JsonObject *signing = json_object_new ();

      json_object_set_string_member (signing, "NextSigningKeyLength", "RSA_2048_BIT");
      json_object_set_object_member (input, "DkimSigningAttributes", signing);
    }
  sd_aws_call_set_write (call, TRUE);
  sd_aws_call_set_http (call, "POST", "/v2/email/identities");
  sd_aws_call_set_json_body (call, input);
  sd_aws_client_send_async (client, call, NULL, emu_on_result, NULL);
  result = emu_wait_result ();
  answer = sd_aws_client_send_finish (client, result, &error);
  g_assert_no_error (error);
}

static SdReadinessItem *
readiness_item (SdRequestCheck  *check,
                const char      *region,
                SdReadinessKind  kind)
{
  GListModel *items = sd_request_check_get_readiness (check);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(SdReadinessItem) item = g_list_model_get_item (items, i);

      if (g_str_equal (sd_readiness_item_get_region (item), region) && sd_readiness_item_get_kind (item) == kind)
        return item;
    }
  g_error ("no readiness item %d for %s", kind, region);
}

/* Tests */

static void
test_readiness (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(SdRequest) request = filled_request (SD_REQUEST_KIND_SENDING_LIMITS, BIZ, "eu-west-1", "en");
  const char *regions[] = { "eu-west-1", "eu-west-2", NULL };
  g_autoptr(SdRequestCheck) check = NULL;
  SdReadinessItem *item;

  create_identity (fixture->client, "eu-west-1", "ops@example.com", FALSE);
  create_identity (fixture->client, "eu-west-1", "signed.example.com", TRUE);
  create_identity (fixture->client, "eu-west-1", "unsigned.example.org", FALSE);
  /* A bounce rate over AWS's review line in eu-west-1; eu-west-2 has no figures. */
  {
    g_autofree char *body = g_strdup_printf ("{\"account\": \"%s\", \"region\": \"eu-west-1\", "
                                             "\"account_state\": {\"metrics\": {\"bounce_rate\": 0.07, "
                                             "\"complaint_rate\": 0.0002, \"send\": 100}}}",
                                             emu_account_id (BIZ));
    g_autoptr(JsonNode) answer = emu_control ("POST", "/state", body);
  }

  sd_request_set_regions (request, regions);
  check = check_and_wait (fixture->client, request, SD_REQUEST_CHECK_READINESS);
  g_assert_cmpuint (g_list_model_get_n_items (sd_request_check_get_readiness (check)), ==, 8);

  /* AWS turns a request down at this bounce rate: said before sending. */
  item = readiness_item (check, "eu-west-1", SD_READINESS_SENDING_RATES);
  g_assert_cmpint (sd_readiness_item_get_status (item), ==, SD_READINESS_TO_DO);
  assert_contains (sd_readiness_item_get_detail (item), "7.00 %");
  assert_contains (sd_readiness_item_get_detail (item), "turns down production access");
  item = readiness_item (check, "eu-west-2", SD_READINESS_SENDING_RATES);
  g_assert_cmpint (sd_readiness_item_get_status (item), ==, SD_READINESS_UNKNOWN);
  assert_contains (sd_readiness_item_get_detail (item), "no bounce or complaint rate");

  item = readiness_item (check, "eu-west-1", SD_READINESS_VERIFIED_IDENTITY);
  g_assert_cmpint (sd_readiness_item_get_status (item), ==, SD_READINESS_DONE);
  assert_contains (sd_readiness_item_get_detail (item), "signed.example.com");
  item = readiness_item (check, "eu-west-1", SD_READINESS_DKIM);
  g_assert_cmpint (sd_readiness_item_get_status (item), ==, SD_READINESS_TO_DO);
  assert_contains (sd_readiness_item_get_detail (item), "unsigned.example.org");
  g_assert_null (strstr (sd_readiness_item_get_detail (item), "signed.example.com,"));
  item = readiness_item (check, "eu-west-1", SD_READINESS_SUPPRESSION_LIST);
  g_assert_cmpint (sd_readiness_item_get_status (item), ==, SD_READINESS_DONE);

  /* No identity, no domain, bounces only: three things to do, each saying what. */
  item = readiness_item (check, "eu-west-2", SD_READINESS_VERIFIED_IDENTITY);
  g_assert_cmpint (sd_readiness_item_get_status (item), ==, SD_READINESS_TO_DO);
  assert_contains (sd_readiness_item_get_detail (item), "Create identity");
  item = readiness_item (check, "eu-west-2", SD_READINESS_DKIM);
  g_assert_cmpint (sd_readiness_item_get_status (item), ==, SD_READINESS_TO_DO);
  item = readiness_item (check, "eu-west-2", SD_READINESS_SUPPRESSION_LIST);
  g_assert_cmpint (sd_readiness_item_get_status (item), ==, SD_READINESS_TO_DO);
  assert_contains (sd_readiness_item_get_detail (item), "not complaints");

  /* One GetEmailIdentity per domain, none per address. */
  g_assert_cmpuint (emu_count ("GetEmailIdentity", "eu-west-1"), ==, 2);
  g_assert_cmpint (sd_request_target_get_route (sd_request_check_get_target (check, "eu-west-1")), ==,
                   SD_REQUEST_ROUTE_PUT_ACCOUNT_DETAILS);
  g_assert_true (sd_request_check_get_sendable (check));
}

static void
test_put_account_details (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(SdRequest) request = filled_request (SD_REQUEST_KIND_SENDING_LIMITS, BIZ, "eu-west-1", "ja");
  g_autoptr(SdRequest) second = NULL;
  g_autoptr(SdOutboxEntry) entry = NULL;
  g_autoptr(SdOutboxEntry) again = NULL;
  g_autoptr(SdOutboxEntry) blocked = NULL;
  g_autoptr(JsonObject) params = NULL;
  g_autoptr(JsonObject) account = NULL;
  g_autofree char *draft_path = NULL;
  g_autofree char *draft_name = NULL;
  JsonObject *region;
  const char *reference;

  sd_request_set_limit_value (request, "75000");
  sd_draft_store_track (fixture->drafts, request);
  draft_name = g_strconcat (sd_request_get_id (request), ".json", NULL);
  draft_path = g_build_filename (sd_draft_store_get_directory (fixture->drafts), draft_name, NULL);
  g_assert_true (g_file_test (draft_path, G_FILE_TEST_EXISTS));

  entry = send_one (fixture, request);
  reference = sd_outbox_entry_get_reference (entry);
  g_assert_cmpint (sd_outbox_entry_get_route (entry), ==, SD_REQUEST_ROUTE_PUT_ACCOUNT_DETAILS);
  g_assert_cmpint (sd_outbox_entry_get_state (entry), ==, SD_OUTBOX_STATE_CONFIRMED);
  g_assert_cmpstr (sd_outbox_entry_get_review_status (entry), ==, "PENDING");
  g_assert_true (g_str_has_prefix (sd_outbox_entry_get_case_id (entry), "case-111111111111-"));
  g_assert_cmpuint (fixture->region_changes, >=, 1);

  /* What SES received carries every field, the original mail type and the reference. */
  g_assert_cmpuint (emu_count ("PutAccountDetails", "eu-west-1"), ==, 1);
  params = last_params ("PutAccountDetails", "eu-west-1");
  g_assert_cmpstr (sd_json_get_string (params, "MailType"), ==, "TRANSACTIONAL");
  g_assert_cmpstr (sd_json_get_string (params, "WebsiteURL"), ==, "https://shop.example.com/");
  g_assert_cmpstr (sd_json_get_string (params, "ContactLanguage"), ==, "JA");
  g_assert_true (sd_json_get_boolean (params, "ProductionAccessEnabled", FALSE));
  assert_contains (sd_json_get_string (params, "UseCaseDescription"), reference);
  assert_contains (sd_json_get_string (params, "UseCaseDescription"), "75000");
  assert_contains (sd_json_get_string (params, "UseCaseDescription"), "システム通知");
  assert_contains (sd_json_get_string (params, "UseCaseDescription"), "Order confirmations");
  assert_contains (sd_json_get_string (params, "UseCaseDescription"), "はい");
  g_assert_cmpstr (json_array_get_string_element (sd_json_get_array (params, "AdditionalContactEmailAddresses"), 0),
                   ==, "ops@example.com");

  /* The region is now under review, with the case SES opened. */
  account = emu_account_state (emu_account_id (BIZ));
  region = emu_region_state (account, "eu-west-1");
  g_assert_cmpstr (sd_json_get_string (sd_json_get_object (region, "review"), "status"), ==, "PENDING");
  g_assert_cmpstr (sd_json_get_string (sd_json_get_object (region, "review"), "case_id"), ==,
                   sd_outbox_entry_get_case_id (entry));
  g_assert_cmpuint (emu_count_cases (emu_account_id (BIZ), reference), ==, 1);

  /* AWS has every region of it: the draft is gone. */
  g_assert_false (g_file_test (draft_path, G_FILE_TEST_EXISTS));

  /* Sending the same request again sends nothing. */
  again = send_one (fixture, request);
  g_assert_true (again == entry);
  g_assert_cmpuint (emu_count ("PutAccountDetails", "eu-west-1"), ==, 1);

  /* A new request for the region while the review runs: no second request. */
  second = filled_request (SD_REQUEST_KIND_SENDING_LIMITS, BIZ, "eu-west-1", "en");
  blocked = send_one (fixture, second);
  g_assert_cmpint (sd_outbox_entry_get_state (blocked), ==, SD_OUTBOX_STATE_NEEDS_USER);
  g_assert_cmpint (sd_outbox_entry_get_reason (blocked), ==, SD_OUTBOX_REASON_REVIEW_PENDING);
  g_assert_cmpstr (sd_outbox_entry_get_related_case_id (blocked), ==, sd_outbox_entry_get_case_id (entry));
  g_assert_cmpuint (emu_count ("PutAccountDetails", "eu-west-1"), ==, 1);
}

static void
test_review_pending (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(SdRequest) request = filled_request (SD_REQUEST_KIND_SENDING_LIMITS, BIZ, "ap-northeast-1", "en");
  g_autoptr(SdRequestCheck) check = check_and_wait (fixture->client, request, SD_REQUEST_CHECK_NONE);
  SdRequestTarget *target = sd_request_check_get_target (check, "ap-northeast-1");
  g_autoptr(SdOutboxEntry) entry = NULL;
  g_autofree char *message = NULL;

  g_assert_cmpint (sd_request_target_get_blocker (target), ==, SD_REQUEST_BLOCKER_REVIEW_PENDING);
  g_assert_nonnull (sd_request_target_get_review_case_id (target));
  assert_contains (sd_request_target_get_message (target), "second request is not sent");
  g_assert_false (sd_request_check_get_sendable (check));

  entry = send_one (fixture, request);
  g_assert_cmpint (sd_outbox_entry_get_state (entry), ==, SD_OUTBOX_STATE_NEEDS_USER);
  g_assert_cmpint (sd_outbox_entry_get_reason (entry), ==, SD_OUTBOX_REASON_REVIEW_PENDING);
  message = sd_outbox_entry_dup_message (entry);
  assert_contains (message, "no second request");
  g_assert_cmpuint (emu_count ("PutAccountDetails", "ap-northeast-1"), ==, 0);
}

static void
test_review_denied (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(SdRequest) request = filled_request (SD_REQUEST_KIND_SENDING_LIMITS, BIZ, "ap-northeast-3", "en");
  g_autoptr(SdRequestCheck) check = check_and_wait (fixture->client, request, SD_REQUEST_CHECK_NONE);
  SdRequestTarget *target = sd_request_check_get_target (check, "ap-northeast-3");
  g_autoptr(SdOutboxEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) params = NULL;

  /* Said before the user tries, with what works instead. */
  g_assert_cmpint (sd_request_target_get_blocker (target), ==, SD_REQUEST_BLOCKER_REVIEW_DENIED);
  g_assert_cmpint (sd_request_target_get_offers (target) & SD_REQUEST_OFFER_REPLY_ON_CASE, !=, 0);
  g_assert_cmpint (sd_request_target_get_offers (target) & SD_REQUEST_OFFER_SERVICE_QUOTAS, !=, 0);
  assert_contains (sd_request_target_get_message (target), sd_request_target_get_review_case_id (target));

  entry = send_one (fixture, request);
  g_assert_cmpint (sd_outbox_entry_get_reason (entry), ==, SD_OUTBOX_REASON_REVIEW_DENIED);
  g_assert_cmpuint (emu_count ("PutAccountDetails", "ap-northeast-3"), ==, 0);
  g_assert_true (sd_outbox_entry_get_can_send_again (entry));

  /* The user takes the Service Quotas offer: the same request goes there. */
  sd_request_set_use_service_quotas (request, "ap-northeast-3", TRUE);
  g_clear_object (&entry);
  entry = send_one (fixture, request);
  g_assert_cmpint (sd_outbox_entry_get_state (entry), ==, SD_OUTBOX_STATE_CONFIRMED);
  g_assert_cmpint (sd_outbox_entry_get_route (entry), ==, SD_REQUEST_ROUTE_SERVICE_QUOTAS);
  g_assert_cmpuint (emu_count ("RequestServiceQuotaIncrease", "ap-northeast-3"), ==, 1);
  params = last_params ("RequestServiceQuotaIncrease", "ap-northeast-3");
  g_assert_cmpfloat (sd_json_get_double (params, "DesiredValue", 0), ==, 100000);
  g_assert_cmpuint (emu_count ("PutAccountDetails", "ap-northeast-3"), ==, 0);
}

static void
test_review_failed (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(SdRequest) request = filled_request (SD_REQUEST_KIND_SENDING_LIMITS, BIZ, "ap-southeast-1", "en");
  g_autoptr(SdRequestCheck) check = check_and_wait (fixture->client, request, SD_REQUEST_CHECK_NONE);
  SdRequestTarget *target = sd_request_check_get_target (check, "ap-southeast-1");
  g_autoptr(SdOutboxEntry) entry = NULL;

  /* FAILED: AWS never received it, so it may go again. */
  g_assert_cmpint (sd_request_target_get_blocker (target), ==, SD_REQUEST_BLOCKER_NONE);
  g_assert_cmpint (sd_request_target_get_offers (target) & SD_REQUEST_OFFER_SEND_AGAIN, !=, 0);
  assert_contains (sd_request_target_get_message (target), "never reached");

  entry = send_one (fixture, request);
  g_assert_cmpint (sd_outbox_entry_get_state (entry), ==, SD_OUTBOX_STATE_CONFIRMED);
  g_assert_cmpstr (sd_outbox_entry_get_review_status (entry), ==, "PENDING");
  g_assert_cmpuint (emu_count ("PutAccountDetails", "ap-southeast-1"), ==, 1);
}

static void
test_service_quotas (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(SdRequest) request = filled_request (SD_REQUEST_KIND_SENDING_LIMITS, BIZ, "us-east-1", "en");
  g_autoptr(SdRequest) second = NULL;
  g_autoptr(SdOutboxEntry) entry = NULL;
  g_autoptr(SdOutboxEntry) blocked = NULL;
  g_autoptr(JsonObject) params = NULL;
  g_autoptr(JsonObject) account = NULL;
  JsonArray *quota_requests;

  entry = send_one (fixture, request);
  g_assert_cmpint (sd_outbox_entry_get_route (entry), ==, SD_REQUEST_ROUTE_SERVICE_QUOTAS);
  g_assert_cmpint (sd_outbox_entry_get_state (entry), ==, SD_OUTBOX_STATE_CONFIRMED);
  g_assert_cmpstr (sd_outbox_entry_get_quota_request_status (entry), ==, "CASE_OPENED");
  g_assert_nonnull (sd_outbox_entry_get_case_id (entry));
  /* The code was confirmed by ListServiceQuotas before it was used. */
  g_assert_cmpuint (emu_count ("ListServiceQuotas", "us-east-1"), >=, 1);
  params = last_params ("RequestServiceQuotaIncrease", "us-east-1");
  g_assert_cmpstr (sd_json_get_string (params, "ServiceCode"), ==, "ses");
  g_assert_cmpstr (sd_json_get_string (params, "QuotaCode"), ==, "L-804C8AE8");
  g_assert_cmpfloat (sd_json_get_double (params, "DesiredValue", 0), ==, 100000);
  g_assert_true (sd_json_get_boolean (params, "SupportCaseAllowed", FALSE));

  account = emu_account_state (emu_account_id (BIZ));
  quota_requests = sd_json_get_array (emu_region_state (account, "us-east-1"), "quota_requests");
  g_assert_cmpuint (json_array_get_length (quota_requests), ==, 1);
  g_assert_cmpstr (sd_json_get_string (json_array_get_object_element (quota_requests, 0), "id"), ==,
                   sd_outbox_entry_get_quota_request_id (entry));

  /* Another request for the same quota: the open one is shown, nothing sent. */
  second = filled_request (SD_REQUEST_KIND_SENDING_LIMITS, BIZ, "us-east-1", "en");
  sd_request_set_limit_value (second, "90000");
  blocked = send_one (fixture, second);
  g_assert_cmpint (sd_outbox_entry_get_reason (blocked), ==, SD_OUTBOX_REASON_QUOTA_REQUEST_OPEN);
  g_assert_cmpstr (sd_outbox_entry_get_open_request_id (blocked), ==, sd_outbox_entry_get_quota_request_id (entry));
  g_assert_cmpuint (emu_count ("RequestServiceQuotaIncrease", "us-east-1"), ==, 1);

  /* Tracked: AWS approves it, the entry follows and says so. */
  {
    g_autofree char *patch = g_strdup_printf ("{\"account\": \"%s\", \"region\": \"us-east-1\", "
                                              "\"quota_request\": {\"id\": \"%s\", \"status\": \"APPROVED\"}}",
                                              emu_account_id (BIZ), sd_outbox_entry_get_quota_request_id (entry));
    g_autofree char *message = NULL;
    guint rounds = 0;

    emu_control_quiet ("POST", "/state", patch);
    g_assert_cmpuint (sd_outbox_track_quota_requests (fixture->outbox), ==, 1);
    /* A read under way is not asked twice. */
    g_assert_cmpuint (sd_outbox_track_quota_requests (fixture->outbox), ==, 0);
    while (g_strcmp0 (sd_outbox_entry_get_quota_request_status (entry), "APPROVED") != 0 && rounds++ < 100)
      run_main_for (50);
    g_assert_cmpstr (sd_outbox_entry_get_quota_request_status (entry), ==, "APPROVED");
    g_assert_nonnull (sd_outbox_entry_get_case_id (entry));
    message = sd_outbox_entry_dup_message (entry);
    g_assert_nonnull (strstr (message, "is approved"));
    g_assert_cmpuint (emu_count ("GetRequestedServiceQuotaChange", "us-east-1"), ==, 1);
    /* Settled: not read again. */
    g_assert_cmpuint (sd_outbox_track_quota_requests (fixture->outbox), ==, 0);
  }
}

static void
test_quota_already_open (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(SdRequest) request = filled_request (SD_REQUEST_KIND_SENDING_LIMITS, BIZ, "us-east-2", "en");
  g_autoptr(SdRequestCheck) check = check_and_wait (fixture->client, request, SD_REQUEST_CHECK_NONE);
  SdRequestTarget *target = sd_request_check_get_target (check, "us-east-2");
  g_autoptr(SdOutboxEntry) entry = NULL;
  g_autofree char *message = NULL;

  g_assert_cmpint (sd_request_target_get_blocker (target), ==, SD_REQUEST_BLOCKER_QUOTA_REQUEST_OPEN);
  g_assert_cmpstr (sd_request_target_get_open_request_id (target), ==, "open-request-0001");
  g_assert_cmpstr (sd_request_target_get_open_request_status (target), ==, "CASE_OPENED");
  g_assert_cmpfloat (sd_request_target_get_open_request_value (target), ==, 200000);
  g_assert_nonnull (sd_request_target_get_open_request_case_id (target));

  entry = send_one (fixture, request);
  g_assert_cmpint (sd_outbox_entry_get_state (entry), ==, SD_OUTBOX_STATE_NEEDS_USER);
  g_assert_cmpint (sd_outbox_entry_get_reason (entry), ==, SD_OUTBOX_REASON_QUOTA_REQUEST_OPEN);
  message = sd_outbox_entry_dup_message (entry);
  assert_contains (message, "200000");
  assert_contains (message, "with AWS Support");
  g_assert_cmpuint (emu_count ("RequestServiceQuotaIncrease", "us-east-2"), ==, 0);
}

static void
test_quota_already_exists_race (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(SdRequest) request = filled_request (SD_REQUEST_KIND_SENDING_LIMITS, BIZ, "us-west-1", "en");
  g_autoptr(SdOutboxEntry) entry = NULL;

  /* Someone else's request lands between the check and ours: AWS answers
   * ResourceAlreadyExistsException, and the open one is shown instead. */
  emu_control_quiet ("POST", "/faults",
                     "{\"service\": \"service-quotas\", \"operation\": \"RequestServiceQuotaIncrease\","
                     " \"region\": \"us-west-1\", \"after_apply\": true, \"status\": 400,"
                     " \"code\": \"ResourceAlreadyExistsException\"}");
  entry = send_one (fixture, request);
  g_assert_cmpint (sd_outbox_entry_get_state (entry), ==, SD_OUTBOX_STATE_NEEDS_USER);
  g_assert_cmpint (sd_outbox_entry_get_reason (entry), ==, SD_OUTBOX_REASON_QUOTA_REQUEST_OPEN);
  g_assert_nonnull (sd_outbox_entry_get_open_request_id (entry));
  g_assert_cmpfloat (sd_outbox_entry_get_open_request_value (entry), ==, 100000);
  g_assert_false (sd_outbox_entry_get_state (entry) == SD_OUTBOX_STATE_FAILED);
}

static void
test_multi_region (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(SdRequest) request = filled_request (SD_REQUEST_KIND_SENDING_LIMITS, BIZ, "eu-west-3", "en");
  const char *regions[] = { "eu-west-3", "ca-central-1", NULL };
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  SdOutboxEntry *put;
  SdOutboxEntry *quota;

  sd_request_set_regions (request, regions);
  entries = send_and_wait (fixture->outbox, request, &error);
  g_assert_no_error (error);
  wait_outbox_idle (fixture->outbox, 30000);
  g_assert_cmpuint (entries->len, ==, 2);
  put = g_ptr_array_index (entries, 0);
  quota = g_ptr_array_index (entries, 1);
  g_assert_cmpstr (sd_outbox_entry_get_region (put), ==, "eu-west-3");
  g_assert_cmpint (sd_outbox_entry_get_route (put), ==, SD_REQUEST_ROUTE_PUT_ACCOUNT_DETAILS);
  g_assert_cmpint (sd_outbox_entry_get_state (put), ==, SD_OUTBOX_STATE_CONFIRMED);
  g_assert_cmpint (sd_outbox_entry_get_route (quota), ==, SD_REQUEST_ROUTE_SERVICE_QUOTAS);
  g_assert_cmpint (sd_outbox_entry_get_state (quota), ==, SD_OUTBOX_STATE_CONFIRMED);
  /* Each region is tracked on its own, under its own reference. */
  g_assert_cmpstr (sd_outbox_entry_get_reference (put), !=, sd_outbox_entry_get_reference (quota));
  g_assert_cmpstr (sd_outbox_entry_get_request_id (put), ==, sd_outbox_entry_get_request_id (quota));
  g_assert_cmpuint (g_list_model_get_n_items (sd_outbox_get_entries (fixture->outbox)), ==, 2);
}

static void
test_support_case (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(SdRequest) request = filled_request (SD_REQUEST_KIND_DEDICATED_IPS, BIZ, "eu-west-1", "ja");
  g_autoptr(SdRequest) release = filled_request (SD_REQUEST_KIND_RELEASE_IPS, BIZ, "ap-southeast-2", "ko");
  g_autoptr(SdOutboxEntry) entry = NULL;
  g_autoptr(SdOutboxEntry) released = NULL;
  g_autoptr(JsonObject) params = NULL;
  g_autoptr(JsonObject) release_params = NULL;
  const char *body;
  guint before = emu_count ("CreateCase", NULL);

  sd_request_set_limit_value (request, "640000");
  sd_request_set_ip_count (request, "4");
  /* The alternative to the Support Center: a question to SES support. */
  sd_request_set_ses_support_case (request, TRUE);
  sd_request_set_ses_support_case (release, TRUE);
  entry = send_one (fixture, request);
  g_assert_cmpint (sd_outbox_entry_get_route (entry), ==, SD_REQUEST_ROUTE_SUPPORT_CASE);
  g_assert_cmpint (sd_outbox_entry_get_state (entry), ==, SD_OUTBOX_STATE_CONFIRMED);
  g_assert_true (g_str_has_prefix (sd_outbox_entry_get_case_id (entry), "case-111111111111-"));
  g_assert_nonnull (sd_outbox_entry_get_display_id (entry));
  g_assert_cmpuint (emu_count ("DescribeServices", NULL), >=, 1);

  g_assert_cmpuint (emu_count ("CreateCase", NULL), ==, before + 1);
  params = last_params ("CreateCase", NULL);
  g_assert_cmpstr (sd_json_get_string (params, "serviceCode"), ==, "amazon-simple-email-service");
  g_assert_cmpstr (sd_json_get_string (params, "categoryCode"), ==, "dedicated-ips");
  g_assert_cmpstr (sd_json_get_string (params, "language"), ==, "ja");
  g_assert_cmpstr (sd_json_get_string (params, "severityCode"), ==, "low");
  assert_contains (sd_json_get_string (params, "subject"), sd_outbox_entry_get_reference (entry));
  body = sd_json_get_string (params, "communicationBody");
  /* Every field of the form, in Japanese. */
  assert_contains (body, "リージョン: eu-west-1");
  assert_contains (body, "640000");
  assert_contains (body, "専用 IP アドレスの数: 4");
  assert_contains (body, "システム通知");
  assert_contains (body, "https://shop.example.com/");
  assert_contains (body, "AUP");
  assert_contains (body, "Order confirmations");
  assert_contains (body, "サポート言語: 日本語");
  assert_contains (body, "連絡方法: Web");
  assert_contains (body, sd_outbox_entry_get_reference (entry));
  g_assert_cmpstr (json_array_get_string_element (sd_json_get_array (params, "ccEmailAddresses"), 0), ==,
                   "ops@example.com");
  g_assert_cmpuint (emu_count_cases (emu_account_id (BIZ), sd_outbox_entry_get_reference (entry)), ==, 1);

  released = send_one (fixture, release);
  g_assert_cmpint (sd_outbox_entry_get_state (released), ==, SD_OUTBOX_STATE_CONFIRMED);
  release_params = last_params ("CreateCase", NULL);
  g_assert_cmpstr (sd_json_get_string (release_params, "language"), ==, "ko");
  assert_contains (sd_json_get_string (release_params, "communicationBody"), "해제할 전용 IP 주소 수: 1");
}

static void
test_support_codes_fallback (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(SdRequest) request = filled_request (SD_REQUEST_KIND_DEDICATED_IPS, BIZ, "eu-west-2", "en");
  g_autoptr(SdOutboxEntry) entry = NULL;
  g_autoptr(JsonObject) params = NULL;

  /* A catalogue of the SES service's own: its dedicated-IP category. */
  sd_request_set_ses_support_case (request, TRUE);
  emu_control_quiet ("POST", "/settings",
                     "{\"support_services\": [{\"code\": \"general-info\", \"name\": \"General\","
                     " \"categories\": [{\"code\": \"using-aws\", \"name\": \"Using AWS\"}]},"
                     " {\"code\": \"amazon-simple-email-service\", \"name\": \"Simple Email Service (SES)\","
                     " \"categories\": [{\"code\": \"general-guidance\", \"name\": \"General Guidance\"},"
                     " {\"code\": \"dedicated-ips\", \"name\": \"Dedicated IPs\"}]}]}");
  entry = send_one (fixture, request);
  emu_control_quiet ("POST", "/settings", "{\"support_services\": null}");
  g_assert_cmpint (sd_outbox_entry_get_state (entry), ==, SD_OUTBOX_STATE_CONFIRMED);
  params = last_params ("CreateCase", NULL);
  g_assert_cmpstr (sd_json_get_string (params, "serviceCode"), ==, "amazon-simple-email-service");
  g_assert_cmpstr (sd_json_get_string (params, "categoryCode"), ==, "dedicated-ips");
}

static void
test_subscription_required (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(SdRequest) request = filled_request (SD_REQUEST_KIND_DEDICATED_IPS, BASIC, "eu-west-1", "en");
  g_autoptr(SdRequestCheck) check = NULL;
  g_autoptr(SdOutboxEntry) entry = NULL;
  g_autoptr(SdRequest) restored = NULL;
  g_autofree char *clipboard = NULL;
  g_autofree char *message = NULL;
  g_autofree char *expected = NULL;
  guint before = emu_count ("CreateCase", NULL);

  sd_draft_store_track (fixture->drafts, request);
  check = check_and_wait (fixture->client, request, SD_REQUEST_CHECK_NONE);
  g_assert_false (sd_request_check_get_support_api (check));
  g_assert_cmpint (sd_request_target_get_blocker (sd_request_check_get_target (check, "eu-west-1")), ==,
                   SD_REQUEST_BLOCKER_NO_SUPPORT_API);
  g_assert_cmpint (sd_request_get_route (request, "eu-west-1"), ==, SD_REQUEST_ROUTE_SUPPORT_CENTER);

  entry = send_one (fixture, request);
  g_assert_cmpint (sd_outbox_entry_get_state (entry), ==, SD_OUTBOX_STATE_NEEDS_USER);
  g_assert_cmpint (sd_outbox_entry_get_reason (entry), ==, SD_OUTBOX_REASON_SUBSCRIPTION_REQUIRED);
  g_assert_cmpint (sd_outbox_entry_get_route (entry), ==, SD_REQUEST_ROUTE_SUPPORT_CENTER);
  message = sd_outbox_entry_dup_message (entry);
  assert_contains (message, "no AWS Support API access");
  g_assert_cmpuint (emu_count ("CreateCase", NULL), ==, before);

  /* The data for the clipboard and the Support Center: exactly the composed case. */
  clipboard = sd_outbox_entry_dup_clipboard_text (entry);
  expected = g_strconcat (sd_outbox_entry_get_subject (entry), "\n\n", sd_outbox_entry_get_body (entry), "\n", NULL);
  g_assert_cmpstr (clipboard, ==, expected);
  assert_contains (clipboard, sd_outbox_entry_get_reference (entry));
  g_assert_cmpstr (sd_outbox_entry_get_support_center_url (entry), ==,
                   "https://support.console.aws.amazon.com/support/home#/case/create?issueType=service-limit-increase"
                   "&limitType=service-code-ses");

  /* The draft stays. */
  restored = sd_draft_store_load (fixture->drafts, sd_request_get_id (request), NULL);
  g_assert_nonnull (restored);
  g_assert_cmpstr (sd_request_get_reference (restored, "eu-west-1"), ==, sd_outbox_entry_get_reference (entry));
}

static void
test_subscription_required_at_send (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(SdRequest) request = filled_request (SD_REQUEST_KIND_DEDICATED_IPS, BIZ, "us-west-2", "en");
  g_autoptr(SdOutboxEntry) entry = NULL;

  sd_request_set_ses_support_case (request, TRUE);
  /* The plan changes between the check and the case. */
  emu_control_quiet ("POST", "/faults",
                     "{\"service\": \"support\", \"operation\": \"CreateCase\", \"status\": 400,"
                     " \"code\": \"SubscriptionRequiredException\"}");
  entry = send_one (fixture, request);
  g_assert_cmpint (sd_outbox_entry_get_state (entry), ==, SD_OUTBOX_STATE_NEEDS_USER);
  g_assert_cmpint (sd_outbox_entry_get_reason (entry), ==, SD_OUTBOX_REASON_SUBSCRIPTION_REQUIRED);
  g_assert_nonnull (sd_outbox_entry_get_subject (entry));
  g_assert_cmpuint (emu_count_cases (emu_account_id (BIZ), sd_outbox_entry_get_reference (entry)), ==, 0);
}

static gboolean
draft_exists (SdDraftStore *drafts,
              SdRequest    *request)
{
  g_autoptr(SdRequest) draft = sd_draft_store_load (drafts, sd_request_get_id (request), NULL);

  return draft != NULL;
}

/* What the user does in the Support Center: a case whose subject is the composed one. */
static void
make_case_by_hand (const char    *profile,
                   SdOutboxEntry *entry)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *body = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "account");
  json_builder_add_string_value (builder, emu_account_id (profile));
  json_builder_set_member_name (builder, "case");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "subject");
  json_builder_add_string_value (builder, sd_outbox_entry_get_subject (entry));
  json_builder_set_member_name (builder, "service_code");
  json_builder_add_string_value (builder, "service-limit-increase");
  json_builder_set_member_name (builder, "category_code");
  json_builder_add_string_value (builder, "service-code-ses");
  json_builder_set_member_name (builder, "time_created");
  json_builder_add_string_value (builder, "-1s");
  json_builder_set_member_name (builder, "communications");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "body");
  json_builder_add_string_value (builder, sd_outbox_entry_get_body (entry));
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  body = json_to_string (root, FALSE);
  emu_control_quiet ("POST", "/state", body);
}

static void
test_support_center_found (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(SdRequest) request = filled_request (SD_REQUEST_KIND_DEDICATED_IPS, BIZ, "eu-west-1", "ja");
  g_autoptr(SdOutboxEntry) entry = NULL;
  g_autofree char *message = NULL;
  guint before = emu_count ("CreateCase", NULL);
  guint changes;

  /* The Support Center is the route: nothing leaves, the entry waits. */
  sd_draft_store_track (fixture->drafts, request);
  entry = send_one (fixture, request);
  g_assert_cmpint (sd_outbox_entry_get_route (entry), ==, SD_REQUEST_ROUTE_SUPPORT_CENTER);
  g_assert_cmpint (sd_outbox_entry_get_state (entry), ==, SD_OUTBOX_STATE_NEEDS_USER);
  g_assert_cmpint (sd_outbox_entry_get_reason (entry), ==, SD_OUTBOX_REASON_SUPPORT_CENTER);
  g_assert_cmpuint (emu_count ("CreateCase", NULL), ==, before);
  message = sd_outbox_entry_dup_message (entry);
  assert_contains (message, "Waiting for you to submit it in the Support Center");
  assert_contains (sd_outbox_entry_get_subject (entry), sd_outbox_entry_get_reference (entry));
  assert_contains (sd_outbox_entry_get_body (entry), "専用 IP アドレスの数: 3");
  g_assert_cmpstr (sd_outbox_entry_get_support_center_url (entry), ==,
                   "https://support.console.aws.amazon.com/support/home#/case/create?issueType=service-limit-increase"
                   "&limitType=service-code-ses");

  /* Not made yet: still waiting, the draft kept. */
  g_assert_cmpuint (sd_outbox_find_submitted (fixture->outbox), ==, 1);
  wait_outbox_idle (fixture->outbox, 30000);
  g_assert_cmpint (sd_outbox_entry_get_state (entry), ==, SD_OUTBOX_STATE_NEEDS_USER);
  g_assert_true (draft_exists (fixture->drafts, request));

  /* The user makes it in the Support Center; the next look links it. */
  make_case_by_hand (BIZ, entry);
  changes = fixture->region_changes;
  g_assert_cmpuint (sd_outbox_find_submitted (fixture->outbox), ==, 1);
  wait_outbox_idle (fixture->outbox, 30000);
  g_assert_cmpint (sd_outbox_entry_get_state (entry), ==, SD_OUTBOX_STATE_CONFIRMED);
  g_assert_true (g_str_has_prefix (sd_outbox_entry_get_case_id (entry), "case-111111111111-"));
  g_assert_nonnull (sd_outbox_entry_get_display_id (entry));
  g_assert_cmpuint (fixture->region_changes, ==, changes + 1);
  g_assert_false (draft_exists (fixture->drafts, request));
  g_assert_cmpuint (sd_outbox_find_submitted (fixture->outbox), ==, 0);
  g_assert_cmpuint (emu_count ("CreateCase", NULL), ==, before);
}

static void
test_refused_case_falls_back (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(SdRequest) request = filled_request (SD_REQUEST_KIND_DEDICATED_IPS, BIZ, "eu-west-2", "en");
  g_autoptr(SdOutboxEntry) entry = NULL;
  g_autoptr(SdRequest) restored = NULL;
  g_autoptr(JsonObject) params = NULL;
  g_autofree char *message = NULL;

  /* AWS refuses the case (as it does a limit increase on the API). */
  sd_request_set_ses_support_case (request, TRUE);
  sd_request_set_use_case (request, "Order confirmations only; we need addresses of our own for an allow-list.");
  sd_draft_store_track (fixture->drafts, request);
  emu_control_quiet ("POST", "/faults",
                     "{\"service\": \"support\", \"operation\": \"CreateCase\", \"status\": 400,"
                     " \"code\": \"InvalidParameterValueException\", \"message\": \"Invalid category code.\"}");
  entry = send_one (fixture, request);
  params = last_params ("CreateCase", NULL);

  /* The Support Center instead, with the very text that was refused. */
  g_assert_cmpint (sd_outbox_entry_get_route (entry), ==, SD_REQUEST_ROUTE_SUPPORT_CENTER);
  g_assert_cmpint (sd_outbox_entry_get_state (entry), ==, SD_OUTBOX_STATE_NEEDS_USER);
  g_assert_cmpint (sd_outbox_entry_get_reason (entry), ==, SD_OUTBOX_REASON_SUPPORT_CENTER);
  g_assert_cmpstr (sd_outbox_entry_get_subject (entry), ==, sd_json_get_string (params, "subject"));
  g_assert_cmpstr (sd_outbox_entry_get_body (entry), ==, sd_json_get_string (params, "communicationBody"));
  assert_contains (sd_outbox_entry_get_body (entry), "allow-list");
  message = sd_outbox_entry_dup_message (entry);
  assert_contains (message, "Invalid category code");
  assert_contains (message, "The text is kept");
  g_assert_cmpuint (emu_count_cases (emu_account_id (BIZ), sd_outbox_entry_get_reference (entry)), ==, 0);
  restored = sd_draft_store_load (fixture->drafts, sd_request_get_id (request), NULL);
  g_assert_nonnull (restored);
  g_assert_cmpstr (sd_request_get_use_case (restored), ==, sd_request_get_use_case (request));

  /* Throttling is no refusal: the case is not given up for it. */
  {
    g_autoptr(SdRequest) throttled = filled_request (SD_REQUEST_KIND_DEDICATED_IPS, BIZ, "eu-west-3", "en");
    g_autoptr(SdOutboxEntry) other = NULL;

    sd_request_set_ses_support_case (throttled, TRUE);
    emu_control_quiet ("POST", "/faults",
                       "{\"service\": \"support\", \"operation\": \"CreateCase\", \"status\": 400,"
                       " \"code\": \"ThrottlingException\"}");
    other = send_one (fixture, throttled);
    g_assert_cmpint (sd_outbox_entry_get_route (other), ==, SD_REQUEST_ROUTE_SUPPORT_CASE);
    g_assert_cmpint (sd_outbox_entry_get_state (other), ==, SD_OUTBOX_STATE_FAILED);
  }
}

static void
test_waiting_survives_restart (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(SdRequest) request = filled_request (SD_REQUEST_KIND_RELEASE_IPS, BASIC, "eu-west-1", "ko");
  g_autoptr(SdOutboxEntry) sent = NULL;
  g_autoptr(SdOutbox) again = NULL;
  g_autoptr(SdOutbox) third = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *url = NULL;
  SdOutboxEntry *entry;

  sent = send_one (fixture, request);
  g_assert_cmpint (sd_outbox_entry_get_reason (sent), ==, SD_OUTBOX_REASON_SUBSCRIPTION_REQUIRED);
  reference = g_strdup (sd_outbox_entry_get_reference (sent));
  subject = g_strdup (sd_outbox_entry_get_subject (sent));

  /* A restart while the user is in the Support Center: still waiting, text and all. */
  wait_outbox_idle (fixture->outbox, 30000);
  g_clear_object (&fixture->outbox);
  again = sd_outbox_new (fixture->client, fixture->dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (sd_outbox_get_entries (again)), ==, 1);
  entry = g_list_model_get_item (sd_outbox_get_entries (again), 0);
  g_object_unref (entry);
  g_assert_cmpstr (sd_outbox_entry_get_reference (entry), ==, reference);
  g_assert_cmpstr (sd_outbox_entry_get_subject (entry), ==, subject);
  g_assert_cmpint (sd_outbox_entry_get_state (entry), ==, SD_OUTBOX_STATE_NEEDS_USER);
  g_assert_cmpint (sd_outbox_entry_get_reason (entry), ==, SD_OUTBOX_REASON_SUBSCRIPTION_REQUIRED);
  g_assert_cmpint (sd_outbox_entry_get_route (entry), ==, SD_REQUEST_ROUTE_SUPPORT_CENTER);
  /* Without API access nothing is looked for: the user pastes the number. */
  g_assert_cmpuint (sd_outbox_find_submitted (again), ==, 0);

  /* Not a number: said, nothing changed. */
  g_assert_false (sd_outbox_link_case (again, entry, "case 12 34", &error));
  g_assert_error (error, SD_OUTBOX_ERROR, SD_OUTBOX_ERROR_INVALID);
  assert_contains (error->message, "is not a case number");
  g_clear_error (&error);
  g_assert_cmpint (sd_outbox_entry_get_state (entry), ==, SD_OUTBOX_STATE_NEEDS_USER);
  g_assert_null (sd_outbox_entry_get_display_id (entry));

  g_assert_true (sd_outbox_link_case (again, entry, " 17123456781\n", &error));
  g_assert_no_error (error);
  g_assert_cmpint (sd_outbox_entry_get_state (entry), ==, SD_OUTBOX_STATE_CONFIRMED);
  g_assert_cmpstr (sd_outbox_entry_get_display_id (entry), ==, "17123456781");
  url = sd_support_center_case_url ("eu-west-1", sd_outbox_entry_get_display_id (entry));
  g_assert_cmpstr (url, ==, "https://console.aws.amazon.com/support/home#/case/?displayId=17123456781");

  /* And the link is kept. */
  g_clear_object (&again);
  third = sd_outbox_new (fixture->client, fixture->dir, &error);
  g_assert_no_error (error);
  entry = g_list_model_get_item (sd_outbox_get_entries (third), 0);
  g_object_unref (entry);
  g_assert_cmpint (sd_outbox_entry_get_state (entry), ==, SD_OUTBOX_STATE_CONFIRMED);
  g_assert_cmpstr (sd_outbox_entry_get_display_id (entry), ==, "17123456781");
  fixture->outbox = g_steal_pointer (&third);
}

static void
test_managed_pool (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) account = NULL;
  JsonArray *pools;
  gboolean found = FALSE;

  for (guint attempt = 0; attempt < 2; attempt++)
    {
      /* Safe to repeat: the second time the managed pool is already there. */
      sd_outbox_create_managed_pool_async (fixture->outbox, BIZ, "ap-southeast-2", "managed-auto", NULL,
                                           emu_on_result, NULL);
      result = emu_wait_result ();
      g_assert_true (sd_outbox_create_managed_pool_finish (fixture->outbox, result, &error));
      g_assert_no_error (error);
      g_clear_object (&result);
    }
  account = emu_account_state (emu_account_id (BIZ));
  pools = sd_json_get_array (emu_region_state (account, "ap-southeast-2"), "pools");
  for (guint i = 0; i < json_array_get_length (pools); i++)
    {
      JsonObject *pool = json_array_get_object_element (pools, i);

      if (g_strcmp0 (sd_json_get_string (pool, "name"), "managed-auto") == 0)
        {
          g_assert_cmpstr (sd_json_get_string (pool, "scaling_mode"), ==, "MANAGED");
          found = TRUE;
        }
    }
  g_assert_true (found);
  g_assert_cmpuint (emu_count ("CreateDedicatedIpPool", "ap-southeast-2"), ==, 2);

  /* A standard pool of that name is not taken for a managed one. */
  sd_outbox_create_managed_pool_async (fixture->outbox, BIZ, "ap-southeast-2", "standard-one", NULL,
                                       emu_on_result, NULL);
  result = emu_wait_result ();
  g_assert_false (sd_outbox_create_managed_pool_finish (fixture->outbox, result, &error));
  g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_ALREADY_EXISTS);
}

/* What a kill during the send leaves: the journal edited, each @from
 * (NULL-terminated pairs of strings) replaced by its @to. */
static void
edit_journal (Fixture    *fixture,
              const char *from,
              ...)
{
  g_autofree char *path = g_build_filename (fixture->dir, "outbox.json", NULL);
  g_autofree char *journal = NULL;
  GString *edited;
  va_list args;

  g_assert_true (g_file_get_contents (path, &journal, NULL, NULL));
  edited = g_string_new (journal);
  va_start (args, from);
  for (; from != NULL; from = va_arg (args, const char *))
    g_string_replace (edited, from, va_arg (args, const char *), 0);
  va_end (args);
  g_assert_true (g_file_set_contents (path, edited->str, -1, NULL));
  g_string_free (edited, TRUE);
}

/* The app started again on the journal: its outbox, reconciled and idle. */
static SdOutbox *
reopen_and_reconcile (Fixture *fixture)
{
  g_autoptr(SdOutbox) reopened = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  sd_outbox_close (fixture->outbox);
  reopened = sd_outbox_new (fixture->client, fixture->dir, &error);
  g_assert_no_error (error);
  sd_outbox_set_settle_time (reopened, 0);
  sd_outbox_reconcile_async (reopened, NULL, NULL, emu_on_result, NULL);
  result = emu_wait_result ();
  g_assert_cmpuint (sd_outbox_reconcile_finish (reopened, result, &error), ==, 0);
  g_assert_no_error (error);
  wait_outbox_idle (reopened, 30000);
  return g_steal_pointer (&reopened);
}

static void
test_reconcile_on_start (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(SdRequest) arrived = filled_request (SD_REQUEST_KIND_DEDICATED_IPS, BIZ, "eu-north-1", "en");
  g_autoptr(SdRequest) lost = filled_request (SD_REQUEST_KIND_DEDICATED_IPS, BIZ, "eu-north-1", "en");
  g_autoptr(SdOutbox) reopened = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  SdOutboxEntry *entry_arrived;
  SdOutboxEntry *entry_lost;

  sd_request_set_ses_support_case (arrived, TRUE);
  sd_request_set_ses_support_case (lost, TRUE);
  /* Two sends whose answers never come: one applied, one not. */
  emu_control_quiet ("POST", "/faults",
                     "[{\"service\": \"support\", \"operation\": \"CreateCase\", \"after_apply\": true,"
                     "  \"drop\": true, \"count\": 1},"
                     " {\"service\": \"support\", \"operation\": \"CreateCase\", \"drop\": true, \"count\": 1}]");
  sd_outbox_set_settle_time (fixture->outbox, 60000);
  first = send_and_wait (fixture->outbox, arrived, &error);
  g_assert_no_error (error);
  entry_arrived = g_ptr_array_index (first, 0);
  /* The first was found at once by its reference. */
  g_assert_cmpint (sd_outbox_entry_get_state (entry_arrived), ==, SD_OUTBOX_STATE_CONFIRMED);
  second = send_and_wait (fixture->outbox, lost, &error);
  entry_lost = g_ptr_array_index (second, 0);
  /* The second: not found yet, but it might still arrive: uncertain, not offered again. */
  g_assert_cmpint (sd_outbox_entry_get_state (entry_lost), ==, SD_OUTBOX_STATE_UNCERTAIN);
  g_assert_false (sd_outbox_entry_get_can_send_again (entry_lost));
  g_assert_true (sd_outbox_entry_get_checking (entry_lost));

  /* The app is killed now: the journal says "sending" for both (edited back
   * to what a kill during the send leaves). */
  edit_journal (fixture, "\"confirmed\"", "\"sending\"", "\"uncertain\"", "\"sending\"", NULL);
  reopened = reopen_and_reconcile (fixture);

  entry_arrived = sd_outbox_find_entry (reopened, sd_request_get_id (arrived), "eu-north-1");
  entry_lost = sd_outbox_find_entry (reopened, sd_request_get_id (lost), "eu-north-1");
  g_assert_cmpint (sd_outbox_entry_get_state (entry_arrived), ==, SD_OUTBOX_STATE_CONFIRMED);
  g_assert_nonnull (sd_outbox_entry_get_case_id (entry_arrived));
  g_assert_cmpint (sd_outbox_entry_get_state (entry_lost), ==, SD_OUTBOX_STATE_FAILED);
  g_assert_true (sd_outbox_entry_get_can_send_again (entry_lost));
  /* DescribeCases looked at resolved cases too, after the send's time. */
  {
    g_autoptr(JsonArray) describes = emu_requests ("DescribeCases", NULL);
    JsonObject *params = sd_json_get_object (json_array_get_object_element (describes,
                                                                            json_array_get_length (describes) - 1),
                                             "params");

    g_assert_true (sd_json_get_boolean (params, "includeResolvedCases", FALSE));
    g_assert_nonnull (sd_json_get_string (params, "afterTime"));
  }

  /* Sent again, once, under the same reference. */
  g_assert_true (send_again_and_wait (reopened, entry_lost, &error));
  g_assert_no_error (error);
  wait_outbox_idle (reopened, 30000);
  g_assert_cmpint (sd_outbox_entry_get_state (entry_lost), ==, SD_OUTBOX_STATE_CONFIRMED);
  g_assert_cmpuint (sd_outbox_entry_get_attempts (entry_lost), ==, 2);
  g_assert_cmpuint (emu_count_cases (emu_account_id (BIZ), sd_outbox_entry_get_reference (entry_lost)), ==, 1);
  g_assert_cmpuint (emu_count_cases (emu_account_id (BIZ), sd_outbox_entry_get_reference (entry_arrived)), ==, 1);

  /* A confirmed entry is never sent again. */
  g_assert_false (send_again_and_wait (reopened, entry_lost, &error));
  g_assert_error (error, SD_OUTBOX_ERROR, SD_OUTBOX_ERROR_NOT_ALLOWED);
}

/* Reconciling reads DescribeCases page after page: the case sent is found
 * behind 150 newer ones (pages of 100). */
static void
test_reconcile_over_pages (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(SdRequest) request = filled_request (SD_REQUEST_KIND_DEDICATED_IPS, BIZ, "eu-south-1", "en");
  g_autoptr(SdOutbox) reopened = NULL;
  g_autoptr(GPtrArray) sent = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *case_id = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint describes;
  SdOutboxEntry *entry;

  sd_request_set_ses_support_case (request, TRUE);
  /* Applied, its answer lost: found at once while it is the newest. */
  emu_control_quiet ("POST", "/faults",
                     "{\"service\": \"support\", \"operation\": \"CreateCase\", \"after_apply\": true,"
                     " \"drop\": true, \"count\": 1}");
  sent = send_and_wait (fixture->outbox, request, &error);
  g_assert_no_error (error);
  entry = g_ptr_array_index (sent, 0);
  g_assert_cmpint (sd_outbox_entry_get_state (entry), ==, SD_OUTBOX_STATE_CONFIRMED);
  case_id = g_strdup (sd_outbox_entry_get_case_id (entry));
  g_assert_nonnull (case_id);

  /* 150 newer cases, then the app killed during the send. */
  for (guint i = 0; i < 150; i++)
    {
      g_autofree char *doc = g_strdup_printf ("{\"account\": \"%s\", \"case\": {\"subject\": \"Newer case %u\","
                                              " \"time_created\": %" G_GINT64_FORMAT ", \"language\": \"en\"}}",
                                              emu_account_id (BIZ), i, now + 10 + i);

      emu_control_quiet ("POST", "/state", doc);
    }
  edit_journal (fixture, "\"confirmed\"", "\"sending\"", case_id, "", NULL);
  describes = emu_count ("DescribeCases", NULL);
  reopened = reopen_and_reconcile (fixture);

  entry = sd_outbox_find_entry (reopened, sd_request_get_id (request), "eu-south-1");
  g_assert_cmpint (sd_outbox_entry_get_state (entry), ==, SD_OUTBOX_STATE_CONFIRMED);
  g_assert_cmpstr (sd_outbox_entry_get_case_id (entry), ==, case_id);
  /* Two pages read, and the case was not created again. */
  g_assert_cmpuint (emu_count ("DescribeCases", NULL) - describes, ==, 2);
  g_assert_cmpuint (emu_count_cases (emu_account_id (BIZ), sd_outbox_entry_get_reference (entry)), ==, 1);
}

/* The first attempt's write, landing at AWS after the app gave up on it. */
static void
land_late (SdAwsClient   *client,
           SdOutboxEntry *entry)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;

  if (sd_outbox_entry_get_route (entry) == SD_REQUEST_ROUTE_SUPPORT_CASE)
    {
      sd_support_create_case_async (client, sd_outbox_entry_get_profile (entry), sd_outbox_entry_get_payload (entry),
                                    NULL, emu_on_result, NULL);
      result = emu_wait_result ();
      answer = sd_support_finish (client, result, &error);
    }
  else
    {
      sd_service_quotas_request_increase_async (client, sd_outbox_entry_get_profile (entry),
                                                sd_outbox_entry_get_region (entry),
                                                sd_outbox_entry_get_payload (entry), NULL, emu_on_result, NULL);
      result = emu_wait_result ();
      answer = sd_service_quotas_finish (client, result, &error);
    }
  g_assert_no_error (error);
}

static void
test_send_again_finds_late_arrival (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(SdRequest) quota = filled_request (SD_REQUEST_KIND_SENDING_LIMITS, BIZ, "us-west-2", "en");
  g_autoptr(SdRequest) cased = filled_request (SD_REQUEST_KIND_DEDICATED_IPS, BIZ, "us-west-2", "en");
  SdRequest *requests[] = { quota, cased };
  const char *operations[] = { "RequestServiceQuotaIncrease", "CreateCase" };

  sd_outbox_set_settle_time (fixture->outbox, 0);
  sd_request_set_limit_value (quota, "123000");
  sd_request_set_ses_support_case (cased, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (requests); i++)
    {
      g_autoptr(SdOutboxEntry) entry = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *fault = g_strdup_printf ("{\"operation\": \"%s\", \"drop\": true}", operations[i]);
      guint writes;

      /* The write is lost on the way; nothing found: failed, may go again. */
      emu_control_quiet ("POST", "/faults", fault);
      entry = send_one (fixture, requests[i]);
      g_assert_cmpint (sd_outbox_entry_get_state (entry), ==, SD_OUTBOX_STATE_FAILED);
      writes = emu_count (operations[i], NULL);

      /* ...but it lands after all, before the user sends it again. */
      land_late (fixture->client, entry);
      g_assert_true (send_again_and_wait (fixture->outbox, entry, &error));
      g_assert_no_error (error);
      wait_outbox_idle (fixture->outbox, 30000);
      g_assert_cmpint (sd_outbox_entry_get_state (entry), ==, SD_OUTBOX_STATE_CONFIRMED);
      /* Found before sending: no second write. */
      g_assert_cmpuint (emu_count (operations[i], NULL), ==, writes + 1);
      g_assert_cmpuint (sd_outbox_entry_get_attempts (entry), ==, 1);
      if (i == 1)
        g_assert_cmpuint (emu_count_cases (emu_account_id (BIZ), sd_outbox_entry_get_reference (entry)), ==, 1);
      else
        g_assert_nonnull (sd_outbox_entry_get_quota_request_id (entry));
    }
}

/* A server whose arrays hold numbers, nulls, strings, arrays and booleans
 * among the objects (every array of every answer): the send, the display id
 * and the reconciliation read past them, with no critical (fatal here). */
static void
test_arrays_with_junk (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(SdRequest) quota = filled_request (SD_REQUEST_KIND_SENDING_LIMITS, BIZ, "sa-east-1", "en");
  g_autoptr(SdRequest) cased = filled_request (SD_REQUEST_KIND_DEDICATED_IPS, BIZ, "sa-east-1", "en");
  g_autoptr(SdRequest) direct = filled_request (SD_REQUEST_KIND_DEDICATED_IPS, BIZ, "ca-central-1", "en");
  g_autoptr(SdOutboxEntry) sent = NULL;
  SdRequest *requests[] = { quota, cased };
  const char *operations[] = { "RequestServiceQuotaIncrease", "CreateCase" };
  const char *junk = "{\"junk_elements\": true, \"count\": -1}";

  sd_outbox_set_settle_time (fixture->outbox, 0);
  sd_request_set_limit_value (quota, "124000");
  sd_request_set_ses_support_case (cased, TRUE);
  sd_request_set_ses_support_case (direct, TRUE);

  emu_control_quiet ("POST", "/faults", junk);
  sent = send_one (fixture, direct);
  g_assert_cmpint (sd_outbox_entry_get_state (sent), ==, SD_OUTBOX_STATE_CONFIRMED);
  g_assert_nonnull (sd_outbox_entry_get_display_id (sent));
  emu_control_quiet ("DELETE", "/faults", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (requests); i++)
    {
      g_autoptr(SdOutboxEntry) entry = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *fault = g_strdup_printf ("{\"operation\": \"%s\", \"drop\": true}", operations[i]);

      /* The write is lost; it lands later; sending again finds it among the junk. */
      emu_control_quiet ("POST", "/faults", fault);
      emu_control_quiet ("POST", "/faults", junk);
      entry = send_one (fixture, requests[i]);
      g_assert_cmpint (sd_outbox_entry_get_state (entry), ==, SD_OUTBOX_STATE_FAILED);
      land_late (fixture->client, entry);
      g_assert_true (send_again_and_wait (fixture->outbox, entry, &error));
      g_assert_no_error (error);
      wait_outbox_idle (fixture->outbox, 30000);
      g_assert_cmpint (sd_outbox_entry_get_state (entry), ==, SD_OUTBOX_STATE_CONFIRMED);
      g_assert_cmpuint (sd_outbox_entry_get_attempts (entry), ==, 1);
      emu_control_quiet ("DELETE", "/faults", NULL);
    }
  /* The junk did go out, in the reads this is about. */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(JsonArray) log = emu_requests (i == 0 ? "DescribeCases" : "ListRequestedServiceQuotaChangeHistoryByQuota",
                                               NULL);
      guint junked = 0;

      for (guint k = 0; k < json_array_get_length (log); k++)
        junked += g_strcmp0 (sd_json_get_string (sd_json_array_get_object (log, k), "fault"),
                             "junk_elements") == 0;
      g_assert_cmpuint (junked, >, 0);
    }
}

static void
test_invalid_not_sent (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(SdRequest) request = filled_request (SD_REQUEST_KIND_DEDICATED_IPS, BIZ, "eu-west-1", "en");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  guint before = emu_count ("CreateCase", NULL);

  sd_request_set_answer (request, SD_REQUEST_FIELD_HANDLES_BOUNCES, SD_ANSWER_NO);
  entries = send_and_wait (fixture->outbox, request, &error);
  g_assert_null (entries);
  g_assert_error (error, SD_OUTBOX_ERROR, SD_OUTBOX_ERROR_INVALID);
  g_assert_cmpuint (emu_count ("CreateCase", NULL), ==, before);
  g_assert_cmpuint (g_list_model_get_n_items (sd_outbox_get_entries (fixture->outbox)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/routes/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("readiness", test_readiness);
  ADD ("put-account-details", test_put_account_details);
  ADD ("review-pending", test_review_pending);
  ADD ("review-denied", test_review_denied);
  ADD ("review-failed", test_review_failed);
  ADD ("service-quotas", test_service_quotas);
  ADD ("quota-already-open", test_quota_already_open);
  ADD ("quota-already-exists-race", test_quota_already_exists_race);
  ADD ("multi-region", test_multi_region);
  ADD ("support-case", test_support_case);
  ADD ("support-codes-fallback", test_support_codes_fallback);
  ADD ("subscription-required", test_subscription_required);
  ADD ("subscription-required-at-send", test_subscription_required_at_send);
  ADD ("support-center-found", test_support_center_found);
  ADD ("refused-case-falls-back", test_refused_case_falls_back);
  ADD ("waiting-survives-restart", test_waiting_survives_restart);
  ADD ("managed-pool", test_managed_pool);
  ADD ("reconcile-on-start", test_reconcile_on_start);
  ADD ("reconcile-over-pages", test_reconcile_over_pages);
  ADD ("send-again-finds-late-arrival", test_send_again_finds_late_arrival);
  ADD ("arrays-with-junk", test_arrays_with_junk);
  ADD ("invalid-not-sent", test_invalid_not_sent);
#undef ADD

  return g_test_run ();
}
