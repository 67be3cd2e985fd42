/* sd-request-result-list.c — a request's outbox entries, one row per region, as they move on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sd-outbox-entry.h"
#include "sd-outbox-row.h"
#include "sd-request-result-list.h"

struct _SdRequestResultList
{
  AdwBin              parent_instance;

  GtkFilterListModel *result_model;       /* owned, nullable; this request's outbox entries */
  char               *request_id;         /* owned, nullable */

  /* Template widgets */
  GtkListBox         *result_list;
};

G_DEFINE_FINAL_TYPE (SdRequestResultList, sd_request_result_list, ADW_TYPE_BIN)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Auxiliary functions */

static gboolean
filter_own_entries (gpointer item,
                    gpointer user_data)
{
  SdRequestResultList *self = user_data;

  return g_strcmp0 (sd_outbox_entry_get_request_id (SD_OUTBOX_ENTRY (item)), self->request_id) == 0;
}

static GtkWidget *
create_result_row (gpointer item,
                   gpointer user_data)
{
  GtkWidget *row = sd_outbox_row_new (SD_OUTBOX_ENTRY (item));

  sd_outbox_row_set_compact (SD_OUTBOX_ROW (row), TRUE);
  return row;
}

/* Callbacks */

static void
on_entry_state (SdRequestResultList *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
on_result_items_changed (SdRequestResultList *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->result_model));

  /* Each entry moves on by itself (reconciled later, answered): follow it. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdOutboxEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->result_model), i);

      g_signal_handlers_disconnect_by_data (entry, self);
      g_signal_connect_object (entry, "notify::state", G_CALLBACK (on_entry_state), self, G_CONNECT_SWAPPED);
    }
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* Overrides */

static void
sd_request_result_list_dispose (GObject *object)
{
  SdRequestResultList *self = SD_REQUEST_RESULT_LIST (object);

  if (self->result_model != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->result_model));

      g_signal_handlers_disconnect_by_data (self->result_model, self);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GObject) entry = g_list_model_get_item (G_LIST_MODEL (self->result_model), i);

          g_signal_handlers_disconnect_by_data (entry, self);
        }
    }
  g_clear_object (&self->result_model);

  G_OBJECT_CLASS (sd_request_result_list_parent_class)->dispose (object);
}

static void
sd_request_result_list_finalize (GObject *object)
{
  SdRequestResultList *self = SD_REQUEST_RESULT_LIST (object);

  g_free (self->request_id);

  G_OBJECT_CLASS (sd_request_result_list_parent_class)->finalize (object);
}

static void
sd_request_result_list_class_init (SdRequestResultListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sd_request_result_list_dispose;
  object_class->finalize = sd_request_result_list_finalize;

  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sesdesk/SesDesk/sd-request-result-list.ui");
  gtk_widget_class_bind_template_child (widget_class, SdRequestResultList, result_list);
}

static void
sd_request_result_list_init (SdRequestResultList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

void
sd_request_result_list_set_request_id (SdRequestResultList *self,
                                       const char          *request_id)
{
  g_return_if_fail (SD_IS_REQUEST_RESULT_LIST (self));

  g_free (self->request_id);
  self->request_id = g_strdup (request_id);
}

void
sd_request_result_list_follow (SdRequestResultList *self,
                               GListModel          *entries)
{
  GtkCustomFilter *filter;

  g_return_if_fail (SD_IS_REQUEST_RESULT_LIST (self));
  g_return_if_fail (G_IS_LIST_MODEL (entries));

  if (self->result_model != NULL)
    return;
  filter = gtk_custom_filter_new (filter_own_entries, self, NULL);
  self->result_model = gtk_filter_list_model_new (g_object_ref (entries), GTK_FILTER (filter));
  gtk_list_box_bind_model (self->result_list, G_LIST_MODEL (self->result_model), create_result_row, NULL, NULL);
  g_signal_connect_swapped (self->result_model, "items-changed", G_CALLBACK (on_result_items_changed), self);
}

GListModel *
sd_request_result_list_get_entries (SdRequestResultList *self)
{
  g_return_val_if_fail (SD_IS_REQUEST_RESULT_LIST (self), NULL);

  return G_LIST_MODEL (self->result_model);
}
