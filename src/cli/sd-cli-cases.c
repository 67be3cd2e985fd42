/* sd-cli-cases.c — ses-desk-cli cases and case ID
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "sd-aws-client.h"
#include "sd-aws-config.h"
#include "sd-aws-endpoints.h"
#include "sd-aws-error.h"
#include "sd-case-list.h"
#include "sd-case-list-known.h"
#include "sd-case-thread.h"
#include "sd-cli-cases.h"
#include "sd-cli-output.h"
#include "sd-cli-table.h"
#include "sd-safe-text.h"

enum {
  EXIT_OK = 0,
  EXIT_USAGE = 1,
  EXIT_FAILED = 2,
};

#define SUBJECT_COLUMN_CHARS 60

/* Auxiliary functions */

static gboolean
parse_options (GOptionContext   *context,
               int              *argc,
               char           ***argv,
               guint             n_args)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  if ((guint) *argc > n_args + 1)
    {
      g_printerr (_("Unexpected argument: %s\n"), (*argv)[n_args + 1]);
      return FALSE;
    }
  if ((guint) *argc < n_args + 1)
    {
      g_printerr (_("Missing argument: the case id (or the number shown in the Support Center).\n"));
      return FALSE;
    }
  return TRUE;
}

static SdAwsConfig *
load_config (const char *profile,
             gboolean   *ok)
{
  SdAwsConfig *config = sd_aws_config_load (NULL, NULL);
  GPtrArray *problems = sd_aws_config_get_problems (config);
  const char *name = profile != NULL ? profile : sd_aws_config_default_profile_name ();

  for (guint i = 0; i < problems->len; i++)
    {
      const GError *problem = g_ptr_array_index (problems, i);
      g_printerr (_("warning: %s\n"), problem->message);
    }

  *ok = sd_aws_config_has_profile (config, name) ||
        (g_str_equal (name, "default") && g_getenv ("AWS_ACCESS_KEY_ID") != NULL);
  if (!*ok)
    g_printerr (_("The profile “%s” is not in the shared config or credentials files.\n"), name);
  return config;
}

static char *
format_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return g_strdup ("—");
  local = g_date_time_to_local (time);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static void
add_string (JsonBuilder *builder,
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
add_time (JsonBuilder *builder,
          const char  *name,
          GDateTime   *time)
{
  g_autofree char *text = time != NULL ? g_date_time_format_iso8601 (time) : NULL;

  add_string (builder, name, text);
}

static void
add_boolean (JsonBuilder *builder,
             const char  *name,
             gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

static void
build_case_json (JsonBuilder *builder,
                 SdCase      *case_)
{
  g_autofree char *url = sd_case_dup_support_center_url (case_, NULL);
  const char * const *cc = sd_case_get_cc_addresses (case_);

  json_builder_begin_object (builder);
  add_string (builder, "case_id", sd_case_get_case_id (case_));
  add_string (builder, "display_id", sd_case_get_display_id (case_));
  add_string (builder, "subject", sd_case_get_subject (case_));
  add_string (builder, "status", sd_case_status_to_id (sd_case_get_status (case_)));
  add_string (builder, "status_label", sd_case_get_details_known (case_)
                                         ? sd_case_status_to_label (sd_case_get_status (case_)) : NULL);
  add_string (builder, "language", sd_case_get_language (case_));
  add_string (builder, "service_code", sd_case_get_service_code (case_));
  add_string (builder, "category_code", sd_case_get_category_code (case_));
  add_string (builder, "severity_code", sd_case_get_severity_code (case_));
  add_string (builder, "submitted_by", sd_case_get_submitted_by (case_));
  add_time (builder, "time_created", sd_case_get_time_created (case_));
  add_time (builder, "last_activity", sd_case_get_last_activity (case_));
  add_time (builder, "last_aws_activity", sd_case_get_last_aws_activity (case_));
  json_builder_set_member_name (builder, "cc");
  json_builder_begin_array (builder);
  for (guint i = 0; cc[i] != NULL; i++)
    json_builder_add_string_value (builder, cc[i]);
  json_builder_end_array (builder);
  add_boolean (builder, "ses_related", sd_case_get_ses_related (case_));
  add_boolean (builder, "from_app", sd_case_get_from_app (case_));
  add_string (builder, "origin", sd_case_origin_to_id (sd_case_get_origin (case_)));
  add_string (builder, "origin_region", sd_case_get_origin_region (case_));
  add_boolean (builder, "details_known", sd_case_get_details_known (case_));
  add_string (builder, "support_center_url", url);
  json_builder_end_object (builder);
}

static char *
link_note (SdCase *case_)
{
  const char *label = sd_case_origin_to_label (sd_case_get_origin (case_));
  const char *region = sd_case_get_origin_region (case_);

  if (label == NULL)
    return g_strdup (sd_case_get_ses_related (case_) ? "SES" : "");
  if (region != NULL)
    return g_strdup_printf ("%s, %s", label, region);
  return g_strdup (label);
}

static void
print_case_table (GListModel *model)
{
  guint n = g_list_model_get_n_items (model);
  g_autoptr(SdCliTable) table = NULL;

  if (n == 0)
    {
      g_print ("%s\n", _("No cases."));
      return;
    }

  table = sd_cli_table_new (5);
  sd_cli_table_set_column (table, 0, 14, FALSE);
  sd_cli_table_set_column (table, 1, 23, FALSE);
  sd_cli_table_set_column (table, 2, 4, FALSE);
  sd_cli_table_set_column (table, 3, 16, FALSE);
  sd_cli_table_add_row (table, _("CASE"), _("STATUS"), _("LANG"), _("LAST ACTIVITY"), _("SUBJECT"),
                        NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdCase) case_ = g_list_model_get_item (model, i);
      g_autofree char *when = format_time (sd_case_get_last_activity (case_));
      g_autofree char *subject = sd_text_safe_line (sd_case_get_subject (case_), -1,
                                                    SUBJECT_COLUMN_CHARS);
      g_autofree char *note = link_note (case_);
      g_autofree char *last = NULL;
      const char *language = sd_case_get_language (case_);

      if (note[0] != '\0')
        last = g_strdup_printf ("%s  [%s]", sd_case_get_details_known (case_) ? subject : "—", note);
      else
        last = g_strdup (sd_case_get_details_known (case_) ? subject : "—");
      sd_cli_table_add_row (table, sd_case_get_label_id (case_),
                            sd_case_get_details_known (case_)
                              ? sd_case_status_to_label (sd_case_get_status (case_)) : "—",
                            language != NULL ? language : "—", when, last, NULL);
      if (!sd_case_get_details_known (case_))
        {
          g_autofree char *url = sd_case_dup_support_center_url (case_, NULL);
          g_autofree char *line = g_strdup_printf ("    %s %s", _("Open in Support Center:"), url);

          sd_cli_table_add_line (table, line);
        }
    }
  sd_cli_table_print (table);
}

/* Waiting for the main loop */

typedef struct {
  GMainLoop *loop;
  guint      pending;
  gboolean   ok;
  GError    *error;
} Wait;

static void
wait_done (Wait *wait)
{
  if (--wait->pending == 0)
    g_main_loop_quit (wait->loop);
}

static void
on_list_refreshed (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Wait *wait = user_data;

  wait->ok = sd_case_list_refresh_finish (SD_CASE_LIST (source), result, &wait->error);
  wait_done (wait);
}

static void
on_known (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Wait *wait = user_data;
  g_autoptr(GError) error = NULL;

  if (sd_case_list_discover_known_finish (SD_CASE_LIST (source), result, &error) < 0)
    g_debug ("Finding linked cases failed: %s", error->message);
  wait_done (wait);
}

static void
on_thread_refreshed (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Wait *wait = user_data;

  wait->ok = sd_case_thread_refresh_finish (SD_CASE_THREAD (source), result, &wait->error);
  wait_done (wait);
}

static SdCaseFilter
parse_filter (const char *text,
              gboolean   *ok)
{
  *ok = TRUE;
  if (text == NULL || g_str_equal (text, "all"))
    return SD_CASE_FILTER_ALL;
  if (g_str_equal (text, "open"))
    return SD_CASE_FILTER_OPEN;
  if (g_str_equal (text, "needs-reply"))
    return SD_CASE_FILTER_NEEDS_REPLY;
  if (g_str_equal (text, "resolved"))
    return SD_CASE_FILTER_RESOLVED;
  *ok = FALSE;
  return SD_CASE_FILTER_ALL;
}

/* Commands */

int
sd_cli_cmd_cases (int    argc,
                  char **argv)
{
  g_autofree char *profile = NULL;
  g_autofree char *region = NULL;
  g_autofree char *search = NULL;
  g_autofree char *status = NULL;
  gboolean as_json = FALSE;
  gboolean resolved = FALSE;
  gboolean no_links = FALSE;
  const GOptionEntry entries[] = {
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile, N_("Profile to use (default: $AWS_PROFILE or “default”)"), N_("NAME") },
    { "resolved", 0, 0, G_OPTION_ARG_NONE, &resolved, N_("Include resolved cases"), NULL },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, N_("Show only cases matching these words"), N_("TEXT") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, N_("Show only open, needs-reply, resolved or all cases (default: all)"), N_("FILTER") },
    { "region", 0, 0, G_OPTION_ARG_STRING, &region, N_("Region whose review and quota cases to link (default: the profile's)"), N_("REGION") },
    { "no-links", 0, 0, G_OPTION_ARG_NONE, &no_links, N_("Do not look up the cases of the region's requests"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON for scripts"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(SdAwsConfig) config = NULL;
  g_autoptr(SdAwsClient) client = NULL;
  g_autoptr(SdCaseList) list = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  SdCaseFilter filter;
  gboolean ok;
  Wait wait = { 0 };

  g_option_context_set_summary (context, _("List AWS Support cases: SES-related and this app's first, then by last activity."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv, 0))
    return EXIT_USAGE;
  filter = parse_filter (status, &ok);
  if (!ok)
    {
      g_printerr (_("Unknown status filter “%s”: use open, needs-reply, resolved or all.\n"), status);
      return EXIT_USAGE;
    }
  if (region != NULL && !sd_aws_region_is_valid (region))
    {
      g_printerr (_("“%s” is not a region name (like eu-west-1).\n"), region);
      return EXIT_USAGE;
    }

  config = load_config (profile, &ok);
  if (!ok)
    return EXIT_USAGE;
  if (region == NULL && sd_aws_config_get_region (config, profile) != NULL)
    region = g_strdup (sd_aws_config_get_region (config, profile));

  client = sd_aws_client_new (config);
  list = sd_case_list_new (client, profile, NULL);
  sd_case_list_set_include_resolved (list, resolved || filter == SD_CASE_FILTER_RESOLVED);
  sd_case_list_set_search_text (list, search);
  sd_case_list_set_filter (list, filter);

  loop = g_main_loop_new (NULL, FALSE);
  wait.loop = loop;
  wait.pending = 1;
  sd_case_list_refresh_async (list, NULL, on_list_refreshed, &wait);
  if (region != NULL && !no_links)
    {
      wait.pending++;
      sd_case_list_discover_known_async (list, (const char * const[]) { region, NULL }, NULL,
                                         on_known, &wait);
    }
  g_main_loop_run (loop);
  /* The list is saved for reading offline before the process goes. */
  sd_case_cache_flush (sd_case_list_get_cache (list));

  if (wait.error != NULL)
    {
      g_autofree char *message = sd_text_safe_line (sd_case_list_get_message (list) != NULL
                                                      ? sd_case_list_get_message (list)
                                                      : wait.error->message, -1, 0);
      g_printerr (_("error: %s\n"), message);
    }

  if (as_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      GListModel *model = G_LIST_MODEL (list);

      json_builder_begin_object (builder);
      add_string (builder, "profile", profile != NULL ? profile : sd_aws_config_default_profile_name ());
      add_string (builder, "state", sd_case_list_state_to_id (sd_case_list_get_state (list)));
      add_string (builder, "message", sd_case_list_get_message (list));
      add_string (builder, "error_code", wait.error != NULL ? sd_aws_error_get_aws_code (wait.error) : NULL);
      json_builder_set_member_name (builder, "updated");
      json_builder_add_int_value (builder, sd_case_list_get_updated (list));
      json_builder_set_member_name (builder, "cases");
      json_builder_begin_array (builder);
      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(SdCase) case_ = g_list_model_get_item (model, i);
          build_case_json (builder, case_);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      sd_cli_print_json (root);
    }
  else
    print_case_table (G_LIST_MODEL (list));

  if (wait.error != NULL)
    {
      g_clear_error (&wait.error);
      return EXIT_FAILED;
    }
  return EXIT_OK;
}

static void
print_thread (SdCaseThread *thread)
{
  SdCase *case_ = sd_case_thread_get_case (thread);
  GListModel *model = G_LIST_MODEL (thread);
  g_autofree char *opened = format_time (sd_case_get_time_created (case_));
  g_autofree char *url = sd_case_dup_support_center_url (case_, NULL);
  const char *subject = sd_case_get_subject (case_);
  const char *language = sd_case_get_language (case_);

  g_print (_("Case %s: %s\n"), sd_case_get_label_id (case_), subject != NULL ? subject : "—");
  g_print (_("Status: %s · Language: %s · Opened: %s\n"),
           sd_case_status_to_label (sd_case_get_status (case_)),
           language != NULL ? language : "—", opened);
  g_print (_("Support Center: %s\n"), url);
  if (sd_case_thread_get_partial (thread))
    g_print ("%s\n", _("Only the newest messages could be read (DescribeCommunications is not available)."));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SdCommunication) message = g_list_model_get_item (model, i);
      g_autofree char *when = format_time (sd_communication_get_time (message));
      GListModel *attachments = sd_communication_get_attachments (message);
      gboolean aws = sd_communication_get_author (message) == SD_AUTHOR_AWS;

      g_print ("\n── %s · %s%s%s ──\n", when, sd_communication_get_author_name (message),
               aws ? "" : " · ", aws ? "" : sd_communication_get_submitted_by (message));
      g_print ("%s\n", sd_safe_text_get_text (sd_communication_get_body (message), NULL));
      for (guint j = 0; j < g_list_model_get_n_items (attachments); j++)
        {
          g_autoptr(SdCommunicationAttachment) attachment = g_list_model_get_item (attachments, j);

          g_print (_("Attachment: %s (%s)\n"), sd_communication_attachment_get_file_name (attachment),
                   sd_communication_attachment_get_attachment_id (attachment));
        }
    }
}

static void
build_thread_json (JsonBuilder  *builder,
                   SdCaseThread *thread)
{
  GListModel *model = G_LIST_MODEL (thread);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "case");
  build_case_json (builder, sd_case_thread_get_case (thread));
  add_boolean (builder, "partial", sd_case_thread_get_partial (thread));
  add_boolean (builder, "offline", sd_case_thread_get_offline (thread));
  json_builder_set_member_name (builder, "updated");
  json_builder_add_int_value (builder, sd_case_thread_get_updated (thread));
  json_builder_set_member_name (builder, "communications");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SdCommunication) message = g_list_model_get_item (model, i);
      GListModel *attachments = sd_communication_get_attachments (message);

      json_builder_begin_object (builder);
      add_time (builder, "time", sd_communication_get_time (message));
      add_string (builder, "author",
                  sd_communication_get_author (message) == SD_AUTHOR_AWS ? "aws" : "account");
      add_string (builder, "submitted_by", sd_communication_get_submitted_by (message));
      add_string (builder, "body", sd_communication_get_raw_body (message));
      json_builder_set_member_name (builder, "attachments");
      json_builder_begin_array (builder);
      for (guint j = 0; j < g_list_model_get_n_items (attachments); j++)
        {
          g_autoptr(SdCommunicationAttachment) attachment = g_list_model_get_item (attachments, j);

          json_builder_begin_object (builder);
          add_string (builder, "attachment_id", sd_communication_attachment_get_attachment_id (attachment));
          add_string (builder, "file_name", sd_communication_attachment_get_file_name (attachment));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

int
sd_cli_cmd_case (int    argc,
                 char **argv)
{
  g_autofree char *profile = NULL;
  gboolean as_json = FALSE;
  gboolean newest_first = FALSE;
  const GOptionEntry entries[] = {
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile, N_("Profile to use (default: $AWS_PROFILE or “default”)"), N_("NAME") },
    { "newest-first", 0, 0, G_OPTION_ARG_NONE, &newest_first, N_("Show the newest message first"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON for scripts"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("ID"));
  g_autoptr(SdAwsConfig) config = NULL;
  g_autoptr(SdAwsClient) client = NULL;
  g_autoptr(SdCaseThread) thread = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  gboolean ok;
  Wait wait = { 0 };
  const char *id;

  g_option_context_set_summary (context, _("Show one AWS Support case and its whole conversation."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv, 1))
    return EXIT_USAGE;
  id = argv[1];
  if (id[0] == '\0' || strlen (id) > 256)
    {
      g_printerr (_("“%s” is not a case id.\n"), id);
      return EXIT_USAGE;
    }

  config = load_config (profile, &ok);
  if (!ok)
    return EXIT_USAGE;

  client = sd_aws_client_new (config);
  thread = sd_case_thread_new (client, profile, id, NULL);
  sd_case_thread_set_order (thread, newest_first ? SD_THREAD_ORDER_NEWEST_FIRST
                                                 : SD_THREAD_ORDER_OLDEST_FIRST);
  loop = g_main_loop_new (NULL, FALSE);
  wait.loop = loop;
  wait.pending = 1;
  sd_case_thread_refresh_async (thread, NULL, on_thread_refreshed, &wait);
  g_main_loop_run (loop);
  sd_case_cache_flush (sd_case_cache_get_default ());

  if (wait.error != NULL)
    {
      g_autofree char *message = sd_text_safe_line (wait.error->message, -1, 0);

      g_printerr (_("error: %s\n"), message);
      if (sd_case_thread_get_offline (thread) && g_list_model_get_n_items (G_LIST_MODEL (thread)) > 0)
        g_printerr ("%s\n", _("Showing the conversation as it was last saved."));
      else
        {
          g_clear_error (&wait.error);
          return EXIT_FAILED;
        }
    }

  if (as_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      build_thread_json (builder, thread);
      root = json_builder_get_root (builder);
      sd_cli_print_json (root);
    }
  else
    print_thread (thread);

  if (wait.error != NULL)
    {
      g_clear_error (&wait.error);
      return EXIT_FAILED;
    }
  return EXIT_OK;
}
