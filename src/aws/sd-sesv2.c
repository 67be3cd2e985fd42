/* sd-sesv2.c — Amazon SES API v2 (REST-JSON), the operations SES Desk uses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sd-sesv2.h"
#include "sd-sigv4.h"

void
sd_sesv2_get_account_async (SdAwsClient         *client,
                            const char          *profile,
                            const char          *region,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  SdAwsCall *call = sd_aws_call_new (&sd_aws_service_sesv2, "GetAccount", profile, region);

  sd_aws_call_set_http (call, "GET", "/v2/email/account");
  sd_aws_client_send_async (client, call, cancellable, callback, user_data);
}

void
sd_sesv2_get_dedicated_ips_async (SdAwsClient         *client,
                                  const char          *profile,
                                  const char          *region,
                                  const char          *pool_name,
                                  const char          *next_token,
                                  guint                page_size,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  SdAwsCall *call = sd_aws_call_new (&sd_aws_service_sesv2, "GetDedicatedIps", profile, region);

  sd_aws_call_set_http (call, "GET", "/v2/email/dedicated-ips");
  if (pool_name != NULL)
    sd_aws_call_add_param (call, "PoolName", pool_name);
  if (next_token != NULL)
    sd_aws_call_add_param (call, "NextToken", next_token);
  if (page_size > 0)
    {
      char size[16];

      g_snprintf (size, sizeof size, "%u", page_size);
      sd_aws_call_add_param (call, "PageSize", size);
    }
  sd_aws_client_send_async (client, call, cancellable, callback, user_data);
}

void
sd_sesv2_list_dedicated_ip_pools_async (SdAwsClient         *client,
                                        const char          *profile,
                                        const char          *region,
                                        const char          *next_token,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  SdAwsCall *call = sd_aws_call_new (&sd_aws_service_sesv2, "ListDedicatedIpPools", profile, region);

  sd_aws_call_set_http (call, "GET", "/v2/email/dedicated-ip-pools");
  if (next_token != NULL)
    sd_aws_call_add_param (call, "NextToken", next_token);
  sd_aws_client_send_async (client, call, cancellable, callback, user_data);
}

void
sd_sesv2_get_dedicated_ip_pool_async (SdAwsClient         *client,
                                      const char          *profile,
                                      const char          *region,
                                      const char          *pool_name,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  SdAwsCall *call = sd_aws_call_new (&sd_aws_service_sesv2, "GetDedicatedIpPool", profile, region);
  g_autofree char *encoded = sd_sigv4_uri_encode (pool_name, -1, FALSE);
  g_autofree char *path = g_strconcat ("/v2/email/dedicated-ip-pools/", encoded, NULL);

  sd_aws_call_set_http (call, "GET", path);
  sd_aws_client_send_async (client, call, cancellable, callback, user_data);
}

void
sd_sesv2_list_email_identities_async (SdAwsClient         *client,
                                      const char          *profile,
                                      const char          *region,
                                      const char          *next_token,
                                      guint                page_size,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  SdAwsCall *call = sd_aws_call_new (&sd_aws_service_sesv2, "ListEmailIdentities", profile, region);

  sd_aws_call_set_http (call, "GET", "/v2/email/identities");
  if (next_token != NULL)
    sd_aws_call_add_param (call, "NextToken", next_token);
  if (page_size > 0)
    {
      char size[16];

      g_snprintf (size, sizeof size, "%u", page_size);
      sd_aws_call_add_param (call, "PageSize", size);
    }
  sd_aws_client_send_async (client, call, cancellable, callback, user_data);
}

void
sd_sesv2_get_email_identity_async (SdAwsClient         *client,
                                   const char          *profile,
                                   const char          *region,
                                   const char          *identity,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  SdAwsCall *call = sd_aws_call_new (&sd_aws_service_sesv2, "GetEmailIdentity", profile, region);
  g_autofree char *encoded = sd_sigv4_uri_encode (identity, -1, FALSE);
  g_autofree char *path = g_strconcat ("/v2/email/identities/", encoded, NULL);

  sd_aws_call_set_http (call, "GET", path);
  sd_aws_client_send_async (client, call, cancellable, callback, user_data);
}

void
sd_sesv2_put_account_details_async (SdAwsClient         *client,
                                    const char          *profile,
                                    const char          *region,
                                    JsonObject          *input,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  SdAwsCall *call = sd_aws_call_new (&sd_aws_service_sesv2, "PutAccountDetails", profile, region);

  sd_aws_call_set_write (call, TRUE);
  sd_aws_call_set_http (call, "POST", "/v2/email/account/details");
  sd_aws_call_set_json_body (call, input);
  sd_aws_client_send_async (client, call, cancellable, callback, user_data);
}

void
sd_sesv2_create_dedicated_ip_pool_async (SdAwsClient         *client,
                                         const char          *profile,
                                         const char          *region,
                                         const char          *pool_name,
                                         const char          *scaling_mode,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  SdAwsCall *call = sd_aws_call_new (&sd_aws_service_sesv2, "CreateDedicatedIpPool", profile, region);
  g_autoptr(JsonObject) input = json_object_new ();

  json_object_set_string_member (input, "PoolName", pool_name);
  if (scaling_mode != NULL)
    json_object_set_string_member (input, "ScalingMode", scaling_mode);
  sd_aws_call_set_write (call, TRUE);
  sd_aws_call_set_http (call, "POST", "/v2/email/dedicated-ip-pools");
  sd_aws_call_set_json_body (call, input);
  sd_aws_client_send_async (client, call, cancellable, callback, user_data);
}

JsonObject *
sd_sesv2_finish (SdAwsClient   *client,
                 GAsyncResult  *result,
                 GError       **error)
{
  return sd_aws_client_send_finish (client, result, error);
}
