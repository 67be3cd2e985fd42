/* sd-organization.h — the accounts of an AWS Organization as accounts of the app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "sd-aws-client.h"

G_BEGIN_DECLS

/* The role AWS Organizations creates in the accounts it creates. */
#define SD_ORGANIZATION_DEFAULT_ROLE "OrganizationAccountAccessRole"
/* The session name of the assumed roles when none is given. */
#define SD_ORGANIZATION_DEFAULT_SESSION "ses-desk"
/* (profile, role name, external id or "", session name or ""): one entry of
 * the GSettings key "organizations" ("a(ssss)"); no secret. */
#define SD_ORGANIZATION_VARIANT_TYPE ((const GVariantType *) "(ssss)")

#define SD_TYPE_ORGANIZATION (sd_organization_get_type ())
G_DECLARE_FINAL_TYPE (SdOrganization, sd_organization, SD, ORGANIZATION, GObject)

/* An organization reached through @profile (its management account, or a
 * delegated administrator's). @role_name NULL: SD_ORGANIZATION_DEFAULT_ROLE;
 * @external_id NULL or "": none; @session_name NULL or "":
 * SD_ORGANIZATION_DEFAULT_SESSION. */
SdOrganization *sd_organization_new              (const char *profile,
                                                  const char *role_name,
                                                  const char *external_id,
                                                  const char *session_name);
/* Checks @role_name, @external_id and @session_name (NULL or "": not given)
 * against IAM's and STS's rules for these names, so that a typing error is
 * said before anything is stored or sent: FALSE with @error
 * (G_IO_ERROR_INVALID_ARGUMENT) saying what the name may hold. */
gboolean        sd_organization_check_names      (const char  *role_name,
                                                  const char  *external_id,
                                                  const char  *session_name,
                                                  GError     **error);
/* The management (or delegated administrator's) profile. */
const char     *sd_organization_get_profile      (SdOrganization *self);
/* The role assumed in every member account. */
const char     *sd_organization_get_role_name    (SdOrganization *self);
/* The external id passed to AssumeRole, or NULL. */
const char     *sd_organization_get_external_id  (SdOrganization *self);
/* The role session name. */
const char     *sd_organization_get_session_name (SdOrganization *self);

/* A floating GVariant of SD_ORGANIZATION_VARIANT_TYPE. */
GVariant       *sd_organization_serialize        (SdOrganization *self);
/* From a GVariant of SD_ORGANIZATION_VARIANT_TYPE; fails with
 * G_IO_ERROR_INVALID_DATA for another type or an empty profile. */
SdOrganization *sd_organization_deserialize      (GVariant  *variant,
                                                  GError   **error);

/* The profile registered in the client's config for member @account_id:
 * "<profile>/<account-id>". Newly allocated. */
char           *sd_organization_member_profile   (SdOrganization *self,
                                                  const char     *account_id);

/* Lists the organization's accounts (Organizations ListAccounts, every page)
 * with the profile's credentials, and STS GetCallerIdentity for the profile's
 * own account. The result is a GListModel of SdAccount sorted by name (then
 * id): the profile's own account uses the profile itself; every other ACTIVE
 * member gets an in-memory profile (sd_organization_member_profile())
 * registered in @client's config that assumes
 * arn:<partition>:iam::<account-id>:role/<role name> with the profile as
 * source_profile, so that the client's credential provider assumes, caches
 * and refreshes it like a role profile of the files. Members in another
 * state (SUSPENDED, PENDING_CLOSURE, …) are in the list with
 * sd_account_get_problem() set, and nothing is requested for them. An error
 * of ListAccounts itself fails the whole call (SD_AWS_ERROR, its message
 * saying what to do). */
void            sd_organization_load_accounts_async  (SdOrganization      *self,
                                                      SdAwsClient         *client,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
GListModel     *sd_organization_load_accounts_finish (SdOrganization  *self,
                                                      GAsyncResult    *result,
                                                      GError         **error);

G_END_DECLS
