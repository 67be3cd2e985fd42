/* sd-account.c — one AWS account as the app knows it (a profile)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sd-account.h"
#include "sd-aws-credential-provider.h"

struct _SdAccount
{
  GObject          parent_instance;

  char            *profile;  /* owned */
  char            *region;   /* owned, nullable */
  char            *kind;     /* owned */
  SdAccountSource  source;
  char            *organization;  /* owned, nullable: the management profile */
  char            *account_id;    /* owned, nullable */
  char            *name;          /* owned, nullable: the member's name */
  GError          *problem;       /* owned, nullable */
};

G_DEFINE_FINAL_TYPE (SdAccount, sd_account, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROFILE,
  PROP_REGION,
  PROP_KIND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Auxiliary functions */

/* Which link of the credential chain the profile relies on, as the AWS CLI
 * would try them. */
static const char *
describe_kind (SdAwsConfig *config,
               const char  *profile)
{
  if (sd_aws_config_get_profile_value (config, profile, "role_arn") != NULL)
    return _("Assumed role");
  if (sd_aws_config_get_profile_value (config, profile, "sso_session") != NULL ||
      sd_aws_config_get_profile_value (config, profile, "sso_start_url") != NULL)
    return _("IAM Identity Center (SSO)");
  if (sd_aws_config_get_profile_value (config, profile, "credential_process") != NULL)
    return _("Credential process");
  if (sd_aws_config_get_profile_value (config, profile, "aws_access_key_id") != NULL)
    return _("Access keys");
  return _("No credentials configured");
}

/* Overrides */

static void
sd_account_finalize (GObject *object)
{
  SdAccount *self = SD_ACCOUNT (object);

  g_clear_pointer (&self->profile, g_free);
  g_clear_pointer (&self->region, g_free);
  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->organization, g_free);
  g_clear_pointer (&self->account_id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_error (&self->problem);

  G_OBJECT_CLASS (sd_account_parent_class)->finalize (object);
}

static void
sd_account_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SdAccount *self = SD_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_string (value, self->profile);
      break;
    case PROP_REGION:
      g_value_set_string (value, self->region);
      break;
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_account_class_init (SdAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sd_account_finalize;
  object_class->get_property = sd_account_get_property;

  properties[PROP_PROFILE] =
    g_param_spec_string ("profile", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REGION] =
    g_param_spec_string ("region", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sd_account_init (SdAccount *self)
{
}

/* Public API */

SdAccount *
sd_account_new (const char      *profile,
                const char      *region,
                const char      *kind,
                SdAccountSource  source)
{
  SdAccount *self;

  g_return_val_if_fail (profile != NULL, NULL);

  self = g_object_new (SD_TYPE_ACCOUNT, NULL);
  self->profile = g_strdup (profile);
  self->region = g_strdup (region);
  self->kind = g_strdup (kind);
  self->source = source;

  return self;
}

SdAccount *
sd_account_new_member (const char   *profile,
                       const char   *region,
                       const char   *organization,
                       const char   *account_id,
                       const char   *name,
                       const GError *problem)
{
  SdAccount *self;

  g_return_val_if_fail (profile != NULL, NULL);
  g_return_val_if_fail (organization != NULL, NULL);

  self = sd_account_new (profile, region, _("Organization member"), SD_ACCOUNT_SOURCE_ORGANIZATION);
  self->organization = g_strdup (organization);
  self->account_id = g_strdup (account_id);
  self->name = g_strdup (name != NULL && *name != '\0' ? name : account_id);
  self->problem = problem != NULL ? g_error_copy (problem) : NULL;
  return self;
}

const char *
sd_account_get_account_id (SdAccount *self)
{
  g_return_val_if_fail (SD_IS_ACCOUNT (self), NULL);
  return self->account_id;
}

const char *
sd_account_get_organization (SdAccount *self)
{
  g_return_val_if_fail (SD_IS_ACCOUNT (self), NULL);
  return self->organization;
}

const GError *
sd_account_get_problem (SdAccount *self)
{
  g_return_val_if_fail (SD_IS_ACCOUNT (self), NULL);
  return self->problem;
}

const char *
sd_account_get_profile (SdAccount *self)
{
  g_return_val_if_fail (SD_IS_ACCOUNT (self), NULL);
  return self->profile;
}

const char *
sd_account_get_region (SdAccount *self)
{
  g_return_val_if_fail (SD_IS_ACCOUNT (self), NULL);
  return self->region;
}

const char *
sd_account_get_kind (SdAccount *self)
{
  g_return_val_if_fail (SD_IS_ACCOUNT (self), NULL);
  return self->kind;
}

SdAccountSource
sd_account_get_source (SdAccount *self)
{
  g_return_val_if_fail (SD_IS_ACCOUNT (self), SD_ACCOUNT_SOURCE_SHARED_FILES);
  return self->source;
}

const char *
sd_account_get_name (SdAccount *self)
{
  g_return_val_if_fail (SD_IS_ACCOUNT (self), NULL);
  if (self->name != NULL)
    return self->name;
  return self->source == SD_ACCOUNT_SOURCE_ENVIRONMENT ? _("Environment") : self->profile;
}

GListModel *
sd_account_list_from_config (SdAwsConfig *config)
{
  g_autoptr(GListStore) store = g_list_store_new (SD_TYPE_ACCOUNT);
  g_auto(GStrv) profiles = NULL;
  const char *default_name;

  g_return_val_if_fail (config != NULL, NULL);

  /* Keys in the environment and no default profile (no files at all, as in
   * CI jobs and containers): what the AWS CLI would use. */
  default_name = sd_aws_config_default_profile_name ();
  if (sd_aws_credentials_in_environment () && !sd_aws_config_has_profile (config, default_name))
    {
      g_autoptr(SdAccount) account =
        sd_account_new (default_name, sd_aws_config_get_region (config, default_name),
                        _("Environment variables"), SD_ACCOUNT_SOURCE_ENVIRONMENT);
      g_list_store_append (store, account);
    }

  profiles = sd_aws_config_list_profiles (config);
  for (guint i = 0; profiles[i] != NULL; i++)
    {
      g_autoptr(SdAccount) account =
        sd_account_new (profiles[i],
                        sd_aws_config_get_profile_value (config, profiles[i], "region"),
                        describe_kind (config, profiles[i]),
                        SD_ACCOUNT_SOURCE_SHARED_FILES);
      g_list_store_append (store, account);
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}
