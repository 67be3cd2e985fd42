/* test-case-text.c — the case text of each request type in each language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Golden files: tests/core/requests/golden/<type>.<lang>.txt (subject, an empty
 * line, the body) and sending-limits-description.<lang>.txt (what
 * PutAccountDetails gets), compared byte for byte. Run with
 * SD_UPDATE_GOLDEN=1 to write them again, then review the diff.
 */
#include "config.h"

#include <string.h>

#include "sd-case-text.h"
#include "sd-request.h"

static const char * const languages[] = { "en", "ja", "zh", "ko" };

/* Auxiliary functions */

static SdRequest *
golden_request (SdRequestKind  kind,
                const char    *language)
{
  SdRequest *request = sd_request_new (kind);
  const char *ips[] = { "198.51.100.10", "198.51.100.11", NULL };

  sd_request_set_profile (request, "acme-prod");
  sd_request_set_support_language (request, language);
  switch (kind)
    {
    case SD_REQUEST_KIND_DEDICATED_IPS:
      sd_request_set_region (request, "eu-west-1");
      sd_request_set_limit_value (request, "500,000");
      sd_request_set_ip_count (request, "3");
      sd_request_set_mail_type (request, SD_MAIL_TYPE_TRANSACTIONAL);
      sd_request_set_website_url (request, "https://shop.example.com/");
      sd_request_set_use_case (request, "We send order confirmations and shipping notices for shop.example.com.\n"
                               "Dedicated IPs keep our reputation apart from other senders; mail goes "
                               "out through the SES SMTP interface from our order system.\n\n");
      sd_request_set_contact_emails (request, "ops@example.com, deliverability@example.com");
      sd_request_set_reference (request, "eu-west-1", "SD-7F3K2Q");
      break;
    case SD_REQUEST_KIND_RELEASE_IPS:
      sd_request_set_region (request, "ap-northeast-1");
      sd_request_set_ip_count (request, "2");
      sd_request_set_release_ips (request, ips);
      sd_request_set_use_case (request, "We moved to managed dedicated IPs and no longer need these two addresses.");
      sd_request_set_reference (request, "ap-northeast-1", "SD-R3L2A9");
      break;
    case SD_REQUEST_KIND_SENDING_LIMITS:
    default:
      sd_request_set_region (request, "us-west-2");
      sd_request_set_limit (request, SD_LIMIT_DAILY_QUOTA);
      sd_request_set_limit_value (request, "250000");
      sd_request_set_mail_type (request, SD_MAIL_TYPE_SYSTEM_NOTIFICATIONS);
      sd_request_set_website_url (request, "https://status.example.com");
      sd_request_set_use_case (request, "Password resets and alerts for 40,000 customers who signed up on our site; "
                               "bounces and complaints go to an SNS topic and the suppression list.");
      sd_request_set_contact_emails (request, "ops@example.com");
      sd_request_set_reference (request, "us-west-2", "SD-9WQ4MZ");
      break;
    }
  sd_request_set_answer (request, SD_REQUEST_FIELD_COMPLIES_WITH_TERMS, SD_ANSWER_YES);
  sd_request_set_answer (request, SD_REQUEST_FIELD_ONLY_REQUESTED_RECIPIENTS, SD_ANSWER_YES);
  sd_request_set_answer (request, SD_REQUEST_FIELD_HANDLES_BOUNCES, SD_ANSWER_YES);
  return request;
}

static void
compare_golden (const char *name,
                const char *actual)
{
  g_autofree char *path = g_build_filename (g_getenv ("SD_SOURCE_ROOT"), "tests", "core", "requests", "golden", name, NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  if (g_strcmp0 (g_getenv ("SD_UPDATE_GOLDEN"), "1") == 0)
    {
      g_autofree char *dir = g_path_get_dirname (path);

      g_mkdir_with_parents (dir, 0755);
      g_assert_true (g_file_set_contents (path, actual, -1, &error));
      g_assert_no_error (error);
      g_test_message ("wrote %s", path);
      return;
    }
  if (!g_file_get_contents (path, &expected, &length, &error))
    g_error ("%s: %s (run with SD_UPDATE_GOLDEN=1 to create it)", path, error->message);
  if (length != strlen (actual) || memcmp (expected, actual, length) != 0)
    g_error ("%s differs from the rendered text:\n--- expected\n%s\n--- actual\n%s", path, expected, actual);
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” is missing from:\n%s", part, text);
}

/* Tests */

static void
test_golden (gconstpointer data)
{
  SdRequestKind kind = GPOINTER_TO_INT (data);

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autoptr(SdRequest) request = golden_request (kind, languages[i]);
      const char *region = sd_request_get_region (request);
      g_autofree char *text = sd_case_text_full (request, region, NULL);
      g_autofree char *name = g_strdup_printf ("%s.%s.txt", sd_request_kind_to_id (kind), languages[i]);
      g_autofree char *subject = sd_case_text_subject (request, region, NULL);

      compare_golden (name, text);

      /* Independently of the golden file: the reference in brackets leads
       * the subject; every value of the form is in the text. */
      g_assert_true (g_str_has_prefix (subject, "["));
      assert_contains (subject, sd_request_get_reference (request, region));
      assert_contains (text, region);
      if (kind != SD_REQUEST_KIND_RELEASE_IPS)
        {
          assert_contains (text, sd_request_get_website_url (request));
          assert_contains (text, kind == SD_REQUEST_KIND_DEDICATED_IPS ? "500000" : "250000");
          assert_contains (text, "AUP");
        }
      else
        {
          assert_contains (text, "198.51.100.10, 198.51.100.11");
        }
      if (kind == SD_REQUEST_KIND_DEDICATED_IPS)
        {
          assert_contains (text, "ops@example.com, deliverability@example.com");
          assert_contains (text, "Dedicated IPs keep our reputation apart");
        }
      if (kind != SD_REQUEST_KIND_SENDING_LIMITS)
        assert_contains (text, "Web");
      g_assert_false (g_str_has_suffix (text, "\n\n"));
      g_assert_cmpint (sd_case_text_length (text), <=, SD_CASE_TEXT_MAX_BODY);
      /* Strictly the language's own words: a Japanese case says 専用 IP アドレス. */
      if (g_str_equal (languages[i], "ja") && kind != SD_REQUEST_KIND_SENDING_LIMITS)
        assert_contains (text, "専用 IP アドレス");
      if (g_str_equal (languages[i], "ja") && kind == SD_REQUEST_KIND_SENDING_LIMITS)
        assert_contains (text, "送信クォータ");
    }
}

static void
test_golden_use_case_description (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autoptr(SdRequest) request = golden_request (SD_REQUEST_KIND_SENDING_LIMITS, languages[i]);
      g_autofree char *text = sd_case_text_use_case (request, "us-west-2", NULL);
      g_autofree char *with_newline = g_strconcat (text, "\n", NULL);
      g_autofree char *name = g_strdup_printf ("sending-limits-description.%s.txt", languages[i]);

      compare_golden (name, with_newline);
      assert_contains (text, "SD-9WQ4MZ");
      assert_contains (text, "TRANSACTIONAL");
      assert_contains (text, "250000");
      assert_contains (text, "suppression list");
      g_assert_cmpint (sd_case_text_length (text), <=, SD_CASE_TEXT_MAX_USE_CASE);
    }
}

static void
test_language_is_the_case_language (void)
{
  g_autoptr(SdRequest) request = golden_request (SD_REQUEST_KIND_DEDICATED_IPS, "ko");
  g_autofree char *ko = sd_case_text_full (request, "eu-west-1", NULL);
  g_autofree char *en = sd_case_text_full (request, "eu-west-1", "en");
  g_autofree char *unknown = sd_case_text_full (request, "eu-west-1", "fr");

  /* The support language decides, unless another is asked for; anything
   * AWS does not write in becomes English. */
  assert_contains (ko, "전용 IP 주소");
  assert_contains (ko, "지원 언어: 한국어");
  assert_contains (en, "Support language: Korean");
  g_assert_cmpstr (unknown, ==, en);
  g_assert_cmpstr (sd_case_text_language_name ("ja", "zh"), ==, "日语");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/case-text/golden/dedicated-ips", GINT_TO_POINTER (SD_REQUEST_KIND_DEDICATED_IPS),
                        test_golden);
  g_test_add_data_func ("/case-text/golden/release-ips", GINT_TO_POINTER (SD_REQUEST_KIND_RELEASE_IPS),
                        test_golden);
  g_test_add_data_func ("/case-text/golden/sending-limits", GINT_TO_POINTER (SD_REQUEST_KIND_SENDING_LIMITS),
                        test_golden);
  g_test_add_func ("/case-text/golden/use-case-description", test_golden_use_case_description);
  g_test_add_func ("/case-text/language-is-the-case-language", test_language_is_the_case_language);

  return g_test_run ();
}
