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
/* The account's name for people: the profile, or "Environment" for the
 * environment's keys (whose profile is the default profile's name). */
const char     *sd_account_get_name     (SdAccount *self);

/* Every profile of @config as a GListModel of SdAccount, "default" first;
 * keys in the environment with no default profile in the files come first
 * as an account of their own (SD_ACCOUNT_SOURCE_ENVIRONMENT). */
GListModel     *sd_account_list_from_config (SdAwsConfig *config);

G_END_DECLS
