/* sd-account-store.h — accounts added in the app, their keys in the Secret Service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "sd-account.h"
#include "sd-aws-client.h"
#include "sd-aws-credentials.h"

G_BEGIN_DECLS

#define SD_ACCOUNT_STORE_ERROR (sd_account_store_error_quark ())

typedef enum {
  SD_ACCOUNT_STORE_ERROR_INVALID_NAME,
  SD_ACCOUNT_STORE_ERROR_INVALID_KEY,
  SD_ACCOUNT_STORE_ERROR_INVALID_REGION,
  SD_ACCOUNT_STORE_ERROR_EXISTS,
  SD_ACCOUNT_STORE_ERROR_SECRET_SERVICE,  /* the Secret Service failed or is missing */
} SdAccountStoreError;

GQuark sd_account_store_error_quark (void);

/* Accounts added in the app. Their access key and secret live only in the
 * Secret Service (libsecret), never in a file; the profile name and region
 * are the item's attributes. */
#define SD_TYPE_ACCOUNT_STORE (sd_account_store_get_type ())
G_DECLARE_FINAL_TYPE (SdAccountStore, sd_account_store, SD, ACCOUNT_STORE, GObject)

/* Creates an empty store; load it with sd_account_store_load_async(). */
SdAccountStore   *sd_account_store_new             (void);
/* The accounts, a GListModel of SdAccount (source SD_ACCOUNT_SOURCE_ADDED), sorted by name. */
GListModel       *sd_account_store_get_accounts    (SdAccountStore *self);
/* The stored keys of @profile, or NULL. */
SdAwsCredentials *sd_account_store_get_credentials (SdAccountStore *self,
                                                    const char     *profile);
/* Hands every stored account's keys to @client. */
void              sd_account_store_apply           (SdAccountStore *self,
                                                    SdAwsClient    *client);

/* Checks the fields of a new account; the error says which field and why. */
gboolean          sd_account_store_validate        (const char  *profile,
                                                    const char  *region,
                                                    const char  *access_key_id,
                                                    const char  *secret_access_key,
                                                    GError     **error);

/* Reads the accounts from the Secret Service. */
void              sd_account_store_load_async      (SdAccountStore      *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
/* Finishes loading. */
gboolean          sd_account_store_load_finish     (SdAccountStore  *self,
                                                    GAsyncResult    *result,
                                                    GError         **error);
/* Validates, then stores the account; it is in the list once this finishes. */
void              sd_account_store_add_async       (SdAccountStore      *self,
                                                    const char          *profile,
                                                    const char          *region,
                                                    const char          *access_key_id,
                                                    const char          *secret_access_key,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
/* Finishes adding an account. */
gboolean          sd_account_store_add_finish      (SdAccountStore  *self,
                                                    GAsyncResult    *result,
                                                    GError         **error);
/* Removes @profile and its keys from the keyring. */
void              sd_account_store_remove_async    (SdAccountStore      *self,
                                                    const char          *profile,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
/* Finishes removing an account. */
gboolean          sd_account_store_remove_finish   (SdAccountStore  *self,
                                                    GAsyncResult    *result,
                                                    GError         **error);

G_END_DECLS
