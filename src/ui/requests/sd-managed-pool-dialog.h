/* sd-managed-pool-dialog.h — asks for the name of a managed dedicated IP pool to create
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The request dialog's no-case alternative for dedicated IPs: says what a
 * pool with managed scaling is and asks for its name. Its responses are
 * "cancel" and "create"; "create" is off while the name is not one SES
 * takes (1 to 64 letters, digits, '-' or '_'). */
#define SD_TYPE_MANAGED_POOL_DIALOG (sd_managed_pool_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SdManagedPoolDialog, sd_managed_pool_dialog, SD, MANAGED_POOL_DIALOG, AdwMessageDialog)

/* A dialog, transient for @parent, for a pool in @region. */
GtkWidget  *sd_managed_pool_dialog_new           (GtkWindow           *parent,
                                                  const char          *region);
/* The pool name as typed. */
const char *sd_managed_pool_dialog_get_pool_name (SdManagedPoolDialog *self);

G_END_DECLS
