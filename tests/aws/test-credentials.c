/* test-credentials.c — credentials and the credential chain
 *
 * No network: credential_process runs small scripts in a temporary
 * directory; STS and the SSO portal are an in-process SoupServer on
 * 127.0.0.1 reached through AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL_SSO.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "sd-aws-client.h"
#include "sd-aws-credential-provider.h"
#include "sd-aws-error.h"

static char *tmp_dir;    /* also $HOME, for the SSO cache */

/* Helpers */

static void
clear_environment (void)
{
  static const char * const vars[] = {
    "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN",
    "AWS_CREDENTIAL_EXPIRATION", "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_REGION",
    "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL_SSO",
    "AWS_MAX_ATTEMPTS",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (vars); i++)
    g_unsetenv (vars[i]);
}

static void
on_result (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;
  *out = g_object_ref (result);
}

static SdAwsCredentials *
get_credentials (SdAwsCredentialProvider  *provider,
                 GError                  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sd_aws_credential_provider_get_async (provider, NULL, on_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return sd_aws_credential_provider_get_finish (provider, result, error);
}

static SdAwsCredentialProvider *
provider_for (const char  *config_text,
              const char  *credentials_text,
              const char  *profile,
              SdAwsClient *client)
{
  g_autoptr(SdAwsConfig) config = sd_aws_config_new_from_data ("config", config_text ? config_text : "",
                                                               "credentials",
                                                               credentials_text ? credentials_text : "");
  return sd_aws_credential_provider_new (config, profile, client != NULL ? SD_AWS_CREDENTIAL_CALLS (client) : NULL);
}

static char *
write_script (const char *name,
              const char *body)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  g_autofree char *text = g_strdup_printf ("#!/bin/sh\n%s\n", body);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0700), ==, 0);
  return g_steal_pointer (&path);
}

static char *
iso_from_now (gint64 seconds)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_seconds (now, seconds);

  return g_date_time_format_iso8601 (then);
}

static guint
count_lines (const char *path)
{
  g_autofree char *text = NULL;
  guint n = 0;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return 0;
  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

/* Credentials */

static void
test_credentials_boxed (void)
{
  g_autoptr(SdAwsCredentials) creds = sd_aws_credentials_new ("AKID", "SECRET", "", 1000, "test");
  SdAwsCredentials *copy;

  g_assert_cmpstr (sd_aws_credentials_get_access_key_id (creds), ==, "AKID");
  g_assert_cmpstr (sd_aws_credentials_get_secret_access_key (creds), ==, "SECRET");
  /* An empty token is no token: no X-Amz-Security-Token header. */
  g_assert_null (sd_aws_credentials_get_session_token (creds));
  g_assert_cmpint (sd_aws_credentials_get_expiration (creds), ==, 1000);
  g_assert_cmpstr (sd_aws_credentials_get_source (creds), ==, "test");

  copy = g_boxed_copy (SD_TYPE_AWS_CREDENTIALS, creds);
  g_assert_true (copy == creds);
  g_boxed_free (SD_TYPE_AWS_CREDENTIALS, copy);
  g_assert_cmpstr (sd_aws_credentials_get_access_key_id (creds), ==, "AKID");
}

static void
test_expires_within (void)
{
  g_autoptr(SdAwsCredentials) forever = sd_aws_credentials_new ("A", "S", NULL, 0, NULL);
  g_autoptr(SdAwsCredentials) soon = sd_aws_credentials_new ("A", "S", "T", 10000, NULL);

  g_assert_false (sd_aws_credentials_expires_within (forever, G_MAXINT32, 300));
  g_assert_false (sd_aws_credentials_expires_within (soon, 9000, 300));
  g_assert_false (sd_aws_credentials_expires_within (soon, 9699, 300));
  g_assert_true (sd_aws_credentials_expires_within (soon, 9700, 300));
  g_assert_true (sd_aws_credentials_expires_within (soon, 10000, 0));
  g_assert_true (sd_aws_credentials_expires_within (soon, 20000, 0));
  g_assert_false (sd_aws_credentials_expires_within (soon, 9999, 0));
}

/* The chain */

static void
test_environment (void)
{
  g_autoptr(SdAwsCredentialProvider) provider = NULL;
  g_autoptr(SdAwsCredentials) creds = NULL;
  g_autoptr(GError) error = NULL;

  clear_environment ();
  g_setenv ("AWS_ACCESS_KEY_ID", "AKIAENV", TRUE);
  g_setenv ("AWS_SECRET_ACCESS_KEY", "envsecret", TRUE);
  g_setenv ("AWS_SESSION_TOKEN", "envtoken", TRUE);
  g_setenv ("AWS_CREDENTIAL_EXPIRATION", "2031-02-03T04:05:06Z", TRUE);

  /* No config at all: the environment is enough. */
  provider = provider_for (NULL, NULL, NULL, NULL);
  g_assert_cmpstr (sd_aws_credential_provider_get_profile (provider), ==, "default");
  creds = get_credentials (provider, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sd_aws_credentials_get_access_key_id (creds), ==, "AKIAENV");
  g_assert_cmpstr (sd_aws_credentials_get_secret_access_key (creds), ==, "envsecret");
  g_assert_cmpstr (sd_aws_credentials_get_session_token (creds), ==, "envtoken");
  g_assert_cmpint (sd_aws_credentials_get_expiration (creds), ==, 1927857906);
  g_assert_cmpstr (sd_aws_credentials_get_source (creds), ==, "environment");

  clear_environment ();
}

static void
test_environment_partial (void)
{
  g_autoptr(SdAwsCredentialProvider) provider = NULL;
  g_autoptr(SdAwsCredentials) creds = NULL;
  g_autoptr(GError) error = NULL;

  clear_environment ();
  g_setenv ("AWS_ACCESS_KEY_ID", "AKIAENV", TRUE);

  provider = provider_for (NULL, "[default]\naws_access_key_id = AKIAFILE\naws_secret_access_key = s\n",
                           NULL, NULL);
  creds = get_credentials (provider, &error);
  g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_NO_CREDENTIALS);
  g_assert_nonnull (strstr (error->message, "AWS_SECRET_ACCESS_KEY"));
  g_assert_null (creds);

  clear_environment ();
}

static void
test_static_keys (void)
{
  g_autoptr(SdAwsCredentialProvider) provider = NULL;
  g_autoptr(SdAwsCredentials) creds = NULL;
  g_autoptr(GError) error = NULL;

  clear_environment ();
  provider = provider_for ("[profile ses-prod]\nregion = eu-west-1\n",
                           "[ses-prod]\naws_access_key_id = AKIAPROD\n"
                           "aws_secret_access_key = prodsecret\naws_session_token = prodtoken\n",
                           "ses-prod", NULL);
  creds = get_credentials (provider, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sd_aws_credentials_get_access_key_id (creds), ==, "AKIAPROD");
  g_assert_cmpstr (sd_aws_credentials_get_secret_access_key (creds), ==, "prodsecret");
  g_assert_cmpstr (sd_aws_credentials_get_session_token (creds), ==, "prodtoken");
  g_assert_cmpint (sd_aws_credentials_get_expiration (creds), ==, 0);
  g_assert_cmpstr (sd_aws_credentials_get_source (creds), ==, "profile ses-prod");
}

static void
test_precedence (void)
{
  const char *credentials = "[default]\naws_access_key_id = AKIADEFAULT\naws_secret_access_key = d\n"
                            "[other]\naws_access_key_id = AKIAOTHER\naws_secret_access_key = o\n";
  g_autoptr(GError) error = NULL;

  clear_environment ();
  g_setenv ("AWS_ACCESS_KEY_ID", "AKIAENV", TRUE);
  g_setenv ("AWS_SECRET_ACCESS_KEY", "envsecret", TRUE);

  /* The profile chosen by default: the environment wins. */
  {
    g_autoptr(SdAwsCredentialProvider) provider = provider_for (NULL, credentials, NULL, NULL);
    g_autoptr(SdAwsCredentials) creds = get_credentials (provider, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (sd_aws_credentials_get_access_key_id (creds), ==, "AKIAENV");
  }

  /* AWS_PROFILE chooses the profile, and the environment's keys still win
   * (as with the AWS CLI). */
  g_setenv ("AWS_PROFILE", "other", TRUE);
  {
    g_autoptr(SdAwsCredentialProvider) provider = provider_for (NULL, credentials, NULL, NULL);
    g_autoptr(SdAwsCredentials) creds = get_credentials (provider, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (sd_aws_credential_provider_get_profile (provider), ==, "other");
    g_assert_cmpstr (sd_aws_credentials_get_access_key_id (creds), ==, "AKIAENV");
  }
  g_unsetenv ("AWS_PROFILE");

  /* A profile named explicitly ignores the environment. */
  {
    g_autoptr(SdAwsCredentialProvider) provider = provider_for (NULL, credentials, "default", NULL);
    g_autoptr(SdAwsCredentials) creds = get_credentials (provider, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (sd_aws_credentials_get_access_key_id (creds), ==, "AKIADEFAULT");
  }
  {
    g_autoptr(SdAwsCredentialProvider) provider = provider_for (NULL, credentials, "other", NULL);
    g_autoptr(SdAwsCredentials) creds = get_credentials (provider, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (sd_aws_credentials_get_access_key_id (creds), ==, "AKIAOTHER");
  }

  /* The credentials file wins over the config file for the same profile. */
  {
    g_autoptr(SdAwsCredentialProvider) provider =
      provider_for ("[profile other]\naws_access_key_id = AKIACONFIG\naws_secret_access_key = c\n",
                    credentials, "other", NULL);
    g_autoptr(SdAwsCredentials) creds = get_credentials (provider, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (sd_aws_credentials_get_access_key_id (creds), ==, "AKIAOTHER");
  }

  /* Static keys win over a credential_process in the same profile. */
  {
    g_autofree char *script = write_script ("never.sh", "echo ran >&2; exit 9");
    g_autofree char *config = g_strdup_printf ("[profile other]\ncredential_process = %s\n", script);
    g_autoptr(SdAwsCredentialProvider) provider = provider_for (config, credentials, "other", NULL);
    g_autoptr(SdAwsCredentials) creds = get_credentials (provider, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (sd_aws_credentials_get_access_key_id (creds), ==, "AKIAOTHER");
  }

  clear_environment ();
}

static void
test_missing (void)
{
  clear_environment ();

  /* Nothing anywhere, default profile. */
  {
    g_autoptr(SdAwsCredentialProvider) provider = provider_for (NULL, NULL, NULL, NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(SdAwsCredentials) creds = get_credentials (provider, &error);
    g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_NO_CREDENTIALS);
    g_assert_nonnull (strstr (error->message, "aws configure"));
    g_assert_null (creds);
  }

  /* A named profile that does not exist. */
  {
    g_autoptr(SdAwsCredentialProvider) provider = provider_for ("[profile a]\nregion = us-east-1\n",
                                                                NULL, "nosuch", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(SdAwsCredentials) creds = get_credentials (provider, &error);
    g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_NO_PROFILE);
    g_assert_nonnull (strstr (error->message, "nosuch"));
    g_assert_null (creds);
  }

  /* AWS_PROFILE naming a profile that does not exist. */
  g_setenv ("AWS_PROFILE", "typo", TRUE);
  {
    g_autoptr(SdAwsCredentialProvider) provider = provider_for (NULL, NULL, NULL, NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(SdAwsCredentials) creds = get_credentials (provider, &error);
    g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_NO_PROFILE);
    g_assert_nonnull (strstr (error->message, "typo"));
  }
  g_unsetenv ("AWS_PROFILE");

  /* A profile with a region only. */
  {
    g_autoptr(SdAwsCredentialProvider) provider = provider_for ("[profile bare]\nregion = us-east-1\n",
                                                                NULL, "bare", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(SdAwsCredentials) creds = get_credentials (provider, &error);
    g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_NO_CREDENTIALS);
    g_assert_nonnull (strstr (error->message, "bare"));
    g_assert_nonnull (strstr (error->message, "aws configure --profile bare"));
  }

  /* Half a key pair. */
  {
    g_autoptr(SdAwsCredentialProvider) provider = provider_for (NULL, "[half]\naws_access_key_id = AKIA\n",
                                                                "half", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(SdAwsCredentials) creds = get_credentials (provider, &error);
    g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_NO_CREDENTIALS);
    g_assert_nonnull (strstr (error->message, "aws_secret_access_key"));
  }
}

/* credential_process */

static void
test_process (void)
{
  g_autofree char *script =
    write_script ("creds.sh",
                  "echo '{\"Version\": 1, \"AccessKeyId\": \"AKIAPROC\", \"SecretAccessKey\": \"procsecret\","
                  " \"SessionToken\": \"proctoken\", \"Expiration\": \"2030-01-01T00:00:00Z\"}'");
  g_autofree char *config = g_strdup_printf ("[profile proc]\ncredential_process = %s --flag 'an arg'\n",
                                             script);
  g_autoptr(SdAwsCredentialProvider) provider = NULL;
  g_autoptr(SdAwsCredentials) creds = NULL;
  g_autoptr(GError) error = NULL;

  clear_environment ();
  provider = provider_for (config, NULL, "proc", NULL);
  creds = get_credentials (provider, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sd_aws_credentials_get_access_key_id (creds), ==, "AKIAPROC");
  g_assert_cmpstr (sd_aws_credentials_get_secret_access_key (creds), ==, "procsecret");
  g_assert_cmpstr (sd_aws_credentials_get_session_token (creds), ==, "proctoken");
  g_assert_cmpint (sd_aws_credentials_get_expiration (creds), ==, 1893456000);
  g_assert_cmpstr (sd_aws_credentials_get_source (creds), ==, "credential_process of profile proc");
}

static void
test_process_arguments (void)
{
  /* Split as a shell would, without a shell: the quoted argument arrives whole. */
  g_autofree char *script =
    write_script ("args.sh",
                  "[ \"$#\" = 2 ] && [ \"$2\" = 'two words' ] || { echo \"bad args: $#\" >&2; exit 4; }\n"
                  "echo '{\"Version\": 1, \"AccessKeyId\": \"AKIAARGS\", \"SecretAccessKey\": \"s\"}'");
  g_autofree char *config = g_strdup_printf ("[profile args]\ncredential_process = %s one \"two words\"\n",
                                             script);
  g_autoptr(SdAwsCredentialProvider) provider = provider_for (config, NULL, "args", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SdAwsCredentials) creds = get_credentials (provider, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (sd_aws_credentials_get_access_key_id (creds), ==, "AKIAARGS");
  g_assert_null (sd_aws_credentials_get_session_token (creds));
  g_assert_cmpint (sd_aws_credentials_get_expiration (creds), ==, 0);
}

static void
expect_process_error (const char *name,
                      const char *body,
                      const char *must_contain,
                      const char *must_not_contain)
{
  g_autofree char *script = write_script (name, body);
  g_autofree char *config = g_strdup_printf ("[profile bad]\ncredential_process = %s\n", script);
  g_autoptr(SdAwsCredentialProvider) provider = provider_for (config, NULL, "bad", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SdAwsCredentials) creds = get_credentials (provider, &error);

  g_assert_null (creds);
  g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_CREDENTIAL_PROCESS);
  g_test_message ("%s: %s", name, error->message);
  g_assert_nonnull (strstr (error->message, "“bad”"));
  if (must_contain != NULL)
    g_assert_nonnull (strstr (error->message, must_contain));
  if (must_not_contain != NULL)
    g_assert_null (strstr (error->message, must_not_contain));
}

static void
test_process_failures (void)
{
  clear_environment ();

  /* Exit status and stderr are reported; stdout, which may hold a secret, is not. */
  expect_process_error ("fails.sh",
                        "echo 'STDOUT-SECRET-1'; echo 'token expired, log in again' >&2; exit 3",
                        "token expired, log in again", "STDOUT-SECRET-1");
  expect_process_error ("fails2.sh", "exit 3", "exit status 3", NULL);
  expect_process_error ("notjson.sh", "echo 'STDOUT-SECRET-2 is not json'", "JSON", "STDOUT-SECRET-2");
  expect_process_error ("truncated.sh",
                        "printf '{\"Version\": 1, \"AccessKeyId\": \"AKIA\", \"SecretAccessKey\": \"STDOUT-SECRET-3'",
                        NULL, "STDOUT-SECRET-3");
  expect_process_error ("version.sh",
                        "echo '{\"Version\": 2, \"AccessKeyId\": \"AKIA\", \"SecretAccessKey\": \"STDOUT-SECRET-4\"}'",
                        "Version", "STDOUT-SECRET-4");
  expect_process_error ("nosecret.sh", "echo '{\"Version\": 1, \"AccessKeyId\": \"AKIA\"}'",
                        "SecretAccessKey", NULL);
  expect_process_error ("badexp.sh",
                        "echo '{\"Version\": 1, \"AccessKeyId\": \"AKIA\", \"SecretAccessKey\": \"STDOUT-SECRET-5\","
                        " \"Expiration\": \"next tuesday\"}'",
                        "next tuesday", "STDOUT-SECRET-5");
  expect_process_error ("array.sh", "echo '[1, 2]'", "JSON", NULL);
  expect_process_error ("killed.sh", "kill -9 $$", "signal 9", NULL);

  /* A command that cannot start. */
  {
    g_autoptr(SdAwsCredentialProvider) provider =
      provider_for ("[profile bad]\ncredential_process = /nonexistent/sd-test/helper\n", NULL, "bad", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(SdAwsCredentials) creds = get_credentials (provider, &error);
    g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_CREDENTIAL_PROCESS);
    g_assert_nonnull (strstr (error->message, "could not be started"));
  }
  /* Unbalanced quotes. */
  {
    g_autoptr(SdAwsCredentialProvider) provider =
      provider_for ("[profile bad]\ncredential_process = helper \"unclosed\n", NULL, "bad", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(SdAwsCredentials) creds = get_credentials (provider, &error);
    g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_CREDENTIAL_PROCESS);
  }
}

/* A runaway process is stopped at the output limit, long before its timeout;
 * a long but honest answer still passes. */
static void
test_process_output_limit (void)
{
  gint64 start = g_get_monotonic_time ();

  clear_environment ();
  expect_process_error ("zeros.sh", "exec cat /dev/zero", "more than 1 MiB", NULL);
  expect_process_error ("zeros-stderr.sh", "exec cat /dev/zero >&2", "more than 1 MiB", NULL);
  /* Well before the 60 s timeout, which was the only bound. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 30 * G_USEC_PER_SEC);

  {
    g_autofree char *script =
      write_script ("padded.sh",
                    "head -c 900000 /dev/zero | tr '\\0' ' '\n"
                    "head -c 900000 /dev/zero | tr '\\0' 'x' >&2\n"
                    "echo '{\"Version\": 1, \"AccessKeyId\": \"AKIAPAD\", \"SecretAccessKey\": \"s\"}'");
    g_autofree char *config = g_strdup_printf ("[profile pad]\ncredential_process = %s\n", script);
    g_autoptr(SdAwsCredentialProvider) provider = provider_for (config, NULL, "pad", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(SdAwsCredentials) creds = get_credentials (provider, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (sd_aws_credentials_get_access_key_id (creds), ==, "AKIAPAD");
  }
}

/* A fetch that starts with its cancellable already cancelled (here: the
 * provider was disposed) does not run the process to its end. */
static void
test_process_already_cancelled (void)
{
  g_autofree char *marker = g_build_filename (tmp_dir, "cancelled-finished", NULL);
  g_autofree char *body =
    g_strdup_printf ("sleep 2\ntouch '%s'\n"
                     "echo '{\"Version\": 1, \"AccessKeyId\": \"AKIALATE\", \"SecretAccessKey\": \"s\"}'",
                     marker);
  g_autofree char *script = write_script ("slow.sh", body);
  g_autofree char *config = g_strdup_printf ("[profile slow]\ncredential_process = %s\n", script);
  g_autoptr(SdAwsCredentialProvider) provider = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SdAwsCredentials) creds = NULL;
  gint64 start;

  clear_environment ();
  g_unlink (marker);
  provider = provider_for (config, NULL, "slow", NULL);
  g_object_run_dispose (G_OBJECT (provider));

  start = g_get_monotonic_time ();
  creds = get_credentials (provider, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (creds);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  /* The process was stopped, not left to finish. */
  g_usleep (3 * G_USEC_PER_SEC);
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));
}

/* Caching */

static char *
counting_script (const char *name,
                 const char *counter,
                 const char *expiration)
{
  g_autofree char *body =
    g_strdup_printf ("echo run >> '%s'\nsleep 0.2\n"
                     "echo '{\"Version\": 1, \"AccessKeyId\": \"AKIACOUNT\", \"SecretAccessKey\": \"s\","
                     " \"SessionToken\": \"t\", \"Expiration\": \"%s\"}'", counter, expiration);
  return write_script (name, body);
}

static void
test_caching (void)
{
  g_autofree char *counter = g_build_filename (tmp_dir, "count-cache", NULL);
  g_autofree char *expiration = iso_from_now (3600);
  g_autofree char *script = counting_script ("count.sh", counter, expiration);
  g_autofree char *config = g_strdup_printf ("[profile c]\ncredential_process = %s\n", script);
  g_autoptr(SdAwsCredentialProvider) provider = NULL;
  g_autoptr(GError) error = NULL;

  clear_environment ();
  g_unlink (counter);
  provider = provider_for (config, NULL, "c", NULL);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(SdAwsCredentials) creds = get_credentials (provider, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (sd_aws_credentials_get_access_key_id (creds), ==, "AKIACOUNT");
    }
  /* Valid for an hour: one run serves them all. */
  g_assert_cmpuint (count_lines (counter), ==, 1);

  /* After the server rejected them, they are fetched again. */
  sd_aws_credential_provider_invalidate (provider);
  {
    g_autoptr(SdAwsCredentials) creds = get_credentials (provider, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpuint (count_lines (counter), ==, 2);
}

static void
test_refresh_before_expiry (void)
{
  g_autofree char *counter = g_build_filename (tmp_dir, "count-refresh", NULL);
  /* Expires in 4 minutes: inside the 5-minute margin, so never reused. */
  g_autofree char *expiration = iso_from_now (240);
  g_autofree char *script = counting_script ("count-soon.sh", counter, expiration);
  g_autofree char *config = g_strdup_printf ("[profile c]\ncredential_process = %s\n", script);
  g_autoptr(SdAwsCredentialProvider) provider = NULL;
  g_autoptr(GError) error = NULL;

  clear_environment ();
  g_unlink (counter);
  provider = provider_for (config, NULL, "c", NULL);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(SdAwsCredentials) creds = get_credentials (provider, &error);
      g_assert_no_error (error);
      g_assert_true (sd_aws_credentials_expires_within (creds, g_get_real_time () / G_USEC_PER_SEC, 300));
    }
  g_assert_cmpuint (count_lines (counter), ==, 2);
}

static void
test_concurrent_share_one_fetch (void)
{
  g_autofree char *counter = g_build_filename (tmp_dir, "count-concurrent", NULL);
  g_autofree char *expiration = iso_from_now (3600);
  g_autofree char *script = counting_script ("count-c.sh", counter, expiration);
  g_autofree char *config = g_strdup_printf ("[profile c]\ncredential_process = %s\n", script);
  g_autoptr(SdAwsCredentialProvider) provider = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GAsyncResult *results[4] = { NULL, };
  guint pending = G_N_ELEMENTS (results);

  clear_environment ();
  g_unlink (counter);
  provider = provider_for (config, NULL, "c", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    sd_aws_credential_provider_get_async (provider, i == 3 ? cancellable : NULL, on_result, &results[i]);
  /* One waiter gives up; the others still get the shared answer. */
  g_cancellable_cancel (cancellable);

  while (pending > 0)
    {
      g_main_context_iteration (NULL, TRUE);
      pending = 0;
      for (guint i = 0; i < G_N_ELEMENTS (results); i++)
        pending += results[i] == NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SdAwsCredentials) creds = sd_aws_credential_provider_get_finish (provider, results[i], &error);

      if (i == 3)
        {
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
          g_assert_null (creds);
        }
      else
        {
          g_assert_no_error (error);
          g_assert_cmpstr (sd_aws_credentials_get_access_key_id (creds), ==, "AKIACOUNT");
        }
      g_object_unref (results[i]);
    }
  g_assert_cmpuint (count_lines (counter), ==, 1);
}

/* A fake STS and SSO portal */

typedef struct {
  SoupServer *server;
  char       *url;
  guint       requests;
  char       *last_path;
  char       *last_query;
  char       *last_body;
  char       *last_bearer;
  char       *last_authorization;
  guint       status;
  char       *response;
  const char *content_type;
} FakeServer;

static void
fake_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  FakeServer *fake = user_data;
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  GUri *uri = soup_server_message_get_uri (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);

  fake->requests++;
  g_free (fake->last_path);
  g_free (fake->last_query);
  g_free (fake->last_body);
  g_free (fake->last_bearer);
  g_free (fake->last_authorization);
  fake->last_path = g_strdup (path);
  fake->last_query = g_strdup (g_uri_get_query (uri));
  fake->last_body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  fake->last_bearer = g_strdup (soup_message_headers_get_one (headers, "x-amz-sso_bearer_token"));
  fake->last_authorization = g_strdup (soup_message_headers_get_one (headers, "Authorization"));

  soup_server_message_set_status (msg, fake->status, NULL);
  soup_server_message_set_response (msg, fake->content_type, SOUP_MEMORY_COPY,
                                    fake->response, strlen (fake->response));
}

static FakeServer *
fake_server_new (guint status, const char *content_type, const char *response)
{
  FakeServer *fake = g_new0 (FakeServer, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  fake->server = soup_server_new (NULL, NULL);
  fake->status = status;
  fake->content_type = content_type;
  fake->response = g_strdup (response);
  soup_server_add_handler (fake->server, NULL, fake_handler, fake, NULL);
  soup_server_listen_local (fake->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (fake->server);
  fake->url = g_uri_to_string (uris->data);
  /* "http://127.0.0.1:PORT/" → no trailing slash */
  if (g_str_has_suffix (fake->url, "/"))
    fake->url[strlen (fake->url) - 1] = '\0';
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return fake;
}

static void
fake_server_free (FakeServer *fake)
{
  soup_server_disconnect (fake->server);
  g_object_unref (fake->server);
  g_free (fake->url);
  g_free (fake->last_path);
  g_free (fake->last_query);
  g_free (fake->last_body);
  g_free (fake->last_bearer);
  g_free (fake->last_authorization);
  g_free (fake->response);
  g_free (fake);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FakeServer, fake_server_free)

static const char assume_role_response[] =
  "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n"
  "  <AssumeRoleResult>\n"
  "    <AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/ses/x</Arn>"
  "<AssumedRoleId>AROA:x</AssumedRoleId></AssumedRoleUser>\n"
  "    <Credentials>\n"
  "      <AccessKeyId>ASIAROLE</AccessKeyId>\n"
  "      <SecretAccessKey>rolesecret</SecretAccessKey>\n"
  "      <SessionToken>roletoken</SessionToken>\n"
  "      <Expiration>2031-01-01T00:00:00.000Z</Expiration>\n"
  "    </Credentials>\n"
  "  </AssumeRoleResult>\n"
  "  <ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>\n"
  "</AssumeRoleResponse>\n";

static void
test_assume_role (void)
{
  g_autoptr(FakeServer) sts = fake_server_new (200, "text/xml", assume_role_response);
  g_autoptr(SdAwsConfig) config = NULL;
  g_autoptr(SdAwsClient) client = NULL;
  g_autoptr(SdAwsCredentialProvider) provider = NULL;
  g_autoptr(GError) error = NULL;

  clear_environment ();
  g_setenv ("AWS_ENDPOINT_URL_STS", sts->url, TRUE);
  config = sd_aws_config_new_from_data ("config",
                                        "[profile role]\nrole_arn = arn:aws:iam::123456789012:role/ses\n"
                                        "source_profile = base\nexternal_id = ext-1\n"
                                        "role_session_name = desk\nregion = eu-west-1\n",
                                        "credentials",
                                        "[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = b\n");
  client = sd_aws_client_new (config);
  provider = g_object_ref (sd_aws_client_get_credential_provider (client, "role"));

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(SdAwsCredentials) creds = get_credentials (provider, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (sd_aws_credentials_get_access_key_id (creds), ==, "ASIAROLE");
      g_assert_cmpstr (sd_aws_credentials_get_secret_access_key (creds), ==, "rolesecret");
      g_assert_cmpstr (sd_aws_credentials_get_session_token (creds), ==, "roletoken");
      g_assert_cmpint (sd_aws_credentials_get_expiration (creds), ==, 1924992000);
    }
  /* Cached: one AssumeRole for two gets. */
  g_assert_cmpuint (sts->requests, ==, 1);
  g_assert_nonnull (strstr (sts->last_body, "Action=AssumeRole"));
  g_assert_nonnull (strstr (sts->last_body, "RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fses"));
  g_assert_nonnull (strstr (sts->last_body, "RoleSessionName=desk"));
  g_assert_nonnull (strstr (sts->last_body, "ExternalId=ext-1"));
  /* Signed with the source profile's key, for the role profile's region. */
  g_assert_nonnull (strstr (sts->last_authorization, "Credential=AKIABASE/"));
  g_assert_nonnull (strstr (sts->last_authorization, "/eu-west-1/sts/aws4_request"));

  g_unsetenv ("AWS_ENDPOINT_URL_STS");
}

static void
test_assume_role_errors (void)
{
  g_autoptr(FakeServer) sts =
    fake_server_new (403, "text/xml",
                     "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code>"
                     "<Message>not allowed to assume</Message></Error><RequestId>r-9</RequestId>"
                     "</ErrorResponse>");
  g_autoptr(SdAwsConfig) config = NULL;
  g_autoptr(SdAwsClient) client = NULL;

  clear_environment ();
  g_setenv ("AWS_ENDPOINT_URL_STS", sts->url, TRUE);
  config = sd_aws_config_new_from_data ("config",
                                        "[profile denied]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = base\n"
                                        "[profile mfa]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = base\n"
                                        "mfa_serial = arn:aws:iam::1:mfa/me\n"
                                        "[profile nosource]\nrole_arn = arn:aws:iam::1:role/x\n"
                                        "[profile loop1]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = loop2\n"
                                        "[profile loop2]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = loop1\n"
                                        "[profile badsource]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = gone\n",
                                        "credentials",
                                        "[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = b\n");
  client = sd_aws_client_new (config);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SdAwsCredentials) creds =
      get_credentials (sd_aws_client_get_credential_provider (client, "denied"), &error);
    g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_ACCESS_DENIED);
    g_assert_cmpstr (sd_aws_error_get_aws_code (error), ==, "AccessDenied");
    g_assert_cmpstr (sd_aws_error_get_request_id (error), ==, "r-9");
    g_assert_nonnull (strstr (error->message, "arn:aws:iam::1:role/x"));
    g_assert_nonnull (strstr (error->message, "not allowed to assume"));
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SdAwsCredentials) creds =
      get_credentials (sd_aws_client_get_credential_provider (client, "mfa"), &error);
    g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_NO_CREDENTIALS);
    g_assert_nonnull (strstr (error->message, "MFA"));
    g_assert_nonnull (strstr (error->message, "aws sts"));
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SdAwsCredentials) creds =
      get_credentials (sd_aws_client_get_credential_provider (client, "nosource"), &error);
    g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_CONFIG);
    g_assert_nonnull (strstr (error->message, "source_profile"));
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SdAwsCredentials) creds =
      get_credentials (sd_aws_client_get_credential_provider (client, "loop1"), &error);
    g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_CONFIG);
    g_assert_nonnull (strstr (error->message, "loop"));
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SdAwsCredentials) creds =
      get_credentials (sd_aws_client_get_credential_provider (client, "badsource"), &error);
    g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_NO_PROFILE);
    g_assert_nonnull (strstr (error->message, "gone"));
  }
  /* Only the denied profile reached STS. */
  g_assert_cmpuint (sts->requests, ==, 1);
  g_unsetenv ("AWS_ENDPOINT_URL_STS");
}

/* SSO */

static void
write_sso_cache (const char *key,
                 const char *expires_at)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA1, key, -1);
  g_autofree char *name = g_strconcat (hash, ".json", NULL);
  g_autofree char *dir = g_build_filename (tmp_dir, ".aws", "sso", "cache", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *text =
    g_strdup_printf ("{\"startUrl\": \"https://d-123.awsapps.com/start\", \"region\": \"us-east-1\","
                     " \"accessToken\": \"bearer-xyz\", \"expiresAt\": \"%s\"}", expires_at);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static const char sso_config[] =
  "[profile sso]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = SesAdmin\n"
  "[profile legacy]\nsso_start_url = https://d-legacy.awsapps.com/start\nsso_region = eu-west-1\n"
  "sso_account_id = 111122223333\nsso_role_name = SesAdmin\n"
  "[profile nocache]\nsso_session = nocache\nsso_account_id = 1\nsso_role_name = r\n"
  "[sso-session corp]\nsso_start_url = https://d-123.awsapps.com/start\nsso_region = us-east-1\n"
  "[sso-session nocache]\nsso_start_url = https://d-456.awsapps.com/start\nsso_region = us-east-1\n";

static void
test_sso_expired (void)
{
  g_autoptr(SdAwsConfig) config = sd_aws_config_new_from_data ("config", sso_config, "credentials", "");
  g_autoptr(SdAwsClient) client = sd_aws_client_new (config);

  clear_environment ();
  write_sso_cache ("corp", "2020-01-01T00:00:00Z");
  /* The legacy key is the start URL, and the old "UTC" suffix is understood. */
  write_sso_cache ("https://d-legacy.awsapps.com/start", "2020-01-01T00:00:00UTC");

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SdAwsCredentials) creds =
      get_credentials (sd_aws_client_get_credential_provider (client, "sso"), &error);
    g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_CREDENTIALS_EXPIRED);
    g_assert_nonnull (strstr (error->message, "expired"));
    g_assert_nonnull (strstr (error->message, "corp"));
    g_assert_nonnull (strstr (error->message, "aws sso login --profile sso"));
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SdAwsCredentials) creds =
      get_credentials (sd_aws_client_get_credential_provider (client, "legacy"), &error);
    g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_CREDENTIALS_EXPIRED);
    g_assert_nonnull (strstr (error->message, "expired"));
    g_assert_nonnull (strstr (error->message, "aws sso login --profile legacy"));
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SdAwsCredentials) creds =
      get_credentials (sd_aws_client_get_credential_provider (client, "nocache"), &error);
    g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_CREDENTIALS_EXPIRED);
    g_assert_nonnull (strstr (error->message, "aws sso login --profile nocache"));
  }
}

static void
test_sso_role_credentials (void)
{
  g_autoptr(FakeServer) portal =
    fake_server_new (200, "application/json",
                     "{\"roleCredentials\": {\"accessKeyId\": \"ASIASSO\", \"secretAccessKey\": \"ssosecret\","
                     " \"sessionToken\": \"ssotoken\", \"expiration\": 1924992000000}}");
  g_autoptr(SdAwsConfig) config = sd_aws_config_new_from_data ("config", sso_config, "credentials", "");
  g_autoptr(SdAwsClient) client = sd_aws_client_new (config);
  g_autofree char *expires = iso_from_now (7200);
  g_autoptr(GError) error = NULL;
  g_autoptr(SdAwsCredentials) creds = NULL;

  clear_environment ();
  g_setenv ("AWS_ENDPOINT_URL_SSO", portal->url, TRUE);
  write_sso_cache ("corp", expires);

  creds = get_credentials (sd_aws_client_get_credential_provider (client, "sso"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sd_aws_credentials_get_access_key_id (creds), ==, "ASIASSO");
  g_assert_cmpstr (sd_aws_credentials_get_secret_access_key (creds), ==, "ssosecret");
  g_assert_cmpstr (sd_aws_credentials_get_session_token (creds), ==, "ssotoken");
  g_assert_cmpint (sd_aws_credentials_get_expiration (creds), ==, 1924992000);

  g_assert_cmpuint (portal->requests, ==, 1);
  g_assert_cmpstr (portal->last_path, ==, "/federation/credentials");
  g_assert_cmpstr (portal->last_query, ==, "account_id=111122223333&role_name=SesAdmin");
  g_assert_cmpstr (portal->last_bearer, ==, "bearer-xyz");
  /* The portal takes a bearer token, not a signature. */
  g_assert_null (portal->last_authorization);

  /* The portal refusing the token means: log in again. */
  portal->status = 401;
  g_free (portal->response);
  portal->response = g_strdup ("{\"message\": \"Session token not found or invalid\"}");
  sd_aws_credential_provider_invalidate (sd_aws_client_get_credential_provider (client, "sso"));
  {
    g_autoptr(GError) error2 = NULL;
    g_autoptr(SdAwsCredentials) creds2 =
      get_credentials (sd_aws_client_get_credential_provider (client, "sso"), &error2);
    g_assert_error (error2, SD_AWS_ERROR, SD_AWS_ERROR_CREDENTIALS_EXPIRED);
    g_assert_nonnull (strstr (error2->message, "aws sso login --profile sso"));
  }

  g_unsetenv ("AWS_ENDPOINT_URL_SSO");
}

/* The portal receives the bearer token: a region that is not a region name, or
 * an override URL that fails the endpoint checks, sends nothing anywhere. */
static void
test_sso_portal_checked (void)
{
  static const char bad_region_config[] =
    "[profile hijack]\nsso_session = hijack\nsso_account_id = 1\nsso_role_name = r\n"
    "[sso-session hijack]\nsso_start_url = https://d-789.awsapps.com/start\n"
    "sso_region = x.example.net/\n";
  g_autoptr(FakeServer) portal =
    fake_server_new (200, "application/json",
                     "{\"roleCredentials\": {\"accessKeyId\": \"ASIASSO\", \"secretAccessKey\": \"s\"}}");
  g_autofree char *expires = iso_from_now (7200);

  clear_environment ();
  write_sso_cache ("hijack", expires);
  write_sso_cache ("corp", expires);

  {
    g_autoptr(SdAwsConfig) config = sd_aws_config_new_from_data ("config", bad_region_config,
                                                                 "credentials", "");
    g_autoptr(SdAwsClient) client = sd_aws_client_new (config);
    g_autoptr(GError) error = NULL;
    g_autoptr(SdAwsCredentials) creds =
      get_credentials (sd_aws_client_get_credential_provider (client, "hijack"), &error);

    g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_ENDPOINT);
    g_test_message ("%s", error->message);
    g_assert_nonnull (strstr (error->message, "x.example.net/"));
    g_assert_nonnull (strstr (error->message, "“hijack”"));
  }

  /* AWS_ENDPOINT_URL_SSO passes the checks of every override. */
  {
    static const char * const bad_suffixes[] = { "?next=1", "#frag", NULL };
    g_autoptr(SdAwsConfig) config = sd_aws_config_new_from_data ("config", sso_config, "credentials", "");
    g_autoptr(SdAwsClient) client = sd_aws_client_new (config);

    for (guint i = 0; bad_suffixes[i] != NULL; i++)
      {
        g_autofree char *url = g_strconcat (portal->url, bad_suffixes[i], NULL);
        g_autoptr(GError) error = NULL;
        g_autoptr(SdAwsCredentials) creds = NULL;

        g_setenv ("AWS_ENDPOINT_URL_SSO", url, TRUE);
        creds = get_credentials (sd_aws_client_get_credential_provider (client, "sso"), &error);
        g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_ENDPOINT);
        g_assert_nonnull (strstr (error->message, "AWS_ENDPOINT_URL_SSO"));
      }
    /* user:password@ and other schemes are refused too. */
    for (guint i = 0; i < 2; i++)
      {
        g_autofree char *url = g_strconcat (i == 0 ? "http://user:pw@" : "ftp://",
                                            portal->url + strlen ("http://"), NULL);
        g_autoptr(GError) error = NULL;
        g_autoptr(SdAwsCredentials) creds = NULL;

        g_setenv ("AWS_ENDPOINT_URL_SSO", url, TRUE);
        creds = get_credentials (sd_aws_client_get_credential_provider (client, "sso"), &error);
        g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_ENDPOINT);
      }
    g_assert_cmpuint (portal->requests, ==, 0);

    /* A good override still reaches the portal. */
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SdAwsCredentials) creds = NULL;

      g_setenv ("AWS_ENDPOINT_URL_SSO", portal->url, TRUE);
      creds = get_credentials (sd_aws_client_get_credential_provider (client, "sso"), &error);
      g_assert_no_error (error);
      g_assert_cmpuint (portal->requests, ==, 1);
    }
  }
  g_unsetenv ("AWS_ENDPOINT_URL_SSO");
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int ret;

  /* Before anything asks GLib for the home directory: the SSO cache lives there. */
  tmp_dir = g_dir_make_tmp ("sd-test-credentials-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("HOME", tmp_dir, TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/credentials/boxed", test_credentials_boxed);
  g_test_add_func ("/credentials/expires-within", test_expires_within);
  g_test_add_func ("/credentials/chain/environment", test_environment);
  g_test_add_func ("/credentials/chain/environment-partial", test_environment_partial);
  g_test_add_func ("/credentials/chain/static-keys", test_static_keys);
  g_test_add_func ("/credentials/chain/precedence", test_precedence);
  g_test_add_func ("/credentials/chain/missing", test_missing);
  g_test_add_func ("/credentials/process/ok", test_process);
  g_test_add_func ("/credentials/process/arguments", test_process_arguments);
  g_test_add_func ("/credentials/process/failures", test_process_failures);
  g_test_add_func ("/credentials/process/output-limit", test_process_output_limit);
  g_test_add_func ("/credentials/process/already-cancelled", test_process_already_cancelled);
  g_test_add_func ("/credentials/cache/reuse-and-invalidate", test_caching);
  g_test_add_func ("/credentials/cache/refresh-before-expiry", test_refresh_before_expiry);
  g_test_add_func ("/credentials/cache/concurrent", test_concurrent_share_one_fetch);
  g_test_add_func ("/credentials/role/assume", test_assume_role);
  g_test_add_func ("/credentials/role/errors", test_assume_role_errors);
  g_test_add_func ("/credentials/sso/expired", test_sso_expired);
  g_test_add_func ("/credentials/sso/role-credentials", test_sso_role_credentials);
  g_test_add_func ("/credentials/sso/portal-checked", test_sso_portal_checked);

  ret = g_test_run ();

  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmp_dir);
    if (system (cmd) != 0)
      g_printerr ("could not remove %s\n", tmp_dir);
  }
  g_free (tmp_dir);
  return ret;
}
