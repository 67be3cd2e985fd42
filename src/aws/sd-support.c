/* sd-support.c — AWS Support API (JSON 1.1), the operations SES Desk uses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sd-aws-endpoints.h"
#include "sd-sigv4.h"
#include "sd-support.h"

/* Answers that may pass the client's default limit, from the documented
 * limits (https://docs.aws.amazon.com/awssupport/latest/APIReference/ —
 * API_AddAttachmentsToSet, API_AddCommunicationToCase, API_DescribeCases,
 * API_RecentCaseCommunications): an attachment is at most 5 MB and comes
 * base64-encoded (4/3 as long) inside JSON; a communication's body is at
 * most 8,000 characters, up to 100 communications come a page, and
 * DescribeCases adds each case's 5 most recent ones (100 cases a page), at
 * most 6 bytes a character when a server escapes it (\uXXXX). */
#define ATTACHMENT_ANSWER_LIMIT     (5 * 1024 * 1024 / 3 * 4 + 1024 * 1024)
#define COMMUNICATIONS_ANSWER_LIMIT (100 * 5 * 8000 * 6 + 4 * 1024 * 1024)

static gsize
answer_limit (const char *operation)
{
  if (g_str_equal (operation, "DescribeAttachment"))
    return ATTACHMENT_ANSWER_LIMIT;
  if (g_str_equal (operation, "DescribeCases") || g_str_equal (operation, "DescribeCommunications"))
    return COMMUNICATIONS_ANSWER_LIMIT;
  return 0;
}

static void
send (SdAwsClient         *client,
      const char          *profile,
      const char          *operation,
      gboolean             is_write,
      JsonObject          *input,
      GCancellable        *cancellable,
      GAsyncReadyCallback  callback,
      gpointer             user_data)
{
  /* NULL region: the client signs a global service for its partition's region. */
  SdAwsCall *call = sd_aws_call_new (&sd_aws_service_support, operation, profile, NULL);

  sd_aws_call_set_write (call, is_write);
  sd_aws_call_set_answer_limit (call, answer_limit (operation));
  if (input != NULL)
    sd_aws_call_set_json_body (call, input);
  sd_aws_client_send_async (client, call, cancellable, callback, user_data);
}

void
sd_support_describe_cases_async (SdAwsClient  *client, const char *profile, JsonObject *input,
                                 GCancellable *cancellable, GAsyncReadyCallback callback,
                                 gpointer      user_data)
{
  send (client, profile, "DescribeCases", FALSE, input, cancellable, callback, user_data);
}

void
sd_support_describe_communications_async (SdAwsClient  *client, const char *profile, JsonObject *input,
                                          GCancellable *cancellable, GAsyncReadyCallback callback,
                                          gpointer      user_data)
{
  send (client, profile, "DescribeCommunications", FALSE, input, cancellable, callback, user_data);
}

void
sd_support_describe_services_async (SdAwsClient  *client, const char *profile, JsonObject *input,
                                    GCancellable *cancellable, GAsyncReadyCallback callback,
                                    gpointer      user_data)
{
  send (client, profile, "DescribeServices", FALSE, input, cancellable, callback, user_data);
}

void
sd_support_describe_severity_levels_async (SdAwsClient  *client, const char *profile, JsonObject *input,
                                           GCancellable *cancellable, GAsyncReadyCallback callback,
                                           gpointer      user_data)
{
  send (client, profile, "DescribeSeverityLevels", FALSE, input, cancellable, callback, user_data);
}

void
sd_support_describe_attachment_async (SdAwsClient  *client, const char *profile, JsonObject *input,
                                      GCancellable *cancellable, GAsyncReadyCallback callback,
                                      gpointer      user_data)
{
  send (client, profile, "DescribeAttachment", FALSE, input, cancellable, callback, user_data);
}

void
sd_support_create_case_async (SdAwsClient  *client, const char *profile, JsonObject *input,
                              GCancellable *cancellable, GAsyncReadyCallback callback,
                              gpointer      user_data)
{
  send (client, profile, "CreateCase", TRUE, input, cancellable, callback, user_data);
}

void
sd_support_add_communication_to_case_async (SdAwsClient  *client, const char *profile, JsonObject *input,
                                            GCancellable *cancellable, GAsyncReadyCallback callback,
                                            gpointer      user_data)
{
  send (client, profile, "AddCommunicationToCase", TRUE, input, cancellable, callback, user_data);
}

void
sd_support_add_attachments_to_set_async (SdAwsClient  *client, const char *profile, JsonObject *input,
                                         GCancellable *cancellable, GAsyncReadyCallback callback,
                                         gpointer      user_data)
{
  send (client, profile, "AddAttachmentsToSet", TRUE, input, cancellable, callback, user_data);
}

void
sd_support_resolve_case_async (SdAwsClient  *client, const char *profile, JsonObject *input,
                               GCancellable *cancellable, GAsyncReadyCallback callback,
                               gpointer      user_data)
{
  send (client, profile, "ResolveCase", TRUE, input, cancellable, callback, user_data);
}

JsonObject *
sd_support_finish (SdAwsClient   *client,
                   GAsyncResult  *result,
                   GError       **error)
{
  return sd_aws_client_send_finish (client, result, error);
}

static const char *
console_host (const char *region)
{
  const SdAwsPartition *partition = sd_aws_partition_for_region (region != NULL ? region : "us-east-1");

  if (g_str_equal (partition->id, "aws-cn"))
    return "https://console.amazonaws.cn";
  if (g_str_equal (partition->id, "aws-us-gov"))
    return "https://console.amazonaws-us-gov.com";
  return "https://console.aws.amazon.com";
}

const char *
sd_support_center_create_case_url (const char *region)
{
  const char *host = console_host (region);

  if (g_str_equal (host, "https://console.amazonaws.cn"))
    return "https://console.amazonaws.cn/support/home#/case/create";
  if (g_str_equal (host, "https://console.amazonaws-us-gov.com"))
    return "https://console.amazonaws-us-gov.com/support/home#/case/create";
  return "https://console.aws.amazon.com/support/home#/case/create";
}

const char *
sd_support_center_limit_increase_url (const char *region)
{
  const char *host = console_host (region);

  if (g_str_equal (host, "https://console.amazonaws.cn"))
    return "https://console.amazonaws.cn/support/home#/case/create?issueType=service-limit-increase"
           "&limitType=service-code-ses";
  if (g_str_equal (host, "https://console.amazonaws-us-gov.com"))
    return "https://console.amazonaws-us-gov.com/support/home#/case/create?issueType=service-limit-increase"
           "&limitType=service-code-ses";
  return "https://support.console.aws.amazon.com/support/home#/case/create?issueType=service-limit-increase"
         "&limitType=service-code-ses";
}

char *
sd_support_center_case_url (const char *region,
                            const char *case_id)
{
  g_autofree char *escaped = sd_sigv4_uri_encode (case_id, -1, FALSE);

  return g_strdup_printf ("%s/support/home#/case/?displayId=%s", console_host (region), escaped);
}
