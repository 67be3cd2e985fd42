/* sd-cli.c — ses-desk-cli, the command line over src/core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "sd-account.h"
#include "sd-dashboard.h"
#include "sd-organization.h"
#include "sd-sts.h"
#include "sd-aws-client.h"
#include "sd-aws-config.h"
#include "sd-aws-endpoints.h"
#include "sd-aws-error.h"
#include "sd-cli-cases.h"
#include "sd-cli-health.h"
#include "sd-cli-output.h"
#include "sd-cli-table.h"

/* Exit statuses: 0 all well, 1 bad usage, 2 some AWS call failed. */
enum {
  EXIT_OK = 0,
  EXIT_USAGE = 1,
  EXIT_FAILED = 2,
};

typedef struct {
  const char *name;
  const char *summary;
  int       (*run)(int argc, char **argv);
} Command;

static int cmd_status   (int argc, char **argv);
static int cmd_profiles (int argc, char **argv);
static int cmd_regions  (int argc, char **argv);
static int cmd_identity (int argc, char **argv);
static int cmd_check    (int argc, char **argv);

/* What `status` prints; `check` is `status` printed as a monitoring plugin. */
static const char *status_format = NULL;

static const Command commands[] = {
  { "status",   N_("Show each region's sandbox state, sending quota and dedicated IPs"), cmd_status },
  { "check",    N_("Check sending health as a monitoring plugin (Nagios, Icinga): exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN"), cmd_check },
  { "profiles", N_("List the AWS profiles of the shared config and credentials files"), cmd_profiles },
  { "regions",  N_("List the regions where Amazon SES is available"), cmd_regions },
  { "identity", N_("Show the account and identity a profile signs in as (STS GetCallerIdentity)"), cmd_identity },
  { "cases",    N_("List AWS Support cases, SES-related and this app's first"), sd_cli_cmd_cases },
  { "case",     N_("Show one AWS Support case and its whole conversation"), sd_cli_cmd_case },
};

/* Auxiliary functions */

static const char *
command_summary (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].name, name))
      return _(commands[i].summary);
  g_assert_not_reached ();
}

static void
report_config_problems (SdAwsConfig *config)
{
  GPtrArray *problems = sd_aws_config_get_problems (config);

  for (guint i = 0; i < problems->len; i++)
    {
      const GError *problem = g_ptr_array_index (problems, i);
      g_printerr (_("warning: %s\n"), problem->message);
    }
}

static gboolean
parse_options (GOptionContext   *context,
               int              *argc,
               char           ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  if (*argc > 1)
    {
      g_printerr (_("Unexpected argument: %s\n"), (*argv)[1]);
      return FALSE;
    }
  return TRUE;
}

/* Commands */

/* status */

typedef struct {
  GMainLoop  *loop;
  guint       pending;   /* the refresh and the identity calls still running */
  int         n_failed;
  GError     *error;
  GHashTable *accounts;  /* unowned, nullable; profile → account id, filled as identities come */
} RefreshWait;

/* One profile's identity for the Prometheus `account` label. */
typedef struct {
  RefreshWait *wait;     /* unowned; lives on cmd_status's stack until the loop ends */
  char        *profile;  /* owned */
} AccountLookup;

static void
refresh_step_done (RefreshWait *wait)
{
  if (--wait->pending == 0)
    g_main_loop_quit (wait->loop);
}

static void
on_refresh_ready (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  RefreshWait *wait = user_data;

  wait->n_failed = sd_dashboard_refresh_finish (SD_DASHBOARD (source), result, &wait->error);
  refresh_step_done (wait);
}

static void
on_account_identity (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  AccountLookup *lookup = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SdStsIdentity) identity = sd_sts_get_caller_identity_finish (SD_AWS_CLIENT (source), result, &error);

  /* Without it the series keep an empty account label; the figures still count. */
  if (identity == NULL)
    g_printerr (_("warning: the account of profile “%s” is unknown: %s\n"), lookup->profile,
                error->message);
  else
    g_hash_table_insert (lookup->wait->accounts, g_strdup (lookup->profile),
                         g_steal_pointer (&identity->account));
  refresh_step_done (lookup->wait);
  g_free (lookup->profile);
  g_free (lookup);
}

/* `check` prints its first line for a failure too, since monitoring systems show standard
 * output: "SES UNKNOWN - reason", exit 3. Other formats print @message (NULL: already
 * printed) to standard error and return @code. */
static int
status_fail (int         code,
             const char *message)
{
  if (g_strcmp0 (status_format, "check") == 0)
    {
      g_autofree char *reason = g_strdup (message != NULL ? message
                                                          : _("bad usage, see ses-desk-cli check --help"));

      g_print ("SES UNKNOWN - %s\n", g_strstrip (reason));
      if (message != NULL)
        g_printerr ("%s", message);
      return SD_CLI_PLUGIN_UNKNOWN;
    }
  if (message != NULL)
    g_printerr ("%s", message);
  return code;
}

static void
add_number_or_null (JsonBuilder *builder,
                    const char  *name,
                    gboolean     known,
                    double       value)
{
  json_builder_set_member_name (builder, name);
  if (!known)
    json_builder_add_null_value (builder);
  else if (value == (gint64) value)
    json_builder_add_int_value (builder, (gint64) value);
  else
    json_builder_add_double_value (builder, value);
}

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
build_status_json (JsonBuilder    *builder,
                   SdRegionStatus *status)
{
  const GError *error = sd_region_status_get_error (status);
  gboolean known = sd_region_status_get_state (status) != SD_SANDBOX_STATE_UNKNOWN;
  GPtrArray *pools = sd_region_status_get_pools (status);
  GPtrArray *ips = sd_region_status_get_dedicated_ips (status);

  json_builder_begin_object (builder);
  add_string_or_null (builder, "profile", sd_region_status_get_profile (status));
  add_string_or_null (builder, "account_name", sd_region_status_get_account_name (status));
  add_string_or_null (builder, "account_id", sd_region_status_get_account_id (status));
  add_string_or_null (builder, "region", sd_region_status_get_region (status));
  add_string_or_null (builder, "sandbox", sd_sandbox_state_to_id (sd_region_status_get_state (status)));
  add_number_or_null (builder, "max_24_hour_send", known, sd_region_status_get_max_24_hour_send (status));
  add_number_or_null (builder, "max_send_rate", known, sd_region_status_get_max_send_rate (status));
  add_number_or_null (builder, "sent_last_24_hours", known, sd_region_status_get_sent_last_24_hours (status));
  json_builder_set_member_name (builder, "sending_enabled");
  if (known)
    json_builder_add_boolean_value (builder, sd_region_status_get_sending_enabled (status));
  else
    json_builder_add_null_value (builder);
  add_string_or_null (builder, "enforcement_status", sd_region_status_get_enforcement_status (status));
  add_number_or_null (builder, "dedicated_ips", known, ips->len);
  sd_cli_health_add_json (builder, status);

  json_builder_set_member_name (builder, "dedicated_ip_details");
  json_builder_begin_array (builder);
  for (guint i = 0; i < ips->len; i++)
    {
      const SdDedicatedIp *ip = g_ptr_array_index (ips, i);
      static const char *warmup[] = { NULL, "IN_PROGRESS", "DONE", "NOT_APPLICABLE" };

      json_builder_begin_object (builder);
      add_string_or_null (builder, "ip", ip->ip);
      add_string_or_null (builder, "pool", ip->pool_name);
      add_string_or_null (builder, "warmup_status", warmup[ip->warmup_status]);
      add_number_or_null (builder, "warmup_percentage", TRUE, ip->warmup_percentage);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "pools");
  json_builder_begin_array (builder);
  for (guint i = 0; i < pools->len; i++)
    {
      const SdIpPool *pool = g_ptr_array_index (pools, i);

      json_builder_begin_object (builder);
      add_string_or_null (builder, "name", pool->name);
      add_string_or_null (builder, "scaling_mode", pool->scaling_mode);
      json_builder_set_member_name (builder, "ips");
      json_builder_begin_array (builder);
      for (guint j = 0; j < ips->len; j++)
        {
          const SdDedicatedIp *ip = g_ptr_array_index (ips, j);

          if (g_strcmp0 (ip->pool_name, pool->name) == 0)
            json_builder_add_string_value (builder, ip->ip);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  add_string_or_null (builder, "review_case_id", sd_region_status_get_review_case_id (status));

  json_builder_set_member_name (builder, "error");
  if (error == NULL)
    json_builder_add_null_value (builder);
  else
    {
      json_builder_begin_object (builder);
      add_string_or_null (builder, "code", sd_aws_error_get_aws_code (error));
      add_string_or_null (builder, "message", error->message);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

static char *
format_quota (double value)
{
  if (value < 0)
    return g_strdup (_("unlimited"));
  return g_strdup_printf ("%'.0f", value);
}

/* The first column: the profile, or for an organization the account's name and id. */
static char *
row_name (SdRegionStatus *status,
          gboolean        by_account)
{
  if (!by_account || sd_region_status_get_account_id (status) == NULL)
    return g_strdup (sd_region_status_get_profile (status));
  return g_strdup_printf ("%s (%s)", sd_region_status_get_account_name (status),
                          sd_region_status_get_account_id (status));
}

static void
print_status_table (GListModel *model,
                    gboolean    by_account)
{
  guint n = g_list_model_get_n_items (model);
  g_autoptr(SdCliTable) table = sd_cli_table_new (8);
  static const guint min_widths[] = { 14, 16, 15, 12, 8, 12, 5, 0 };

  /* The widths the table had in English, at least; the numbers to the right. */
  for (guint i = 0; i < G_N_ELEMENTS (min_widths); i++)
    sd_cli_table_set_column (table, i, min_widths[i], i >= 3 && i <= 6);
  sd_cli_table_add_row (table, by_account ? _("ACCOUNT") : _("PROFILE"), _("REGION"), _("STATE"), _("QUOTA/24H"), _("RATE/S"),
                        _("SENT/24H"), _("IPS"), _("NOTE"), NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdRegionStatus) status = g_list_model_get_item (model, i);
      const GError *error = sd_region_status_get_error (status);
      SdSandboxState state = sd_region_status_get_state (status);
      g_autofree char *name = row_name (status, by_account);

      if (error != NULL && state == SD_SANDBOX_STATE_UNKNOWN)
        {
          sd_cli_table_add_row (table, name,
                                sd_region_status_get_region (status), _("error"), error->message,
                                NULL);
        }
      else
        {
          g_autofree char *quota = format_quota (sd_region_status_get_max_24_hour_send (status));
          g_autofree char *sent = format_quota (sd_region_status_get_sent_last_24_hours (status));
          g_autofree char *rate = g_strdup_printf ("%g", sd_region_status_get_max_send_rate (status));
          g_autofree char *ips = g_strdup_printf ("%u", sd_region_status_get_n_dedicated_ips (status));
          g_autofree char *note = NULL;
          int mean = 0;
          guint warming = sd_region_status_get_n_warming (status, &mean);

          if (sd_region_status_get_review_case_id (status) != NULL && state != SD_SANDBOX_STATE_PRODUCTION)
            note = g_strdup_printf (_("case %s"), sd_region_status_get_review_case_id (status));
          else if (warming > 0)
            note = g_strdup_printf (_("%u warming up (%d%%)"), warming, mean);

          sd_cli_table_add_row (table, name,
                                sd_region_status_get_region (status),
                                sd_sandbox_state_to_label (state), quota, rate, sent, ips,
                                note != NULL ? note : "", NULL);
        }
    }
  sd_cli_table_print (table);
}

typedef struct {
  GMainLoop  *loop;
  GListModel *accounts;
  GError     *error;
} OrganizationWait;

static void
on_organization_loaded (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  OrganizationWait *wait = user_data;

  wait->accounts = sd_organization_load_accounts_finish (SD_ORGANIZATION (source), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

/* The organization's accounts, or NULL with @error. */
static GListModel *
load_organization (SdOrganization  *org,
                   SdAwsClient     *client,
                   GMainLoop       *loop,
                   GError         **error)
{
  OrganizationWait wait = { .loop = loop };

  sd_organization_load_accounts_async (org, client, NULL, on_organization_loaded, &wait);
  g_main_loop_run (loop);
  if (wait.error != NULL)
    g_propagate_error (error, wait.error);
  return wait.accounts;
}

static int
cmd_status (int    argc,
            char **argv)
{
  g_auto(GStrv) profiles = NULL;
  g_autofree char *region = NULL;
  gboolean all_regions = FALSE;
  gboolean all_profiles = FALSE;
  gboolean as_json = FALSE;
  g_autofree char *format = NULL;
  g_autofree char *organization = NULL;
  g_autofree char *role = NULL;
  g_autofree char *external_id = NULL;
  const GOptionEntry entries[] = {
    { "profile", 0, 0, G_OPTION_ARG_STRING_ARRAY, &profiles, N_("Profile to show (repeat for several; default: $AWS_PROFILE or “default”)"), N_("NAME") },
    { "all-profiles", 0, 0, G_OPTION_ARG_NONE, &all_profiles, N_("Show every profile of the shared files"), NULL },
    { "region", 0, 0, G_OPTION_ARG_STRING, &region, N_("Region to show (default: the profile's)"), N_("REGION") },
    { "all-regions", 0, 0, G_OPTION_ARG_NONE, &all_regions, N_("Show every SES region of the profile's partition"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON for scripts"), NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: text, json or prometheus"), N_("FORMAT") },
    { "organization", 0, 0, G_OPTION_ARG_STRING, &organization, N_("Show every account of the AWS Organization whose management (or delegated administrator) profile this is"), N_("PROFILE") },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role, N_("With --organization: the role to assume in each member account (default: OrganizationAccountAccessRole)"), N_("NAME") },
    { "external-id", 0, 0, G_OPTION_ARG_STRING, &external_id, N_("With --organization: the external id the role requires"), N_("ID") },
    { NULL }
  };
  g_autoptr(SdOrganization) org = NULL;
  g_autoptr(GListModel) members = NULL;
  g_autoptr(SdChangeLog) change_log = NULL;
  g_autoptr(GError) log_error = NULL;
  g_autoptr(GHashTable) accounts = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(SdAwsConfig) config = NULL;
  g_autoptr(SdAwsClient) client = NULL;
  g_autoptr(SdDashboard) dashboard = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_auto(GStrv) chosen = NULL;
  RefreshWait wait = { 0 };

  g_option_context_set_summary (context, command_summary (status_format != NULL ? "check" : "status"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv))
    return status_fail (EXIT_USAGE, NULL);
  if (region != NULL && all_regions)
    return status_fail (EXIT_USAGE, _("Use either --region or --all-regions, not both.\n"));
  if (status_format != NULL && (format != NULL || as_json))
    return status_fail (EXIT_USAGE, _("check has one output format: use status for --json or --format.\n"));
  if (format == NULL)
    format = g_strdup (status_format != NULL ? status_format : as_json ? "json" : "text");
  if (!g_strv_contains ((const char * const[]) { "text", "json", "prometheus", "check", NULL }, format))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not an output format (text, json or prometheus).\n"), format);

      return status_fail (EXIT_USAGE, message);
    }
  if (profiles != NULL && all_profiles)
    return status_fail (EXIT_USAGE, _("Use either --profile or --all-profiles, not both.\n"));
  if (organization != NULL && (profiles != NULL || all_profiles))
    return status_fail (EXIT_USAGE, _("Use --organization alone, without --profile or --all-profiles.\n"));
  if (organization == NULL && (role != NULL || external_id != NULL))
    return status_fail (EXIT_USAGE, _("--role and --external-id go with --organization.\n"));
  if (region != NULL && !sd_aws_region_is_valid (region))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a region name (like eu-west-1).\n"), region);

      return status_fail (EXIT_USAGE, message);
    }

  config = sd_aws_config_load (NULL, NULL);
  report_config_problems (config);

  if (organization != NULL)
    chosen = g_strdupv ((char *[]) { organization, NULL });
  else if (all_profiles)
    chosen = sd_aws_config_list_profiles (config);
  else if (profiles != NULL)
    chosen = g_steal_pointer (&profiles);
  else
    chosen = g_strdupv ((char *[]) { (char *) sd_aws_config_default_profile_name (), NULL });

  for (guint i = 0; chosen[i] != NULL; i++)
    {
      if (!sd_aws_config_has_profile (config, chosen[i]) &&
          !(g_str_equal (chosen[i], "default") && g_getenv ("AWS_ACCESS_KEY_ID") != NULL))
        {
          g_autofree char *message = g_strdup_printf (_("The profile “%s” is not in the shared config or credentials files.\n"),
                                                      chosen[i]);

          return status_fail (EXIT_USAGE, message);
        }
    }

  client = sd_aws_client_new (config);
  dashboard = sd_dashboard_new (client);
  loop = g_main_loop_new (NULL, FALSE);
  if (organization != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *message = NULL;
      const char *home = sd_aws_config_get_region (config, organization);

      if (!all_regions && region == NULL && home == NULL)
        {
          message = g_strdup_printf (_("The profile “%s” has no region: give one with --region, or use --all-regions.\n"),
                                     organization);
          return status_fail (EXIT_USAGE, message);
        }
      if (!sd_organization_check_names (role, external_id, NULL, &error))
        {
          message = g_strdup_printf (_("error: %s\n"), error->message);
          return status_fail (EXIT_USAGE, message);
        }
      org = sd_organization_new (organization, role, external_id, NULL);
      members = load_organization (org, client, loop, &error);
      if (members == NULL)
        {
          message = g_strdup_printf (_("error: %s\n"), error->message);
          return status_fail (EXIT_FAILED, message);
        }
      for (guint i = 0; i < g_list_model_get_n_items (members); i++)
        {
          g_autoptr(SdAccount) account = g_list_model_get_item (members, i);

          sd_dashboard_add_account_full (dashboard, account,
                                         all_regions ? NULL
                                         : (const char * const[]) { region != NULL ? region : home, NULL });
        }
      /* Member accounts' ids are known: no GetCallerIdentity for the labels. */
      g_clear_pointer (&chosen, g_strfreev);
      chosen = g_new0 (char *, 1);
    }
  for (guint i = 0; chosen[i] != NULL; i++)
    {
      const char *home = sd_aws_config_get_region (config, chosen[i]);

      if (all_regions)
        sd_dashboard_add_account (dashboard, chosen[i], NULL);
      else if (region != NULL || home != NULL)
        sd_dashboard_add_account (dashboard, chosen[i],
                                  (const char * const[]) { region != NULL ? region : home, NULL });
      else
        {
          g_autofree char *message = g_strdup_printf (_("The profile “%s” has no region: give one with --region, or use --all-regions.\n"),
                                                      chosen[i]);

          return status_fail (EXIT_USAGE, message);
        }
    }

  /* The CLI's refreshes find changes too (docs/health.md, Changes). */
  change_log = sd_change_log_new (NULL);
  if (!sd_change_log_load (change_log, &log_error))
    g_printerr (_("warning: %s\n"), log_error->message);
  sd_dashboard_set_change_log (dashboard, change_log);

  wait.loop = loop;
  wait.pending = 1;
  sd_dashboard_refresh_async (dashboard, NULL, on_refresh_ready, &wait);
  if (g_str_equal (format, "prometheus"))
    {
      /* The `account` label: one GetCallerIdentity a profile, beside the refresh. */
      accounts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      wait.accounts = accounts;
      for (guint i = 0; chosen[i] != NULL; i++)
        {
          AccountLookup *lookup = g_new0 (AccountLookup, 1);

          lookup->wait = &wait;
          lookup->profile = g_strdup (chosen[i]);
          wait.pending++;
          sd_sts_get_caller_identity_async (client, chosen[i], NULL, NULL, on_account_identity, lookup);
        }
    }
  g_main_loop_run (loop);

  if (wait.error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("error: %s\n"), wait.error->message);

      g_clear_error (&wait.error);
      return status_fail (EXIT_FAILED, message);
    }

  if (g_str_equal (format, "check"))
    return sd_cli_health_print_check (sd_dashboard_get_model (dashboard));
  if (g_str_equal (format, "prometheus"))
    {
      sd_cli_health_print_prometheus (sd_dashboard_get_model (dashboard), accounts);
      return wait.n_failed > 0 ? EXIT_FAILED : EXIT_OK;
    }
  if (g_str_equal (format, "json"))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      GListModel *model = sd_dashboard_get_model (dashboard);

      json_builder_begin_array (builder);
      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(SdRegionStatus) status = g_list_model_get_item (model, i);
          build_status_json (builder, status);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      sd_cli_print_json (root);
    }
  else
    print_status_table (sd_dashboard_get_model (dashboard), organization != NULL);

  return wait.n_failed > 0 ? EXIT_FAILED : EXIT_OK;
}

/* check */

static int
cmd_check (int    argc,
           char **argv)
{
  status_format = "check";
  return cmd_status (argc, argv);
}

/* profiles */

static int
cmd_profiles (int    argc,
              char **argv)
{
  gboolean as_json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON for scripts"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(SdAwsConfig) config = NULL;
  g_autoptr(GListModel) accounts = NULL;
  g_autoptr(SdCliTable) table = NULL;
  guint n;

  g_option_context_set_summary (context, command_summary ("profiles"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv))
    return EXIT_USAGE;

  config = sd_aws_config_load (NULL, NULL);
  report_config_problems (config);
  accounts = sd_account_list_from_config (config);
  n = g_list_model_get_n_items (accounts);

  if (as_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(SdAccount) account = g_list_model_get_item (accounts, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "profile");
          json_builder_add_string_value (builder, sd_account_get_profile (account));
          json_builder_set_member_name (builder, "region");
          if (sd_account_get_region (account) != NULL)
            json_builder_add_string_value (builder, sd_account_get_region (account));
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "credentials");
          json_builder_add_string_value (builder, sd_account_get_kind (account));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      sd_cli_print_json (root);
      return EXIT_OK;
    }

  if (n == 0)
    {
      g_print (_("No AWS profiles found. Add one with `aws configure`, or write ~/.aws/config.\n"));
      return EXIT_OK;
    }

  table = sd_cli_table_new (3);
  sd_cli_table_set_column (table, 0, 24, FALSE);
  sd_cli_table_set_column (table, 1, 16, FALSE);
  sd_cli_table_add_row (table, _("PROFILE"), _("REGION"), _("CREDENTIALS"), NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdAccount) account = g_list_model_get_item (accounts, i);
      const char *region = sd_account_get_region (account);

      sd_cli_table_add_row (table, sd_account_get_profile (account),
                            region != NULL ? region : "—",
                            sd_account_get_kind (account), NULL);
    }
  sd_cli_table_print (table);
  return EXIT_OK;
}

static int
cmd_regions (int    argc,
             char **argv)
{
  gboolean as_json = FALSE;
  g_autofree char *partition_id = NULL;  /* GOption's copy; NULL is "aws" */
  const GOptionEntry entries[] = {
    { "partition", 0, 0, G_OPTION_ARG_STRING, &partition_id, N_("Partition: aws, aws-cn or aws-us-gov"), N_("ID") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON for scripts"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  const SdAwsPartition *partition;
  const char * const *regions;
  g_autoptr(SdCliTable) table = NULL;

  g_option_context_set_summary (context, command_summary ("regions"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv))
    return EXIT_USAGE;

  if (partition_id == NULL)
    partition_id = g_strdup ("aws");
  partition = sd_aws_partition_lookup (partition_id);
  if (partition == NULL)
    {
      g_printerr (_("Unknown partition “%s”: use aws, aws-cn or aws-us-gov.\n"), partition_id);
      return EXIT_USAGE;
    }
  regions = sd_aws_ses_regions (partition);

  if (as_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; regions[i] != NULL; i++)
        {
          const char *name = sd_aws_region_display_name (regions[i]);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "region");
          json_builder_add_string_value (builder, regions[i]);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, name != NULL ? _(name) : regions[i]);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      sd_cli_print_json (root);
      return EXIT_OK;
    }

  table = sd_cli_table_new (2);
  sd_cli_table_set_column (table, 0, 16, FALSE);
  for (guint i = 0; regions[i] != NULL; i++)
    {
      const char *name = sd_aws_region_display_name (regions[i]);

      sd_cli_table_add_row (table, regions[i], name != NULL ? _(name) : "", NULL);
    }
  sd_cli_table_print (table);
  return EXIT_OK;
}

typedef struct {
  GMainLoop     *loop;
  SdStsIdentity *identity;
  GError        *error;
} Wait;

static void
on_identity_ready (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Wait *wait = user_data;

  wait->identity = sd_sts_get_caller_identity_finish (SD_AWS_CLIENT (source), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static int
cmd_identity (int    argc,
              char **argv)
{
  g_autofree char *profile = NULL;
  g_autofree char *region = NULL;
  gboolean as_json = FALSE;
  const GOptionEntry entries[] = {
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile, N_("Profile to use (default: $AWS_PROFILE or “default”)"), N_("NAME") },
    { "region", 0, 0, G_OPTION_ARG_STRING, &region, N_("Region to ask (default: the profile's)"), N_("REGION") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON for scripts"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(SdAwsConfig) config = NULL;
  g_autoptr(SdAwsClient) client = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *account = NULL;
  g_autofree char *arn = NULL;
  Wait wait = { 0 };

  g_option_context_set_summary (context, command_summary ("identity"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv))
    return EXIT_USAGE;

  config = sd_aws_config_load (NULL, NULL);
  report_config_problems (config);
  client = sd_aws_client_new (config);
  loop = g_main_loop_new (NULL, FALSE);
  wait.loop = loop;

  sd_sts_get_caller_identity_async (client, profile, region, NULL, on_identity_ready, &wait);
  g_main_loop_run (loop);

  if (wait.error != NULL)
    {
      g_printerr (_("error: %s\n"), wait.error->message);
      g_clear_error (&wait.error);
      return EXIT_FAILED;
    }

  account = g_steal_pointer (&wait.identity->account);
  arn = g_steal_pointer (&wait.identity->arn);
  sd_sts_identity_free (wait.identity);

  if (as_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "account");
      json_builder_add_string_value (builder, account);
      json_builder_set_member_name (builder, "arn");
      json_builder_add_string_value (builder, arn);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      sd_cli_print_json (root);
    }
  else
    {
      g_print (_("Account: %s\n"), account != NULL ? account : "?");
      g_print (_("Identity: %s\n"), arn != NULL ? arn : "?");
    }
  return EXIT_OK;
}

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: ses-desk-cli COMMAND [OPTION…]"));
  fprintf (out, "%s\n\n", _("Amazon SES across accounts and regions, from the command line."));
  fprintf (out, "%s\n", _("Commands:"));
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Run “ses-desk-cli COMMAND --help” for a command's options."));
}

int
main (int    argc,
      char **argv)
{
  /* Tests run the CLI uninstalled, with the build's catalogues. */
  const char *localedir = g_getenv ("SD_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  sd_cli_output_init ();

  if (argc < 2)
    {
      print_usage (stderr);
      return EXIT_USAGE;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return EXIT_OK;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("ses-desk-cli %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (argv[1], commands[i].name))
        {
          g_set_prgname ("ses-desk-cli");
          /* Hand the command its own argv, with "ses-desk-cli COMMAND" as argv[0]. */
          argv[1] = g_strdup_printf ("ses-desk-cli %s", commands[i].name);
          return commands[i].run (argc - 1, argv + 1);
        }
    }

  g_printerr (_("Unknown command “%s”.\n\n"), argv[1]);
  print_usage (stderr);
  return EXIT_USAGE;
}
