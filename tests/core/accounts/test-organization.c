/* test-organization.c — an AWS Organization's accounts against the AWS emulator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under tests/aws-emulator/with-emulator with organization-scenario.json:
 * profile org-main manages 12 members (ListAccounts pages of 5), one without
 * the role SES Desk assumes and one suspended; profile org-denied may not
 * list its organization's accounts; profile no-org is in no organization.
 */
#include "config.h"

#include <string.h>
#include <libsoup/soup.h>

#include "sd-account.h"
#include "sd-aws-error.h"
#include "sd-dashboard.h"
#include "sd-organization.h"
#include "sd-organizations.h"
#include "sd-sts.h"

#define MANAGEMENT "org-main"
#define MANAGEMENT_ID "610000000000"
#define NO_ROLE_ID "610000000010"
#define SUSPENDED_ID "610000000011"
#define N_ACCOUNTS 13  /* the management account and 12 members */

static const char * const regions[] = { "us-east-1", "eu-west-1", NULL };

/* Auxiliary functions */

static JsonNode *
control (const char *method,
         const char *path)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (g_getenv ("SD_EMULATOR_CONTROL"), path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (method, url);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  answer = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, 200);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (answer, NULL),
                                             g_bytes_get_size (answer), NULL));
  return json_node_ref (json_parser_get_root (parser));
}

static void
forget_requests (void)
{
  g_autoptr(JsonNode) node = control ("DELETE", "/requests");
}

/* The emulator's log of @operation (with @filter, "account=…", or NULL). */
static JsonArray *
logged (const char *operation,
        const char *filter)
{
  g_autofree char *path = g_strdup_printf ("/requests?operation=%s%s%s", operation,
                                           filter != NULL ? "&" : "", filter != NULL ? filter : "");
  g_autoptr(JsonNode) node = control ("GET", path);

  return json_array_ref (json_object_get_array_member (json_node_get_object (node), "requests"));
}

static guint
count (const char *operation,
       const char *filter)
{
  g_autoptr(JsonArray) requests = logged (operation, filter);
  return json_array_get_length (requests);
}

/* How many AssumeRole requests named a role in @account_id. */
static guint
count_assume_role_into (const char *account_id)
{
  g_autoptr(JsonArray) requests = logged ("AssumeRole", NULL);
  g_autofree char *needle = g_strdup_printf (":iam::%s:role/", account_id);
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *params = json_object_get_object_member (json_array_get_object_element (requests, i), "params");
      const char *arn = json_object_get_string_member_with_default (params, "RoleArn", "");

      n += strstr (arn, needle) != NULL;
    }
  return n;
}

static SdAwsClient *
new_client (void)
{
  g_autoptr(SdAwsConfig) config = sd_aws_config_load (NULL, NULL);
  return sd_aws_client_new (config);
}

static void
on_result (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static GListModel *
load (SdOrganization  *org,
      SdAwsClient     *client,
      GError         **error)
{
  GAsyncResult *result = NULL;
  GListModel *accounts;

  sd_organization_load_accounts_async (org, client, NULL, on_result, &result);
  accounts = sd_organization_load_accounts_finish (org, wait_for (&result), error);
  g_object_unref (result);
  return accounts;
}

static int
refresh (SdDashboard *dashboard)
{
  GAsyncResult *result = NULL;
  g_autoptr(GError) error = NULL;
  int n_failed;

  sd_dashboard_refresh_async (dashboard, NULL, on_result, &result);
  n_failed = sd_dashboard_refresh_finish (dashboard, wait_for (&result), &error);
  g_assert_no_error (error);
  g_object_unref (result);
  return n_failed;
}

static SdRegionStatus *
find_status (SdDashboard *dashboard,
             const char  *account_id,
             const char  *region)
{
  GListModel *model = sd_dashboard_get_model (dashboard);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SdRegionStatus) status = g_list_model_get_item (model, i);

      if (g_strcmp0 (sd_region_status_get_account_id (status), account_id) == 0 &&
          g_str_equal (sd_region_status_get_region (status), region))
        return status;
    }
  g_assert_not_reached ();
}

/* A dashboard of the organization's accounts, two regions each. */
static SdDashboard *
organization_dashboard (SdAwsClient  *client,
                        GListModel  **accounts_out)
{
  g_autoptr(SdOrganization) org = sd_organization_new (MANAGEMENT, NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) accounts = load (org, client, &error);
  SdDashboard *dashboard = sd_dashboard_new (client);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(SdAccount) account = g_list_model_get_item (accounts, i);
      sd_dashboard_add_account_full (dashboard, account, regions);
    }
  if (accounts_out != NULL)
    *accounts_out = g_steal_pointer (&accounts);
  return dashboard;
}

/* Tests */

static void
test_list_accounts_pages (void)
{
  g_autoptr(SdAwsClient) client = new_client ();
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;

  /* Pages of 3 asked for: 13 accounts are five pages, every one followed. */
  forget_requests ();
  sd_organizations_list_accounts_async (client, MANAGEMENT, 3, NULL, on_result, &result);
  accounts = sd_organizations_list_accounts_finish (client, wait_for (&result), &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_cmpuint (accounts->len, ==, N_ACCOUNTS);
  g_assert_cmpuint (count ("ListAccounts", NULL), ==, 5);
  for (guint i = 0; i < accounts->len; i++)
    {
      SdOrganizationsAccount *account = g_ptr_array_index (accounts, i);

      g_assert_cmpuint (strlen (account->id), ==, 12);
      g_assert_nonnull (account->name);
      g_assert_cmpstr (account->state, ==,
                       g_str_equal (account->id, SUSPENDED_ID) ? "SUSPENDED" : "ACTIVE");
      /* Each account once. */
      for (guint j = 0; j < i; j++)
        g_assert_cmpstr (((SdOrganizationsAccount *) g_ptr_array_index (accounts, j))->id, !=,
                         account->id);
    }
  g_clear_pointer (&accounts, g_ptr_array_unref);

  /* AWS's own page size (the scenario's 5): three pages, signed for us-east-1. */
  forget_requests ();
  sd_organizations_list_accounts_async (client, MANAGEMENT, 0, NULL, on_result, &result);
  accounts = sd_organizations_list_accounts_finish (client, wait_for (&result), &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_cmpuint (accounts->len, ==, N_ACCOUNTS);
  g_assert_cmpuint (count ("ListAccounts", "region=us-east-1"), ==, 3);
}

static void
test_load_accounts (void)
{
  g_autoptr(SdAwsClient) client = new_client ();
  g_autoptr(SdOrganization) org = sd_organization_new (MANAGEMENT, NULL, NULL, NULL);
  g_autoptr(GListModel) accounts = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) files_profiles = NULL;
  SdAwsConfig *config = sd_aws_client_get_config (client);
  const char *previous = NULL;

  accounts = load (org, client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (accounts), ==, N_ACCOUNTS);

  for (guint i = 0; i < N_ACCOUNTS; i++)
    {
      g_autoptr(SdAccount) account = g_list_model_get_item (accounts, i);
      const char *id = sd_account_get_account_id (account);
      g_autofree char *member_profile = g_strdup_printf (MANAGEMENT "/%s", id);

      /* Sorted by name, each with its id and organization. */
      if (previous != NULL)
        g_assert_cmpint (strcmp (previous, sd_account_get_name (account)), <, 0);
      previous = sd_account_get_name (account);
      g_assert_cmpint (sd_account_get_source (account), ==, SD_ACCOUNT_SOURCE_ORGANIZATION);
      g_assert_cmpstr (sd_account_get_organization (account), ==, MANAGEMENT);

      if (g_str_equal (id, MANAGEMENT_ID))
        {
          /* The profile's own account: the profile itself, no role. */
          g_assert_cmpstr (sd_account_get_profile (account), ==, MANAGEMENT);
          g_assert_cmpstr (sd_account_get_name (account), ==, "main-management");
          g_assert_null (sd_account_get_problem (account));
        }
      else if (g_str_equal (id, SUSPENDED_ID))
        {
          const GError *problem = sd_account_get_problem (account);

          g_assert_nonnull (problem);
          g_assert_nonnull (strstr (problem->message, "suspended"));
          g_assert_nonnull (strstr (problem->message, SUSPENDED_ID));
          g_assert_false (sd_aws_config_has_profile (config, member_profile));
        }
      else
        {
          g_autofree char *arn = g_strdup_printf ("arn:aws:iam::%s:role/OrganizationAccountAccessRole", id);

          g_assert_null (sd_account_get_problem (account));
          g_assert_cmpstr (sd_account_get_profile (account), ==, member_profile);
          g_assert_cmpstr (sd_aws_config_get_profile_value (config, member_profile, "role_arn"), ==, arn);
          g_assert_cmpstr (sd_aws_config_get_profile_value (config, member_profile, "source_profile"), ==,
                           MANAGEMENT);
          g_assert_cmpstr (sd_aws_config_get_profile_value (config, member_profile, "role_session_name"), ==,
                           "ses-desk");
          g_assert_cmpstr (sd_aws_config_get_region (config, member_profile), ==, "us-east-1");
        }
    }

  /* The members' profiles are the client's, not the files'. */
  files_profiles = sd_aws_config_list_profiles (config);
  for (guint i = 0; files_profiles[i] != NULL; i++)
    g_assert_null (strchr (files_profiles[i], '/'));
}

static void
test_role_chaining (void)
{
  g_autoptr(SdAwsClient) client = new_client ();
  g_autoptr(SdOrganization) org = sd_organization_new (MANAGEMENT, NULL, NULL, "audit-session");
  g_autoptr(GListModel) accounts = NULL;
  g_autoptr(GError) error = NULL;

  accounts = load (org, client, &error);
  g_assert_no_error (error);
  forget_requests ();
  for (guint round = 0; round < 2; round++)
    {
      const char *ids[] = { "610000000001", "610000000002" };

      for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
        {
          g_autofree char *profile = sd_organization_member_profile (org, ids[i]);
          g_autofree char *arn = g_strdup_printf ("arn:aws:sts::%s:assumed-role/"
                                                  "OrganizationAccountAccessRole/audit-session", ids[i]);
          g_autoptr(SdStsIdentity) identity = NULL;
          GAsyncResult *result = NULL;

          sd_sts_get_caller_identity_async (client, profile, NULL, NULL, on_result, &result);
          identity = sd_sts_get_caller_identity_finish (client, wait_for (&result), &error);
          g_clear_object (&result);
          g_assert_no_error (error);
          g_assert_cmpstr (identity->account, ==, ids[i]);
          g_assert_cmpstr (identity->arn, ==, arn);
        }
    }
  /* One AssumeRole a member, signed with the management profile's keys,
   * the second round from the cache. */
  g_assert_cmpuint (count ("AssumeRole", NULL), ==, 2);
  g_assert_cmpuint (count ("AssumeRole", "account=" MANAGEMENT_ID), ==, 2);
  g_assert_cmpuint (count ("GetCallerIdentity", NULL), ==, 4);
}

static void
test_dashboard (void)
{
  g_autoptr(SdAwsClient) client = new_client ();
  g_autoptr(GListModel) accounts = NULL;
  g_autoptr(SdDashboard) dashboard = NULL;
  SdRegionStatus *status;
  const GError *error;
  int n_failed;

  forget_requests ();
  dashboard = organization_dashboard (client, &accounts);
  g_assert_cmpuint (g_list_model_get_n_items (sd_dashboard_get_model (dashboard)), ==, N_ACCOUNTS * 2);

  /* The suspended account's regions fail before any refresh. */
  status = find_status (dashboard, SUSPENDED_ID, "us-east-1");
  g_assert_nonnull (sd_region_status_get_error (status));
  g_assert_cmpstr (sd_region_status_get_account_name (status), ==, "kilo-closed");

  n_failed = refresh (dashboard);
  /* The member without the role and the suspended one, two regions each; the others load. */
  g_assert_cmpint (n_failed, ==, 4);

  status = find_status (dashboard, NO_ROLE_ID, "eu-west-1");
  error = sd_region_status_get_error (status);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (g_error_matches (error, SD_AWS_ERROR, SD_AWS_ERROR_ACCESS_DENIED));
  g_assert_nonnull (strstr (error->message, "“OrganizationAccountAccessRole”"));
  g_assert_nonnull (strstr (error->message, NO_ROLE_ID " (juliet-acquired)"));
  g_assert_nonnull (strstr (error->message, "AccessDenied"));
  g_assert_nonnull (strstr (error->message, "create the role"));
  g_assert_cmpstr (sd_region_status_get_account_name (status), ==, "juliet-acquired");

  status = find_status (dashboard, SUSPENDED_ID, "eu-west-1");
  g_assert_nonnull (strstr (sd_region_status_get_error (status)->message, "suspended"));

  /* Members in their states, through their roles. */
  status = find_status (dashboard, "610000000001", "us-east-1");
  g_assert_null (sd_region_status_get_error (status));
  g_assert_cmpint (sd_region_status_get_state (status), ==, SD_SANDBOX_STATE_PRODUCTION);
  g_assert_cmpfloat (sd_region_status_get_max_24_hour_send (status), ==, 50000);
  g_assert_cmpint (sd_region_status_get_state (find_status (dashboard, "610000000001", "eu-west-1")),
                   ==, SD_SANDBOX_STATE_PENDING);
  g_assert_cmpuint (sd_region_status_get_n_dedicated_ips (find_status (dashboard, "610000000002", "eu-west-1")),
                    ==, 1);
  g_assert_cmpint (sd_region_status_get_state (find_status (dashboard, "610000000004", "us-east-1")),
                   ==, SD_SANDBOX_STATE_DENIED);
  g_assert_null (sd_region_status_get_error (find_status (dashboard, MANAGEMENT_ID, "us-east-1")));

  /* Never more requests than needed: one AssumeRole a member with the role
   * (10), one for the member without it (both its regions waited for the
   * same), none for the suspended account or the management account. */
  g_assert_cmpuint (count ("AssumeRole", NULL), ==, 11);
  g_assert_cmpuint (count_assume_role_into (NO_ROLE_ID), ==, 1);
  g_assert_cmpuint (count_assume_role_into (SUSPENDED_ID), ==, 0);
  g_assert_cmpuint (count_assume_role_into (MANAGEMENT_ID), ==, 0);
  g_assert_cmpuint (count ("GetAccount", "account=" SUSPENDED_ID), ==, 0);
  g_assert_cmpuint (count ("GetAccount", "account=610000000001"), ==, 2);
}

/* The fake clock of one member's credential provider: fake_now for the next
 * fake_reads readings, then the real time again. The emulator's credentials
 * are dated by the real clock: a clock that stayed four minutes before the
 * old credentials' expiry would find the new ones (an hour from the real
 * now) expiring as soon, which no real clock does. */
static gint64 fake_now;
static guint fake_reads;

static gint64
fake_clock (gpointer user_data)
{
  if (fake_reads == 0)
    return g_get_real_time () / G_USEC_PER_SEC;
  fake_reads--;
  return fake_now;
}

static void
test_refresh_before_expiry (void)
{
  g_autoptr(SdAwsClient) client = new_client ();
  g_autoptr(SdDashboard) dashboard = organization_dashboard (client, NULL);
  SdAwsCredentialProvider *provider =
    sd_aws_client_get_credential_provider (client, MANAGEMENT "/610000000003");
  g_autoptr(SdAwsCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  gint64 expiration;

  g_assert_cmpint (refresh (dashboard), ==, 4);
  sd_aws_credential_provider_get_async (provider, NULL, on_result, &result);
  credentials = sd_aws_credential_provider_get_finish (provider, wait_for (&result), &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  expiration = sd_aws_credentials_get_expiration (credentials);
  g_assert_cmpint (expiration, >, g_get_real_time () / G_USEC_PER_SEC);

  /* Well before expiry: the next refresh assumes no role again. */
  fake_now = expiration - 3000;
  fake_reads = G_MAXUINT;
  sd_aws_credential_provider_set_clock (provider, fake_clock, NULL);
  forget_requests ();
  g_assert_cmpint (refresh (dashboard), ==, 4);
  g_assert_cmpuint (count_assume_role_into ("610000000003"), ==, 0);
  g_assert_cmpuint (count_assume_role_into ("610000000001"), ==, 0);

  /* Four minutes before expiry: that member's role is assumed again, once,
   * before its credentials run out; the others' stay cached. */
  fake_now = expiration - 240;
  fake_reads = 1;
  forget_requests ();
  g_assert_cmpint (refresh (dashboard), ==, 4);
  g_assert_cmpuint (count_assume_role_into ("610000000003"), ==, 1);
  g_assert_cmpuint (count_assume_role_into ("610000000001"), ==, 0);
  g_assert_null (sd_region_status_get_error (find_status (dashboard, "610000000003", "us-east-1")));

  /* The new credentials are cached in turn. */
  forget_requests ();
  g_assert_cmpint (refresh (dashboard), ==, 4);
  g_assert_cmpuint (count_assume_role_into ("610000000003"), ==, 0);
  sd_aws_credential_provider_set_clock (provider, NULL, NULL);
}

static void
test_list_denied (void)
{
  g_autoptr(SdAwsClient) client = new_client ();
  g_autoptr(SdOrganization) org = sd_organization_new ("org-denied", NULL, NULL, NULL);
  g_autoptr(GListModel) accounts = NULL;
  g_autoptr(GError) error = NULL;

  forget_requests ();
  accounts = load (org, client, &error);
  g_assert_null (accounts);
  g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_ACCESS_DENIED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "“org-denied”"));
  g_assert_nonnull (strstr (error->message, "organizations:ListAccounts"));
  g_assert_nonnull (strstr (error->message, "management account"));
  /* Nothing assumed for an organization that could not be listed. */
  g_assert_cmpuint (count ("AssumeRole", NULL), ==, 0);
}

static void
test_not_in_use (void)
{
  g_autoptr(SdAwsClient) client = new_client ();
  g_autoptr(SdOrganization) org = sd_organization_new ("no-org", NULL, NULL, NULL);
  g_autoptr(GListModel) accounts = NULL;
  g_autoptr(GError) error = NULL;

  accounts = load (org, client, &error);
  g_assert_null (accounts);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "not in an organization"));
}

static void
test_serialize (void)
{
  g_autoptr(SdOrganization) org = sd_organization_new ("acme", "Auditor", "ext-1", NULL);
  g_autoptr(GVariant) variant = g_variant_ref_sink (sd_organization_serialize (org));
  g_autoptr(SdOrganization) back = NULL;
  g_autoptr(SdOrganization) none = NULL;
  g_autoptr(GVariant) wrong = g_variant_ref_sink (g_variant_new ("(ss)", "a", "b"));
  g_autoptr(GVariant) empty = g_variant_ref_sink (g_variant_new ("(ssss)", "", "", "", ""));
  g_autoptr(GError) error = NULL;

  g_assert_true (g_variant_is_of_type (variant, SD_ORGANIZATION_VARIANT_TYPE));
  back = sd_organization_deserialize (variant, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sd_organization_get_profile (back), ==, "acme");
  g_assert_cmpstr (sd_organization_get_role_name (back), ==, "Auditor");
  g_assert_cmpstr (sd_organization_get_external_id (back), ==, "ext-1");
  g_assert_cmpstr (sd_organization_get_session_name (back), ==, "ses-desk");

  none = sd_organization_deserialize (wrong, &error);
  g_assert_null (none);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  none = sd_organization_deserialize (empty, &error);
  g_assert_null (none);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  g_clear_object (&back);
  back = sd_organization_new ("acme", "", "", "");
  g_assert_cmpstr (sd_organization_get_role_name (back), ==, "OrganizationAccountAccessRole");
  g_assert_null (sd_organization_get_external_id (back));
}

static void
test_external_id (void)
{
  g_autoptr(SdAwsClient) client = new_client ();
  const char *ids[] = { NULL, "wrong", "sd-ext-7" };

  /* The members' roles trust only AssumeRole calls naming the external id. */
  for (gsize i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(SdOrganization) org = sd_organization_new ("org-external", NULL, ids[i], NULL);
      g_autoptr(GListModel) accounts = NULL;
      g_autoptr(SdDashboard) dashboard = sd_dashboard_new (client);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonArray) assumed = NULL;
      const GError *region_error;
      JsonObject *params;

      forget_requests ();
      accounts = load (org, client, &error);
      g_assert_no_error (error);
      for (guint j = 0; j < g_list_model_get_n_items (accounts); j++)
        {
          g_autoptr(SdAccount) account = g_list_model_get_item (accounts, j);
          sd_dashboard_add_account_full (dashboard, account, (const char * const[]) { "us-east-1", NULL });
        }
      g_assert_cmpint (refresh (dashboard), ==, i == 2 ? 0 : 1);
      region_error = sd_region_status_get_error (find_status (dashboard, "640000000001", "us-east-1"));
      if (i == 2)
        {
          g_assert_null (region_error);
          g_assert_cmpint (sd_region_status_get_state (find_status (dashboard, "640000000001", "us-east-1")),
                           ==, SD_SANDBOX_STATE_PRODUCTION);
        }
      else
        g_assert_true (g_error_matches (region_error, SD_AWS_ERROR, SD_AWS_ERROR_ACCESS_DENIED));

      /* Sent as given, and only when given. */
      assumed = logged ("AssumeRole", NULL);
      g_assert_cmpuint (json_array_get_length (assumed), ==, 1);
      params = json_object_get_object_member (json_array_get_object_element (assumed, 0), "params");
      g_assert_cmpstr (json_object_get_string_member_with_default (params, "ExternalId", NULL), ==, ids[i]);
      g_assert_cmpstr (json_object_get_string_member_with_default (params, "RoleSessionName", NULL), ==,
                       "ses-desk");
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/organization/serialize", test_serialize);
  g_test_add_func ("/organization/list-accounts-pages", test_list_accounts_pages);
  g_test_add_func ("/organization/load-accounts", test_load_accounts);
  g_test_add_func ("/organization/role-chaining", test_role_chaining);
  g_test_add_func ("/organization/dashboard", test_dashboard);
  g_test_add_func ("/organization/refresh-before-expiry", test_refresh_before_expiry);
  g_test_add_func ("/organization/list-denied", test_list_denied);
  g_test_add_func ("/organization/not-in-use", test_not_in_use);
  g_test_add_func ("/organization/external-id", test_external_id);

  return g_test_run ();
}
