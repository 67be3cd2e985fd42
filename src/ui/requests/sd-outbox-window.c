/* sd-outbox-window.c — the Requests window: what was sent, how it stands, drafts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sd-outbox-row.h"
#include "sd-outbox-window.h"
#include "sd-request-util.h"

struct _SdOutboxWindow
{
  AdwWindow          parent_instance;

  SdRequestManager  *manager;        /* owned */
  guint              drafts_idle_id;

  /* Template widgets */
  GtkStack          *stack;
  GtkLabel          *problem_label;
  GtkWidget         *drafts_group;
  GtkListBox        *drafts_list;
  GtkWidget         *entries_group;
  GtkListBox        *entries_list;
};

G_DEFINE_FINAL_TYPE (SdOutboxWindow, sd_outbox_window, ADW_TYPE_WINDOW)

/* Auxiliary functions */

static char *
describe_draft (SdRequest *request)
{
  const char * const *regions = sd_request_get_regions (request);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GDateTime) modified = g_date_time_new_from_unix_local (sd_request_get_modified (request));

  for (guint i = 0; regions != NULL && regions[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, sd_request_util_region_name (regions[i]));
    }
  if (text->len == 0)
    g_string_append (text, _("No region chosen"));
  if (sd_request_get_profile (request) != NULL)
    g_string_append_printf (text, " · %s", sd_request_get_profile (request));
  if (modified != NULL)
    {
      g_autofree char *when = g_date_time_format (modified, "%x %R");

      /* Translators: when a draft was last changed */
      g_string_append_printf (text, " · ");
      g_string_append_printf (text, _("changed %s"), when);
    }
  return g_strdup (text->str);
}

static void
update_view (SdOutboxWindow *self)
{
  GListModel *entries = sd_request_manager_get_entries (self->manager);
  gboolean has_entries = g_list_model_get_n_items (entries) > 0;
  gboolean has_drafts = gtk_widget_get_first_child (GTK_WIDGET (self->drafts_list)) != NULL;
  const char *problem = sd_request_manager_get_journal_problem (self->manager);

  gtk_widget_set_visible (self->entries_group, has_entries);
  gtk_widget_set_visible (self->drafts_group, has_drafts);
  gtk_label_set_label (self->problem_label, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), problem != NULL);
  gtk_stack_set_visible_child_name (self->stack, has_entries || has_drafts || problem != NULL ? "list" : "empty");
}

static void on_continue_clicked (GtkButton *button, SdOutboxWindow *self);
static void on_discard_clicked (GtkButton *button, SdOutboxWindow *self);

static void
reload_drafts (SdOutboxWindow *self)
{
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->drafts_list))) != NULL)
    gtk_list_box_remove (self->drafts_list, child);

  drafts = sd_draft_store_load_all (sd_request_manager_get_drafts (self->manager), NULL, &error);
  if (drafts == NULL)
    {
      g_message ("Drafts could not be read: %s", error->message);
      update_view (self);
      return;
    }
  for (guint i = 0; i < drafts->len; i++)
    {
      SdRequest *request = g_ptr_array_index (drafts, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *open = gtk_button_new_with_label (_("Continue"));
      GtkWidget *discard = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *subtitle = describe_draft (request);
      g_autofree char *discard_label = NULL;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     sd_request_kind_get_title (sd_request_get_kind (request)));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

      gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (open), "request", g_object_ref (request), g_object_unref);
      g_signal_connect (open, "clicked", G_CALLBACK (on_continue_clicked), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), open);

      gtk_widget_set_valign (discard, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (discard, "flat");
      gtk_widget_set_tooltip_text (discard, _("Discard Draft"));
      /* Translators: for screen readers; %s is the request's title */
      discard_label = g_strdup_printf (_("Discard draft: %s"), sd_request_kind_get_title (sd_request_get_kind (request)));
      gtk_accessible_update_property (GTK_ACCESSIBLE (discard), GTK_ACCESSIBLE_PROPERTY_LABEL, discard_label, -1);
      g_object_set_data_full (G_OBJECT (discard), "request-id", g_strdup (sd_request_get_id (request)), g_free);
      g_signal_connect (discard, "clicked", G_CALLBACK (on_discard_clicked), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), discard);

      gtk_list_box_append (self->drafts_list, row);
    }
  update_view (self);
}

/* Callbacks */

static GtkWidget *
create_entry_row (gpointer item,
                  gpointer user_data)
{
  return sd_outbox_row_new (SD_OUTBOX_ENTRY (item));
}

static gboolean
on_drafts_idle (gpointer user_data)
{
  SdOutboxWindow *self = user_data;

  self->drafts_idle_id = 0;
  reload_drafts (self);
  return G_SOURCE_REMOVE;
}

/* Drafts come and go as the user types elsewhere and as AWS confirms them. */
static void
schedule_drafts (SdOutboxWindow *self)
{
  if (self->drafts_idle_id == 0)
    self->drafts_idle_id = g_timeout_add (300, on_drafts_idle, self);
}

static void
on_entries_changed (SdOutboxWindow *self)
{
  update_view (self);
  schedule_drafts (self);
}

static void
on_continue_clicked (GtkButton      *button,
                     SdOutboxWindow *self)
{
  SdRequest *request = g_object_get_data (G_OBJECT (button), "request");

  gtk_widget_activate_action (GTK_WIDGET (self), "app.edit-request", "s", sd_request_get_id (request));
}

static void
on_discard_clicked (GtkButton      *button,
                    SdOutboxWindow *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "request-id");
  g_autoptr(GError) error = NULL;

  if (!sd_draft_store_discard (sd_request_manager_get_drafts (self->manager), id, &error))
    {
      gtk_label_set_label (self->problem_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->problem_label), TRUE);
      return;
    }
  reload_drafts (self);
}

/* Overrides */

static void
sd_outbox_window_dispose (GObject *object)
{
  SdOutboxWindow *self = SD_OUTBOX_WINDOW (object);

  g_clear_handle_id (&self->drafts_idle_id, g_source_remove);
  if (self->manager != NULL)
    {
      g_signal_handlers_disconnect_by_data (sd_request_manager_get_entries (self->manager), self);
      g_signal_handlers_disconnect_by_data (sd_request_manager_get_drafts (self->manager), self);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), SD_TYPE_OUTBOX_WINDOW);
  g_clear_object (&self->manager);

  G_OBJECT_CLASS (sd_outbox_window_parent_class)->dispose (object);
}

static void
sd_outbox_window_class_init (SdOutboxWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sd_outbox_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sesdesk/SesDesk/sd-outbox-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SdOutboxWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, SdOutboxWindow, problem_label);
  gtk_widget_class_bind_template_child (widget_class, SdOutboxWindow, drafts_group);
  gtk_widget_class_bind_template_child (widget_class, SdOutboxWindow, drafts_list);
  gtk_widget_class_bind_template_child (widget_class, SdOutboxWindow, entries_group);
  gtk_widget_class_bind_template_child (widget_class, SdOutboxWindow, entries_list);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sd_outbox_window_init (SdOutboxWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

void
sd_outbox_window_present (SdRequestManager *manager,
                          GtkWindow        *parent)
{
  GtkApplication *application = parent != NULL ? gtk_window_get_application (parent) : NULL;
  SdOutboxWindow *self = NULL;

  g_return_if_fail (SD_IS_REQUEST_MANAGER (manager));

  /* One Requests window: bring it back rather than open a second. */
  for (GList *l = application != NULL ? gtk_application_get_windows (application) : NULL; l != NULL; l = l->next)
    if (SD_IS_OUTBOX_WINDOW (l->data))
      self = l->data;

  if (self == NULL)
    {
      self = g_object_new (SD_TYPE_OUTBOX_WINDOW,
                           "transient-for", parent,
                           "destroy-with-parent", TRUE,
                           "application", application,
                           NULL);
      self->manager = g_object_ref (manager);
      gtk_list_box_bind_model (self->entries_list, sd_request_manager_get_entries (manager),
                               create_entry_row, self, NULL);
      g_signal_connect_swapped (sd_request_manager_get_entries (manager), "items-changed",
                                G_CALLBACK (on_entries_changed), self);
      g_signal_connect_swapped (sd_request_manager_get_drafts (manager), "saved",
                                G_CALLBACK (schedule_drafts), self);
    }
  reload_drafts (self);
  gtk_window_present (GTK_WINDOW (self));
}
