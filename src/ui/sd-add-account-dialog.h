/* sd-add-account-dialog.h — add an account's access keys (kept in the Secret Service)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sd-account-store.h"

G_BEGIN_DECLS

#define SD_TYPE_ADD_ACCOUNT_DIALOG (sd_add_account_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SdAddAccountDialog, sd_add_account_dialog, SD, ADD_ACCOUNT_DIALOG, AdwWindow)

/* A modal dialog over @parent that adds the account to @store. */
GtkWidget *sd_add_account_dialog_new (GtkWindow      *parent,
                                      SdAccountStore *store);

G_END_DECLS
