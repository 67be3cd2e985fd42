/* test-endpoints.c — partitions, SES regions, services and endpoint resolution
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sd-aws-endpoints.h"
#include "sd-aws-error.h"

/* docs/aws.md, "Endpoints and partitions": the regions with an SES endpoint in the aws partition */
static const char * const expected_aws_ses_regions[] = {
  "af-south-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1",
  "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-5",
  "ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1",
  "eu-west-1", "eu-west-2", "eu-west-3", "il-central-1", "me-central-1", "me-south-1",
  "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
};

static const char override_config[] =
  "[default]\n"
  "region = eu-west-1\n"
  "[profile emulator]\n"
  "endpoint_url = http://profile.example:1000\n"
  "services = local\n"
  "[profile bare]\n"
  "region = us-east-1\n"
  "[profile ignoring]\n"
  "endpoint_url = http://profile.example:1000\n"
  "ignore_configured_endpoint_urls = TRUE\n"
  "[profile dangling]\n"
  "services = missing\n"
  "[services local]\n"
  "sesv2 =\n"
  "  endpoint_url = http://services.example:2000/\n"
  "support =\n"
  "  endpoint_url = http://support.example:3000\n";

/* Auxiliary functions */

static void
clear_env (void)
{
  static const char * const vars[] = {
    "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_SESV2", "AWS_ENDPOINT_URL_SES",
    "AWS_ENDPOINT_URL_SUPPORT", "AWS_ENDPOINT_URL_SERVICE_QUOTAS", "AWS_ENDPOINT_URL_STS",
    "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "AWS_PROFILE", "AWS_DEFAULT_PROFILE",
  };

  for (guint i = 0; i < G_N_ELEMENTS (vars); i++)
    g_unsetenv (vars[i]);
}

static SdAwsEndpoint *
resolve (const SdAwsService *service,
         const char         *region,
         SdAwsConfig        *config,
         const char         *profile)
{
  g_autoptr(GError) error = NULL;
  SdAwsEndpoint *endpoint = sd_aws_endpoint_resolve (service, region, config, profile, &error);

  g_assert_no_error (error);
  g_assert_nonnull (endpoint);
  return endpoint;
}

/* Asserts where @service goes for @region and @profile. */
static void
assert_url (const SdAwsService *service,
            const char         *region,
            SdAwsConfig        *config,
            const char         *profile,
            const char         *url)
{
  g_autoptr(SdAwsEndpoint) endpoint = resolve (service, region, config, profile);

  g_assert_cmpstr (endpoint->url, ==, url);
}

static void
assert_resolve_error (const SdAwsService *service,
                      const char         *region,
                      SdAwsConfig        *config,
                      const char         *profile,
                      gint                code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdAwsEndpoint) endpoint =
    sd_aws_endpoint_resolve (service, region, config, profile, &error);

  g_assert_null (endpoint);
  g_assert_error (error, SD_AWS_ERROR, code);
}

/* Tests */

static void
test_services (void)
{
  g_assert_cmpstr (sd_aws_service_sesv2.service_id, ==, "SESv2");
  g_assert_cmpstr (sd_aws_service_sesv2.signing_name, ==, "ses");
  g_assert_cmpint (sd_aws_service_sesv2.protocol, ==, SD_AWS_PROTOCOL_REST_JSON);
  g_assert_cmpstr (sd_aws_service_ses.api_version, ==, "2010-12-01");
  g_assert_cmpint (sd_aws_service_ses.protocol, ==, SD_AWS_PROTOCOL_QUERY);
  g_assert_cmpstr (sd_aws_service_support.target_prefix, ==, "AWSSupport_20130415");
  g_assert_true (sd_aws_service_support.global);
  g_assert_cmpstr (sd_aws_service_service_quotas.target_prefix, ==, "ServiceQuotasV20190624");
  g_assert_cmpstr (sd_aws_service_service_quotas.env_suffix, ==, "SERVICE_QUOTAS");
  g_assert_cmpstr (sd_aws_service_service_quotas.config_key, ==, "service_quotas");
  g_assert_false (sd_aws_service_service_quotas.global);
  g_assert_cmpstr (sd_aws_service_sts.api_version, ==, "2011-06-15");
}

static void
test_ses_regions_aws (void)
{
  const SdAwsPartition *aws = sd_aws_partition_lookup ("aws");
  const char * const *regions = sd_aws_ses_regions (aws);
  guint n;

  clear_env ();
  g_assert_nonnull (aws);
  g_assert_cmpstr (aws->dns_suffix, ==, "amazonaws.com");
  n = g_strv_length ((char **) regions);
  g_assert_cmpuint (n, ==, 27);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected_aws_ses_regions));

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *url = g_strdup_printf ("https://email.%s.amazonaws.com", regions[i]);
      g_autoptr(SdAwsEndpoint) endpoint = resolve (&sd_aws_service_sesv2, regions[i], NULL, NULL);

      g_assert_cmpstr (regions[i], ==, expected_aws_ses_regions[i]);
      if (i > 0)
        g_assert_cmpint (strcmp (regions[i - 1], regions[i]), <, 0);
      g_assert_true (sd_aws_partition_for_region (regions[i]) == aws);
      g_assert_cmpstr (endpoint->url, ==, url);
      g_assert_cmpstr (endpoint->host, ==, url + strlen ("https://"));
      g_assert_cmpstr (endpoint->signing_region, ==, regions[i]);
      g_assert_cmpstr (endpoint->signing_name, ==, "ses");
      g_assert_false (endpoint->overridden);
      g_assert_nonnull (sd_aws_region_display_name (regions[i]));
    }
}

static void
test_other_partitions (void)
{
  const SdAwsPartition *gov = sd_aws_partition_lookup ("aws-us-gov");
  const SdAwsPartition *cn = sd_aws_partition_lookup ("aws-cn");
  g_autofree char *gov_regions = NULL;
  g_autoptr(SdAwsEndpoint) endpoint = NULL;

  clear_env ();
  g_assert_nonnull (gov);
  g_assert_nonnull (cn);
  g_assert_null (sd_aws_partition_lookup ("aws-iso"));
  g_assert_null (sd_aws_partition_lookup (NULL));

  gov_regions = g_strjoinv (",", (char **) sd_aws_ses_regions (gov));
  g_assert_cmpstr (gov_regions, ==, "us-gov-east-1,us-gov-west-1");
  g_assert_true (sd_aws_partition_for_region ("us-gov-east-1") == gov);
  assert_url (&sd_aws_service_sesv2, "us-gov-west-1", NULL, NULL,
              "https://email.us-gov-west-1.amazonaws.com");
  g_assert_cmpstr (sd_aws_region_display_name ("us-gov-east-1"), ==, "AWS GovCloud (US-East)");

  /* botocore's endpoints.json has no SES in the China regions. */
  g_assert_cmpuint (g_strv_length ((char **) sd_aws_ses_regions (cn)), ==, 0);
  g_assert_true (sd_aws_partition_for_region ("cn-northwest-1") == cn);
  endpoint = resolve (&sd_aws_service_service_quotas, "cn-northwest-1", NULL, NULL);
  g_assert_cmpstr (endpoint->url, ==, "https://servicequotas.cn-northwest-1.amazonaws.com.cn");
  g_assert_cmpstr (endpoint->signing_region, ==, "cn-northwest-1");
  g_assert_cmpstr (endpoint->signing_name, ==, "servicequotas");

  /* Unknown but well-formed regions fall in "aws", as botocore's regionRegex. */
  g_assert_true (sd_aws_partition_for_region ("xx-future-9") == sd_aws_partition_lookup ("aws"));
}

static void
test_support (void)
{
  static const struct {
    const char *region;
    const char *url;
    const char *signing_region;
  } cases[] = {
    { "eu-west-1", "https://support.us-east-1.amazonaws.com", "us-east-1" },
    { "ap-northeast-1", "https://support.us-east-1.amazonaws.com", "us-east-1" },
    { "cn-northwest-1", "https://support.cn-north-1.amazonaws.com.cn", "cn-north-1" },
    { "us-gov-east-1", "https://support.us-gov-west-1.amazonaws.com", "us-gov-west-1" },
  };

  clear_env ();
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SdAwsEndpoint) endpoint = resolve (&sd_aws_service_support, cases[i].region, NULL, NULL);

      g_assert_cmpstr (endpoint->url, ==, cases[i].url);
      g_assert_cmpstr (endpoint->signing_region, ==, cases[i].signing_region);
      g_assert_cmpstr (endpoint->signing_name, ==, "support");
    }
}

static void
test_regional_services (void)
{
  clear_env ();
  /* Regional STS, not the legacy global sts.amazonaws.com. */
  assert_url (&sd_aws_service_sts, "eu-central-1", NULL, NULL, "https://sts.eu-central-1.amazonaws.com");
  assert_url (&sd_aws_service_sts, "cn-north-1", NULL, NULL, "https://sts.cn-north-1.amazonaws.com.cn");
  assert_url (&sd_aws_service_ses, "ap-south-2", NULL, NULL, "https://email.ap-south-2.amazonaws.com");
  assert_url (&sd_aws_service_service_quotas, "us-west-2", NULL, NULL,
              "https://servicequotas.us-west-2.amazonaws.com");
}

static void
test_override_order (void)
{
  g_autoptr(SdAwsConfig) config = sd_aws_config_new_from_data ("config", override_config, NULL, NULL);
  g_autoptr(SdAwsEndpoint) endpoint = NULL;

  clear_env ();
  g_assert_cmpuint (sd_aws_config_get_problems (config)->len, ==, 0);

  g_setenv ("AWS_ENDPOINT_URL_SESV2", "http://service-env.example:4000", TRUE);
  g_setenv ("AWS_ENDPOINT_URL", "http://global-env.example:5000", TRUE);

  /* 1. AWS_ENDPOINT_URL_<SERVICE> */
  endpoint = resolve (&sd_aws_service_sesv2, "ap-northeast-1", config, "emulator");
  g_assert_cmpstr (endpoint->url, ==, "http://service-env.example:4000");
  g_assert_cmpstr (endpoint->host, ==, "service-env.example:4000");
  g_assert_cmpstr (endpoint->signing_region, ==, "ap-northeast-1");
  g_assert_cmpstr (endpoint->signing_name, ==, "ses");
  g_assert_true (endpoint->overridden);
  g_clear_pointer (&endpoint, sd_aws_endpoint_free);
  /* Another service's variable does not apply. */
  assert_url (&sd_aws_service_ses, "ap-northeast-1", config, "emulator",
              "http://global-env.example:5000");

  /* 2. AWS_ENDPOINT_URL (an empty variable counts as unset) */
  g_setenv ("AWS_ENDPOINT_URL_SESV2", "", TRUE);
  assert_url (&sd_aws_service_sesv2, "ap-northeast-1", config, "emulator",
              "http://global-env.example:5000");

  /* 3. the profile's services section */
  g_unsetenv ("AWS_ENDPOINT_URL");
  assert_url (&sd_aws_service_sesv2, "ap-northeast-1", config, "emulator",
              "http://services.example:2000");

  /* 4. the profile's endpoint_url, for a service its services section does not name */
  assert_url (&sd_aws_service_service_quotas, "ap-northeast-1", config, "emulator",
              "http://profile.example:1000");

  /* 5. the default; and the profile can come from AWS_PROFILE */
  assert_url (&sd_aws_service_sesv2, "ap-northeast-1", config, "bare",
              "https://email.ap-northeast-1.amazonaws.com");
  assert_url (&sd_aws_service_sesv2, "ap-northeast-1", config, NULL,
              "https://email.ap-northeast-1.amazonaws.com");
  g_setenv ("AWS_PROFILE", "emulator", TRUE);
  assert_url (&sd_aws_service_sesv2, "ap-northeast-1", config, NULL,
              "http://services.example:2000");
  clear_env ();
}

static void
test_override_support (void)
{
  g_autoptr(SdAwsConfig) config = sd_aws_config_new_from_data ("config", override_config, NULL, NULL);
  g_autoptr(SdAwsEndpoint) from_config = NULL;
  g_autoptr(SdAwsEndpoint) from_env = NULL;

  clear_env ();
  /* An overridden Support endpoint is still signed for the partition's Support region. */
  from_config = resolve (&sd_aws_service_support, "eu-west-1", config, "emulator");
  g_assert_cmpstr (from_config->url, ==, "http://support.example:3000");
  g_assert_cmpstr (from_config->signing_region, ==, "us-east-1");
  g_assert_true (from_config->overridden);

  g_setenv ("AWS_ENDPOINT_URL_SUPPORT", "http://127.0.0.1:5001", TRUE);
  from_env = resolve (&sd_aws_service_support, "us-gov-east-1", config, "emulator");
  g_assert_cmpstr (from_env->url, ==, "http://127.0.0.1:5001");
  g_assert_cmpstr (from_env->signing_region, ==, "us-gov-west-1");
  clear_env ();
}

static void
test_ignore_flag (void)
{
  g_autoptr(SdAwsConfig) config = sd_aws_config_new_from_data ("config", override_config, NULL, NULL);
  g_autoptr(SdAwsEndpoint) endpoint = NULL;

  clear_env ();
  g_setenv ("AWS_ENDPOINT_URL_SESV2", "http://service-env.example:4000", TRUE);
  g_setenv ("AWS_ENDPOINT_URL", "http://global-env.example:5000", TRUE);

  g_setenv ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true", TRUE);
  endpoint = resolve (&sd_aws_service_sesv2, "eu-west-1", config, "emulator");
  g_assert_cmpstr (endpoint->url, ==, "https://email.eu-west-1.amazonaws.com");
  g_assert_false (endpoint->overridden);
  g_setenv ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "True", TRUE);
  assert_url (&sd_aws_service_sesv2, "eu-west-1", config, "emulator",
              "https://email.eu-west-1.amazonaws.com");

  /* Anything but "true" leaves the overrides on. */
  g_setenv ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "1", TRUE);
  assert_url (&sd_aws_service_sesv2, "eu-west-1", config, "emulator",
              "http://service-env.example:4000");

  /* The profile's setting, "TRUE" in the file ... */
  g_unsetenv ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
  assert_url (&sd_aws_service_sesv2, "eu-west-1", config, "ignoring",
              "https://email.eu-west-1.amazonaws.com");
  /* ... unless the variable is set at all, as botocore. */
  g_setenv ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "false", TRUE);
  assert_url (&sd_aws_service_sesv2, "eu-west-1", config, "ignoring",
              "http://service-env.example:4000");
  clear_env ();
}

static void
test_missing_services_section (void)
{
  g_autoptr(SdAwsConfig) config = sd_aws_config_new_from_data ("config", override_config, NULL, NULL);

  clear_env ();
  assert_resolve_error (&sd_aws_service_sesv2, "eu-west-1", config, "dangling", SD_AWS_ERROR_CONFIG);
  /* The variables come first, so they still work. */
  g_setenv ("AWS_ENDPOINT_URL", "http://localhost:4566", TRUE);
  assert_url (&sd_aws_service_sesv2, "eu-west-1", config, "dangling", "http://localhost:4566");
  clear_env ();
}

static void
test_invalid_regions (void)
{
  static const char * const invalid[] = {
    "", "US-EAST-1", "us-east", "us_east_1", "us-east-1\n", " us-east-1", "../x", "us-east-1a",
    "useast-1", "u-east-1", "usa-east-1", "us--1", "us-east-", "us-x-east-1", "us-gov-east-1-1",
    "us-east-1.evil.com", "東京-east-1",
  };
  static const char * const valid[] = {
    "us-east-1", "us-gov-west-1", "us-iso-east-1", "us-isob-east-1", "mx-central-1",
    "ap-southeast-7", "cn-northwest-1",
  };

  clear_env ();
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_assert_false (sd_aws_region_is_valid (invalid[i]));
      assert_resolve_error (&sd_aws_service_sesv2, invalid[i], NULL, NULL, SD_AWS_ERROR_ENDPOINT);
    }
  g_assert_false (sd_aws_region_is_valid (NULL));
  assert_resolve_error (&sd_aws_service_support, NULL, NULL, NULL, SD_AWS_ERROR_ENDPOINT);

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    g_assert_true (sd_aws_region_is_valid (valid[i]));

  /* An override does not make a bad region acceptable: it is still signed with it. */
  g_setenv ("AWS_ENDPOINT_URL", "http://localhost:4566", TRUE);
  assert_resolve_error (&sd_aws_service_sesv2, "local", NULL, NULL, SD_AWS_ERROR_ENDPOINT);
  clear_env ();
}

static void
test_override_urls (void)
{
  static const struct {
    const char *given;
    const char *url;
    const char *host;
  } cases[] = {
    { "http://localhost:4566", "http://localhost:4566", "localhost:4566" },
    { "http://localhost:4566/", "http://localhost:4566", "localhost:4566" },
    { "https://proxy.example.com:8443/aws/ses//", "https://proxy.example.com:8443/aws/ses",
      "proxy.example.com:8443" },
    { "https://proxy.example.com:443/base", "https://proxy.example.com/base", "proxy.example.com" },
    { "http://proxy.example.com:80", "http://proxy.example.com", "proxy.example.com" },
    { "http://proxy.example.com:443", "http://proxy.example.com:443", "proxy.example.com:443" },
    { "HTTPS://vpce.example.com", "https://vpce.example.com", "vpce.example.com" },
    { "http://[::1]:5000/", "http://[::1]:5000", "[::1]:5000" },
    { "https://x.example/a%20b", "https://x.example/a%20b", "x.example" },
  };
  static const char * const invalid[] = {
    "localhost:4566", "ftp://example.com", "not a url", "http://", "http:///path",
    "http://user:hunter2@example.com", "http://example.com/?a=b", "http://example.com/#x",
  };

  clear_env ();
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SdAwsEndpoint) endpoint = NULL;

      g_setenv ("AWS_ENDPOINT_URL_SESV2", cases[i].given, TRUE);
      endpoint = resolve (&sd_aws_service_sesv2, "us-east-1", NULL, NULL);
      g_assert_cmpstr (endpoint->url, ==, cases[i].url);
      g_assert_cmpstr (endpoint->host, ==, cases[i].host);
      g_assert_true (endpoint->overridden);
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SdAwsEndpoint) endpoint = NULL;

      g_setenv ("AWS_ENDPOINT_URL_SESV2", invalid[i], TRUE);
      endpoint = sd_aws_endpoint_resolve (&sd_aws_service_sesv2, "us-east-1", NULL, NULL, &error);
      g_assert_null (endpoint);
      g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_ENDPOINT);
      /* Says where the URL came from, never what it holds. */
      g_assert_nonnull (strstr (error->message, "AWS_ENDPOINT_URL_SESV2"));
      g_assert_null (strstr (error->message, "hunter2"));
    }
  clear_env ();
}

static void
test_display_names (void)
{
  g_assert_cmpstr (sd_aws_region_display_name ("ap-northeast-1"), ==, "Asia Pacific (Tokyo)");
  g_assert_cmpstr (sd_aws_region_display_name ("us-east-1"), ==, "US East (N. Virginia)");
  g_assert_cmpstr (sd_aws_region_display_name ("cn-north-1"), ==, "China (Beijing)");
  g_assert_null (sd_aws_region_display_name ("xx-nowhere-1"));
  g_assert_null (sd_aws_region_display_name (NULL));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/endpoints/services", test_services);
  g_test_add_func ("/endpoints/ses-regions/aws", test_ses_regions_aws);
  g_test_add_func ("/endpoints/ses-regions/other-partitions", test_other_partitions);
  g_test_add_func ("/endpoints/support", test_support);
  g_test_add_func ("/endpoints/regional-services", test_regional_services);
  g_test_add_func ("/endpoints/override/order", test_override_order);
  g_test_add_func ("/endpoints/override/support", test_override_support);
  g_test_add_func ("/endpoints/override/ignore", test_ignore_flag);
  g_test_add_func ("/endpoints/override/missing-services-section", test_missing_services_section);
  g_test_add_func ("/endpoints/override/urls", test_override_urls);
  g_test_add_func ("/endpoints/invalid-regions", test_invalid_regions);
  g_test_add_func ("/endpoints/display-names", test_display_names);

  return g_test_run ();
}
