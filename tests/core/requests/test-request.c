/* test-request.c — the request model: fields, validation, routes, payloads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sd-aws-json.h"
#include "sd-case-text.h"
#include "sd-request.h"
#include "sd-request-check.h"
#include "sd-request-preview.h"
#include "sd-service-quotas.h"

/* Auxiliary functions */

/* A request of @kind with every field valid. */
static SdRequest *
filled_request (SdRequestKind kind)
{
  SdRequest *request = sd_request_new (kind);

  sd_request_set_profile (request, "acme");
  sd_request_set_region (request, "eu-west-1");
  sd_request_set_limit_value (request, "100000");
  sd_request_set_ip_count (request, kind == SD_REQUEST_KIND_RELEASE_IPS ? "2" : "3");
  sd_request_set_mail_type (request, SD_MAIL_TYPE_TRANSACTIONAL);
  sd_request_set_website_url (request, "https://example.com/");
  sd_request_set_answer (request, SD_REQUEST_FIELD_COMPLIES_WITH_TERMS, SD_ANSWER_YES);
  sd_request_set_answer (request, SD_REQUEST_FIELD_ONLY_REQUESTED_RECIPIENTS, SD_ANSWER_YES);
  sd_request_set_answer (request, SD_REQUEST_FIELD_HANDLES_BOUNCES, SD_ANSWER_YES);
  sd_request_set_use_case (request, "Order confirmations and receipts for our shop, sent through SMTP.");
  sd_request_set_support_language (request, "en");
  return request;
}

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
assert_error (SdRequest      *request,
              SdRequestField  field,
              const char     *part)
{
  const char *error = sd_request_get_field_error (request, field);

  if (error == NULL)
    g_error ("field %d: expected an error containing “%s”, got none", field, part);
  if (part != NULL && strstr (error, part) == NULL)
    g_error ("field %d: expected “%s” in “%s”", field, part, error);
  g_assert_false (sd_request_get_valid (request));
}

static void
assert_fine (SdRequest      *request,
             SdRequestField  field)
{
  const char *error = sd_request_get_field_error (request, field);

  if (error != NULL)
    g_error ("field %d: unexpected error “%s”", field, error);
}

/* Tests */

/* Each form's fields in the order of the SES guide's forms (docs/ses-guide.md:
 * requesting and releasing dedicated IPs, the sandbox and sending limits). */
static void
test_fields_in_guide_order (void)
{
  guint n = 0;
  const SdRequestField *fields = sd_request_kind_get_fields (SD_REQUEST_KIND_DEDICATED_IPS, &n);
  static const SdRequestField dedicated[] = {
    SD_REQUEST_FIELD_REGIONS, SD_REQUEST_FIELD_LIMIT_VALUE, SD_REQUEST_FIELD_IP_COUNT, SD_REQUEST_FIELD_MAIL_TYPE,
    SD_REQUEST_FIELD_WEBSITE_URL, SD_REQUEST_FIELD_COMPLIES_WITH_TERMS, SD_REQUEST_FIELD_ONLY_REQUESTED_RECIPIENTS,
    SD_REQUEST_FIELD_HANDLES_BOUNCES, SD_REQUEST_FIELD_USE_CASE, SD_REQUEST_FIELD_SUPPORT_LANGUAGE,
    SD_REQUEST_FIELD_CONTACT_METHOD, SD_REQUEST_FIELD_CONTACT_EMAILS,
  };
  static const SdRequestField release[] = {
    SD_REQUEST_FIELD_REGIONS, SD_REQUEST_FIELD_IP_COUNT, SD_REQUEST_FIELD_RELEASE_IPS, SD_REQUEST_FIELD_USE_CASE,
    SD_REQUEST_FIELD_SUPPORT_LANGUAGE, SD_REQUEST_FIELD_CONTACT_METHOD, SD_REQUEST_FIELD_CONTACT_EMAILS,
  };
  g_autoptr(GTypeClass) klass = g_type_class_ref (SD_TYPE_REQUEST);
  static const SdRequestField limits[] = {
    SD_REQUEST_FIELD_REGIONS, SD_REQUEST_FIELD_LIMIT, SD_REQUEST_FIELD_LIMIT_VALUE, SD_REQUEST_FIELD_MAIL_TYPE,
    SD_REQUEST_FIELD_WEBSITE_URL, SD_REQUEST_FIELD_COMPLIES_WITH_TERMS, SD_REQUEST_FIELD_ONLY_REQUESTED_RECIPIENTS,
    SD_REQUEST_FIELD_HANDLES_BOUNCES, SD_REQUEST_FIELD_USE_CASE, SD_REQUEST_FIELD_SUPPORT_LANGUAGE,
    SD_REQUEST_FIELD_CONTACT_EMAILS,
  };

  g_assert_cmpmem (fields, n * sizeof *fields, dedicated, sizeof dedicated);
  fields = sd_request_kind_get_fields (SD_REQUEST_KIND_RELEASE_IPS, &n);
  g_assert_cmpmem (fields, n * sizeof *fields, release, sizeof release);
  fields = sd_request_kind_get_fields (SD_REQUEST_KIND_SENDING_LIMITS, &n);
  g_assert_cmpmem (fields, n * sizeof *fields, limits, sizeof limits);

  /* Every field has a label, help and (but the contact method) a property of the object. */
  for (SdRequestField f = 0; f < SD_REQUEST_N_FIELDS; f++)
    {
      const char *property = sd_request_field_get_property (f);

      g_assert_nonnull (sd_request_field_get_label (f, SD_REQUEST_KIND_SENDING_LIMITS));
      g_assert_nonnull (sd_request_field_get_help (f, SD_REQUEST_KIND_DEDICATED_IPS));
      if (f == SD_REQUEST_FIELD_CONTACT_METHOD)
        {
          g_assert_null (property);
          g_assert_false (sd_request_field_is_editable (f));
        }
      else
        g_assert_nonnull (g_object_class_find_property (G_OBJECT_CLASS (klass), property));
    }
}

static void
test_default_language (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("LANGUAGE"));
  struct { const char *env; const char *want; } cases[] = {
    { "ja_JP.UTF-8", "ja" }, { "zh_CN", "zh" }, { "ko", "ko" }, { "en_GB", "en" },
    { "fr_FR", "en" }, { "fr:ko", "ko" }, { "jam", "en" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SdRequest) request = NULL;

      g_setenv ("LANGUAGE", cases[i].env, TRUE);
      g_assert_cmpstr (sd_request_default_support_language (), ==, cases[i].want);
      request = sd_request_new (SD_REQUEST_KIND_DEDICATED_IPS);
      g_assert_cmpstr (sd_request_get_support_language (request), ==, cases[i].want);
      /* The setting: "auto" (or anything unknown) follows the UI, a language wins over it. */
      g_assert_cmpstr (sd_request_resolve_support_language ("auto"), ==, cases[i].want);
      g_assert_cmpstr (sd_request_resolve_support_language (NULL), ==, cases[i].want);
      g_assert_cmpstr (sd_request_resolve_support_language ("fr"), ==, cases[i].want);
      g_assert_cmpstr (sd_request_resolve_support_language ("ko"), ==, "ko");
      g_assert_cmpstr (sd_request_resolve_support_language ("en"), ==, "en");
    }
  if (saved != NULL)
    g_setenv ("LANGUAGE", saved, TRUE);
  else
    g_unsetenv ("LANGUAGE");
}

static void
on_notify_count (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_valid_follows_fields (void)
{
  g_autoptr(SdRequest) request = sd_request_new (SD_REQUEST_KIND_DEDICATED_IPS);
  guint notified = 0;

  g_assert_false (sd_request_get_valid (request));
  g_object_unref (request);
  request = filled_request (SD_REQUEST_KIND_DEDICATED_IPS);
  g_assert_true (sd_request_get_valid (request));

  g_signal_connect (request, "notify::valid", G_CALLBACK (on_notify_count), &notified);
  g_object_set (request, "website-url", "not a url", NULL);
  g_assert_false (sd_request_get_valid (request));
  g_assert_cmpuint (notified, ==, 1);
  g_object_set (request, "website-url", "https://example.com", NULL);
  g_assert_true (sd_request_get_valid (request));
  g_assert_cmpuint (notified, ==, 2);
}

static void
test_validate_regions (void)
{
  g_autoptr(SdRequest) request = filled_request (SD_REQUEST_KIND_DEDICATED_IPS);
  const char *two[] = { "eu-west-1", "us-east-1", NULL };
  const char *twice[] = { "eu-west-1", "eu-west-1", NULL };
  g_autoptr(SdRequest) limits = filled_request (SD_REQUEST_KIND_SENDING_LIMITS);

  sd_request_set_regions (request, NULL);
  assert_error (request, SD_REQUEST_FIELD_REGIONS, "Choose a region");
  sd_request_set_region (request, "xx-nowhere-9");
  assert_error (request, SD_REQUEST_FIELD_REGIONS, "xx-nowhere-9");
  sd_request_set_region (request, "cn-north-1");   /* a region, but not an SES one */
  assert_error (request, SD_REQUEST_FIELD_REGIONS, "cn-north-1");
  sd_request_set_regions (request, two);
  assert_error (request, SD_REQUEST_FIELD_REGIONS, "one region");
  sd_request_set_region (request, "ap-northeast-1");
  assert_fine (request, SD_REQUEST_FIELD_REGIONS);
  g_assert_true (sd_request_get_valid (request));

  sd_request_set_regions (limits, two);
  assert_fine (limits, SD_REQUEST_FIELD_REGIONS);
  sd_request_set_regions (limits, twice);
  assert_error (limits, SD_REQUEST_FIELD_REGIONS, "twice");
}

static void
test_validate_numbers (void)
{
  g_autoptr(SdRequest) request = filled_request (SD_REQUEST_KIND_DEDICATED_IPS);
  guint64 value = 0;
  struct { const char *text; guint64 value; } good[] = {
    { "100000", 100000 }, { "100,000", 100000 }, { " 2 500 ", 2500 }, { "１００，０００", 100000 },
    { "1_000", 1000 }, { "1'000'000", 1000000 },
  };
  const char *bad[] = { "abc", "1.5", "-3", "12e3", "1,,000", ",100", "100,", "0x10" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      sd_request_set_limit_value (request, good[i].text);
      assert_fine (request, SD_REQUEST_FIELD_LIMIT_VALUE);
      g_assert_true (sd_request_get_limit_number (request, &value));
      g_assert_cmpuint (value, ==, good[i].value);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      sd_request_set_limit_value (request, bad[i]);
      assert_error (request, SD_REQUEST_FIELD_LIMIT_VALUE, "whole number");
      g_assert_false (sd_request_get_limit_number (request, NULL));
    }
  sd_request_set_limit_value (request, "");
  assert_error (request, SD_REQUEST_FIELD_LIMIT_VALUE, "Enter a number");
  sd_request_set_limit_value (request, "0");
  assert_error (request, SD_REQUEST_FIELD_LIMIT_VALUE, "above 0");
  sd_request_set_limit_value (request, "99999999999999999999");
  assert_error (request, SD_REQUEST_FIELD_LIMIT_VALUE, "too large");
  sd_request_set_limit_value (request, "5000");

  /* The guide's advice (docs/ses-guide.md, dedicated IPs): 3 or more, and why. */
  sd_request_set_ip_count (request, "2");
  assert_fine (request, SD_REQUEST_FIELD_IP_COUNT);
  g_assert_nonnull (strstr (sd_request_get_field_advice (request, SD_REQUEST_FIELD_IP_COUNT), "availability zones"));
  g_assert_true (sd_request_get_valid (request));
  sd_request_set_ip_count (request, "3");
  g_assert_null (sd_request_get_field_advice (request, SD_REQUEST_FIELD_IP_COUNT));
  sd_request_set_ip_count (request, "three");
  assert_error (request, SD_REQUEST_FIELD_IP_COUNT, "whole number");
}

static void
test_validate_limit_against_region (void)
{
  g_autoptr(SdRequest) request = filled_request (SD_REQUEST_KIND_SENDING_LIMITS);
  const char *two[] = { "eu-west-1", "us-east-1", NULL };

  sd_request_set_regions (request, two);
  sd_request_set_region_info (request, "eu-west-1", SD_SANDBOX_STATE_SANDBOX, 200, 1, 0);
  sd_request_set_region_info (request, "us-east-1", SD_SANDBOX_STATE_PRODUCTION, 50000, 14, 0);

  sd_request_set_limit_value (request, "150");
  assert_error (request, SD_REQUEST_FIELD_LIMIT_VALUE, "200");
  sd_request_set_limit_value (request, "40000");
  assert_error (request, SD_REQUEST_FIELD_LIMIT_VALUE, "50000");
  sd_request_set_limit_value (request, "60000");
  assert_fine (request, SD_REQUEST_FIELD_LIMIT_VALUE);
  g_assert_true (sd_request_get_valid (request));

  sd_request_set_limit (request, SD_LIMIT_SEND_RATE);
  sd_request_set_limit_value (request, "10");
  assert_error (request, SD_REQUEST_FIELD_LIMIT_VALUE, "14");
  sd_request_set_limit_value (request, "1");
  assert_error (request, SD_REQUEST_FIELD_LIMIT_VALUE, "sandbox");
  sd_request_set_limit_value (request, "20");
  assert_fine (request, SD_REQUEST_FIELD_LIMIT_VALUE);

  /* Unlimited already. */
  sd_request_set_limit (request, SD_LIMIT_DAILY_QUOTA);
  sd_request_set_region_info (request, "us-east-1", SD_SANDBOX_STATE_PRODUCTION, -1, 14, 0);
  sd_request_set_limit_value (request, "1000000");
  assert_error (request, SD_REQUEST_FIELD_LIMIT_VALUE, "unlimited");
}

static void
test_validate_release (void)
{
  g_autoptr(SdRequest) request = filled_request (SD_REQUEST_KIND_RELEASE_IPS);
  const char *ips[] = { "198.51.100.10", "198.51.100.11", NULL };
  const char *bad[] = { "198.51.100.10", "300.1.1.1", NULL };
  const char *dup[] = { "198.51.100.10", "198.51.100.10", NULL };

  g_assert_true (sd_request_get_valid (request));
  /* The website is not a field of the release form. */
  sd_request_set_website_url (request, "");
  g_assert_true (sd_request_get_valid (request));

  sd_request_set_region_info (request, "eu-west-1", SD_SANDBOX_STATE_PRODUCTION, 50000, 14, 1);
  assert_error (request, SD_REQUEST_FIELD_IP_COUNT, "only 1");
  sd_request_set_region_info (request, "eu-west-1", SD_SANDBOX_STATE_PRODUCTION, 50000, 14, 4);
  assert_fine (request, SD_REQUEST_FIELD_IP_COUNT);

  sd_request_set_release_ips (request, ips);
  assert_fine (request, SD_REQUEST_FIELD_RELEASE_IPS);
  sd_request_set_ip_count (request, "3");
  assert_error (request, SD_REQUEST_FIELD_IP_COUNT, "must match");
  sd_request_set_ip_count (request, "2");
  g_assert_true (sd_request_get_valid (request));

  sd_request_set_release_ips (request, bad);
  assert_error (request, SD_REQUEST_FIELD_RELEASE_IPS, "300.1.1.1");
  sd_request_set_release_ips (request, dup);
  assert_error (request, SD_REQUEST_FIELD_RELEASE_IPS, "twice");
}

static void
test_validate_website (void)
{
  g_autoptr(SdRequest) request = filled_request (SD_REQUEST_KIND_DEDICATED_IPS);
  g_autoptr(SdRequest) limits = filled_request (SD_REQUEST_KIND_SENDING_LIMITS);
  g_autofree char *long_url = NULL;
  GString *url = g_string_new ("https://example.com/");

  sd_request_set_website_url (request, "");
  assert_error (request, SD_REQUEST_FIELD_WEBSITE_URL, "website");
  sd_request_set_website_url (request, "ftp://example.com");
  assert_error (request, SD_REQUEST_FIELD_WEBSITE_URL, "https://");
  sd_request_set_website_url (request, "example.com");
  assert_error (request, SD_REQUEST_FIELD_WEBSITE_URL, NULL);
  sd_request_set_website_url (request, "https://example");
  assert_error (request, SD_REQUEST_FIELD_WEBSITE_URL, "domain");
  sd_request_set_website_url (request, "https://exa mple.com");
  assert_error (request, SD_REQUEST_FIELD_WEBSITE_URL, "spaces");
  while (url->len <= 1000)
    g_string_append (url, "abcdefghij");
  long_url = g_string_free (url, FALSE);
  sd_request_set_website_url (request, long_url);
  assert_error (request, SD_REQUEST_FIELD_WEBSITE_URL, "1000");
  long_url[1000] = '\0';
  sd_request_set_website_url (request, long_url);
  assert_fine (request, SD_REQUEST_FIELD_WEBSITE_URL);
  sd_request_set_website_url (request, "http://shop.example.co.jp/about?x=1#y");
  assert_fine (request, SD_REQUEST_FIELD_WEBSITE_URL);

  /* Outside the sandbox (Service Quotas only) the URL is not sent: advice, not an error. */
  sd_request_set_region_info (limits, "eu-west-1", SD_SANDBOX_STATE_PRODUCTION, 50000, 14, 0);
  sd_request_set_website_url (limits, "");
  assert_fine (limits, SD_REQUEST_FIELD_WEBSITE_URL);
  g_assert_nonnull (sd_request_get_field_advice (limits, SD_REQUEST_FIELD_WEBSITE_URL));
  sd_request_set_region_info (limits, "eu-west-1", SD_SANDBOX_STATE_SANDBOX, 200, 1, 0);
  assert_error (limits, SD_REQUEST_FIELD_WEBSITE_URL, NULL);
}

static void
test_validate_answers (void)
{
  SdRequestField questions[] = {
    SD_REQUEST_FIELD_COMPLIES_WITH_TERMS, SD_REQUEST_FIELD_ONLY_REQUESTED_RECIPIENTS,
    SD_REQUEST_FIELD_HANDLES_BOUNCES,
  };
  const char *why[] = { "Acceptable Use", "asked for it", "bounces" };

  for (guint i = 0; i < G_N_ELEMENTS (questions); i++)
    {
      g_autoptr(SdRequest) request = filled_request (SD_REQUEST_KIND_SENDING_LIMITS);

      sd_request_set_answer (request, questions[i], SD_ANSWER_UNSET);
      assert_error (request, questions[i], "Answer");
      sd_request_set_answer (request, questions[i], SD_ANSWER_NO);
      assert_error (request, questions[i], why[i]);
      sd_request_set_answer (request, questions[i], SD_ANSWER_YES);
      g_assert_true (sd_request_get_valid (request));
    }
}

static void
test_validate_use_case_length (void)
{
  g_autoptr(SdRequest) request = filled_request (SD_REQUEST_KIND_DEDICATED_IPS);
  g_autoptr(SdRequest) limits = filled_request (SD_REQUEST_KIND_SENDING_LIMITS);
  g_autofree char *body = NULL;
  GString *text = g_string_new (NULL);
  glong fixed;

  sd_request_set_use_case (request, "   ");
  assert_error (request, SD_REQUEST_FIELD_USE_CASE, "dedicated rather than shared");
  sd_request_set_use_case (request, "Receipts");
  assert_error (request, SD_REQUEST_FIELD_USE_CASE, "10");

  /* Exactly 8000 characters of case text passes, one more does not; in
   * Japanese each character counts once, whatever its bytes. */
  sd_request_set_support_language (request, "ja");
  sd_request_set_use_case (request, "あ");
  body = sd_case_text_body (request, "eu-west-1", NULL);
  fixed = sd_case_text_length (body) - 1;
  for (glong i = 0; i < SD_CASE_TEXT_MAX_BODY - fixed; i++)
    g_string_append (text, "あ");
  sd_request_set_use_case (request, text->str);
  assert_fine (request, SD_REQUEST_FIELD_USE_CASE);
  g_string_append (text, "い");
  sd_request_set_use_case (request, text->str);
  assert_error (request, SD_REQUEST_FIELD_USE_CASE, "8000");

  /* Leaving the sandbox: SES takes 5000 for the description. */
  g_string_truncate (text, 0);
  for (guint i = 0; i < 4990; i++)
    g_string_append_c (text, 'x');
  sd_request_set_region_info (limits, "eu-west-1", SD_SANDBOX_STATE_SANDBOX, 200, 1, 0);
  sd_request_set_use_case (limits, text->str);
  assert_error (limits, SD_REQUEST_FIELD_USE_CASE, "5000");
  sd_request_set_region_info (limits, "eu-west-1", SD_SANDBOX_STATE_PRODUCTION, 50000, 14, 0);
  assert_fine (limits, SD_REQUEST_FIELD_USE_CASE);
  g_string_free (text, TRUE);
}

static void
test_validate_contacts_and_language (void)
{
  g_autoptr(SdRequest) request = filled_request (SD_REQUEST_KIND_DEDICATED_IPS);
  g_autoptr(SdRequest) limits = filled_request (SD_REQUEST_KIND_SENDING_LIMITS);
  g_auto(GStrv) list = NULL;
  GString *many = g_string_new (NULL);
  const char *bad[] = { "a@b", "no-at.example.com", "two@@example.com", "sp ace@example.com", "x@example",
                        "x@.example.com", "x@example..com" };

  sd_request_set_contact_emails (request, "ops@example.com,\n  dev@example.org; cto@example.jp");
  assert_fine (request, SD_REQUEST_FIELD_CONTACT_EMAILS);
  list = sd_request_dup_contact_email_list (request);
  g_assert_cmpuint (g_strv_length (list), ==, 3);
  g_assert_cmpstr (list[1], ==, "dev@example.org");
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *text = g_strdup_printf ("ops@example.com %s", bad[i]);

      sd_request_set_contact_emails (request, text);
      assert_error (request, SD_REQUEST_FIELD_CONTACT_EMAILS, "not an e-mail address");
    }

  for (guint i = 0; i < 11; i++)
    g_string_append_printf (many, "user%u@example.com ", i);
  sd_request_set_contact_emails (request, many->str);
  assert_error (request, SD_REQUEST_FIELD_CONTACT_EMAILS, "10");
  /* PutAccountDetails: at most 4. */
  g_string_truncate (many, 0);
  for (guint i = 0; i < 5; i++)
    g_string_append_printf (many, "user%u@example.com ", i);
  sd_request_set_contact_emails (limits, many->str);
  assert_error (limits, SD_REQUEST_FIELD_CONTACT_EMAILS, "4");
  g_string_free (many, TRUE);

  sd_request_set_support_language (request, "fr");
  assert_error (request, SD_REQUEST_FIELD_SUPPORT_LANGUAGE, "Japanese");
  sd_request_set_support_language (limits, "zh");
  assert_fine (limits, SD_REQUEST_FIELD_SUPPORT_LANGUAGE);
  g_assert_nonnull (strstr (sd_request_get_field_advice (limits, SD_REQUEST_FIELD_SUPPORT_LANGUAGE), "English"));
  sd_request_set_support_language (limits, "ja");
  g_assert_null (sd_request_get_field_advice (limits, SD_REQUEST_FIELD_SUPPORT_LANGUAGE));
}

static void
test_mail_types (void)
{
  g_assert_cmpstr (sd_mail_type_to_api (SD_MAIL_TYPE_TRANSACTIONAL), ==, "TRANSACTIONAL");
  g_assert_cmpstr (sd_mail_type_to_api (SD_MAIL_TYPE_SYSTEM_NOTIFICATIONS), ==, "TRANSACTIONAL");
  g_assert_cmpstr (sd_mail_type_to_api (SD_MAIL_TYPE_SUBSCRIPTION), ==, "MARKETING");
  g_assert_cmpstr (sd_mail_type_to_api (SD_MAIL_TYPE_MARKETING), ==, "MARKETING");
  g_assert_cmpstr (sd_mail_type_to_api (SD_MAIL_TYPE_OTHER), ==, "MARKETING");
  g_assert_null (sd_mail_type_to_api (SD_MAIL_TYPE_NONE));
  g_assert_cmpstr (sd_request_contact_language_for ("ja"), ==, "JA");
  g_assert_cmpstr (sd_request_contact_language_for ("zh"), ==, "EN");
  g_assert_cmpstr (sd_request_contact_language_for ("ko"), ==, "EN");
}

static void
test_routes_and_payloads (void)
{
  g_autoptr(SdRequest) request = filled_request (SD_REQUEST_KIND_SENDING_LIMITS);
  g_autoptr(SdRequest) dedicated = filled_request (SD_REQUEST_KIND_DEDICATED_IPS);
  g_autoptr(JsonObject) put = NULL;
  g_autoptr(JsonObject) quota = NULL;
  g_autoptr(JsonObject) cased = NULL;
  g_autofree char *label = NULL;
  const char *description;

  g_assert_cmpint (sd_request_get_route (request, "eu-west-1"), ==, SD_REQUEST_ROUTE_UNKNOWN);
  sd_request_set_region_info (request, "eu-west-1", SD_SANDBOX_STATE_SANDBOX, 200, 1, 0);
  g_assert_cmpint (sd_request_get_route (request, "eu-west-1"), ==, SD_REQUEST_ROUTE_PUT_ACCOUNT_DETAILS);
  label = sd_request_describe_route (request, "eu-west-1", SD_REQUEST_ROUTE_PUT_ACCOUNT_DETAILS);
  g_assert_cmpstr (label, ==, "SESv2 PutAccountDetails in eu-west-1");

  sd_request_set_mail_type (request, SD_MAIL_TYPE_SYSTEM_NOTIFICATIONS);
  sd_request_set_support_language (request, "zh");
  sd_request_set_contact_emails (request, "ops@example.com");
  sd_request_set_reference (request, "eu-west-1", "SD-TEST01");
  put = sd_request_build_payload (request, "eu-west-1", SD_REQUEST_ROUTE_PUT_ACCOUNT_DETAILS);
  g_assert_cmpstr (sd_json_get_string (put, "MailType"), ==, "TRANSACTIONAL");
  g_assert_cmpstr (sd_json_get_string (put, "ContactLanguage"), ==, "EN");
  g_assert_cmpstr (sd_json_get_string (put, "WebsiteURL"), ==, "https://example.com/");
  g_assert_true (sd_json_get_boolean (put, "ProductionAccessEnabled", FALSE));
  g_assert_cmpuint (json_array_get_length (sd_json_get_array (put, "AdditionalContactEmailAddresses")), ==, 1);
  description = sd_json_get_string (put, "UseCaseDescription");
  /* The original mail type, the reference and the value, in the chosen (Chinese) text. */
  g_assert_nonnull (strstr (description, "SD-TEST01"));
  g_assert_nonnull (strstr (description, "系统通知"));
  g_assert_nonnull (strstr (description, "TRANSACTIONAL"));
  g_assert_nonnull (strstr (description, "100000"));
  g_assert_nonnull (strstr (description, "Order confirmations"));

  sd_request_set_region_info (request, "eu-west-1", SD_SANDBOX_STATE_PRODUCTION, 50000, 14, 0);
  g_assert_cmpint (sd_request_get_route (request, "eu-west-1"), ==, SD_REQUEST_ROUTE_SERVICE_QUOTAS);
  quota = sd_request_build_payload (request, "eu-west-1", SD_REQUEST_ROUTE_SERVICE_QUOTAS);
  g_assert_cmpstr (sd_json_get_string (quota, "QuotaCode"), ==, SD_SES_QUOTA_SENDING_QUOTA);
  g_assert_cmpfloat (sd_json_get_double (quota, "DesiredValue", 0), ==, 100000);
  sd_request_set_quota_code (request, "eu-west-1", "L-CONFIRMED");
  g_clear_pointer (&label, g_free);
  label = sd_request_describe_route (request, "eu-west-1", SD_REQUEST_ROUTE_SERVICE_QUOTAS);
  g_assert_cmpstr (label, ==, "Service Quotas request for L-CONFIRMED in eu-west-1");

  /* Review pending: nothing; denied: nothing unless Service Quotas is chosen. */
  sd_request_set_region_info (request, "eu-west-1", SD_SANDBOX_STATE_PENDING, 200, 1, 0);
  g_assert_cmpint (sd_request_get_route (request, "eu-west-1"), ==, SD_REQUEST_ROUTE_NONE);
  sd_request_set_region_info (request, "eu-west-1", SD_SANDBOX_STATE_DENIED, 200, 1, 0);
  g_assert_cmpint (sd_request_get_route (request, "eu-west-1"), ==, SD_REQUEST_ROUTE_NONE);
  sd_request_set_use_service_quotas (request, "eu-west-1", TRUE);
  g_assert_cmpint (sd_request_get_route (request, "eu-west-1"), ==, SD_REQUEST_ROUTE_SERVICE_QUOTAS);
  sd_request_set_region_info (request, "eu-west-1", SD_SANDBOX_STATE_FAILED, 200, 1, 0);
  g_assert_cmpint (sd_request_get_route (request, "eu-west-1"), ==, SD_REQUEST_ROUTE_PUT_ACCOUNT_DETAILS);

  /* Dedicated IPs: a limit increase case in the Support Center (the Support
   * API does not take them); a question to SES support only when chosen. */
  sd_request_set_support_language (dedicated, "ja");
  g_assert_cmpint (sd_request_get_route (dedicated, "eu-west-1"), ==, SD_REQUEST_ROUTE_SUPPORT_CENTER);
  g_clear_pointer (&label, g_free);
  label = sd_request_describe_route (dedicated, "eu-west-1", SD_REQUEST_ROUTE_SUPPORT_CENTER);
  g_assert_true (g_str_has_prefix (label, "A service limit increase case in the AWS Support Center, in Japanese"));
  sd_request_set_ses_support_case (dedicated, TRUE);
  g_assert_cmpint (sd_request_get_route (dedicated, "eu-west-1"), ==, SD_REQUEST_ROUTE_SUPPORT_CASE);
  sd_request_set_support_codes (dedicated, "amazon-simple-email-service", "dedicated-ips");
  g_clear_pointer (&label, g_free);
  label = sd_request_describe_route (dedicated, "eu-west-1", SD_REQUEST_ROUTE_SUPPORT_CASE);
  g_assert_cmpstr (label, ==, "A question to SES support through the Support API (amazon-simple-email-service / "
                   "dedicated-ips) in Japanese; SES support may answer that a limit increase case is needed");
  cased = sd_request_build_payload (dedicated, "eu-west-1", SD_REQUEST_ROUTE_SUPPORT_CASE);
  g_assert_cmpstr (sd_json_get_string (cased, "language"), ==, "ja");
  g_assert_cmpstr (sd_json_get_string (cased, "serviceCode"), ==, "amazon-simple-email-service");
  g_assert_nonnull (strstr (sd_json_get_string (cased, "subject"), sd_request_get_reference (dedicated, "eu-west-1")));
  g_assert_nonnull (strstr (sd_json_get_string (cased, "communicationBody"), "専用 IP アドレス"));
  sd_request_set_support_api (dedicated, FALSE);
  g_assert_cmpint (sd_request_get_route (dedicated, "eu-west-1"), ==, SD_REQUEST_ROUTE_SUPPORT_CENTER);
}

static void
test_references (void)
{
  g_autoptr(SdRequest) request = filled_request (SD_REQUEST_KIND_SENDING_LIMITS);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *first = sd_request_get_reference (request, "eu-west-1");

  g_assert_true (g_regex_match_simple ("^SD-[2-9A-HJKMNP-Z]{6}$", first, 0, 0));
  g_assert_cmpstr (sd_request_get_reference (request, "eu-west-1"), ==, first);
  g_assert_cmpstr (sd_request_get_reference (request, "us-east-1"), !=, first);
  for (guint i = 0; i < 10000; i++)
    g_assert_true (g_hash_table_add (seen, sd_request_new_reference ()) || i > 0);
  /* 30 bits: ten thousand draws with at most a couple of collisions. */
  g_assert_cmpuint (g_hash_table_size (seen), >=, 9995);
}

static void
test_json_round_trip (void)
{
  g_autoptr(SdRequest) request = filled_request (SD_REQUEST_KIND_RELEASE_IPS);
  g_autoptr(SdRequest) back = NULL;
  g_autoptr(JsonObject) json = NULL;
  g_autoptr(JsonObject) again = NULL;
  g_autoptr(JsonNode) a = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) b = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GError) error = NULL;
  const char *ips[] = { "198.51.100.10", "2001:db8::1", NULL };
  g_autoptr(JsonObject) garbage = parse_object ("{\"kind\": \"unknown\"}");
  g_autoptr(JsonObject) sparse = parse_object ("{\"kind\": \"sending-limits\", \"regions\": [\"eu-west-1\", 7], "
                                               "\"mail_type\": 42, \"id\": \"../../etc/passwd\"}");
  g_autoptr(SdRequest) from_sparse = NULL;

  sd_request_set_release_ips (request, ips);
  sd_request_set_contact_emails (request, "ops@example.com");
  sd_request_set_support_language (request, "ko");
  sd_request_get_reference (request, "eu-west-1");
  json = sd_request_to_json (request);
  back = sd_request_new_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sd_request_get_id (back), ==, sd_request_get_id (request));
  g_assert_cmpint (sd_request_get_kind (back), ==, SD_REQUEST_KIND_RELEASE_IPS);
  g_assert_cmpstr (sd_request_get_reference (back, "eu-west-1"), ==, sd_request_get_reference (request, "eu-west-1"));
  g_assert_cmpstrv (sd_request_get_release_ips (back), ips);
  g_assert_cmpstr (sd_request_get_support_language (back), ==, "ko");
  again = sd_request_to_json (back);
  json_node_set_object (a, json);
  json_node_set_object (b, again);
  g_assert_true (json_node_equal (a, b));

  g_assert_null (sd_request_new_from_json (garbage, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  /* Wrong types are dropped, a path-like id replaced. */
  from_sparse = sd_request_new_from_json (sparse, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sd_request_get_regions (from_sparse)[0], ==, "eu-west-1");
  g_assert_null (sd_request_get_regions (from_sparse)[1]);
  g_assert_cmpint (sd_request_get_mail_type (from_sparse), ==, SD_MAIL_TYPE_NONE);
  g_assert_true (g_uuid_string_is_valid (sd_request_get_id (from_sparse)));
}

static void
test_preview (void)
{
  g_autoptr(SdRequest) request = filled_request (SD_REQUEST_KIND_SENDING_LIMITS);
  const char *regions[] = { "eu-west-1", "us-east-1", "ap-northeast-1", NULL };
  g_autoptr(GListModel) previews = NULL;
  g_autoptr(SdRequestPreview) put = NULL;
  g_autoptr(SdRequestPreview) quota = NULL;
  g_autoptr(SdRequestPreview) unknown = NULL;
  g_autoptr(JsonObject) payload = NULL;

  sd_request_set_regions (request, regions);
  sd_request_set_region_info (request, "eu-west-1", SD_SANDBOX_STATE_SANDBOX, 200, 1, 0);
  sd_request_set_region_info (request, "us-east-1", SD_SANDBOX_STATE_PRODUCTION, 50000, 14, 0);
  previews = sd_request_build_previews (request);
  g_assert_cmpuint (g_list_model_get_n_items (previews), ==, 3);

  put = g_list_model_get_item (previews, 0);
  g_assert_cmpint (sd_request_preview_get_route (put), ==, SD_REQUEST_ROUTE_PUT_ACCOUNT_DETAILS);
  g_assert_cmpstr (sd_request_preview_get_route_label (put), ==, "SESv2 PutAccountDetails in eu-west-1");
  g_assert_null (sd_request_preview_get_subject (put));
  g_assert_nonnull (strstr (sd_request_preview_get_body (put), sd_request_preview_get_reference (put)));
  payload = parse_object (sd_request_preview_get_payload (put));
  /* The preview shows exactly what is sent. */
  g_assert_cmpstr (sd_json_get_string (payload, "UseCaseDescription"), ==, sd_request_preview_get_body (put));

  quota = g_list_model_get_item (previews, 1);
  g_assert_cmpstr (sd_request_preview_get_route_label (quota), ==, "Service Quotas request for L-804C8AE8 in us-east-1");
  g_assert_null (sd_request_preview_get_body (quota));
  g_assert_nonnull (strstr (sd_request_preview_get_payload (quota), "\"DesiredValue\""));

  unknown = g_list_model_get_item (previews, 2);
  g_assert_cmpint (sd_request_preview_get_route (unknown), ==, SD_REQUEST_ROUTE_UNKNOWN);
  g_assert_null (sd_request_preview_get_payload (unknown));
  g_assert_nonnull (sd_request_preview_get_subject (unknown));

  /* References are per region, and stable. */
  g_assert_cmpstr (sd_request_preview_get_reference (put), !=, sd_request_preview_get_reference (quota));
  g_assert_cmpstr (sd_request_preview_get_reference (put), ==, sd_request_get_reference (request, "eu-west-1"));
}

static void
test_notices (void)
{
  g_autoptr(SdRequest) dedicated = filled_request (SD_REQUEST_KIND_DEDICATED_IPS);
  g_autoptr(SdRequest) limits = filled_request (SD_REQUEST_KIND_SENDING_LIMITS);
  g_auto(GStrv) notices = sd_request_dup_notices (dedicated);
  g_autofree char *all = g_strjoinv ("\n", notices);
  g_auto(GStrv) limit_notices = NULL;
  g_autofree char *limit_all = NULL;

  g_assert_nonnull (strstr (all, "monthly"));
  g_assert_nonnull (strstr (all, "managed"));

  sd_request_set_support_language (limits, "ko");
  sd_request_set_region_info (limits, "eu-west-1", SD_SANDBOX_STATE_SANDBOX, 200, 1, 0);
  limit_notices = sd_request_dup_notices (limits);
  limit_all = g_strjoinv ("\n", limit_notices);
  g_assert_nonnull (strstr (limit_all, "200 messages per 24 hours"));
  g_assert_nonnull (strstr (limit_all, "English or Japanese"));
}

static void
test_pick_support_codes (void)
{
  g_autofree char *catalog_path = g_build_filename (g_getenv ("SD_SOURCE_ROOT"), "tests", "core", "requests",
                                                    "describe-services.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(JsonObject) full = NULL;
  g_autoptr(JsonObject) no_limits = parse_object (
    "{\"services\": [{\"code\": \"general-info\", \"categories\": [{\"code\": \"using-aws\"}]},"
    " {\"code\": \"amazon-simple-email-service\", \"name\": \"Simple Email Service (SES)\","
    "  \"categories\": [{\"code\": \"general-guidance\"}, {\"code\": \"dedicated-ips\", \"name\": \"Dedicated IPs\"}]}]}");
  g_autoptr(JsonObject) renamed = parse_object (
    "{\"services\": [{\"code\": \"service-limit-increase\", \"categories\": "
    "  [{\"code\": \"service-code-other\"}, {\"code\": \"service-code-ses-sending\", \"name\": \"SES Sending Limits\"}]}]}");
  g_autoptr(JsonObject) general = parse_object (
    "{\"services\": [{\"code\": \"billing\", \"categories\": [{\"code\": \"x\"}]},"
    " {\"code\": \"general-info\", \"categories\": [{\"code\": \"using-aws\"}]}]}");
  g_autoptr(JsonObject) empty = parse_object ("{\"services\": []}");
  char *service = NULL;
  char *category = NULL;

  g_assert_true (g_file_get_contents (catalog_path, &text, NULL, NULL));
  full = parse_object (text);
  /* Listed or not, service-limit-increase is never picked: CreateCase does not take it. */
  g_assert_true (sd_request_check_pick_support_codes (full, SD_REQUEST_KIND_DEDICATED_IPS, &service, &category));
  g_assert_cmpstr (service, ==, "amazon-simple-email-service");
  g_assert_cmpstr (category, ==, "dedicated-ips");
  g_free (service);
  g_free (category);

  g_assert_true (sd_request_check_pick_support_codes (no_limits, SD_REQUEST_KIND_DEDICATED_IPS, &service, &category));
  g_assert_cmpstr (service, ==, "amazon-simple-email-service");
  g_assert_cmpstr (category, ==, "dedicated-ips");
  g_free (service);
  g_free (category);

  g_assert_false (sd_request_check_pick_support_codes (renamed, SD_REQUEST_KIND_RELEASE_IPS, &service, &category));
  g_assert_null (service);
  g_assert_null (category);

  g_assert_true (sd_request_check_pick_support_codes (general, SD_REQUEST_KIND_DEDICATED_IPS, &service, &category));
  g_assert_cmpstr (service, ==, "general-info");
  g_assert_cmpstr (category, ==, "using-aws");
  g_free (service);
  g_free (category);

  g_assert_false (sd_request_check_pick_support_codes (empty, SD_REQUEST_KIND_DEDICATED_IPS, &service, &category));
  g_assert_null (service);
}

static void
test_pick_quota_code (void)
{
  g_autoptr(JsonObject) listed = parse_object (
    "{\"Quotas\": [{\"QuotaCode\": \"L-CDEF9B6B\", \"QuotaName\": \"Sending rate\", \"Value\": 14},"
    " {\"QuotaCode\": \"L-804C8AE8\", \"QuotaName\": \"Sending quota\", \"Value\": 50000}]}");
  g_autoptr(JsonObject) renamed = parse_object (
    "{\"Quotas\": [{\"QuotaCode\": \"L-NEWCODE1\", \"QuotaName\": \"Sending quota (per 24 hours)\", \"Value\": 9}]}");
  double value = 0;
  g_autofree char *a = sd_request_check_pick_quota_code (listed, SD_LIMIT_DAILY_QUOTA, &value);
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *d = NULL;

  g_assert_cmpstr (a, ==, "L-804C8AE8");
  g_assert_cmpfloat (value, ==, 50000);
  b = sd_request_check_pick_quota_code (listed, SD_LIMIT_SEND_RATE, &value);
  g_assert_cmpstr (b, ==, "L-CDEF9B6B");
  g_assert_cmpfloat (value, ==, 14);
  c = sd_request_check_pick_quota_code (renamed, SD_LIMIT_DAILY_QUOTA, &value);
  g_assert_cmpstr (c, ==, "L-NEWCODE1");
  d = sd_request_check_pick_quota_code (NULL, SD_LIMIT_SEND_RATE, &value);
  g_assert_cmpstr (d, ==, SD_SES_QUOTA_SENDING_RATE);
  g_assert_cmpfloat (value, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/request/fields-in-guide-order", test_fields_in_guide_order);
  g_test_add_func ("/request/default-language", test_default_language);
  g_test_add_func ("/request/valid-follows-fields", test_valid_follows_fields);
  g_test_add_func ("/request/validate/regions", test_validate_regions);
  g_test_add_func ("/request/validate/numbers", test_validate_numbers);
  g_test_add_func ("/request/validate/limit-against-region", test_validate_limit_against_region);
  g_test_add_func ("/request/validate/release", test_validate_release);
  g_test_add_func ("/request/validate/website", test_validate_website);
  g_test_add_func ("/request/validate/answers", test_validate_answers);
  g_test_add_func ("/request/validate/use-case-length", test_validate_use_case_length);
  g_test_add_func ("/request/validate/contacts-and-language", test_validate_contacts_and_language);
  g_test_add_func ("/request/mail-types", test_mail_types);
  g_test_add_func ("/request/routes-and-payloads", test_routes_and_payloads);
  g_test_add_func ("/request/references", test_references);
  g_test_add_func ("/request/json-round-trip", test_json_round_trip);
  g_test_add_func ("/request/preview", test_preview);
  g_test_add_func ("/request/notices", test_notices);
  g_test_add_func ("/request/pick-support-codes", test_pick_support_codes);
  g_test_add_func ("/request/pick-quota-code", test_pick_quota_code);

  return g_test_run ();
}
