/* sd-organization.c — the accounts of an AWS Organization as accounts of the app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ListAccounts (every page) and GetCallerIdentity run at once with the
 * profile's credentials. Each ACTIVE member other than the profile's own
 * account becomes an in-memory profile of the client's config, read by the
 * client's credential provider like a role profile of the files:
 *   role_arn = arn:<partition>:iam::<id>:role/<role>, source_profile = <profile>,
 *   external_id, role_session_name, and the profile's region and endpoints.
 * So AssumeRole is made once per member and cached until shortly before the
 * credentials expire (sd-aws-credentials.c), never once per request.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sd-account.h"
#include "sd-aws-endpoints.h"
#include "sd-aws-error.h"
#include "sd-organization.h"
#include "sd-organizations.h"
#include "sd-sts.h"

/* The profile's settings a member's profile takes over: where to send and
 * how to retry are the profile's, only the credentials differ. */
static const char * const inherited_keys[] = {
  "region", "ca_bundle", "endpoint_url", "services", "ignore_configured_endpoint_urls",
  "max_attempts", "retry_mode", "duration_seconds",
};

struct _SdOrganization
{
  GObject  parent_instance;

  char    *profile;       /* owned */
  char    *role_name;     /* owned */
  char    *external_id;   /* owned, nullable */
  char    *session_name;  /* owned */
};

G_DEFINE_FINAL_TYPE (SdOrganization, sd_organization, G_TYPE_OBJECT)

/* One load: ListAccounts and GetCallerIdentity at once. */
typedef struct {
  SdAwsClient   *client;     /* owned */
  GPtrArray     *accounts;   /* owned, of SdOrganizationsAccount; NULL until listed */
  SdStsIdentity *identity;   /* owned, nullable */
  GError        *error;      /* owned: ListAccounts' failure */
  GError        *identity_error; /* owned: GetCallerIdentity's */
  guint          pending;
} Load;

/* Auxiliary functions */

static void
load_free (Load *load)
{
  g_clear_object (&load->client);
  g_clear_pointer (&load->accounts, g_ptr_array_unref);
  g_clear_pointer (&load->identity, sd_sts_identity_free);
  g_clear_error (&load->error);
  g_clear_error (&load->identity_error);
  g_free (load);
}

static int
compare_accounts (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  SdAccount *account_a = SD_ACCOUNT ((gpointer) a);
  SdAccount *account_b = SD_ACCOUNT ((gpointer) b);
  g_autofree char *key_a = g_utf8_collate_key (sd_account_get_name (account_a), -1);
  g_autofree char *key_b = g_utf8_collate_key (sd_account_get_name (account_b), -1);
  int order = strcmp (key_a, key_b);

  return order != 0 ? order : g_strcmp0 (sd_account_get_account_id (account_a),
                                         sd_account_get_account_id (account_b));
}

/* Why nothing is requested for a member that is not ACTIVE. */
static GError *
state_problem (const SdOrganizationsAccount *member)
{
  const char *name = member->name != NULL ? member->name : member->id;

  if (g_strcmp0 (member->state, "SUSPENDED") == 0)
    return g_error_new (SD_AWS_ERROR, SD_AWS_ERROR_ACCESS_DENIED,
                        _("Account %s (%s) is suspended: AWS closed it or holds it for a billing "
                          "or policy problem, and nothing in it can be read. Reinstate it with AWS "
                          "Support, or remove it from the organization."),
                        member->id, name);
  if (g_strcmp0 (member->state, "PENDING_CLOSURE") == 0 || g_strcmp0 (member->state, "CLOSED") == 0)
    return g_error_new (SD_AWS_ERROR, SD_AWS_ERROR_ACCESS_DENIED,
                        _("Account %s (%s) is being closed, and nothing in it can be read. "
                          "Remove it from the organization when it is closed."),
                        member->id, name);
  return g_error_new (SD_AWS_ERROR, SD_AWS_ERROR_FAILED,
                      _("Account %s (%s) is not active yet (%s): it is loaded once AWS "
                        "Organizations lists it as ACTIVE."),
                      member->id, name, member->state != NULL ? member->state : "?");
}

/* Registers @member's role profile in the client's config (again only when it changed). */
static void
register_member_profile (SdOrganization *self,
                         SdAwsClient    *client,
                         const char     *member_profile,
                         const char     *account_id)
{
  SdAwsConfig *config = sd_aws_client_get_config (client);
  const char *home = sd_aws_config_get_region (config, self->profile);
  const SdAwsPartition *partition = sd_aws_partition_for_region (home != NULL ? home : "us-east-1");
  g_autofree char *role_arn = g_strdup_printf ("arn:%s:iam::%s:role/%s", partition->id, account_id,
                                               self->role_name);
  g_autoptr(GPtrArray) pairs = g_ptr_array_new ();
  gboolean same = sd_aws_config_is_memory_profile (config, member_profile);

#define PAIR(k, v) G_STMT_START { \
    const char *value_ = (v); \
    g_ptr_array_add (pairs, (gpointer) (k)); \
    g_ptr_array_add (pairs, (gpointer) value_); \
    same = same && g_strcmp0 (sd_aws_config_get_profile_value (config, member_profile, (k)), value_) == 0; \
  } G_STMT_END

  PAIR ("role_arn", role_arn);
  PAIR ("source_profile", self->profile);
  PAIR ("role_session_name", self->session_name);
  if (self->external_id != NULL)
    PAIR ("external_id", self->external_id);
  for (gsize i = 0; i < G_N_ELEMENTS (inherited_keys); i++)
    {
      const char *value = sd_aws_config_get_profile_value (config, self->profile, inherited_keys[i]);

      if (value != NULL)
        PAIR (inherited_keys[i], value);
    }
#undef PAIR
  g_ptr_array_add (pairs, NULL);

  if (same)
    return;
  sd_aws_config_add_profile (config, member_profile, (const char * const *) pairs->pdata);
  /* Credentials of another role or session are not this one's. */
  sd_aws_credential_provider_invalidate (sd_aws_client_get_credential_provider (client, member_profile));
}

static GListModel *
make_accounts (SdOrganization *self,
               Load           *load)
{
  g_autoptr(GListStore) store = g_list_store_new (SD_TYPE_ACCOUNT);
  const char *own = load->identity != NULL ? load->identity->account : NULL;
  const char *region = sd_aws_config_get_region (sd_aws_client_get_config (load->client), self->profile);

  for (guint i = 0; i < load->accounts->len; i++)
    {
      const SdOrganizationsAccount *member = g_ptr_array_index (load->accounts, i);
      g_autoptr(SdAccount) account = NULL;
      g_autoptr(GError) problem = NULL;
      g_autofree char *member_profile = NULL;

      if (g_strcmp0 (member->id, own) == 0)
        member_profile = g_strdup (self->profile);
      else
        member_profile = sd_organization_member_profile (self, member->id);

      if (g_strcmp0 (member->state, "ACTIVE") != 0)
        problem = state_problem (member);
      else if (g_strcmp0 (member->id, own) != 0)
        register_member_profile (self, load->client, member_profile, member->id);

      account = sd_account_new_member (member_profile, region, self->profile, member->id,
                                       member->name, problem);
      g_list_store_append (store, account);
    }
  g_list_store_sort (store, compare_accounts, NULL);
  return G_LIST_MODEL (g_steal_pointer (&store));
}

static void
load_step_done (GTask *task)
{
  SdOrganization *self = g_task_get_source_object (task);
  Load *load = g_task_get_task_data (task);

  if (--load->pending > 0)
    {
      g_object_unref (task);
      return;
    }
  /* ListAccounts' error says more than GetCallerIdentity's (the same credentials). */
  if (load->error != NULL)
    g_task_return_error (task, g_steal_pointer (&load->error));
  else if (load->identity_error != NULL)
    g_task_return_error (task, g_steal_pointer (&load->identity_error));
  else
    g_task_return_pointer (task, make_accounts (self, load), g_object_unref);
  g_object_unref (task);
}

/* Callbacks */

static void
on_accounts_listed (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  SdOrganization *self = g_task_get_source_object (task);
  Load *load = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  load->accounts = sd_organizations_list_accounts_finish (SD_AWS_CLIENT (source), result, &error);
  if (load->accounts == NULL)
    {
      const char *code = sd_aws_error_get_aws_code (error);

      if (g_error_matches (error, SD_AWS_ERROR, SD_AWS_ERROR_ACCESS_DENIED))
        load->error = g_error_new (SD_AWS_ERROR, SD_AWS_ERROR_ACCESS_DENIED,
                                   _("Profile “%s” may not list the accounts of its organization "
                                     "(%s). Use a profile of the organization's management account "
                                     "or of a delegated administrator, with permission for "
                                     "organizations:ListAccounts."),
                                   self->profile, error->message);
      else if (g_strcmp0 (code, "AWSOrganizationsNotInUseException") == 0)
        load->error = g_error_new (SD_AWS_ERROR, SD_AWS_ERROR_SERVICE,
                                   _("The account of profile “%s” is not in an organization: "
                                     "add its profiles one by one instead."), self->profile);
      else
        load->error = g_steal_pointer (&error);
    }
  load_step_done (task);
}

static void
on_identity (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  Load *load = g_task_get_task_data (task);

  /* Needed: without it the profile's own account would be assumed into like a member. */
  load->identity = sd_sts_get_caller_identity_finish (SD_AWS_CLIENT (source), result,
                                                      &load->identity_error);
  load_step_done (task);
}

/* Overrides */

static void
sd_organization_finalize (GObject *object)
{
  SdOrganization *self = SD_ORGANIZATION (object);

  g_clear_pointer (&self->profile, g_free);
  g_clear_pointer (&self->role_name, g_free);
  g_clear_pointer (&self->external_id, g_free);
  g_clear_pointer (&self->session_name, g_free);

  G_OBJECT_CLASS (sd_organization_parent_class)->finalize (object);
}

static void
sd_organization_class_init (SdOrganizationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sd_organization_finalize;
}

static void
sd_organization_init (SdOrganization *self)
{
}

/* Public API */

/* IAM's own rules for these names (the "Role name", "ExternalId" and
 * "RoleSessionName" of the IAM and STS references). */
static gboolean
name_ok (const char *text,
         guint       min,
         guint       max,
         const char *extra)
{
  gsize n = strlen (text);

  if (n < min || n > max)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("_+=,.@-", *p) == NULL && (extra == NULL || strchr (extra, *p) == NULL))
      return FALSE;
  return TRUE;
}

gboolean
sd_organization_check_names (const char  *role_name,
                             const char  *external_id,
                             const char  *session_name,
                             GError     **error)
{
  if (role_name != NULL && *role_name != '\0' && !name_ok (role_name, 1, 64, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The role name is 1 to 64 letters, digits or the characters _+=,.@- (for example "
                             "OrganizationAccountAccessRole)."));
      return FALSE;
    }
  if (external_id != NULL && *external_id != '\0' && !name_ok (external_id, 2, 1224, ":/"))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The external ID is 2 to 1224 letters, digits or the characters _+=,.@:/-, or empty."));
      return FALSE;
    }
  if (session_name != NULL && *session_name != '\0' && !name_ok (session_name, 2, 64, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The session name is 2 to 64 letters, digits or the characters _+=,.@-, or empty."));
      return FALSE;
    }
  return TRUE;
}

SdOrganization *
sd_organization_new (const char *profile,
                     const char *role_name,
                     const char *external_id,
                     const char *session_name)
{
  SdOrganization *self;

  g_return_val_if_fail (profile != NULL && *profile != '\0', NULL);

  self = g_object_new (SD_TYPE_ORGANIZATION, NULL);
  self->profile = g_strdup (profile);
  self->role_name = g_strdup (role_name != NULL && *role_name != '\0' ? role_name
                                                                       : SD_ORGANIZATION_DEFAULT_ROLE);
  self->external_id = external_id != NULL && *external_id != '\0' ? g_strdup (external_id) : NULL;
  self->session_name = g_strdup (session_name != NULL && *session_name != '\0'
                                 ? session_name : SD_ORGANIZATION_DEFAULT_SESSION);
  return self;
}

const char *
sd_organization_get_profile (SdOrganization *self)
{
  g_return_val_if_fail (SD_IS_ORGANIZATION (self), NULL);
  return self->profile;
}

const char *
sd_organization_get_role_name (SdOrganization *self)
{
  g_return_val_if_fail (SD_IS_ORGANIZATION (self), NULL);
  return self->role_name;
}

const char *
sd_organization_get_external_id (SdOrganization *self)
{
  g_return_val_if_fail (SD_IS_ORGANIZATION (self), NULL);
  return self->external_id;
}

const char *
sd_organization_get_session_name (SdOrganization *self)
{
  g_return_val_if_fail (SD_IS_ORGANIZATION (self), NULL);
  return self->session_name;
}

GVariant *
sd_organization_serialize (SdOrganization *self)
{
  g_return_val_if_fail (SD_IS_ORGANIZATION (self), NULL);

  return g_variant_new ("(ssss)", self->profile, self->role_name,
                        self->external_id != NULL ? self->external_id : "",
                        g_strcmp0 (self->session_name, SD_ORGANIZATION_DEFAULT_SESSION) != 0
                        ? self->session_name : "");
}

SdOrganization *
sd_organization_deserialize (GVariant  *variant,
                             GError   **error)
{
  const char *profile, *role, *external_id, *session;

  g_return_val_if_fail (variant != NULL, NULL);

  if (!g_variant_is_of_type (variant, SD_ORGANIZATION_VARIANT_TYPE))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("An organization is stored as “%s”, not “%s”."),
                   (const char *) SD_ORGANIZATION_VARIANT_TYPE, g_variant_get_type_string (variant));
      return NULL;
    }
  g_variant_get (variant, "(&s&s&s&s)", &profile, &role, &external_id, &session);
  if (*profile == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("An organization stored without a profile was left out."));
      return NULL;
    }
  return sd_organization_new (profile, role, external_id, session);
}

char *
sd_organization_member_profile (SdOrganization *self,
                                const char     *account_id)
{
  g_return_val_if_fail (SD_IS_ORGANIZATION (self), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  return g_strdup_printf ("%s/%s", self->profile, account_id);
}

void
sd_organization_load_accounts_async (SdOrganization      *self,
                                     SdAwsClient         *client,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task;
  Load *load;

  g_return_if_fail (SD_IS_ORGANIZATION (self));
  g_return_if_fail (SD_IS_AWS_CLIENT (client));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sd_organization_load_accounts_async);
  load = g_new0 (Load, 1);
  load->client = g_object_ref (client);
  load->pending = 2;
  g_task_set_task_data (task, load, (GDestroyNotify) load_free);

  sd_organizations_list_accounts_async (client, self->profile, 0, cancellable,
                                        on_accounts_listed, g_object_ref (task));
  sd_sts_get_caller_identity_async (client, self->profile, NULL, cancellable,
                                    on_identity, task);
}

GListModel *
sd_organization_load_accounts_finish (SdOrganization  *self,
                                      GAsyncResult    *result,
                                      GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
