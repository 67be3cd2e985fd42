/* sd-sesv2.h — Amazon SES API v2 (REST-JSON), the operations SES Desk uses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sd-aws-client.h"

G_BEGIN_DECLS

/* Each call answers the operation's output object as the model shapes it;
 * finish with sd_sesv2_finish(). */
void        sd_sesv2_get_account_async           (SdAwsClient         *client,
                                                  const char          *profile,
                                                  const char          *region,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
/* One page of GetDedicatedIps; @pool_name and @next_token may be NULL. */
void        sd_sesv2_get_dedicated_ips_async     (SdAwsClient         *client,
                                                  const char          *profile,
                                                  const char          *region,
                                                  const char          *pool_name,
                                                  const char          *next_token,
                                                  guint                page_size,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
/* One page of ListDedicatedIpPools. */
void        sd_sesv2_list_dedicated_ip_pools_async (SdAwsClient         *client,
                                                    const char          *profile,
                                                    const char          *region,
                                                    const char          *next_token,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
/* Starts SESv2 GetDedicatedIpPool. */
void        sd_sesv2_get_dedicated_ip_pool_async (SdAwsClient         *client,
                                                  const char          *profile,
                                                  const char          *region,
                                                  const char          *pool_name,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
/* One page of ListEmailIdentities; @next_token may be NULL, @page_size 0 = the default. */
void        sd_sesv2_list_email_identities_async (SdAwsClient         *client,
                                                  const char          *profile,
                                                  const char          *region,
                                                  const char          *next_token,
                                                  guint                page_size,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
/* GetEmailIdentity of @identity (an e-mail address or a domain). */
void        sd_sesv2_get_email_identity_async    (SdAwsClient         *client,
                                                  const char          *profile,
                                                  const char          *region,
                                                  const char          *identity,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
/* PutAccountDetails with @input as the model shapes it (MailType, WebsiteURL,
 * ContactLanguage, UseCaseDescription, AdditionalContactEmailAddresses,
 * ProductionAccessEnabled). A write: never retried. */
void        sd_sesv2_put_account_details_async   (SdAwsClient         *client,
                                                  const char          *profile,
                                                  const char          *region,
                                                  JsonObject          *input,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
/* CreateDedicatedIpPool @pool_name with @scaling_mode ("STANDARD", "MANAGED"
 * or NULL for the default). A write: never retried. */
void        sd_sesv2_create_dedicated_ip_pool_async (SdAwsClient         *client,
                                                     const char          *profile,
                                                     const char          *region,
                                                     const char          *pool_name,
                                                     const char          *scaling_mode,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
/* Finishes any SESv2 call of this file: the operation's output object. */
JsonObject *sd_sesv2_finish                      (SdAwsClient         *client,
                                                  GAsyncResult        *result,
                                                  GError             **error);

G_END_DECLS
