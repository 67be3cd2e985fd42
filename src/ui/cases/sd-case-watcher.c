/* sd-case-watcher.c — every account's case list, checked in the background
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "sd-account.h"
#include "sd-account-store.h"
#include "sd-aws-config.h"
#include "sd-aws-endpoints.h"
#include "sd-case-list-known.h"
#include "sd-case-watcher.h"
#include "sd-settings.h"
#include "sd-safe-text.h"

/* The first check waits for the dashboard's start-up requests to be done. */
#define FIRST_CHECK_DELAY_S 20
#define DATA_KEY "sd-case-watcher"

struct _SdCaseWatcher
{
  GObject         parent_instance;

  GApplication   *application;  /* unowned: it owns the watcher */
  SdAwsClient    *client;       /* owned, nullable until the first reload */
  SdAccountStore *store;        /* owned */
  GtkStringList  *profiles;     /* owned */
  GHashTable     *regions;      /* owned: profile → home region */
  GHashTable     *lists;        /* owned: profile → SdCaseList */
  GHashTable     *discovered;   /* owned: profiles whose known cases were looked for */
  GSettings      *settings;     /* owned, nullable: without the schema, the defaults */
  GCancellable   *cancellable;  /* owned */
  char           *shown_profile;
  char           *shown_case_id;
  guint           timeout_id;
  gboolean        started;
};

G_DEFINE_FINAL_TYPE (SdCaseWatcher, sd_case_watcher, G_TYPE_OBJECT)

typedef struct {
  SdCaseWatcher *self;     /* owned */
  char          *profile;
} CheckData;

static void schedule (SdCaseWatcher *self,
                      guint          delay_s);

/* Auxiliary functions */

static void
check_data_free (CheckData *data)
{
  g_object_unref (data->self);
  g_free (data->profile);
  g_free (data);
}

static guint
interval_seconds (SdCaseWatcher *self)
{
  return sd_settings_refresh_seconds (self->settings);
}

static char *
notification_id (const char *profile,
                 const char *case_id)
{
  return g_strdup_printf ("case-%s-%s", profile, case_id);
}

static gboolean
is_shown (SdCaseWatcher *self,
          const char    *profile,
          SdCase        *case_)
{
  GtkWindow *window;

  if (self->shown_case_id == NULL || g_strcmp0 (self->shown_profile, profile) != 0 ||
      !sd_case_has_id (case_, self->shown_case_id))
    return FALSE;
  /* On screen only if the user can see it. */
  window = GTK_IS_APPLICATION (self->application)
             ? gtk_application_get_active_window (GTK_APPLICATION (self->application)) : NULL;
  return window != NULL && gtk_window_is_active (window);
}

static void
send_notification (SdCaseWatcher *self,
                   const char    *profile,
                   SdCase        *case_)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *id = NULL;

  if (self->settings != NULL && !g_settings_get_boolean (self->settings, "notifications"))
    return;
  if (is_shown (self, profile, case_))
    return;

  subject = sd_text_safe_line (sd_case_get_subject (case_) != NULL ? sd_case_get_subject (case_)
                                                                    : sd_case_get_label_id (case_),
                               -1, 100);
  /* Translators: a notification's title; %s is the case's subject */
  title = g_strdup_printf (_("AWS answered: %s"), subject);
  /* Translators: a notification's body: the case number and the account (profile) */
  body = g_strdup_printf (_("Case %s · account %s"), sd_case_get_label_id (case_), profile);

  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_default_action_and_target_value (notification, "app.show-case",
                                                      g_variant_new ("(ss)", profile,
                                                                     sd_case_get_case_id (case_)));
  id = notification_id (profile, sd_case_get_case_id (case_));
  g_application_send_notification (self->application, id, notification);
}

static void
update_profiles (SdCaseWatcher *self,
                 GPtrArray     *profiles)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->profiles));
  gboolean same = n == profiles->len;

  for (guint i = 0; same && i < n; i++)
    same = g_strcmp0 (gtk_string_list_get_string (self->profiles, i),
                      g_ptr_array_index (profiles, i)) == 0;
  if (same)
    return;

  /* Lists of profiles gone are dropped (a window showing one keeps its reference). */
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, self->lists);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      if (!g_ptr_array_find_with_equal_func (profiles, key, g_str_equal, NULL))
        g_hash_table_iter_remove (&iter);
  }
  g_ptr_array_add (profiles, NULL);
  gtk_string_list_splice (self->profiles, 0, n, (const char * const *) profiles->pdata);
  g_ptr_array_remove_index (profiles, profiles->len - 1);
}

/* Callbacks */

static void
on_checked (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  CheckData *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) fresh = NULL;

  fresh = sd_case_list_check_new_messages_finish (SD_CASE_LIST (source), result, &error);
  if (fresh == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Checking the cases of %s failed: %s", data->profile, error->message);
    }
  else
    {
      for (guint i = 0; i < fresh->len; i++)
        send_notification (data->self, data->profile, g_ptr_array_index (fresh, i));
    }
  check_data_free (data);
}

static gboolean
on_timeout (gpointer user_data)
{
  SdCaseWatcher *self = user_data;

  self->timeout_id = 0;
  sd_case_watcher_check_now (self);
  schedule (self, interval_seconds (self));
  return G_SOURCE_REMOVE;
}

static void
on_interval_changed (SdCaseWatcher *self)
{
  schedule (self, interval_seconds (self));
}

static void
on_check_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  sd_case_watcher_check_now (SD_CASE_WATCHER (user_data));
}

static void
on_discovered (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  int found = sd_case_list_discover_known_finish (SD_CASE_LIST (source), result, &error);

  if (found < 0 && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Looking for the cases of %s's requests failed: %s",
             sd_case_list_get_profile (SD_CASE_LIST (source)), error->message);
}

static void
on_store_loaded (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SdCaseWatcher) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!sd_account_store_load_finish (SD_ACCOUNT_STORE (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Accounts added in the app are not available for cases: %s", error->message);
      return;
    }
  if (self->client != NULL)
    sd_account_store_apply (self->store, self->client);
}

static void
on_store_items_changed (SdCaseWatcher *self)
{
  sd_case_watcher_reload (self);
}

/* Overrides */

static void
sd_case_watcher_dispose (GObject *object)
{
  SdCaseWatcher *self = SD_CASE_WATCHER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (sd_account_store_get_accounts (self->store), self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_pointer (&self->lists, g_hash_table_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->client);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sd_case_watcher_parent_class)->dispose (object);
}

static void
sd_case_watcher_finalize (GObject *object)
{
  SdCaseWatcher *self = SD_CASE_WATCHER (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->profiles);
  g_clear_pointer (&self->regions, g_hash_table_unref);
  g_clear_pointer (&self->discovered, g_hash_table_unref);
  g_free (self->shown_profile);
  g_free (self->shown_case_id);

  G_OBJECT_CLASS (sd_case_watcher_parent_class)->finalize (object);
}

static void
sd_case_watcher_class_init (SdCaseWatcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sd_case_watcher_dispose;
  object_class->finalize = sd_case_watcher_finalize;
}

static void
sd_case_watcher_init (SdCaseWatcher *self)
{
  self->cancellable = g_cancellable_new ();
  self->profiles = gtk_string_list_new (NULL);
  self->regions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->lists = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->discovered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->settings = sd_settings_new ();
  if (self->settings != NULL)
    g_signal_connect_swapped (self->settings, "changed::refresh-interval",
                              G_CALLBACK (on_interval_changed), self);
}

static void
schedule (SdCaseWatcher *self,
          guint          delay_s)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (!self->started || interval_seconds (self) == 0)
    return;
  self->timeout_id = g_timeout_add_seconds (MAX (delay_s, 1), on_timeout, self);
}

/* Public API */

SdCaseWatcher *
sd_case_watcher_get_for_application (GApplication *application)
{
  SdCaseWatcher *self;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);

  self = g_object_get_data (G_OBJECT (application), DATA_KEY);
  if (self != NULL)
    return self;

  self = g_object_new (SD_TYPE_CASE_WATCHER, NULL);
  self->application = application;
  g_object_set_data_full (G_OBJECT (application), DATA_KEY, self, g_object_unref);

  self->store = sd_account_store_new ();
  g_signal_connect_swapped (sd_account_store_get_accounts (self->store), "items-changed",
                            G_CALLBACK (on_store_items_changed), self);
  sd_case_watcher_reload (self);
  sd_account_store_load_async (self->store, self->cancellable, on_store_loaded, g_object_ref (self));
  return self;
}

void
sd_case_watcher_start (GApplication *application)
{
  SdCaseWatcher *self = sd_case_watcher_get_for_application (application);
  g_autoptr(GSimpleAction) action = NULL;

  if (self->started)
    return;
  self->started = TRUE;

  action = g_simple_action_new ("check-cases", NULL);
  g_signal_connect (action, "activate", G_CALLBACK (on_check_action), self);
  g_action_map_add_action (G_ACTION_MAP (application), G_ACTION (action));

  schedule (self, MIN (FIRST_CHECK_DELAY_S, interval_seconds (self)));
}

GListModel *
sd_case_watcher_get_profiles (SdCaseWatcher *self)
{
  g_return_val_if_fail (SD_IS_CASE_WATCHER (self), NULL);
  return G_LIST_MODEL (self->profiles);
}

void
sd_case_watcher_reload (SdCaseWatcher *self)
{
  g_autoptr(SdAwsConfig) config = NULL;
  g_autoptr(GListModel) accounts = NULL;
  g_autoptr(GPtrArray) profiles = g_ptr_array_new_with_free_func (g_free);
  GListModel *added;
  gboolean changed;

  g_return_if_fail (SD_IS_CASE_WATCHER (self));

  config = sd_aws_config_load (NULL, NULL);
  accounts = sd_account_list_from_config (config);
  added = sd_account_store_get_accounts (self->store);

  g_hash_table_remove_all (self->regions);
  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(SdAccount) account = g_list_model_get_item (accounts, i);
      const char *profile = sd_account_get_profile (account);
      const char *region = sd_aws_config_get_region (config, profile);

      g_ptr_array_add (profiles, g_strdup (profile));
      if (region != NULL)
        g_hash_table_insert (self->regions, g_strdup (profile), g_strdup (region));
    }
  for (guint i = 0; added != NULL && i < g_list_model_get_n_items (added); i++)
    {
      g_autoptr(SdAccount) account = g_list_model_get_item (added, i);
      const char *profile = sd_account_get_profile (account);

      /* A profile of the shared files wins over an added account of the same name. */
      if (g_ptr_array_find_with_equal_func (profiles, profile, g_str_equal, NULL))
        continue;
      g_ptr_array_add (profiles, g_strdup (profile));
      if (sd_account_get_region (account) != NULL)
        g_hash_table_insert (self->regions, g_strdup (profile), g_strdup (sd_account_get_region (account)));
    }

  changed = self->client == NULL ||
            g_list_model_get_n_items (G_LIST_MODEL (self->profiles)) != profiles->len;
  for (guint i = 0; !changed && i < profiles->len; i++)
    changed = g_strcmp0 (gtk_string_list_get_string (self->profiles, i),
                         g_ptr_array_index (profiles, i)) != 0;
  if (changed)
    {
      /* New lists use a client over the files as they are now; the lists
       * of unchanged profiles keep theirs (and what they show). */
      g_clear_object (&self->client);
      self->client = sd_aws_client_new (config);
      sd_account_store_apply (self->store, self->client);
      update_profiles (self, profiles);
    }
}

SdCaseList *
sd_case_watcher_get_list (SdCaseWatcher *self,
                          const char    *profile)
{
  SdCaseList *list;
  gboolean known = FALSE;

  g_return_val_if_fail (SD_IS_CASE_WATCHER (self), NULL);

  if (profile == NULL)
    return NULL;
  list = g_hash_table_lookup (self->lists, profile);
  if (list != NULL)
    return list;
  for (guint i = 0; !known && i < g_list_model_get_n_items (G_LIST_MODEL (self->profiles)); i++)
    known = g_strcmp0 (gtk_string_list_get_string (self->profiles, i), profile) == 0;
  if (!known || self->client == NULL)
    return NULL;

  list = sd_case_list_new (self->client, profile, NULL);
  g_hash_table_insert (self->lists, g_strdup (profile), list);
  return list;
}

const char *
sd_case_watcher_get_profile_region (SdCaseWatcher *self,
                                    const char    *profile)
{
  g_return_val_if_fail (SD_IS_CASE_WATCHER (self), NULL);
  return profile != NULL ? g_hash_table_lookup (self->regions, profile) : NULL;
}

void
sd_case_watcher_discover_known (SdCaseWatcher *self,
                                const char    *profile)
{
  SdCaseList *list;
  const char *region;
  const SdAwsPartition *partition;

  g_return_if_fail (SD_IS_CASE_WATCHER (self));

  list = sd_case_watcher_get_list (self, profile);
  if (list == NULL || g_hash_table_contains (self->discovered, profile))
    return;
  g_hash_table_add (self->discovered, g_strdup (profile));

  region = sd_case_watcher_get_profile_region (self, profile);
  partition = sd_aws_partition_for_region (region != NULL ? region : "us-east-1");
  if (partition == NULL)
    partition = sd_aws_partition_for_region ("us-east-1");
  sd_case_list_discover_known_async (list, sd_aws_ses_regions (partition), self->cancellable,
                                     on_discovered, NULL);
}

void
sd_case_watcher_check_now (SdCaseWatcher *self)
{
  g_return_if_fail (SD_IS_CASE_WATCHER (self));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->profiles)); i++)
    {
      const char *profile = gtk_string_list_get_string (self->profiles, i);
      SdCaseList *list = sd_case_watcher_get_list (self, profile);
      CheckData *data;

      /* Without a support plan every check would fail the same way. */
      if (list == NULL || sd_case_list_get_state (list) == SD_CASE_LIST_STATE_NO_SUPPORT_PLAN)
        continue;
      data = g_new0 (CheckData, 1);
      data->self = g_object_ref (self);
      data->profile = g_strdup (profile);
      sd_case_list_check_new_messages_async (list, self->cancellable, on_checked, data);
    }
}

void
sd_case_watcher_set_shown_case (SdCaseWatcher *self,
                                const char    *profile,
                                const char    *case_id)
{
  g_return_if_fail (SD_IS_CASE_WATCHER (self));

  g_free (self->shown_profile);
  g_free (self->shown_case_id);
  self->shown_profile = g_strdup (profile);
  self->shown_case_id = g_strdup (case_id);
  if (profile != NULL && case_id != NULL)
    {
      g_autofree char *id = notification_id (profile, case_id);

      g_application_withdraw_notification (self->application, id);
    }
}
