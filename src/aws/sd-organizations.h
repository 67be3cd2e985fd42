/* sd-organizations.h — AWS Organizations: the accounts of an organization
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "sd-aws-client.h"

G_BEGIN_DECLS

/* One account as ListAccounts gives it. */
typedef struct {
  char *id;      /* 12 digits */
  char *arn;
  char *name;
  char *email;
  char *state;   /* "ACTIVE", "SUSPENDED", "PENDING_CLOSURE", "CLOSED", …: State, else the older Status */
} SdOrganizationsAccount;

/* Frees an account. */
void       sd_organizations_account_free         (SdOrganizationsAccount *account);

/* Organizations ListAccounts with @profile's credentials, every page
 * (@page_size: MaxResults, 1–20; 0 lets AWS choose). The endpoint is the
 * partition's one (organizations.us-east-1.amazonaws.com in the aws
 * partition, docs/aws.md). */
void       sd_organizations_list_accounts_async  (SdAwsClient         *client,
                                                  const char          *profile,
                                                  guint                page_size,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
/* The accounts (element type SdOrganizationsAccount, in AWS's order), or NULL
 * with @error: AccessDenied when the profile is neither the management
 * account nor a delegated administrator, AWSOrganizationsNotInUseException
 * when its account is in no organization. */
GPtrArray *sd_organizations_list_accounts_finish (SdAwsClient   *client,
                                                  GAsyncResult  *result,
                                                  GError       **error);

G_END_DECLS
