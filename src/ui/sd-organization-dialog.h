/* sd-organization-dialog.h — add an AWS Organization, whose member accounts the app then shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SD_TYPE_ORGANIZATION_DIALOG (sd_organization_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SdOrganizationDialog, sd_organization_dialog, SD, ORGANIZATION_DIALOG, AdwWindow)

/* A dialog over @parent offering @profiles (a GListModel of GtkStringObject)
 * as the management account's profile; Add appends the organization to the
 * "organizations" key of @settings. */
GtkWidget *sd_organization_dialog_new (GtkWindow  *parent,
                                       GListModel *profiles,
                                       GSettings  *settings);

/* The organizations of @settings' "organizations" key without the one of
 * @profile: what removing it stores. Newly allocated, floating. */
GVariant  *sd_organizations_without   (GSettings  *settings,
                                       const char *profile);

G_END_DECLS
