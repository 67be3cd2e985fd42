/* sd-request-manager.c — the application's outbox and drafts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sd-request-manager.h"
#include "sd-settings.h"

/* Several regions of one request change at once: load the dashboard once. */
#define REFRESH_DELAY_MS 800
/* Regions end loading one after the other: read the quota requests once after. */
#define TRACK_DELAY_MS 1500

struct _SdRequestManager
{
  GObject           parent_instance;

  GtkApplication   *application;     /* unowned; owns us */
  SdAwsClient      *client;          /* owned, nullable */
  GListModel       *regions;         /* owned, nullable */
  SdOutbox         *outbox;          /* owned, nullable */
  SdDraftStore     *drafts;          /* owned */
  GListStore       *models;          /* owned; holds the outbox's entries model, or nothing */
  GtkFlattenListModel *entries;      /* owned */
  char             *journal_problem; /* owned, nullable */
  GSettings        *settings;        /* owned, nullable: no schema installed */
  guint             refresh_id;
  guint             track_id;        /* reads the open quota requests again */
  gboolean          held;            /* the application is held while a send is in flight */
  gboolean          swap_pending;    /* a new client waits for the outbox to be idle */
};

G_DEFINE_FINAL_TYPE (SdRequestManager, sd_request_manager, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_OUTBOX,
  PROP_CLIENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void on_outbox_busy (SdRequestManager *self);

/* Auxiliary functions */

static void
on_reconciled (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  guint uncertain = sd_outbox_reconcile_finish (SD_OUTBOX (source), result, &error);

  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Reconciling the outbox: %s", error->message);
  else if (uncertain > 0)
    g_message ("%u outbox entries are still uncertain; they are checked again later", uncertain);
}

static void
on_region_changed (SdRequestManager *self,
                   const char       *profile,
                   const char       *region)
{
  sd_request_manager_schedule_refresh (self);
}

static void
drop_outbox (SdRequestManager *self)
{
  if (self->outbox == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->outbox, self);
  sd_outbox_close (self->outbox);
  g_list_store_remove_all (self->models);
  g_clear_object (&self->outbox);
}

/* A new outbox over the journal, with the current client; what the journal
 * left unfinished is reconciled with AWS before anything else. */
static void
make_outbox (SdRequestManager *self)
{
  g_autoptr(GError) error = NULL;

  drop_outbox (self);
  self->outbox = sd_outbox_new (self->client, NULL, &error);
  g_clear_pointer (&self->journal_problem, g_free);
  if (error != NULL)
    {
      /* The journal was kept aside; the outbox starts empty but works. */
      self->journal_problem = g_strdup (error->message);
      g_warning ("Outbox journal: %s", error->message);
    }
  if (self->outbox == NULL)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTBOX]);
      return;
    }
  sd_outbox_set_draft_store (self->outbox, self->drafts);
  g_signal_connect_object (self->outbox, "region-changed", G_CALLBACK (on_region_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->outbox, "notify::busy", G_CALLBACK (on_outbox_busy), self,
                           G_CONNECT_SWAPPED);
  g_list_store_append (self->models, sd_outbox_get_entries (self->outbox));
  sd_outbox_reconcile_async (self->outbox, NULL, NULL, on_reconciled, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTBOX]);
  on_outbox_busy (self);
}

static gboolean
on_refresh_timeout (gpointer user_data)
{
  SdRequestManager *self = user_data;
  GList *windows;

  self->refresh_id = 0;
  if (self->application == NULL)
    return G_SOURCE_REMOVE;
  windows = gtk_application_get_windows (self->application);
  /* The main window refreshes its dashboard; other windows have no such action. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_widget_activate_action (GTK_WIDGET (l->data), "win.refresh", NULL);
  return G_SOURCE_REMOVE;
}

static gboolean
on_track_timeout (gpointer user_data)
{
  SdRequestManager *self = user_data;

  self->track_id = 0;
  if (self->outbox != NULL)
    {
      sd_outbox_track_quota_requests (self->outbox);
      sd_outbox_find_submitted (self->outbox);
    }
  return G_SOURCE_REMOVE;
}

/* Back from the browser: the case made in the Support Center may be there now. */
static void
on_window_active (SdRequestManager *self,
                  GParamSpec       *pspec,
                  GtkWindow        *window)
{
  if (self->outbox != NULL && gtk_window_is_active (window))
    sd_outbox_find_submitted (self->outbox);
}

static void
on_window_added (SdRequestManager *self,
                 GtkWindow        *window)
{
  g_signal_connect_object (window, "notify::is-active", G_CALLBACK (on_window_active), self, G_CONNECT_SWAPPED);
}

/* Whenever the dashboard has read a region again, so are the quota requests
 * sent from SES Desk that AWS has not settled yet: their status and case follow. */
static void
on_region_loading (SdRequestManager *self,
                   GParamSpec       *pspec,
                   SdRegionStatus   *status)
{
  if (sd_region_status_get_loading (status))
    return;
  g_clear_handle_id (&self->track_id, g_source_remove);
  self->track_id = g_timeout_add (TRACK_DELAY_MS, on_track_timeout, self);
}

static void
on_regions_changed (GListModel       *regions,
                    guint             position,
                    guint             removed,
                    guint             added,
                    SdRequestManager *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(SdRegionStatus) status = g_list_model_get_item (regions, i);

      g_signal_connect_object (status, "notify::loading", G_CALLBACK (on_region_loading), self, G_CONNECT_SWAPPED);
    }
}

/* Callbacks */

/* A send in flight finishes even when the last window closes; a new client
 * waits until the outbox is idle. */
static void
on_outbox_busy (SdRequestManager *self)
{
  gboolean busy = self->outbox != NULL && sd_outbox_get_busy (self->outbox);

  if (busy && !self->held && self->application != NULL)
    {
      g_application_hold (G_APPLICATION (self->application));
      self->held = TRUE;
    }
  else if (!busy && self->held)
    {
      self->held = FALSE;
      if (self->application != NULL)
        g_application_release (G_APPLICATION (self->application));
    }
  if (!busy && self->swap_pending)
    {
      self->swap_pending = FALSE;
      make_outbox (self);
    }
}

static void
on_shutdown (SdRequestManager *self)
{
  g_autoptr(GError) error = NULL;

  /* What the user typed last reaches the disk; scheduled reconciliations
   * run again at the next start. */
  if (!sd_draft_store_flush (self->drafts, &error))
    g_warning ("Drafts could not be saved: %s", error->message);
  if (self->outbox != NULL)
    sd_outbox_close (self->outbox);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->track_id, g_source_remove);
}

static void
on_application_finalized (gpointer  user_data,
                          GObject  *application)
{
  SdRequestManager *self = user_data;

  self->application = NULL;
}

/* Overrides */

static void
sd_request_manager_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SdRequestManager *self = SD_REQUEST_MANAGER (object);

  switch (prop_id)
    {
    case PROP_OUTBOX:
      g_value_set_object (value, self->outbox);
      break;
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_request_manager_dispose (GObject *object)
{
  SdRequestManager *self = SD_REQUEST_MANAGER (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->track_id, g_source_remove);
  drop_outbox (self);
  if (self->application != NULL)
    {
      g_object_weak_unref (G_OBJECT (self->application), on_application_finalized, self);
      self->application = NULL;
    }
  g_clear_object (&self->client);
  g_clear_object (&self->regions);

  G_OBJECT_CLASS (sd_request_manager_parent_class)->dispose (object);
}

static void
sd_request_manager_finalize (GObject *object)
{
  SdRequestManager *self = SD_REQUEST_MANAGER (object);

  g_clear_object (&self->entries);
  g_clear_object (&self->drafts);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->journal_problem, g_free);

  G_OBJECT_CLASS (sd_request_manager_parent_class)->finalize (object);
}

static void
sd_request_manager_class_init (SdRequestManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = sd_request_manager_get_property;
  object_class->dispose = sd_request_manager_dispose;
  object_class->finalize = sd_request_manager_finalize;

  properties[PROP_OUTBOX] =
    g_param_spec_object ("outbox", NULL, NULL, SD_TYPE_OUTBOX,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, SD_TYPE_AWS_CLIENT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sd_request_manager_init (SdRequestManager *self)
{
  self->drafts = sd_draft_store_new (NULL);
  self->settings = sd_settings_new ();
  self->models = g_list_store_new (G_TYPE_LIST_MODEL);
  /* The flatten model owns the store; the manager keeps a pointer. */
  self->entries = gtk_flatten_list_model_new (G_LIST_MODEL (self->models));
}

/* Public API */

SdRequestManager *
sd_request_manager_get (GtkApplication *application)
{
  SdRequestManager *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);

  self = g_object_get_data (G_OBJECT (application), "sd-request-manager");
  if (self != NULL)
    return self;

  self = g_object_new (SD_TYPE_REQUEST_MANAGER, NULL);
  self->application = application;
  g_object_weak_ref (G_OBJECT (application), on_application_finalized, self);
  g_object_set_data_full (G_OBJECT (application), "sd-request-manager", self, g_object_unref);

  g_signal_connect_object (application, "shutdown", G_CALLBACK (on_shutdown), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (application, "window-added", G_CALLBACK (on_window_added), self, G_CONNECT_SWAPPED);
  for (GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
    on_window_added (self, l->data);
  return self;
}

const char *
sd_request_manager_get_support_language (SdRequestManager *self)
{
  g_autofree char *setting = NULL;

  g_return_val_if_fail (SD_IS_REQUEST_MANAGER (self), "en");

  if (self->settings != NULL)
    setting = g_settings_get_string (self->settings, "support-language");
  return sd_request_resolve_support_language (setting);
}

SdRequestManager *
sd_request_manager_from_widget (GtkWidget *widget)
{
  GtkRoot *root;
  GtkApplication *application;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  root = gtk_widget_get_root (widget);
  if (!GTK_IS_WINDOW (root))
    return NULL;
  application = gtk_window_get_application (GTK_WINDOW (root));
  /* Dialogs are transient for the main window without being part of the application. */
  if (application == NULL && gtk_window_get_transient_for (GTK_WINDOW (root)) != NULL)
    application = gtk_window_get_application (gtk_window_get_transient_for (GTK_WINDOW (root)));
  if (application == NULL)
    application = GTK_APPLICATION (g_application_get_default ());
  return application != NULL ? sd_request_manager_get (application) : NULL;
}

void
sd_request_manager_set_dashboard (SdRequestManager *self,
                                  SdAwsClient      *client,
                                  GListModel       *regions)
{
  g_return_if_fail (SD_IS_REQUEST_MANAGER (self));
  g_return_if_fail (SD_IS_AWS_CLIENT (client));

  if (self->regions != regions)
    {
      if (self->regions != NULL)
        g_signal_handlers_disconnect_by_func (self->regions, on_regions_changed, self);
      g_set_object (&self->regions, regions);
      if (regions != NULL)
        {
          g_signal_connect_object (regions, "items-changed", G_CALLBACK (on_regions_changed), self, 0);
          on_regions_changed (regions, 0, 0, g_list_model_get_n_items (regions), self);
        }
    }
  if (self->client == client)
    return;
  g_set_object (&self->client, client);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);

  /* The outbox keeps its client for life: a new client gets a new outbox
   * over the same journal, once nothing is in flight. */
  if (self->outbox == NULL || !sd_outbox_get_busy (self->outbox))
    make_outbox (self);
  else
    self->swap_pending = TRUE;
}

SdAwsClient *
sd_request_manager_get_client (SdRequestManager *self)
{
  g_return_val_if_fail (SD_IS_REQUEST_MANAGER (self), NULL);
  return self->client;
}

SdOutbox *
sd_request_manager_get_outbox (SdRequestManager *self)
{
  g_return_val_if_fail (SD_IS_REQUEST_MANAGER (self), NULL);
  return self->outbox;
}

SdDraftStore *
sd_request_manager_get_drafts (SdRequestManager *self)
{
  g_return_val_if_fail (SD_IS_REQUEST_MANAGER (self), NULL);
  return self->drafts;
}

GListModel *
sd_request_manager_get_entries (SdRequestManager *self)
{
  g_return_val_if_fail (SD_IS_REQUEST_MANAGER (self), NULL);
  return G_LIST_MODEL (self->entries);
}

GListModel *
sd_request_manager_get_regions (SdRequestManager *self)
{
  g_return_val_if_fail (SD_IS_REQUEST_MANAGER (self), NULL);
  return self->regions;
}

SdRegionStatus *
sd_request_manager_find_region (SdRequestManager *self,
                                const char       *profile,
                                const char       *region)
{
  guint n;

  g_return_val_if_fail (SD_IS_REQUEST_MANAGER (self), NULL);

  n = self->regions != NULL ? g_list_model_get_n_items (self->regions) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdRegionStatus) status = g_list_model_get_item (self->regions, i);

      if (g_strcmp0 (sd_region_status_get_profile (status), profile) == 0 &&
          g_strcmp0 (sd_region_status_get_region (status), region) == 0)
        return status;
    }
  return NULL;
}

const char *
sd_request_manager_get_journal_problem (SdRequestManager *self)
{
  g_return_val_if_fail (SD_IS_REQUEST_MANAGER (self), NULL);
  return self->journal_problem;
}

void
sd_request_manager_schedule_refresh (SdRequestManager *self)
{
  g_return_if_fail (SD_IS_REQUEST_MANAGER (self));

  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add (REFRESH_DELAY_MS, on_refresh_timeout, self);
}
