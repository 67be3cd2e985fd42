/* sd-cases-window.c — AWS Support cases and their threads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "sd-aws-config.h"
#include "sd-case-page.h"
#include "sd-case-row.h"
#include "sd-case-watcher.h"
#include "sd-cases-window.h"
#include "sd-format.h"
#include "sd-settings.h"
#include "sd-support.h"
#include "sd-safe-text.h"
#include "sd-widget-util.h"

/* How often "Updated N minutes ago" and "5 minutes ago" are brought up to date. */
#define TICK_SECONDS 30
#define REPLY_KEY "sd-reply"
#define LAST_STATE_KEY "sd-last-reply-state"

struct _SdCasesWindow
{
  AdwApplicationWindow  parent_instance;

  SdCaseWatcher        *watcher;       /* owned */
  SdCaseList           *list;          /* owned, nullable: the profile's, shown */
  char                 *profile;       /* owned, nullable */
  SdCase               *current_case;  /* owned, nullable: the case whose thread is open */
  char                 *current_profile; /* owned, nullable: of the open thread */
  GHashTable           *threads;       /* owned: "profile\ncase id" → SdCaseThread */
  GCancellable         *cancellable;   /* owned; cancelled when the window closes */
  GtkNoSelection       *selection;     /* owned */
  GPtrArray            *rows;          /* owned; SdCaseRow widgets set up, unowned */
  char                 *search_text;   /* owned, nullable */
  SdCaseFilter          filter;
  gboolean              include_resolved;
  guint                 tick_id;
  gboolean              all_accounts;  /* every account's cases in one list */
  GListStore           *all_lists;     /* owned, of SdCaseList: the accounts' lists in that list */
  GtkSortListModel     *all_model;     /* owned: their cases, the latest activity first */

  /* Template widgets */
  AdwLeaflet           *leaflet;
  GtkWidget            *list_pane;
  AdwHeaderBar         *list_header;
  AdwWindowTitle       *list_title;
  GtkToggleButton      *search_button;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkWidget            *account_box;
  GtkDropDown          *profile_dropdown;
  GtkToggleButton      *all_accounts_button;
  GtkDropDown          *filter_dropdown;
  GtkCheckButton       *resolved_check;
  GtkRevealer          *message_revealer;
  GtkImage             *message_icon;
  GtkLabel             *message_label;
  GtkStack             *list_stack;
  GtkSpinner           *loading_spinner;
  AdwStatusPage        *empty_page;
  AdwStatusPage        *problem_page;
  GtkWidget            *problem_retry_button;
  GtkWidget            *problem_support_button;
  GtkListView          *case_list;
  GtkWidget            *pane_separator;
  GtkStack             *content_stack;
  AdwHeaderBar         *none_header;
  SdCasePage           *case_page;
};

G_DEFINE_FINAL_TYPE (SdCasesWindow, sd_cases_window, ADW_TYPE_APPLICATION_WINDOW)

static const SdCaseFilter filters[] = {
  SD_CASE_FILTER_ALL,
  SD_CASE_FILTER_OPEN,
  SD_CASE_FILTER_NEEDS_REPLY,
  SD_CASE_FILTER_RESOLVED,
};

static void refresh_list (SdCasesWindow *self);
static void update_list_view (SdCasesWindow *self);
static void set_all_accounts (SdCasesWindow *self,
                              gboolean       all_accounts);
static void on_all_list_changed (SdCasesWindow *self);

/* Auxiliary functions */

/* A status page's description is markup: text from elsewhere is escaped. */
static void
set_description (AdwStatusPage *page,
                 const char    *text)
{
  g_autofree char *escaped = text != NULL ? g_markup_escape_text (text, -1) : NULL;

  adw_status_page_set_description (page, escaped);
}

static char *
thread_key (const char *profile,
            const char *case_id)
{
  return g_strconcat (profile != NULL ? profile : "", "\n", case_id, NULL);
}

/* The list @case_ is in, of the accounts shown together; NULL if none. */
static SdCaseList *
list_of_case (SdCasesWindow *self,
              SdCase        *case_)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->all_lists));

  for (guint i = 0; case_ != NULL && i < n; i++)
    {
      g_autoptr(SdCaseList) list = g_list_model_get_item (G_LIST_MODEL (self->all_lists), i);

      if (sd_case_list_lookup (list, sd_case_get_case_id (case_)) == case_)
        return list;
    }
  return NULL;
}

/* The search, the status filter and "Resolved too" apply to every list shown. */
static void
configure_list (SdCasesWindow *self,
                SdCaseList    *list)
{
  sd_case_list_set_search_text (list, self->search_text);
  sd_case_list_set_filter (list, self->filter);
  sd_case_list_set_include_resolved (list, self->include_resolved);
}

static void
configure_lists (SdCasesWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->all_lists));

  if (self->list != NULL)
    configure_list (self, self->list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdCaseList) list = g_list_model_get_item (G_LIST_MODEL (self->all_lists), i);

      configure_list (self, list);
    }
}

/* Newest activity first, across accounts. */
static int
compare_activity (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  GDateTime *time_a = sd_case_get_last_activity ((SdCase *) a);
  GDateTime *time_b = sd_case_get_last_activity ((SdCase *) b);

  if (time_a == NULL || time_b == NULL)
    return (time_a == NULL) - (time_b == NULL);
  return g_date_time_compare (time_b, time_a);
}

/* The page of "All accounts": cases, still loading, or none anywhere. */
static void
update_all_view (SdCasesWindow *self)
{
  guint n_lists = g_list_model_get_n_items (G_LIST_MODEL (self->all_lists));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->all_model));
  gboolean loading = FALSE;
  gboolean filtered = self->search_text != NULL || self->filter != SD_CASE_FILTER_ALL;
  const char *page;

  for (guint i = 0; i < n_lists; i++)
    {
      g_autoptr(SdCaseList) list = g_list_model_get_item (G_LIST_MODEL (self->all_lists), i);

      loading = loading || sd_case_list_get_loading (list) ||
                sd_case_list_get_state (list) == SD_CASE_LIST_STATE_EMPTY;
    }
  if (n > 0)
    page = "list";
  else if (loading)
    page = "loading";
  else if (filtered)
    page = "no-results";
  else
    page = "empty";
  if (g_str_equal (page, "empty"))
    {
      set_description (self->empty_page,
                       self->include_resolved
                         ? _("No account has had AWS Support cases in the last 12 months.")
                         : _("No account has open AWS Support cases. Turn on “Resolved too” to see the closed ones."));
      adw_status_page_set_title (self->empty_page, self->include_resolved ? _("No Cases") : _("No Open Cases"));
    }
  gtk_stack_set_visible_child_name (self->list_stack, page);
  gtk_spinner_set_spinning (self->loading_spinner, g_str_equal (page, "loading"));
  gtk_widget_set_visible (GTK_WIDGET (self->message_revealer), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cases.refresh", !loading);
  adw_window_title_set_subtitle (self->list_title, loading ? _("Refreshing…") : "");
}

static guint
profile_position (SdCasesWindow *self,
                  const char    *profile)
{
  GListModel *profiles = sd_case_watcher_get_profiles (self->watcher);

  for (guint i = 0; profile != NULL && i < g_list_model_get_n_items (profiles); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (profiles, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), profile) == 0)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

/* The settings' default account, else AWS_PROFILE (or "default"), else the first. */
static guint
initial_profile_position (SdCasesWindow *self)
{
  g_autoptr(GSettings) settings = sd_settings_new ();
  guint position = GTK_INVALID_LIST_POSITION;

  if (settings != NULL)
    {
      g_autofree char *profile = g_settings_get_string (settings, "default-profile");

      position = profile_position (self, profile);
    }
  if (position == GTK_INVALID_LIST_POSITION)
    position = profile_position (self, sd_aws_config_default_profile_name ());
  if (position == GTK_INVALID_LIST_POSITION &&
      g_list_model_get_n_items (sd_case_watcher_get_profiles (self->watcher)) > 0)
    position = 0;
  return position;
}

static void
update_title (SdCasesWindow *self)
{
  g_autofree char *subtitle = NULL;

  if (self->list == NULL)
    subtitle = NULL;
  else if (sd_case_list_get_loading (self->list))
    subtitle = g_strdup (_("Refreshing…"));
  else
    subtitle = sd_format_updated (sd_case_list_get_updated (self->list),
                                  g_get_real_time () / G_USEC_PER_SEC);
  adw_window_title_set_subtitle (self->list_title, subtitle != NULL ? subtitle : "");
}

/* The thread may hold its own copy of the case (opened by id): compare ids. */
static gboolean
is_current (SdCasesWindow *self,
            SdCase        *case_)
{
  return case_ != NULL && self->current_case != NULL &&
         (self->all_accounts || g_strcmp0 (self->current_profile, self->profile) == 0) &&
         (case_ == self->current_case ||
          sd_case_has_id (case_, sd_case_get_case_id (self->current_case)));
}

static void
update_rows (SdCasesWindow *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      SdCaseRow *row = g_ptr_array_index (self->rows, i);
      SdCase *case_ = sd_case_row_get_case (row);

      sd_case_row_set_current (row, is_current (self, case_));
      sd_case_row_update (row);
    }
}

/* Which page the list shows, and the one sentence above it. */
static void
update_list_view (SdCasesWindow *self)
{
  SdCaseList *list = self->list;
  SdCaseListState state = list != NULL ? sd_case_list_get_state (list) : SD_CASE_LIST_STATE_EMPTY;
  guint n = list != NULL ? g_list_model_get_n_items (G_LIST_MODEL (list)) : 0;
  const char *message = list != NULL ? sd_case_list_get_message (list) : NULL;
  gboolean filtered = self->search_text != NULL || self->filter != SD_CASE_FILTER_ALL;
  const char *page;

  if (self->all_accounts)
    {
      update_all_view (self);
      return;
    }

  if (list == NULL)
    page = "problem";
  else if (n > 0)
    page = "list";
  else if (state == SD_CASE_LIST_STATE_EMPTY)
    page = "loading";
  else if (state == SD_CASE_LIST_STATE_OFFLINE || state == SD_CASE_LIST_STATE_FAILED ||
           state == SD_CASE_LIST_STATE_NO_SUPPORT_PLAN)
    page = "problem";
  else if (filtered)
    page = "no-results";
  else
    page = "empty";

  if (g_str_equal (page, "problem"))
    {
      const char *title;
      const char *icon = "dialog-warning-symbolic";

      if (list == NULL)
        {
          title = _("No AWS Profiles");
          message = _("SES Desk reads the profiles of ~/.aws/config and ~/.aws/credentials, "
                      "and the accounts added in the main window.");
        }
      else if (state == SD_CASE_LIST_STATE_OFFLINE)
        {
          title = _("You Are Offline");
          icon = "network-offline-symbolic";
        }
      else if (state == SD_CASE_LIST_STATE_NO_SUPPORT_PLAN)
        {
          title = _("No Access to AWS Support");
          icon = "dialog-information-symbolic";
        }
      else
        title = _("The Cases Could Not Be Loaded");
      adw_status_page_set_title (self->problem_page, title);
      adw_status_page_set_icon_name (self->problem_page, icon);
      set_description (self->problem_page, message);
      gtk_widget_set_visible (self->problem_retry_button, list != NULL);
      gtk_widget_set_visible (self->problem_support_button, state == SD_CASE_LIST_STATE_NO_SUPPORT_PLAN);
      /* Said on the page: not again above it. */
      message = NULL;
    }
  else if (g_str_equal (page, "empty"))
    {
      set_description (self->empty_page,
                       self->include_resolved
                         ? _("This account has had no AWS Support cases in the last 12 months.")
                         : _("This account has no open AWS Support cases. Turn on “Resolved too” "
                             "to see the closed ones."));
      adw_status_page_set_title (self->empty_page, self->include_resolved ? _("No Cases")
                                                                          : _("No Open Cases"));
    }

  gtk_stack_set_visible_child_name (self->list_stack, page);
  gtk_spinner_set_spinning (self->loading_spinner, g_str_equal (page, "loading"));

  /* The state in one plain sentence, said once above the list. */
  gtk_widget_set_visible (GTK_WIDGET (self->message_revealer), message != NULL);
  gtk_revealer_set_reveal_child (self->message_revealer, message != NULL);
  if (message != NULL)
    {
      gtk_label_set_label (self->message_label, message);
      gtk_image_set_from_icon_name (self->message_icon,
                                    state == SD_CASE_LIST_STATE_OFFLINE ? "network-offline-symbolic"
                                    : state == SD_CASE_LIST_STATE_FAILED ? "dialog-warning-symbolic"
                                                                         : "dialog-information-symbolic");
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cases.refresh",
                                 list != NULL && !sd_case_list_get_loading (list));
  update_title (self);
}

static void
show_list (SdCasesWindow *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cases.back", FALSE);
}

/* Clears the reply of a thread whose uncertain reply turned out to have arrived. */
static void
on_thread_reply_state (SdCaseThread  *thread,
                       GParamSpec    *pspec,
                       SdCasesWindow *self)
{
  SdReplyState previous = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (thread), LAST_STATE_KEY));
  SdReplyState state = sd_case_thread_get_reply_state (thread);
  SdCaseReply *reply = g_object_get_data (G_OBJECT (thread), REPLY_KEY);

  g_object_set_data (G_OBJECT (thread), LAST_STATE_KEY, GINT_TO_POINTER (state));
  if ((previous == SD_REPLY_STATE_UNCERTAIN || previous == SD_REPLY_STATE_CHECKING) &&
      state == SD_REPLY_STATE_NONE && reply != NULL)
    {
      sd_case_reply_clear (reply);
      if (sd_case_page_get_thread (self->case_page) == thread)
        sd_case_page_toast (self->case_page, _("The reply did reach AWS Support"));
    }
}

static void
bind_draft (SdCaseThread *thread)
{
  SdCaseReply *reply = g_object_get_data (G_OBJECT (thread), REPLY_KEY);
  SdCase *case_ = sd_case_thread_get_case (thread);

  if (reply == NULL || g_object_get_data (G_OBJECT (reply), "sd-bound") != NULL)
    return;
  /* Drafts are kept under the real case id, known once the details are. */
  if (!sd_case_get_details_known (case_) && !g_str_has_prefix (sd_case_get_case_id (case_), "case-"))
    return;
  sd_case_reply_bind_draft (reply, sd_case_cache_get_default (), sd_case_thread_get_profile (thread),
                            sd_case_get_case_id (case_));
  g_object_set_data (G_OBJECT (reply), "sd-bound", GINT_TO_POINTER (TRUE));
}

static void
on_thread_case (SdCaseThread *thread)
{
  bind_draft (thread);
}

static SdCaseThread *
get_thread (SdCasesWindow *self,
            const char    *profile,
            SdCase        *case_,
            const char    *case_id)
{
  g_autofree char *key = thread_key (profile, case_ != NULL ? sd_case_get_case_id (case_) : case_id);
  SdCaseThread *thread = g_hash_table_lookup (self->threads, key);
  SdCaseList *list = sd_case_watcher_get_list (self->watcher, profile);
  SdCaseReply *reply;

  if (thread != NULL || list == NULL)
    return thread;

  if (case_ != NULL)
    thread = sd_case_thread_new_for_case (sd_case_list_get_client (list), profile, case_,
                                          sd_case_list_get_cache (list));
  else
    thread = sd_case_thread_new (sd_case_list_get_client (list), profile, case_id,
                                 sd_case_list_get_cache (list));
  reply = sd_case_reply_new ();
  g_object_set_data_full (G_OBJECT (thread), REPLY_KEY, reply, g_object_unref);
  g_object_set_data (G_OBJECT (thread), LAST_STATE_KEY,
                     GINT_TO_POINTER (sd_case_thread_get_reply_state (thread)));
  g_signal_connect_object (thread, "notify::reply-state", G_CALLBACK (on_thread_reply_state), self, 0);
  g_signal_connect (thread, "notify::case", G_CALLBACK (on_thread_case), NULL);
  bind_draft (thread);
  g_hash_table_insert (self->threads, g_steal_pointer (&key), thread);
  return thread;
}

/* Threads not shown and with nothing under way are dropped: a long thread
 * is big, and the saved copy brings it back at once. */
static void
prune_threads (SdCasesWindow *self,
               SdCaseThread  *keep)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->threads);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      SdCaseThread *thread = value;
      SdReplyState state = sd_case_thread_get_reply_state (thread);

      if (thread != keep && (state == SD_REPLY_STATE_NONE || state == SD_REPLY_STATE_NOT_SENT))
        {
          SdCaseReply *reply = g_object_get_data (G_OBJECT (thread), REPLY_KEY);

          /* A draft is on disk; write the last keystrokes now. */
          if (reply != NULL && g_object_get_data (G_OBJECT (reply), "sd-bound") != NULL)
            sd_case_reply_save_draft (reply, NULL);
          g_hash_table_iter_remove (&iter);
        }
    }
}

static void
open_case (SdCasesWindow *self,
           const char    *profile,
           SdCase        *case_,
           const char    *case_id)
{
  SdCaseThread *thread = get_thread (self, profile, case_, case_id);

  if (thread == NULL)
    return;

  g_set_object (&self->current_case, sd_case_thread_get_case (thread));
  g_free (self->current_profile);
  self->current_profile = g_strdup (profile);

  /* Keep it alive while the hash table is pruned. */
  g_object_ref (thread);
  prune_threads (self, thread);
  sd_case_page_set_thread (self->case_page, thread, g_object_get_data (G_OBJECT (thread), REPLY_KEY));
  g_object_unref (thread);

  gtk_stack_set_visible_child_name (self->content_stack, "thread");
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->content_stack));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cases.back", TRUE);
  sd_case_watcher_set_shown_case (self->watcher, profile, sd_case_get_case_id (self->current_case));
  update_rows (self);
}

static void
close_case (SdCasesWindow *self)
{
  sd_case_page_set_thread (self->case_page, NULL, NULL);
  g_clear_object (&self->current_case);
  g_clear_pointer (&self->current_profile, g_free);
  gtk_stack_set_visible_child_name (self->content_stack, "none");
  sd_case_watcher_set_shown_case (self->watcher, NULL, NULL);
  prune_threads (self, NULL);
  update_rows (self);
}

/* Shows @profile's cases (loading the saved ones at once, then AWS's). */
static void
set_profile (SdCasesWindow *self,
             const char    *profile)
{
  SdCaseList *list;

  if (g_strcmp0 (self->profile, profile) == 0 && self->list != NULL)
    return;

  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  g_clear_object (&self->list);
  g_free (self->profile);
  self->profile = g_strdup (profile);

  /* A thread of another account has no place beside this list. */
  if (!self->all_accounts && self->current_profile != NULL && g_strcmp0 (self->current_profile, profile) != 0)
    {
      close_case (self);
      show_list (self);
    }

  list = sd_case_watcher_get_list (self->watcher, profile);
  if (list == NULL)
    {
      if (!self->all_accounts)
        gtk_no_selection_set_model (self->selection, NULL);
      update_list_view (self);
      return;
    }
  self->list = g_object_ref (list);
  configure_list (self, list);
  g_signal_connect_swapped (list, "notify::state", G_CALLBACK (update_list_view), self);
  g_signal_connect_swapped (list, "notify::loading", G_CALLBACK (update_list_view), self);
  g_signal_connect_swapped (list, "notify::message", G_CALLBACK (update_list_view), self);
  g_signal_connect_swapped (list, "notify::updated", G_CALLBACK (update_list_view), self);
  g_signal_connect_swapped (list, "items-changed", G_CALLBACK (update_list_view), self);
  if (!self->all_accounts)
    gtk_no_selection_set_model (self->selection, G_LIST_MODEL (list));
  update_list_view (self);

  if (sd_case_list_get_state (list) == SD_CASE_LIST_STATE_EMPTY)
    sd_case_list_load_cached_async (list, self->cancellable, NULL, NULL);
  refresh_list (self);
  sd_case_watcher_discover_known (self->watcher, profile);
}

static void
select_profile (SdCasesWindow *self,
                const char    *profile)
{
  guint position = profile_position (self, profile);

  if (position == GTK_INVALID_LIST_POSITION)
    {
      /* Perhaps added since: read the files again. */
      sd_case_watcher_reload (self->watcher);
      position = profile_position (self, profile);
    }
  if (position == GTK_INVALID_LIST_POSITION)
    return;
  if (gtk_drop_down_get_selected (self->profile_dropdown) != position)
    gtk_drop_down_set_selected (self->profile_dropdown, position);
  else
    set_profile (self, profile);
}

static void
disconnect_all_lists (SdCasesWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->all_lists));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdCaseList) list = g_list_model_get_item (G_LIST_MODEL (self->all_lists), i);

      g_signal_handlers_disconnect_by_func (list, on_all_list_changed, self);
    }
  g_list_store_remove_all (self->all_lists);
}

/* Every account's cases in one list (each row names its account), or the
 * chosen account's alone again. */
static void
set_all_accounts (SdCasesWindow *self,
                  gboolean       all_accounts)
{
  GListModel *profiles = sd_case_watcher_get_profiles (self->watcher);

  if (self->all_accounts == all_accounts)
    return;
  self->all_accounts = all_accounts;
  disconnect_all_lists (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->profile_dropdown), !all_accounts);
  if (!all_accounts)
    {
      gtk_no_selection_set_model (self->selection, self->list != NULL ? G_LIST_MODEL (self->list) : NULL);
      update_list_view (self);
      update_rows (self);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (profiles); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (profiles, i);
      SdCaseList *list = sd_case_watcher_get_list (self->watcher, gtk_string_object_get_string (item));

      if (list == NULL)
        continue;
      configure_list (self, list);
      g_signal_connect_swapped (list, "notify::state", G_CALLBACK (on_all_list_changed), self);
      g_signal_connect_swapped (list, "notify::loading", G_CALLBACK (on_all_list_changed), self);
      g_signal_connect_swapped (list, "items-changed", G_CALLBACK (on_all_list_changed), self);
      g_list_store_append (self->all_lists, list);
      if (sd_case_list_get_state (list) == SD_CASE_LIST_STATE_EMPTY)
        sd_case_list_load_cached_async (list, self->cancellable, NULL, NULL);
    }
  gtk_no_selection_set_model (self->selection, G_LIST_MODEL (self->all_model));
  refresh_list (self);
  update_rows (self);
}

static void
refresh_list (SdCasesWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->all_lists));

  for (guint i = 0; self->all_accounts && i < n; i++)
    {
      g_autoptr(SdCaseList) list = g_list_model_get_item (G_LIST_MODEL (self->all_lists), i);

      if (list != self->list)
        sd_case_list_refresh_async (list, self->cancellable, NULL, NULL);
    }
  if (self->list != NULL)
    sd_case_list_refresh_async (self->list, self->cancellable, NULL, NULL);
  update_list_view (self);
}

static void
update_profile_switcher (SdCasesWindow *self)
{
  gboolean several = g_list_model_get_n_items (sd_case_watcher_get_profiles (self->watcher)) > 1;

  /* One account: nothing to switch, nothing to put together. */
  gtk_widget_set_visible (self->account_box, several);
  if (!several && self->all_accounts)
    gtk_toggle_button_set_active (self->all_accounts_button, FALSE);
}

static void
update_profiles (SdCasesWindow *self)
{
  GListModel *profiles = sd_case_watcher_get_profiles (self->watcher);
  guint position = profile_position (self, self->profile);

  update_profile_switcher (self);
  if (position == GTK_INVALID_LIST_POSITION)
    position = initial_profile_position (self);
  if (position == GTK_INVALID_LIST_POSITION)
    {
      set_profile (self, NULL);
      return;
    }
  if (gtk_drop_down_get_selected (self->profile_dropdown) != position)
    gtk_drop_down_set_selected (self->profile_dropdown, position);
  else
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (profiles, position);

      set_profile (self, gtk_string_object_get_string (item));
    }
}

/* Callbacks */

static void
on_profile_selected (SdCasesWindow *self)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (self->profile_dropdown);

  if (item != NULL)
    set_profile (self, gtk_string_object_get_string (item));
}

static void
on_all_list_changed (SdCasesWindow *self)
{
  update_list_view (self);
}

static void
on_all_accounts_toggled (SdCasesWindow *self)
{
  set_all_accounts (self, gtk_toggle_button_get_active (self->all_accounts_button));
}

static void
on_profiles_changed (SdCasesWindow *self)
{
  update_profiles (self);
  /* An account added or removed: the list of all of them follows. */
  if (self->all_accounts)
    {
      set_all_accounts (self, FALSE);
      set_all_accounts (self, TRUE);
    }
}

static void
on_filter_selected (SdCasesWindow *self)
{
  guint selected = gtk_drop_down_get_selected (self->filter_dropdown);

  self->filter = selected < G_N_ELEMENTS (filters) ? filters[selected] : SD_CASE_FILTER_ALL;
  /* Resolved cases come only when asked for. */
  if (self->filter == SD_CASE_FILTER_RESOLVED && !self->include_resolved)
    gtk_check_button_set_active (self->resolved_check, TRUE);
  configure_lists (self);
  update_list_view (self);
}

static void
on_resolved_toggled (SdCasesWindow *self)
{
  gboolean active = gtk_check_button_get_active (self->resolved_check);

  if (self->include_resolved == active)
    return;
  self->include_resolved = active;
  configure_lists (self);
  if (self->list == NULL && !self->all_accounts)
    return;
  /* Hiding them needs nothing more; showing them asks AWS. */
  if (active)
    refresh_list (self);
  update_list_view (self);
}

static void
on_search_changed (SdCasesWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_free (self->search_text);
  self->search_text = *stripped != '\0' ? g_steal_pointer (&stripped) : NULL;
  configure_lists (self);
  update_list_view (self);
}

static void
on_case_activate (GtkListView   *list_view,
                  guint          position,
                  SdCasesWindow *self)
{
  g_autoptr(SdCase) case_ = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  SdCaseList *list = self->all_accounts ? list_of_case (self, case_) : self->list;

  if (case_ == NULL || list == NULL)
    return;
  /* Known only by its id, without the API: the Support Center has it. */
  if (!sd_case_get_details_known (case_) &&
      sd_case_list_get_state (list) == SD_CASE_LIST_STATE_NO_SUPPORT_PLAN)
    {
      g_autofree char *uri = sd_case_dup_support_center_url (case_, NULL);

      gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
      return;
    }
  open_case (self, sd_case_list_get_profile (list), case_, NULL);
}

static void
on_page_refreshed (SdCasePage    *page,
                   SdCasesWindow *self)
{
  SdCaseThread *thread = sd_case_page_get_thread (page);
  SdCaseList *list;
  SdCase *case_;

  if (thread == NULL)
    return;
  /* The list's own object carries the unread mark. */
  list = sd_case_watcher_get_list (self->watcher, sd_case_thread_get_profile (thread));
  if (list == NULL)
    return;
  case_ = sd_case_list_lookup (list, sd_case_get_case_id (sd_case_thread_get_case (thread)));
  sd_case_list_mark_read (list, case_ != NULL ? case_ : sd_case_thread_get_case (thread));
  if (self->current_case != sd_case_thread_get_case (thread))
    {
      g_set_object (&self->current_case, sd_case_thread_get_case (thread));
      update_rows (self);
    }
}

static void
on_folded_changed (SdCasesWindow *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  adw_header_bar_set_show_end_title_buttons (self->list_header, folded);
  adw_header_bar_set_show_start_title_buttons (self->none_header, folded);
  sd_case_page_set_folded (self->case_page, folded);
}

static void
on_visible_child_changed (SdCasesWindow *self)
{
  /* Swiped back to the list in a folded window. */
  if (adw_leaflet_get_folded (self->leaflet) &&
      adw_leaflet_get_visible_child (self->leaflet) == self->list_pane)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "cases.back", FALSE);
}

static gboolean
on_tick (gpointer user_data)
{
  SdCasesWindow *self = user_data;

  update_title (self);
  update_rows (self);
  return G_SOURCE_CONTINUE;
}

static void
on_factory_setup (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  SdCasesWindow            *self)
{
  GtkWidget *row = sd_case_row_new ();

  gtk_list_item_set_child (item, row);
  sd_live_rows_add (self->rows, row);
}

static void
on_factory_bind (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 SdCasesWindow            *self)
{
  SdCaseRow *row = SD_CASE_ROW (gtk_list_item_get_child (item));
  SdCase *case_ = gtk_list_item_get_item (item);

  sd_case_row_set_case (row, case_);
  sd_case_row_set_current (row, is_current (self, case_));
  /* Together, each case says its account. */
  if (self->all_accounts)
    {
      SdCaseList *list = list_of_case (self, case_);

      sd_case_row_set_account (row, list != NULL ? sd_case_list_get_profile (list) : NULL);
    }
  else
    sd_case_row_set_account (row, NULL);
}

static void
on_factory_unbind (GtkSignalListItemFactory *factory,
                   GtkListItem              *item)
{
  SdCaseRow *row = SD_CASE_ROW (gtk_list_item_get_child (item));

  sd_case_row_set_current (row, FALSE);
  sd_case_row_set_case (row, NULL);
}

static void
on_refresh_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SdCasesWindow *self = SD_CASES_WINDOW (widget);

  sd_case_watcher_reload (self->watcher);
  refresh_list (self);
}

static void
on_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SdCasesWindow *self = SD_CASES_WINDOW (widget);

  if (gtk_search_bar_get_search_mode (self->search_bar) &&
      adw_leaflet_get_visible_child (self->leaflet) == self->list_pane)
    {
      gtk_search_bar_set_search_mode (self->search_bar, FALSE);
      return;
    }
  show_list (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->case_list));
}

static void
on_search_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SdCasesWindow *self = SD_CASES_WINDOW (widget);

  show_list (self);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* F6: the keyboard to the open case's messages (from the list, the search
 * or the case's buttons), without a pointer. */
static void
on_focus_messages_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  SdCasesWindow *self = SD_CASES_WINDOW (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "thread") != 0)
    return;
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->content_stack));
  sd_case_page_focus_messages (self->case_page);
}

static void
on_clear_filters_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  SdCasesWindow *self = SD_CASES_WINDOW (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_drop_down_set_selected (self->filter_dropdown, 0);
}

static void
on_support_center_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  SdCasesWindow *self = SD_CASES_WINDOW (widget);
  const char *region = sd_case_watcher_get_profile_region (self->watcher, self->profile);
  g_autofree char *uri = g_strdup (sd_support_center_create_case_url (region));
  char *create = strstr (uri, "case/create");

  /* The Support Center's list of cases, in the profile's partition. */
  if (create != NULL)
    *create = '\0';
  gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
}

/* "win.attach-file" (s): a path or URI attached to the open case's reply.
 * Also reachable over D-Bus (org.gtk.Actions), for scripts and the tests. */
static void
on_attach_file_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  SdCasesWindow *self = user_data;
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (g_variant_get_string (parameter, NULL));

  sd_case_page_attach_file (self->case_page, file);
}

/* Overrides */

static gboolean
sd_cases_window_close_request (GtkWindow *window)
{
  SdCasesWindow *self = SD_CASES_WINDOW (window);

  g_cancellable_cancel (self->cancellable);
  sd_case_watcher_set_shown_case (self->watcher, NULL, NULL);
  return GTK_WINDOW_CLASS (sd_cases_window_parent_class)->close_request (window);
}

static void
sd_cases_window_dispose (GObject *object)
{
  SdCasesWindow *self = SD_CASES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  if (self->all_lists != NULL)
    disconnect_all_lists (self);
  if (self->watcher != NULL)
    g_signal_handlers_disconnect_by_data (sd_case_watcher_get_profiles (self->watcher), self);
  sd_live_rows_clear (self->rows);
  if (self->threads != NULL)
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, self->threads);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        g_signal_handlers_disconnect_by_data (value, self);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), SD_TYPE_CASES_WINDOW);

  g_clear_pointer (&self->threads, g_hash_table_unref);
  g_clear_object (&self->selection);
  g_clear_object (&self->all_model);
  g_clear_object (&self->all_lists);
  g_clear_object (&self->list);
  g_clear_object (&self->current_case);
  g_clear_object (&self->watcher);

  G_OBJECT_CLASS (sd_cases_window_parent_class)->dispose (object);
}

static void
sd_cases_window_finalize (GObject *object)
{
  SdCasesWindow *self = SD_CASES_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_free (self->profile);
  g_free (self->current_profile);
  g_free (self->search_text);

  G_OBJECT_CLASS (sd_cases_window_parent_class)->finalize (object);
}

static void
sd_cases_window_class_init (SdCasesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = sd_cases_window_dispose;
  object_class->finalize = sd_cases_window_finalize;
  window_class->close_request = sd_cases_window_close_request;

  g_type_ensure (SD_TYPE_CASE_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sesdesk/SesDesk/sd-cases-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SdCasesWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, SdCasesWindow, list_pane);
  gtk_widget_class_bind_template_child (widget_class, SdCasesWindow, list_header);
  gtk_widget_class_bind_template_child (widget_class, SdCasesWindow, list_title);
  gtk_widget_class_bind_template_child (widget_class, SdCasesWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, SdCasesWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, SdCasesWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SdCasesWindow, profile_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SdCasesWindow, account_box);
  gtk_widget_class_bind_template_child (widget_class, SdCasesWindow, all_accounts_button);
  gtk_widget_class_bind_template_child (widget_class, SdCasesWindow, filter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SdCasesWindow, resolved_check);
  gtk_widget_class_bind_template_child (widget_class, SdCasesWindow, message_revealer);
  gtk_widget_class_bind_template_child (widget_class, SdCasesWindow, message_icon);
  gtk_widget_class_bind_template_child (widget_class, SdCasesWindow, message_label);
  gtk_widget_class_bind_template_child (widget_class, SdCasesWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, SdCasesWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, SdCasesWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, SdCasesWindow, problem_page);
  gtk_widget_class_bind_template_child (widget_class, SdCasesWindow, problem_retry_button);
  gtk_widget_class_bind_template_child (widget_class, SdCasesWindow, problem_support_button);
  gtk_widget_class_bind_template_child (widget_class, SdCasesWindow, case_list);
  gtk_widget_class_bind_template_child (widget_class, SdCasesWindow, pane_separator);
  gtk_widget_class_bind_template_child (widget_class, SdCasesWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, SdCasesWindow, none_header);
  gtk_widget_class_bind_template_child (widget_class, SdCasesWindow, case_page);
  gtk_widget_class_bind_template_callback (widget_class, on_all_accounts_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_resolved_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_case_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_folded_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_visible_child_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_page_refreshed);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_setup);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_bind);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_unbind);
  gtk_widget_class_bind_template_callback (widget_class, sd_stack_sync_hidden);

  gtk_widget_class_install_action (widget_class, "cases.refresh", NULL, on_refresh_action);
  gtk_widget_class_install_action (widget_class, "cases.back", NULL, on_back_action);
  gtk_widget_class_install_action (widget_class, "cases.search", NULL, on_search_action);
  gtk_widget_class_install_action (widget_class, "cases.clear-filters", NULL, on_clear_filters_action);
  gtk_widget_class_install_action (widget_class, "cases.focus-messages", NULL, on_focus_messages_action);
  gtk_widget_class_install_action (widget_class, "cases.open-support-center", NULL, on_support_center_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "cases.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "cases.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "cases.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, 0, "cases.focus-messages", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "cases.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
sd_cases_window_init (SdCasesWindow *self)
{
  GtkListItemFactory *factory;
  static const GActionEntry win_actions[] = {
    { "attach-file", on_attach_file_action, "s" },
  };

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->rows = g_ptr_array_new ();
  self->threads = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->filter = SD_CASE_FILTER_ALL;

  /* The separator between the panes is not a place to go back to. */
  g_object_set (adw_leaflet_get_page (self->leaflet, self->pane_separator), "navigatable", FALSE, NULL);

  self->selection = gtk_no_selection_new (NULL);
  self->all_lists = g_list_store_new (SD_TYPE_CASE_LIST);
  self->all_model = gtk_sort_list_model_new (
    G_LIST_MODEL (gtk_flatten_list_model_new (G_LIST_MODEL (g_object_ref (self->all_lists)))),
    GTK_SORTER (gtk_custom_sorter_new (compare_activity, NULL, NULL)));
  gtk_list_view_set_model (self->case_list, GTK_SELECTION_MODEL (self->selection));

  /* In code, not in the template: the drop-down sets its button's row up
   * as soon as it has a factory, before a template's handlers are connected. */
  factory = sd_string_label_factory_new (28);
  gtk_drop_down_set_factory (self->profile_dropdown, factory);
  g_object_unref (factory);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, self->list_pane);

  on_folded_changed (self);

  sd_stack_sync_hidden (self->list_stack);
  sd_stack_sync_hidden (self->content_stack);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cases.back", FALSE);

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions, G_N_ELEMENTS (win_actions), self);

  self->tick_id = g_timeout_add_seconds (TICK_SECONDS, on_tick, self);
}

/* Public API */

void
sd_cases_window_present (GtkApplication *application,
                         const char     *profile,
                         const char     *case_id)
{
  GList *windows = gtk_application_get_windows (application);
  SdCasesWindow *self = NULL;

  for (GList *l = windows; l != NULL; l = l->next)
    if (SD_IS_CASES_WINDOW (l->data))
      self = l->data;
  if (self == NULL)
    {
      self = g_object_new (SD_TYPE_CASES_WINDOW, "application", application, NULL);
      self->watcher = g_object_ref (sd_case_watcher_get_for_application (G_APPLICATION (application)));
      gtk_drop_down_set_model (self->profile_dropdown, sd_case_watcher_get_profiles (self->watcher));
      g_signal_connect_swapped (self->profile_dropdown, "notify::selected",
                                G_CALLBACK (on_profile_selected), self);
      g_signal_connect_swapped (sd_case_watcher_get_profiles (self->watcher), "items-changed",
                                G_CALLBACK (on_profiles_changed), self);
      update_profile_switcher (self);
      if (profile == NULL)
        update_profiles (self);
    }

  if (profile != NULL)
    {
      select_profile (self, profile);
      if (self->list == NULL)
        update_profiles (self);
    }

  if (case_id != NULL && *case_id != '\0' && self->profile != NULL)
    {
      SdCase *case_ = self->list != NULL ? sd_case_list_lookup (self->list, case_id) : NULL;

      open_case (self, self->profile, case_, case_ != NULL ? NULL : case_id);
    }
  gtk_window_present (GTK_WINDOW (self));
}
