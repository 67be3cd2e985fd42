/* sd-aws-endpoints.h — partitions, SES regions, services and endpoint resolution
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include "sd-aws-config.h"

G_BEGIN_DECLS

typedef enum {
  SD_AWS_PROTOCOL_JSON,       /* JSON 1.1: POST /, X-Amz-Target */
  SD_AWS_PROTOCOL_JSON_1_0,   /* JSON 1.0 (awsJson1_0): as JSON 1.1, Content-Type application/x-amz-json-1.0 */
  SD_AWS_PROTOCOL_REST_JSON,  /* REST-JSON: method + path + query, JSON body */
  SD_AWS_PROTOCOL_QUERY,      /* Query: POST / form-encoded Action=…&Version=…, XML answer */
} SdAwsProtocol;

/* What the client needs to know about one service (static data). */
typedef struct {
  const char   *service_id;      /* botocore serviceId: "SESv2", "Support", "Service Quotas", "STS", "SES" */
  const char   *endpoint_prefix; /* "email", "support", "servicequotas", "sts", "portal.sso" */
  const char   *signing_name;    /* "ses", "support", "servicequotas", "sts" */
  const char   *env_suffix;      /* AWS_ENDPOINT_URL_<env_suffix>: "SESV2", "SUPPORT", "SERVICE_QUOTAS", "STS", "SES" */
  const char   *config_key;      /* key in a [services] section: "sesv2", "support", "service_quotas", "sts", "ses" */
  SdAwsProtocol protocol;
  const char   *target_prefix;   /* JSON 1.1 X-Amz-Target prefix, e.g. "AWSSupport_20130415" */
  const char   *api_version;     /* Query protocol Version, e.g. "2011-06-15" */
  gboolean      global;          /* one endpoint per partition (Support, Organizations) */
  /* A global service's signing region per partition, where it is not the
   * partition's support_region: NULL-terminated pairs of partition id and
   * region ("aws-cn", "cn-northwest-1"). */
  const char * const *global_regions;
} SdAwsService;

extern const SdAwsService sd_aws_service_sesv2;
extern const SdAwsService sd_aws_service_ses;            /* SES v1, Query */
extern const SdAwsService sd_aws_service_support;
extern const SdAwsService sd_aws_service_service_quotas;
extern const SdAwsService sd_aws_service_sts;
extern const SdAwsService sd_aws_service_sso;            /* the SSO portal */
extern const SdAwsService sd_aws_service_cloudwatch;     /* JSON 1.0 (docs/aws.md) */
extern const SdAwsService sd_aws_service_organizations;  /* JSON 1.1, global (docs/aws.md) */

typedef struct {
  const char  *id;              /* "aws", "aws-cn", "aws-us-gov" */
  const char  *dns_suffix;      /* "amazonaws.com", "amazonaws.com.cn" */
  const char  *support_region;  /* Support's single signing region */
  const char * const *ses_regions; /* NULL-terminated, sorted */
} SdAwsPartition;

/* The partition a region belongs to ("aws" for unknown regions with an
 * ordinary prefix, as botocore's regionRegex does); never NULL. */
const SdAwsPartition *sd_aws_partition_for_region (const char *region);
/* Returns the partition called @partition_id, or NULL. */
const SdAwsPartition *sd_aws_partition_lookup     (const char *partition_id);
/* Every region of @partition where SES has an endpoint; NULL-terminated, static. */
const char * const   *sd_aws_ses_regions          (const SdAwsPartition *partition);
/* Whether @region looks like an AWS region name: "us-east-1", "us-gov-west-1", "us-isob-east-1". */
gboolean              sd_aws_region_is_valid      (const char *region);

/* A resolved endpoint: where to send and how to sign. */
typedef struct {
  char *url;             /* scheme://host[:port][/base-path], no trailing slash */
  char *host;            /* host[:port] as it goes in the Host header */
  char *signing_region;
  char *signing_name;
  gboolean overridden;   /* came from an AWS_ENDPOINT_URL* or config override */
} SdAwsEndpoint;

/* Frees an endpoint. */
void sd_aws_endpoint_free (SdAwsEndpoint *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdAwsEndpoint, sd_aws_endpoint_free)

/* Resolves @service for @region and @profile with the standard override order:
 * AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, the profile's [services]
 * section (services = name) entry for the service, the profile's endpoint_url,
 * then the partition's default; AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true (or the
 * profile's ignore_configured_endpoint_urls) skips all overrides (the variable,
 * when set at all, wins over the profile, as botocore). @config and @profile may
 * be NULL (NULL profile: sd_aws_config_default_profile_name()). An overridden
 * endpoint is signed for @region (Support: the partition's support_region).
 * Fails with SD_AWS_ERROR_ENDPOINT for a missing or invalid region or an
 * override that is not an http(s) URL without user info, query or fragment, and
 * with SD_AWS_ERROR_CONFIG when the profile names a [services] section that does
 * not exist (botocore's InvalidConfigError). */
SdAwsEndpoint *sd_aws_endpoint_resolve (const SdAwsService *service,
                                        const char         *region,
                                        SdAwsConfig        *config,
                                        const char         *profile,
                                        GError            **error);

/* The region's name in English ("Asia Pacific (Tokyo)"), or NULL when unknown.
 * Marked for translation with N_(); callers translate with gettext. */
const char *sd_aws_region_display_name (const char *region);

G_END_DECLS
