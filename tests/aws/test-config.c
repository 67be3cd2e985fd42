/* test-config.c — the shared config and credentials files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "sd-aws-config.h"
#include "sd-aws-error.h"

static char *fake_home;

/* Auxiliary functions */

static char *
data_path (const char *name)
{
  const char *data = g_getenv ("SD_TEST_DATA");

  g_assert_nonnull (data);
  return g_build_filename (data, "config", name, NULL);
}

static SdAwsConfig *
load_fixture (const char *config_name,
              const char *credentials_name)
{
  g_autofree char *config_path = data_path (config_name);
  g_autofree char *credentials_path = data_path (credentials_name);

  g_assert_true (g_file_test (config_path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (credentials_path, G_FILE_TEST_IS_REGULAR));
  return sd_aws_config_load (config_path, credentials_path);
}

static SdAwsConfig *
parse (const char *config_text,
       const char *credentials_text)
{
  return sd_aws_config_new_from_data ("~/.aws/config", config_text,
                                      "~/.aws/credentials", credentials_text);
}

static char *
write_temp (const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("sd-test-config-XXXXXX", &path, &error);

  g_assert_no_error (error);
  g_close (fd, NULL);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

/* "a,b,c" — to compare string lists in one assertion. */
static char *
join (char **strv)
{
  return g_strjoinv (",", strv);
}

static char *
profile_list (SdAwsConfig *config)
{
  g_auto(GStrv) profiles = sd_aws_config_list_profiles (config);

  return join (profiles);
}

/* Every problem is a config error that names @file; returns the line numbers, "1,4,7". */
static char *
problem_lines (SdAwsConfig *config,
               const char  *file)
{
  GPtrArray *problems = sd_aws_config_get_problems (config);
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autofree char *prefix = g_strconcat (file, " line ", NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      const GError *error = g_ptr_array_index (problems, i);

      g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_CONFIG);
      if (!g_str_has_prefix (error->message, prefix))
        continue;
      g_string_append_printf (lines, "%s%u", lines->len ? "," : "",
                              (guint) g_ascii_strtoull (error->message + strlen (prefix), NULL, 10));
    }
  return g_string_free (g_steal_pointer (&lines), FALSE);
}

static void
clear_env (void)
{
  static const char * const vars[] = {
    "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION",
  };

  for (guint i = 0; i < G_N_ELEMENTS (vars); i++)
    g_unsetenv (vars[i]);
}

/* Tests */

static void
test_basic (void)
{
  g_autoptr(SdAwsConfig) config = load_fixture ("config", "credentials");
  const SdAwsSection *section;
  g_auto(GStrv) keys = NULL;
  g_autofree char *joined = NULL;

  g_assert_cmpuint (sd_aws_config_get_problems (config)->len, ==, 0);

  section = sd_aws_config_get_profile_section (config, "default");
  g_assert_nonnull (section);
  g_assert_cmpstr (sd_aws_section_get_name (section), ==, "default");
  g_assert_cmpint (sd_aws_section_get_kind (section), ==, SD_AWS_SECTION_PROFILE);
  g_assert_cmpstr (sd_aws_section_get (section, "region"), ==, "us-east-1");
  /* Inline comments need whitespace before them; keys are lower-cased. */
  g_assert_cmpstr (sd_aws_section_get (section, "output"), ==, "json");
  g_assert_cmpstr (sd_aws_section_get (section, "tag"), ==, "a#b;c");
  g_assert_cmpstr (sd_aws_section_get (section, "cli_pager"), ==, "");
  g_assert_null (sd_aws_section_get (section, "Cli_Pager"));

  section = sd_aws_config_get_profile_section (config, "dev");
  g_assert_nonnull (section);
  g_assert_cmpstr (sd_aws_section_get (section, "region"), ==, "eu-west-1");  /* "key: value" */
  g_assert_cmpstr (sd_aws_section_get (section, "role_arn"), ==,
                   "arn:aws:iam::123456789012:role/Dev");
  g_assert_cmpstr (sd_aws_section_get (section, "description"), ==, "first line\nsecond line");
  /* A nested sub-section: not a plain value; its keys keep their case (botocore). */
  g_assert_null (sd_aws_section_get (section, "s3"));
  g_assert_cmpstr (sd_aws_section_get_nested (section, "s3", "addressing_style"), ==, "path");
  g_assert_cmpstr (sd_aws_section_get_nested (section, "s3", "Signature_Version"), ==, "s3v4");
  g_assert_null (sd_aws_section_get_nested (section, "s3", "region"));
  keys = sd_aws_section_list_keys (section);
  joined = join (keys);
  g_assert_cmpstr (joined, ==, "description,region,role_arn,s3,services,source_profile");

  section = sd_aws_config_get_profile_section (config, "spaced");
  g_assert_nonnull (section);
  g_assert_cmpstr (sd_aws_section_get (section, "sso_session"), ==, "corp");
  g_assert_nonnull (sd_aws_config_get_profile_section (config, "quoted"));

  section = sd_aws_config_get_sso_session (config, "corp");
  g_assert_nonnull (section);
  g_assert_cmpint (sd_aws_section_get_kind (section), ==, SD_AWS_SECTION_SSO_SESSION);
  g_assert_cmpstr (sd_aws_section_get (section, "sso_start_url"), ==,
                   "https://corp.awsapps.com/start");
  g_assert_cmpstr (sd_aws_section_get (section, "sso_registration_scopes"), ==,
                   "sso:account:access");
  /* An sso-session is not a profile. */
  g_assert_null (sd_aws_config_get_profile_section (config, "corp"));

  section = sd_aws_config_get_services (config, "local");
  g_assert_nonnull (section);
  g_assert_cmpint (sd_aws_section_get_kind (section), ==, SD_AWS_SECTION_SERVICES);
  g_assert_cmpstr (sd_aws_section_get_nested (section, "sesv2", "endpoint_url"), ==,
                   "http://localhost:4566");
  g_assert_cmpstr (sd_aws_section_get_nested (section, "support", "endpoint_url"), ==,
                   "http://localhost:4567/support/");

  /* Sections that are none of ours are not profiles. */
  g_assert_false (sd_aws_config_has_profile (config, "plugins"));
}

static void
test_precedence (void)
{
  g_autoptr(SdAwsConfig) config = load_fixture ("config", "credentials");

  clear_env ();
  /* The credentials file wins key by key; the config file's other keys stay. */
  g_assert_cmpstr (sd_aws_config_get_profile_value (config, "dev", "region"), ==, "eu-central-1");
  g_assert_cmpstr (sd_aws_config_get_profile_value (config, "dev", "role_arn"), ==,
                   "arn:aws:iam::123456789012:role/Dev");
  g_assert_cmpstr (sd_aws_config_get_profile_value (config, "dev", "aws_access_key_id"), ==,
                   "AKIDEXAMPLEDEV");
  g_assert_cmpstr (sd_aws_config_get_profile_value (config, NULL, "region"), ==, "us-east-1");
  g_assert_null (sd_aws_config_get_profile_value (config, "dev", "nonexistent"));
  g_assert_null (sd_aws_config_get_profile_value (config, "nobody", "region"));

  g_assert_true (sd_aws_config_has_profile (config, "only-in-credentials"));
  g_assert_null (sd_aws_config_get_profile_section (config, "only-in-credentials"));
  g_assert_cmpstr (sd_aws_config_get_profile_value (config, "only-in-credentials",
                                                    "aws_access_key_id"), ==, "AKIDEXAMPLEONLY");
  g_assert_false (sd_aws_config_has_profile (config, "nobody"));

  /* AWS_PROFILE picks the profile used when none is named. */
  g_setenv ("AWS_PROFILE", "dev", TRUE);
  g_assert_cmpstr (sd_aws_config_default_profile_name (), ==, "dev");
  g_assert_cmpstr (sd_aws_config_get_profile_value (config, NULL, "aws_access_key_id"), ==,
                   "AKIDEXAMPLEDEV");
  g_setenv ("AWS_PROFILE", "", TRUE);
  g_assert_cmpstr (sd_aws_config_default_profile_name (), ==, "default");
  g_setenv ("AWS_DEFAULT_PROFILE", "legacy", TRUE);
  g_assert_cmpstr (sd_aws_config_default_profile_name (), ==, "legacy");
  clear_env ();
}

static void
test_listing (void)
{
  g_autoptr(SdAwsConfig) config = load_fixture ("config", "credentials");
  g_autoptr(SdAwsConfig) only_credentials = parse (NULL, "[zeta]\n[default]\n[alpha]\n");
  g_autoptr(SdAwsConfig) no_default = parse ("[profile b]\n[profile a]\n", "[c]\n[a]\n");
  g_autoptr(SdAwsConfig) empty = parse ("", "");
  g_autofree char *list = profile_list (config);
  g_autofree char *list2 = profile_list (only_credentials);
  g_autofree char *list3 = profile_list (no_default);
  g_autofree char *list4 = profile_list (empty);

  g_assert_cmpstr (list, ==, "default,dev,only-in-credentials,quoted,spaced");
  g_assert_cmpstr (list2, ==, "default,alpha,zeta");
  g_assert_cmpstr (list3, ==, "a,b,c");
  g_assert_cmpstr (list4, ==, "");
}

static void
test_default_sections (void)
{
  g_autoptr(SdAwsConfig) plain_first =
    parse ("[default]\nregion = a-plain\nplain_only = 1\n[profile default]\nregion = b-prefixed\n", NULL);
  g_autoptr(SdAwsConfig) prefixed_first =
    parse ("[profile default]\nregion = b-prefixed\n[default]\nregion = a-plain\n", NULL);
  g_autoptr(SdAwsConfig) plain_only = parse ("[default]\nregion = a-plain\n", NULL);
  g_autoptr(SdAwsConfig) credentials = parse (NULL, "[profile x]\nk = v\n[default]\nk = d\n");
  g_autofree char *list = profile_list (credentials);

  /* "[profile default]" wins over "[default]" whatever the order (the SDKs' rule). */
  g_assert_cmpstr (sd_aws_config_get_profile_value (plain_first, "default", "region"), ==,
                   "b-prefixed");
  g_assert_null (sd_aws_config_get_profile_value (plain_first, "default", "plain_only"));
  g_assert_cmpstr (sd_aws_config_get_profile_value (prefixed_first, "default", "region"), ==,
                   "b-prefixed");
  g_assert_cmpstr (sd_aws_config_get_profile_value (plain_only, "default", "region"), ==,
                   "a-plain");
  /* The credentials file has no "profile " prefix: the name is taken as written (botocore). */
  g_assert_cmpstr (list, ==, "default,profile x");
}

static void
test_merging_and_continuations (void)
{
  g_autoptr(SdAwsConfig) config = parse (
    "[profile a]\n"
    "region = one\n"
    "s3 =\n"
    "  old = 1\n"
    "[profile b]\n"
    "region = b\n"
    "[profile a]\n"
    "REGION = two\n"
    "s3 =\n"
    "\n"
    "  # comments and blank lines do not end a sub-section\n"
    "\tnew = 2\n"
    "plain = x\n"
    "description = kept\n"
    "  [profile swallowed]\n"
    "  region = three\n",
    NULL);
  const SdAwsSection *a = sd_aws_config_get_profile_section (config, "a");

  g_assert_cmpuint (sd_aws_config_get_problems (config)->len, ==, 0);
  g_assert_nonnull (a);
  /* A repeated section is merged, the later key winning. */
  g_assert_cmpstr (sd_aws_section_get (a, "region"), ==, "two");
  g_assert_null (sd_aws_section_get_nested (a, "s3", "old"));
  g_assert_cmpstr (sd_aws_section_get_nested (a, "s3", "new"), ==, "2");
  g_assert_cmpstr (sd_aws_section_get (a, "plain"), ==, "x");
  /* Lines indented under a key continue it, even one that looks like a header (configparser). */
  g_assert_cmpstr (sd_aws_section_get (a, "description"), ==,
                   "kept\n[profile swallowed]\nregion = three");
  g_assert_false (sd_aws_config_has_profile (config, "swallowed"));
  g_assert_cmpstr (sd_aws_config_get_profile_value (config, "b", "region"), ==, "b");
}

static void
test_line_endings (void)
{
  g_autoptr(SdAwsConfig) config =
    parse ("\xEF\xBB\xBF[default]\r\nregion = us-west-2\r\nsesv2 =\r\n  endpoint_url = http://h\r\n"
           "[profile last]\r\nregion = eu-west-1", NULL);
  const SdAwsSection *section = sd_aws_config_get_profile_section (config, "default");

  g_assert_cmpuint (sd_aws_config_get_problems (config)->len, ==, 0);
  g_assert_nonnull (section);
  g_assert_cmpstr (sd_aws_section_get (section, "region"), ==, "us-west-2");
  g_assert_cmpstr (sd_aws_section_get_nested (section, "sesv2", "endpoint_url"), ==, "http://h");
  /* The last line needs no newline. */
  g_assert_cmpstr (sd_aws_config_get_profile_value (config, "last", "region"), ==, "eu-west-1");
}

static void
test_env_paths (void)
{
  g_autofree char *config_path = data_path ("config");
  g_autofree char *credentials_path = data_path ("credentials");
  g_autoptr(SdAwsConfig) from_env = NULL;
  g_autoptr(SdAwsConfig) missing = NULL;
  g_autofree char *list = NULL;

  g_setenv ("AWS_CONFIG_FILE", config_path, TRUE);
  g_setenv ("AWS_SHARED_CREDENTIALS_FILE", credentials_path, TRUE);
  from_env = sd_aws_config_load (NULL, NULL);
  list = profile_list (from_env);
  g_assert_cmpstr (list, ==, "default,dev,only-in-credentials,quoted,spaced");
  g_assert_cmpuint (sd_aws_config_get_problems (from_env)->len, ==, 0);

  /* A missing file is not a problem. */
  g_setenv ("AWS_CONFIG_FILE", "/nonexistent/sd-test/config", TRUE);
  g_setenv ("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/sd-test/credentials", TRUE);
  missing = sd_aws_config_load (NULL, NULL);
  g_assert_cmpuint (sd_aws_config_get_problems (missing)->len, ==, 0);
  g_assert_false (sd_aws_config_has_profile (missing, "default"));
}

static void
test_home_paths (void)
{
  g_autofree char *aws_dir = g_build_filename (fake_home, ".aws", NULL);
  g_autofree char *config_path = g_build_filename (aws_dir, "config", NULL);
  g_autofree char *credentials_path = g_build_filename (aws_dir, "credentials", NULL);
  g_autoptr(SdAwsConfig) config = NULL;
  g_autoptr(SdAwsConfig) tilde = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *lines = NULL;
  GPtrArray *problems;

  /* main() pointed HOME at an empty directory before GLib read it. */
  g_assert_cmpstr (g_get_home_dir (), ==, fake_home);
  g_assert_cmpint (g_mkdir_with_parents (aws_dir, 0700), ==, 0);
  g_file_set_contents (config_path, "[default]\nregion = eu-west-1\nbroken line\n", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (credentials_path, "[home]\naws_access_key_id = AKIDHOME\n", -1, &error);
  g_assert_no_error (error);

  g_unsetenv ("AWS_CONFIG_FILE");
  g_unsetenv ("AWS_SHARED_CREDENTIALS_FILE");
  config = sd_aws_config_load (NULL, NULL);
  problems = sd_aws_config_get_problems (config);
  g_assert_cmpuint (problems->len, ==, 1);
  /* Messages show the home directory as "~". */
  g_assert_true (g_str_has_prefix (((GError *) problems->pdata[0])->message, "~/.aws/config line 3: "));
  g_assert_cmpstr (sd_aws_config_get_profile_value (config, "home", "aws_access_key_id"), ==,
                   "AKIDHOME");
  g_assert_cmpstr (sd_aws_config_get_profile_value (config, "default", "region"), ==, "eu-west-1");

  /* "~/" in the variables means the home directory too. */
  g_setenv ("AWS_CONFIG_FILE", "~/.aws/credentials", TRUE);
  g_setenv ("AWS_SHARED_CREDENTIALS_FILE", "~/.aws/none", TRUE);
  tilde = sd_aws_config_load (NULL, NULL);
  lines = problem_lines (tilde, "~/.aws/credentials");
  /* The credentials file read as a config file: "[home]" is not a profile there. */
  g_assert_cmpstr (lines, ==, "");
  g_assert_false (sd_aws_config_has_profile (tilde, "home"));
  g_assert_cmpuint (sd_aws_config_get_problems (tilde)->len, ==, 0);

  g_unlink (config_path);
  g_unlink (credentials_path);
  g_rmdir (aws_dir);
}

static void
test_malformed (void)
{
  g_autoptr(SdAwsConfig) config = load_fixture ("malformed-config", "malformed-credentials");
  g_autofree char *config_name = data_path ("malformed-config");
  g_autofree char *credentials_name = data_path ("malformed-credentials");
  g_autofree char *config_lines = problem_lines (config, config_name);
  g_autofree char *credentials_lines = problem_lines (config, credentials_name);
  g_autofree char *list = profile_list (config);
  const SdAwsSection *good3;

  g_assert_cmpstr (config_lines, ==, "1,4,7,13,15,17,19,24,25");
  g_assert_cmpstr (credentials_lines, ==, "1,5,9");
  g_assert_cmpuint (sd_aws_config_get_problems (config)->len, ==, 12);

  /* The readable profiles are all there; those with a broken header are lost. */
  g_assert_cmpstr (list, ==, "good-1,good-2,good-3,ok,ok2");
  g_assert_cmpstr (sd_aws_config_get_profile_value (config, "good-1", "region"), ==, "us-east-1");
  g_assert_cmpstr (sd_aws_config_get_profile_value (config, "good-1", "region2"), ==, "us-east-2");
  g_assert_cmpstr (sd_aws_config_get_profile_value (config, "good-2", "region"), ==, "eu-west-2");
  good3 = sd_aws_config_get_profile_section (config, "good-3");
  g_assert_cmpstr (sd_aws_section_get (good3, "region"), ==, "ca-central-1");
  g_assert_cmpstr (sd_aws_section_get_nested (good3, "sesv2", "endpoint_url"), ==,
                   "http://localhost:1");
  /* A broken header's keys never land in the profile above it. */
  g_assert_null (sd_aws_config_get_profile_value (config, "good-1", "aws_access_key_id"));
  g_assert_cmpstr (sd_aws_config_get_profile_value (config, "good-2", "region"), ==, "eu-west-2");
  g_assert_cmpstr (sd_aws_config_get_profile_value (config, "ok", "aws_access_key_id"), ==, "AKIDOK");
  g_assert_cmpstr (sd_aws_config_get_profile_value (config, "ok2", "aws_access_key_id"), ==,
                   "AKIDOK2");
}

static void
test_malformed_messages (void)
{
  g_autoptr(SdAwsConfig) config =
    parse ("[profile a]\naws_secret_access_key wJalrXUtnFEMI/K7MDENG\n", NULL);
  GPtrArray *problems = sd_aws_config_get_problems (config);
  const GError *error;

  g_assert_cmpuint (problems->len, ==, 1);
  error = problems->pdata[0];
  g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_CONFIG);
  g_assert_true (g_str_has_prefix (error->message, "~/.aws/config line 2: "));
  /* The bad line may hold a secret: it is never quoted. */
  g_assert_null (strstr (error->message, "wJalrXUtnFEMI"));
  g_assert_true (sd_aws_config_has_profile (config, "a"));
}

static void
test_binary (void)
{
  static const char bytes[] =
    "[profile before]\n"
    "region = us-east-1\n"
    "bad\0byte = x\n"                   /* line 3: NUL */
    "name = \xC3\x28\n"                 /* line 4: invalid UTF-8 */
    "[profile \xFF\xFE]\n"              /* line 5: a header we cannot read */
    "aws_access_key_id = AKIDLOST\n"
    "[profile after]\n"
    "region = \xE6\x9D\xB1\xE4\xBA\xAC\n";   /* valid UTF-8 */
  g_autofree char *path = write_temp (bytes, sizeof bytes - 1);
  g_autoptr(SdAwsConfig) config = sd_aws_config_load (path, "/nonexistent/sd-test/credentials");
  g_autofree char *lines = problem_lines (config, path);
  g_autofree char *list = profile_list (config);

  g_assert_cmpstr (lines, ==, "3,4,5");
  g_assert_cmpstr (list, ==, "after,before");
  g_assert_cmpstr (sd_aws_config_get_profile_value (config, "before", "region"), ==, "us-east-1");
  g_assert_null (sd_aws_config_get_profile_value (config, "before", "name"));
  g_assert_null (sd_aws_config_get_profile_value (config, "before", "aws_access_key_id"));
  g_assert_cmpstr (sd_aws_config_get_profile_value (config, "after", "region"), ==, "東京");
  g_unlink (path);
}

static void
test_unreadable (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sd-test-config-XXXXXX", NULL);
  g_autoptr(SdAwsConfig) config = NULL;
  const GError *error;
  GPtrArray *problems;

  g_assert_nonnull (dir);
  config = sd_aws_config_load (dir, "/nonexistent/sd-test/credentials");
  problems = sd_aws_config_get_problems (config);
  g_assert_cmpuint (problems->len, ==, 1);
  error = problems->pdata[0];
  g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_CONFIG);
  g_assert_nonnull (strstr (error->message, dir));
  g_rmdir (dir);
}

static void
test_problem_cap (void)
{
  g_autoptr(GString) text = g_string_new ("[default]\n");
  g_autoptr(SdAwsConfig) config = NULL;
  GPtrArray *problems;

  for (guint i = 0; i < 10000; i++)
    g_string_append (text, "no separator\n");
  g_string_append (text, "region = eu-west-1\n");
  config = parse (text->str, NULL);
  problems = sd_aws_config_get_problems (config);

  g_assert_cmpuint (problems->len, >, 10);
  g_assert_cmpuint (problems->len, <=, 100);
  g_assert_nonnull (strstr (((GError *) g_ptr_array_index (problems, problems->len - 1))->message,
                            "more problems"));
  g_assert_cmpstr (sd_aws_config_get_profile_value (config, "default", "region"), ==, "eu-west-1");
}

static void
test_region (void)
{
  g_autoptr(SdAwsConfig) config = parse ("[default]\nregion = eu-west-1\n[profile x]\nregion = ap-south-1\n"
                                         "[profile blank]\nregion =\n", NULL);

  clear_env ();
  g_assert_cmpstr (sd_aws_config_get_region (config, NULL), ==, "eu-west-1");
  g_assert_cmpstr (sd_aws_config_get_region (config, "x"), ==, "ap-south-1");
  g_assert_null (sd_aws_config_get_region (config, "blank"));
  g_assert_null (sd_aws_config_get_region (config, "nobody"));
  g_assert_null (sd_aws_config_get_region (NULL, "x"));

  /* The environment wins for every profile, as in the CLI (even with --profile). */
  g_setenv ("AWS_DEFAULT_REGION", "us-west-1", TRUE);
  g_assert_cmpstr (sd_aws_config_get_region (config, "x"), ==, "us-west-1");
  g_setenv ("AWS_REGION", "us-west-2", TRUE);
  g_assert_cmpstr (sd_aws_config_get_region (config, "x"), ==, "us-west-2");
  g_assert_cmpstr (sd_aws_config_get_region (NULL, NULL), ==, "us-west-2");
  /* An empty variable counts as unset. */
  g_setenv ("AWS_REGION", "", TRUE);
  g_assert_cmpstr (sd_aws_config_get_region (config, "x"), ==, "us-west-1");
  clear_env ();
}

static void
test_refcount (void)
{
  SdAwsConfig *config = parse ("[default]\nregion = x\n", NULL);
  SdAwsConfig *copy = g_boxed_copy (SD_TYPE_AWS_CONFIG, config);

  g_assert_true (copy == config);
  sd_aws_config_unref (config);
  g_assert_cmpstr (sd_aws_config_get_profile_value (copy, "default", "region"), ==, "x");
  g_boxed_free (SD_TYPE_AWS_CONFIG, copy);
}

static void
exercise (SdAwsConfig *config)
{
  g_auto(GStrv) profiles = sd_aws_config_list_profiles (config);
  GPtrArray *problems = sd_aws_config_get_problems (config);

  for (guint i = 0; i < problems->len; i++)
    g_assert_true (g_utf8_validate (((GError *) problems->pdata[i])->message, -1, NULL));

  for (guint i = 0; profiles[i] != NULL; i++)
    {
      const SdAwsSection *section = sd_aws_config_get_profile_section (config, profiles[i]);

      g_assert_true (g_utf8_validate (profiles[i], -1, NULL));
      g_assert_true (sd_aws_config_has_profile (config, profiles[i]));
      sd_aws_config_get_profile_value (config, profiles[i], "region");
      if (section != NULL)
        {
          g_auto(GStrv) keys = sd_aws_section_list_keys (section);

          for (guint j = 0; keys[j] != NULL; j++)
            {
              sd_aws_section_get (section, keys[j]);
              sd_aws_section_get_nested (section, keys[j], "endpoint_url");
            }
        }
    }
}

static void
test_random (void)
{
  static const char * const tokens[] = {
    "[", "]", "profile ", "default", "sso-session ", "services ", "=", ":", " ", "  ", "\t",
    "\n", "\r\n", "#", ";", "x", "region", "sesv2", "endpoint_url", "\"", "\xFF", "\xC3",
    "\xE6\x9D\xB1", "[profile a]\n", "[default]\n", "k = v\n", "s =\n  a = b\n", "\n  ",
  };

  for (guint round = 0; round < 4000; round++)
    {
      guint length = g_test_rand_int_range (0, 400);
      g_autofree char *text = g_malloc (length + 1);
      g_autoptr(GString) tokenized = g_string_new (NULL);
      g_autoptr(SdAwsConfig) raw = NULL;
      g_autoptr(SdAwsConfig) structured = NULL;

      /* Raw bytes (NUL-free: the API takes C strings; NULs are tested through files). */
      for (guint i = 0; i < length; i++)
        text[i] = (char) g_test_rand_int_range (1, 256);
      text[length] = '\0';

      /* Near-misses of real files reach deeper into the parser than raw bytes. */
      for (guint i = 0; i < length / 4; i++)
        g_string_append (tokenized, tokens[g_test_rand_int_range (0, G_N_ELEMENTS (tokens))]);

      raw = parse (text, tokenized->str);
      structured = parse (tokenized->str, text);
      exercise (raw);
      exercise (structured);
    }
}

int
main (int    argc,
      char **argv)
{
  int status;

  /* Before anything asks GLib for the home directory: never read the real ~/.aws. */
  fake_home = g_dir_make_tmp ("sd-test-home-XXXXXX", NULL);
  g_assert_nonnull (fake_home);
  g_setenv ("HOME", fake_home, TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/config/basic", test_basic);
  g_test_add_func ("/config/precedence", test_precedence);
  g_test_add_func ("/config/listing", test_listing);
  g_test_add_func ("/config/default-sections", test_default_sections);
  g_test_add_func ("/config/merging-and-continuations", test_merging_and_continuations);
  g_test_add_func ("/config/line-endings", test_line_endings);
  g_test_add_func ("/config/env-paths", test_env_paths);
  g_test_add_func ("/config/home-paths", test_home_paths);
  g_test_add_func ("/config/malformed/fixtures", test_malformed);
  g_test_add_func ("/config/malformed/messages", test_malformed_messages);
  g_test_add_func ("/config/malformed/binary", test_binary);
  g_test_add_func ("/config/malformed/unreadable", test_unreadable);
  g_test_add_func ("/config/malformed/problem-cap", test_problem_cap);
  g_test_add_func ("/config/region", test_region);
  g_test_add_func ("/config/refcount", test_refcount);
  g_test_add_func ("/config/random", test_random);

  status = g_test_run ();
  g_rmdir (fake_home);
  g_free (fake_home);
  return status;
}
