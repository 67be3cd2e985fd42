/* sd-account.h — one AWS account as the app knows it (a profile)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "sd-aws-config.h"

G_BEGIN_DECLS

typedef enum {
  SD_ACCOUNT_SOURCE_SHARED_FILES, /* a profile of ~/.aws/config or credentials */
  SD_ACCOUNT_SOURCE_ADDED,        /* added in the app; keys in the Secret Service */
  SD_ACCOUNT_SOURCE_ENVIRONMENT,  /* AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, no such profile */
  SD_ACCOUNT_SOURCE_ORGANIZATION, /* an account of an AWS Organization (sd-organization.h) */
} SdAccountSource;

#define SD_TYPE_ACCOUNT (sd_account_get_type ())
G_DECLARE_FINAL_TYPE (SdAccount, sd_account, SD, ACCOUNT, GObject)

/* Creates an account for @profile. */
SdAccount      *sd_account_new          (const char      *profile,
                                         const char      *region,
                                         const char      *kind,
                                         SdAccountSource  source);
/* The profile name. */
const char     *sd_account_get_profile  (SdAccount *self);
/* The profile's region, or NULL. */
const char     *sd_account_get_region   (SdAccount *self);
/* How the profile gets credentials, in words for people ("static keys", "SSO", …). */
const char     *sd_account_get_kind     (SdAccount *self);
/* Where the account comes from. */
SdAccountSource sd_account_get_source   (SdAccount *self);
/* The account's name for people: the profile, "Environment" for the
 * environment's keys (whose profile is the default profile's name), or a
 * member's account name in AWS Organizations. */
const char     *sd_account_get_name     (SdAccount *self);

/* An account of the organization reached through @organization (its
 * management profile): @profile is the profile that reaches it, @name the
 * account's name in AWS Organizations, @account_id its 12 digits, @problem
 * (nullable; copied) why nothing is requested for it. */
SdAccount      *sd_account_new_member   (const char      *profile,
                                         const char      *region,
                                         const char      *organization,
                                         const char      *account_id,
                                         const char      *name,
                                         const GError    *problem);
/* The 12-digit account id, or NULL when not known (profiles of the files). */
const char     *sd_account_get_account_id   (SdAccount *self);
/* The organization's management profile for a member account, or NULL. */
const char     *sd_account_get_organization (SdAccount *self);
/* Why the account cannot be loaded (a suspended member, …), or NULL. */
const GError   *sd_account_get_problem      (SdAccount *self);

/* Every profile of @config as a GListModel of SdAccount, "default" first;
 * keys in the environment with no default profile in the files come first
 * as an account of their own (SD_ACCOUNT_SOURCE_ENVIRONMENT). */
GListModel     *sd_account_list_from_config (SdAwsConfig *config);

G_END_DECLS
