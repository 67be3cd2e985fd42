/* sd-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sd-application.h"
#include "sd-case-watcher.h"
#include "sd-cases-window.h"
#include "sd-health-notifier.h"
#include "sd-preferences-window.h"
#include "sd-outbox-window.h"
#include "sd-request-dialog.h"
#include "sd-request-manager.h"
#include "sd-window.h"

struct _SdApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (SdApplication, sd_application, ADW_TYPE_APPLICATION)

/* When no window draws a first frame (the app started for an action), the
 * case watcher starts this many seconds after start-up. */
#define WATCHER_FALLBACK_S 5

/* Callbacks */

static void
on_about_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  SdApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "SES Desk developers", NULL };

  adw_show_about_window (window,
                         "application-name", _("SES Desk"),
                         "application-icon", APPLICATION_ID,
                         "developer-name", _("SES Desk developers"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Amazon SES across accounts and regions: sandbox, quotas, dedicated IPs and AWS Support cases"),
                         "website", "https://github.com/sesdesk/ses-desk",
                         "issue-url", "https://github.com/sesdesk/ses-desk/issues",
                         "developers", developers,
                         "copyright", "© 2026 SES Desk developers",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
on_cases_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  sd_cases_window_present (GTK_APPLICATION (user_data), NULL, NULL);
}

/* "app.show-case" with (profile, case id): from a region's review case, a
 * request's case, or a notification. An empty profile means the default one. */
static void
on_show_case_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  const char *profile = NULL;
  const char *case_id = NULL;

  g_variant_get (parameter, "(&s&s)", &profile, &case_id);
  sd_cases_window_present (GTK_APPLICATION (user_data), *profile != '\0' ? profile : NULL, case_id);
}

/* "app.show-region" with (profile, region code): from a case that came from
 * a region's request. Raises the main window (opening it when closed) on
 * that region's page. An empty profile means the default one. */
static void
on_show_region_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  const char *profile = NULL;
  const char *region = NULL;
  SdWindow *window = NULL;

  g_variant_get (parameter, "(&s&s)", &profile, &region);
  if (*region == '\0')
    return;
  for (GList *l = gtk_application_get_windows (app); l != NULL && window == NULL; l = l->next)
    if (SD_IS_WINDOW (l->data))
      window = SD_WINDOW (l->data);
  if (window == NULL)
    window = sd_window_new (ADW_APPLICATION (app));
  sd_window_show_region (window, *profile != '\0' ? profile : NULL, region);
  gtk_window_present (GTK_WINDOW (window));
}

/* "app.requests": the Requests window (the outbox and the drafts). */
static void
on_requests_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);

  sd_outbox_window_present (sd_request_manager_get (app), gtk_application_get_active_window (app));
}

/* "app.edit-request" with a request id: its dialog, from the draft (what the
 * user changed since) or else from the journal (what was sent). */
static void
on_edit_request_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  SdRequestManager *manager = sd_request_manager_get (app);
  const char *id = g_variant_get_string (parameter, NULL);
  GtkWindow *parent = gtk_application_get_active_window (app);
  g_autoptr(SdRequest) request = NULL;
  GListModel *entries;

  if (parent == NULL)
    return;
  request = sd_draft_store_load (sd_request_manager_get_drafts (manager), id, NULL);
  entries = sd_request_manager_get_entries (manager);
  for (guint i = 0; request == NULL && i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(SdOutboxEntry) entry = g_list_model_get_item (entries, i);

      if (g_strcmp0 (sd_outbox_entry_get_request_id (entry), id) == 0)
        request = sd_outbox_entry_dup_request (entry);
    }
  if (request != NULL)
    sd_request_dialog_present_request (GTK_WIDGET (parent), request);
}

static void
on_preferences_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  sd_preferences_window_present (GTK_APPLICATION (user_data));
}

static void
on_quit_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

/* The case watcher reads the AWS files and asks the keyring (which may
 * start its daemon): work that waits until the main window is on screen,
 * like the window's own loading. */
static gboolean
start_case_watcher (gpointer user_data)
{
  sd_case_watcher_start (G_APPLICATION (user_data));
  return G_SOURCE_REMOVE;
}

static void
on_first_paint (GdkFrameClock *clock,
                gpointer       user_data)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_paint, user_data);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, start_case_watcher, g_object_ref (user_data), g_object_unref);
}

static void
on_window_map (GtkWidget *window,
               gpointer   user_data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_handlers_disconnect_by_func (window, on_window_map, user_data);
  if (clock != NULL)
    g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_first_paint), user_data, 0);
  else
    start_case_watcher (user_data);
}

/* "win.show-help-overlay": the keyboard shortcuts window is built the first
 * time it is asked for. (At gtk/help-overlay.ui GtkApplication would build it
 * for every window it opens, before the window's first frame.) */
static void
on_show_help_overlay (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  GtkApplicationWindow *window = user_data;
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/io/github/sesdesk/SesDesk/sd-shortcuts-window.ui");
  GObject *overlay = gtk_builder_get_object (builder, "help_overlay");

  /* The window's own action, GTK's, takes this one's place and shows it
   * (GTK adds it only where the window has no action of that name). */
  g_object_ref (action);
  g_action_map_remove_action (G_ACTION_MAP (window), "show-help-overlay");
  gtk_application_window_set_help_overlay (window, GTK_SHORTCUTS_WINDOW (overlay));
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-help-overlay", NULL);
  g_object_unref (action);
}

static void
on_window_added (GtkApplication *app,
                 GtkWindow      *window)
{
  g_autoptr(GSimpleAction) action = NULL;

  if (!GTK_IS_APPLICATION_WINDOW (window))
    return;
  action = g_simple_action_new ("show-help-overlay", NULL);
  g_signal_connect_object (action, "activate", G_CALLBACK (on_show_help_overlay), window, 0);
  g_action_map_add_action (G_ACTION_MAP (window), G_ACTION (action));
}

/* Overrides */

static void
sd_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      window = GTK_WINDOW (sd_window_new (ADW_APPLICATION (app)));
      g_signal_connect_object (window, "map", G_CALLBACK (on_window_map), app, 0);
    }

  gtk_window_present (window);
}

static void
sd_application_startup (GApplication *app)
{
  static const GActionEntry app_actions[] = {
    { "about", on_about_action },
    { "quit", on_quit_action },
    { "cases", on_cases_action },
    { "preferences", on_preferences_action },
    { "show-case", on_show_case_action, "(ss)" },
    { "show-region", on_show_region_action, "(ss)" },
    { "requests", on_requests_action },
    { "edit-request", on_edit_request_action, "s" },
  };
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *cases_accels[] = { "<Control>k", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *help_overlay_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (sd_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.cases", cases_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay", help_overlay_accels);
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added), NULL);

  /* The outbox and the drafts (and "app.requests"): sends in flight finish
   * before the application quits, drafts are flushed on quit. */
  sd_request_manager_get (GTK_APPLICATION (app));

  /* The change log every refresh feeds; its changes become notifications
   * (and "app.changes"). */
  sd_health_notifier_get (GTK_APPLICATION (app));

  /* Cases are checked in the background; AWS's answers become
   * notifications. The watcher starts after the main window's first frame
   * (see activate), or a while after start-up when no window opens. */
  g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, WATCHER_FALLBACK_S, start_case_watcher,
                              g_object_ref (app), g_object_unref);
}

static void
sd_application_class_init (SdApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = sd_application_activate;
  app_class->startup = sd_application_startup;
}

static void
sd_application_init (SdApplication *self)
{
}

/* Public API */

SdApplication *
sd_application_new (const char        *application_id,
                    GApplicationFlags  flags)
{
  return g_object_new (SD_TYPE_APPLICATION,
                       "application-id", application_id,
                       "flags", flags,
                       "resource-base-path", "/io/github/sesdesk/SesDesk",
                       NULL);
}
