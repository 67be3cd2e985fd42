/* sd-aws-endpoints.c — partitions, SES regions, services and endpoint resolution
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The data below comes from botocore's data/endpoints.json (botocore 1.43):
 * partitions with their DNS suffix, the "email" service's regions (FIPS
 * variants left out), Support's single endpoint and credential scope, and
 * the regions' descriptions. The override order is botocore's
 * ConfiguredEndpointProvider (configprovider.py).
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sd-aws-endpoints.h"
#include "sd-aws-error.h"

const SdAwsService sd_aws_service_sesv2 = {
  .service_id = "SESv2",
  .endpoint_prefix = "email",
  .signing_name = "ses",
  .env_suffix = "SESV2",
  .config_key = "sesv2",
  .protocol = SD_AWS_PROTOCOL_REST_JSON,
};

const SdAwsService sd_aws_service_ses = {
  .service_id = "SES",
  .endpoint_prefix = "email",
  .signing_name = "ses",
  .env_suffix = "SES",
  .config_key = "ses",
  .protocol = SD_AWS_PROTOCOL_QUERY,
  .api_version = "2010-12-01",
};

const SdAwsService sd_aws_service_support = {
  .service_id = "Support",
  .endpoint_prefix = "support",
  .signing_name = "support",
  .env_suffix = "SUPPORT",
  .config_key = "support",
  .protocol = SD_AWS_PROTOCOL_JSON,
  .target_prefix = "AWSSupport_20130415",
  .global = TRUE,
};

const SdAwsService sd_aws_service_service_quotas = {
  .service_id = "Service Quotas",
  .endpoint_prefix = "servicequotas",
  .signing_name = "servicequotas",
  .env_suffix = "SERVICE_QUOTAS",
  .config_key = "service_quotas",
  .protocol = SD_AWS_PROTOCOL_JSON,
  .target_prefix = "ServiceQuotasV20190624",
};

/* Regional STS endpoints (sts.<region>.amazonaws.com), the SDKs' default now. */
const SdAwsService sd_aws_service_sts = {
  .service_id = "STS",
  .endpoint_prefix = "sts",
  .signing_name = "sts",
  .env_suffix = "STS",
  .config_key = "sts",
  .protocol = SD_AWS_PROTOCOL_QUERY,
  .api_version = "2011-06-15",
};

/* The SSO portal (GetRoleCredentials); called with a bearer token, unsigned. */
const SdAwsService sd_aws_service_sso = {
  .service_id = "SSO",
  .endpoint_prefix = "portal.sso",
  .signing_name = "awsssoportal",
  .env_suffix = "SSO",
  .config_key = "sso",
  .protocol = SD_AWS_PROTOCOL_REST_JSON,
};

/* CloudWatch in awsJson1_0 (docs/aws.md, CloudWatch): monitoring.<region>.amazonaws.com. */
const SdAwsService sd_aws_service_cloudwatch = {
  .service_id = "CloudWatch",
  .endpoint_prefix = "monitoring",
  .signing_name = "monitoring",
  .env_suffix = "CLOUDWATCH",
  .config_key = "cloudwatch",
  .protocol = SD_AWS_PROTOCOL_JSON_1_0,
  .target_prefix = "GraniteServiceVersion20100801",
};

/* Organizations has one endpoint per partition (botocore's endpoint rule set,
 * docs/aws.md): organizations.us-east-1.amazonaws.com in aws,
 * organizations.cn-northwest-1.amazonaws.com.cn in aws-cn,
 * organizations.us-gov-west-1.amazonaws.com in aws-us-gov. */
static const char * const organizations_global_regions[] = {
  "aws-cn", "cn-northwest-1",
  NULL
};

const SdAwsService sd_aws_service_organizations = {
  .service_id = "Organizations",
  .endpoint_prefix = "organizations",
  .signing_name = "organizations",
  .env_suffix = "ORGANIZATIONS",
  .config_key = "organizations",
  .protocol = SD_AWS_PROTOCOL_JSON,
  .target_prefix = "AWSOrganizationsV20161128",
  .global = TRUE,
  .global_regions = organizations_global_regions,
};

static const char * const aws_ses_regions[] = {
  "af-south-1",
  "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
  "ap-south-1", "ap-south-2",
  "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-5",
  "ca-central-1", "ca-west-1",
  "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1",
  "eu-west-1", "eu-west-2", "eu-west-3",
  "il-central-1",
  "me-central-1", "me-south-1",
  "sa-east-1",
  "us-east-1", "us-east-2", "us-west-1", "us-west-2",
  NULL
};

/* endpoints.json lists no "email" endpoint in the China regions. */
static const char * const aws_cn_ses_regions[] = { NULL };

static const char * const aws_us_gov_ses_regions[] = {
  "us-gov-east-1", "us-gov-west-1",
  NULL
};

static const SdAwsPartition partitions[] = {
  { "aws", "amazonaws.com", "us-east-1", aws_ses_regions },
  { "aws-cn", "amazonaws.com.cn", "cn-north-1", aws_cn_ses_regions },
  { "aws-us-gov", "amazonaws.com", "us-gov-west-1", aws_us_gov_ses_regions },
};

static const struct {
  const char *region;
  const char *name;
} region_names[] = {
  { "af-south-1", N_("Africa (Cape Town)") },
  { "ap-east-1", N_("Asia Pacific (Hong Kong)") },
  { "ap-east-2", N_("Asia Pacific (Taipei)") },
  { "ap-northeast-1", N_("Asia Pacific (Tokyo)") },
  { "ap-northeast-2", N_("Asia Pacific (Seoul)") },
  { "ap-northeast-3", N_("Asia Pacific (Osaka)") },
  { "ap-south-1", N_("Asia Pacific (Mumbai)") },
  { "ap-south-2", N_("Asia Pacific (Hyderabad)") },
  { "ap-southeast-1", N_("Asia Pacific (Singapore)") },
  { "ap-southeast-2", N_("Asia Pacific (Sydney)") },
  { "ap-southeast-3", N_("Asia Pacific (Jakarta)") },
  { "ap-southeast-4", N_("Asia Pacific (Melbourne)") },
  { "ap-southeast-5", N_("Asia Pacific (Malaysia)") },
  { "ap-southeast-6", N_("Asia Pacific (New Zealand)") },
  { "ap-southeast-7", N_("Asia Pacific (Thailand)") },
  { "ca-central-1", N_("Canada (Central)") },
  { "ca-west-1", N_("Canada West (Calgary)") },
  { "cn-north-1", N_("China (Beijing)") },
  { "cn-northwest-1", N_("China (Ningxia)") },
  { "eu-central-1", N_("Europe (Frankfurt)") },
  { "eu-central-2", N_("Europe (Zurich)") },
  { "eu-north-1", N_("Europe (Stockholm)") },
  { "eu-south-1", N_("Europe (Milan)") },
  { "eu-south-2", N_("Europe (Spain)") },
  { "eu-west-1", N_("Europe (Ireland)") },
  { "eu-west-2", N_("Europe (London)") },
  { "eu-west-3", N_("Europe (Paris)") },
  { "il-central-1", N_("Israel (Tel Aviv)") },
  { "me-central-1", N_("Middle East (UAE)") },
  { "me-south-1", N_("Middle East (Bahrain)") },
  { "mx-central-1", N_("Mexico (Central)") },
  { "sa-east-1", N_("South America (Sao Paulo)") },
  { "us-east-1", N_("US East (N. Virginia)") },
  { "us-east-2", N_("US East (Ohio)") },
  { "us-gov-east-1", N_("AWS GovCloud (US-East)") },
  { "us-gov-west-1", N_("AWS GovCloud (US-West)") },
  { "us-west-1", N_("US West (N. California)") },
  { "us-west-2", N_("US West (Oregon)") },
};

/* Auxiliary functions */

/* Whether @s is one or more characters, all between @first and @last. */
static gboolean
is_word (const char *s,
         char        first,
         char        last)
{
  if (*s == '\0')
    return FALSE;
  for (; *s != '\0'; s++)
    if (*s < first || *s > last)
      return FALSE;
  return TRUE;
}

/* Why @uri cannot be an endpoint, or NULL when it can. */
static const char *
check_url (GUri *uri)
{
  const char *scheme;
  const char *host;

  if (uri == NULL)
    return _("it is not a URL");
  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0)
    return _("it must start with https:// or http://");
  host = g_uri_get_host (uri);
  if (host == NULL || *host == '\0')
    return _("it has no host name");
  if (g_uri_get_userinfo (uri) != NULL)
    return _("it must not contain a user name or password");
  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    return _("it must not contain a query (“?”) or a fragment (“#”)");
  return NULL;
}

/* Fills @endpoint's url and host from an override URL found in @source. */
static gboolean
parse_url (SdAwsEndpoint  *endpoint,
           const char     *url,
           const char     *source,
           GError        **error)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  const char *reason = check_url (uri);
  g_autofree char *scheme = NULL;
  g_autofree char *path = NULL;
  const char *host;
  gboolean https;
  int port;
  gsize len;

  if (reason != NULL)
    {
      /* The URL itself is not quoted: it could hold a password. */
      g_set_error (error, SD_AWS_ERROR, SD_AWS_ERROR_ENDPOINT,
                   _("The endpoint URL in %s is not valid: %s"), source, reason);
      return FALSE;
    }

  scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
  https = strcmp (scheme, "https") == 0;
  host = g_uri_get_host (uri);
  port = g_uri_get_port (uri);
  if (port == (https ? 443 : 80))
    port = -1;

  /* GUri gives an IPv6 literal without its brackets. */
  if (strchr (host, ':') != NULL)
    endpoint->host = port > 0 ? g_strdup_printf ("[%s]:%d", host, port)
                              : g_strdup_printf ("[%s]", host);
  else
    endpoint->host = port > 0 ? g_strdup_printf ("%s:%d", host, port) : g_strdup (host);

  path = g_strdup (g_uri_get_path (uri));
  len = strlen (path);
  while (len > 0 && path[len - 1] == '/')
    path[--len] = '\0';
  endpoint->url = g_strconcat (scheme, "://", endpoint->host, path, NULL);
  return TRUE;
}

static gboolean
env_is_set (const char  *name,
            const char **value)
{
  *value = g_getenv (name);
  return *value != NULL && **value != '\0';
}

/* Finds the configured endpoint URL, if any, and says where it came from in
 * *source (freed by the caller). Returns FALSE only with @error set. */
static gboolean
find_override (const SdAwsService  *service,
               SdAwsConfig         *config,
               const char          *profile,
               const char         **url,
               char               **source,
               GError             **error)
{
  g_autofree char *service_var = g_strconcat ("AWS_ENDPOINT_URL_", service->env_suffix, NULL);
  const char *ignore = g_getenv ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
  const char *services_name;

  *url = NULL;
  if (profile == NULL)
    profile = sd_aws_config_default_profile_name ();

  /* As botocore: the variable, when set at all, wins over the profile's setting. */
  if (ignore == NULL && config != NULL)
    ignore = sd_aws_config_get_profile_value (config, profile, "ignore_configured_endpoint_urls");
  if (ignore != NULL && g_ascii_strcasecmp (ignore, "true") == 0)
    return TRUE;

  if (env_is_set (service_var, url))
    {
      *source = g_steal_pointer (&service_var);
      return TRUE;
    }
  if (env_is_set ("AWS_ENDPOINT_URL", url))
    {
      *source = g_strdup ("AWS_ENDPOINT_URL");
      return TRUE;
    }
  if (config == NULL)
    return TRUE;

  services_name = sd_aws_config_get_profile_value (config, profile, "services");
  if (services_name != NULL && *services_name != '\0')
    {
      const SdAwsSection *services = sd_aws_config_get_services (config, services_name);

      if (services == NULL)
        {
          g_set_error (error, SD_AWS_ERROR, SD_AWS_ERROR_CONFIG,
                       _("The profile “%s” uses the services section “%s”, "
                         "which the config file does not have"), profile, services_name);
          return FALSE;
        }
      *url = sd_aws_section_get_nested (services, service->config_key, "endpoint_url");
      if (*url != NULL && **url != '\0')
        {
          *source = g_strdup_printf (_("the “%s” entry of the services section “%s”"),
                                     service->config_key, services_name);
          return TRUE;
        }
    }

  *url = sd_aws_config_get_profile_value (config, profile, "endpoint_url");
  if (*url != NULL && **url != '\0')
    *source = g_strdup_printf (_("the endpoint_url of the profile “%s”"), profile);
  else
    *url = NULL;
  return TRUE;
}

/* Public API */

const SdAwsPartition *
sd_aws_partition_for_region (const char *region)
{
  if (region != NULL && g_str_has_prefix (region, "cn-"))
    return &partitions[1];
  if (region != NULL && g_str_has_prefix (region, "us-gov-"))
    return &partitions[2];
  return &partitions[0];
}

const SdAwsPartition *
sd_aws_partition_lookup (const char *partition_id)
{
  for (guint i = 0; partition_id != NULL && i < G_N_ELEMENTS (partitions); i++)
    if (strcmp (partitions[i].id, partition_id) == 0)
      return &partitions[i];
  return NULL;
}

const char * const *
sd_aws_ses_regions (const SdAwsPartition *partition)
{
  g_return_val_if_fail (partition != NULL, NULL);
  return partition->ses_regions;
}

gboolean
sd_aws_region_is_valid (const char *region)
{
  g_auto(GStrv) parts = NULL;
  guint n;

  if (region == NULL || strlen (region) > 32)
    return FALSE;

  parts = g_strsplit (region, "-", 5);
  n = g_strv_length (parts);
  if (n < 3 || n > 4)
    return FALSE;
  if (strlen (parts[0]) != 2 || !is_word (parts[0], 'a', 'z'))
    return FALSE;
  if (n == 4 && strcmp (parts[1], "gov") != 0 &&
      !(g_str_has_prefix (parts[1], "iso") && is_word (parts[1], 'a', 'z')))
    return FALSE;
  return is_word (parts[n - 2], 'a', 'z') && is_word (parts[n - 1], '0', '9');
}

void
sd_aws_endpoint_free (SdAwsEndpoint *self)
{
  if (self == NULL)
    return;
  g_free (self->url);
  g_free (self->host);
  g_free (self->signing_region);
  g_free (self->signing_name);
  g_free (self);
}

static const char *
global_region (const SdAwsService   *service,
               const SdAwsPartition *partition)
{
  for (guint i = 0; service->global_regions != NULL && service->global_regions[i] != NULL; i += 2)
    if (strcmp (service->global_regions[i], partition->id) == 0)
      return service->global_regions[i + 1];
  return partition->support_region;
}

SdAwsEndpoint *
sd_aws_endpoint_resolve (const SdAwsService  *service,
                         const char          *region,
                         SdAwsConfig         *config,
                         const char          *profile,
                         GError             **error)
{
  g_autoptr(SdAwsEndpoint) endpoint = NULL;
  g_autofree char *source = NULL;
  const SdAwsPartition *partition;
  const char *url;

  g_return_val_if_fail (service != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (region == NULL || *region == '\0')
    {
      g_set_error_literal (error, SD_AWS_ERROR, SD_AWS_ERROR_ENDPOINT,
                           _("No AWS region is set: choose one, or set “region” in the profile"));
      return NULL;
    }
  if (!sd_aws_region_is_valid (region))
    {
      g_autofree char *shown = g_utf8_make_valid (region, -1);

      g_set_error (error, SD_AWS_ERROR, SD_AWS_ERROR_ENDPOINT,
                   _("“%s” is not an AWS region name (such as us-east-1)"), shown);
      return NULL;
    }

  if (!find_override (service, config, profile, &url, &source, error))
    return NULL;

  partition = sd_aws_partition_for_region (region);
  endpoint = g_new0 (SdAwsEndpoint, 1);
  /* Support and Organizations have one endpoint per partition, signed for
   * that partition's region. */
  endpoint->signing_region = g_strdup (service->global ? global_region (service, partition) : region);
  endpoint->signing_name = g_strdup (service->signing_name);

  if (url != NULL)
    {
      if (!parse_url (endpoint, url, source, error))
        return NULL;
      endpoint->overridden = TRUE;
    }
  else
    {
      endpoint->host = g_strdup_printf ("%s.%s.%s", service->endpoint_prefix,
                                        endpoint->signing_region, partition->dns_suffix);
      endpoint->url = g_strconcat ("https://", endpoint->host, NULL);
    }
  return g_steal_pointer (&endpoint);
}

const char *
sd_aws_region_display_name (const char *region)
{
  for (guint i = 0; region != NULL && i < G_N_ELEMENTS (region_names); i++)
    if (strcmp (region_names[i].region, region) == 0)
      return region_names[i].name;
  return NULL;
}
