/* sd-changes-window.c — what changed in every region, newest first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sd-aws-endpoints.h"
#include "sd-change.h"
#include "sd-changes-window.h"
#include "sd-widget-util.h"

struct _SdChangesWindow
{
  AdwWindow   parent_instance;

  GListModel *changes;  /* owned, nullable; of SdChange */

  /* Template widgets */
  GtkStack   *stack;
  GtkListBox *list;
};

G_DEFINE_FINAL_TYPE (SdChangesWindow, sd_changes_window, ADW_TYPE_WINDOW)

/* Auxiliary functions */

static char *
format_time (gint64 time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time);
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  return local != NULL ? g_date_time_format (local, "%x %R") : g_strdup ("");
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  SdChange *change = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon;
  GtkWidget *next;
  const char *profile = sd_change_get_profile (change);
  const char *region = sd_change_get_region (change);
  const char *name = sd_aws_region_display_name (region);
  g_autofree char *title = sd_change_dup_title (change);
  g_autofree char *when = format_time (sd_change_get_time (change));
  g_autofree char *subtitle = NULL;
  gboolean worse = sd_change_is_worse (change);

  if (profile != NULL && *profile != '\0')
    /* Translators: a change's place and time: "Asia Pacific (Tokyo) · acme-prod · 12/06/26 14:05" */
    subtitle = g_strdup_printf (_("%s · %s · %s"), name != NULL ? name : region, profile, when);
  else
    /* Translators: a change's place and time: "Asia Pacific (Tokyo) · 12/06/26 14:05" */
    subtitle = g_strdup_printf (_("%s · %s"), name != NULL ? name : region, when);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  /* For the worse or for the better: a shape as well as a colour. */
  icon = gtk_image_new_from_icon_name (worse ? "dialog-warning-symbolic" : "emblem-ok-symbolic");
  gtk_widget_add_css_class (icon, worse ? "warning-icon" : "ok-icon");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  worse ? _("For the worse") : _("For the better"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  next = gtk_image_new_from_icon_name ("go-next-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (next), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), next);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "app.show-region");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row),
                                          g_variant_new ("(ss)", profile != NULL ? profile : "", region));
  return row;
}

static void
update_stack (SdChangesWindow *self)
{
  gboolean empty = self->changes == NULL || g_list_model_get_n_items (self->changes) == 0;

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");
}

/* Callbacks */

static void
on_items_changed (SdChangesWindow *self)
{
  update_stack (self);
}

/* Overrides */

static void
sd_changes_window_dispose (GObject *object)
{
  SdChangesWindow *self = SD_CHANGES_WINDOW (object);

  if (self->changes != NULL)
    g_signal_handlers_disconnect_by_data (self->changes, self);
  g_clear_object (&self->changes);

  G_OBJECT_CLASS (sd_changes_window_parent_class)->dispose (object);
}

static void
sd_changes_window_class_init (SdChangesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sd_changes_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sesdesk/SesDesk/sd-changes-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SdChangesWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, SdChangesWindow, list);
  gtk_widget_class_bind_template_callback (widget_class, sd_stack_sync_hidden);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sd_changes_window_init (SdChangesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  sd_stack_sync_hidden (self->stack);
}

/* Public API */

void
sd_changes_window_present (GtkApplication *application,
                           GListModel     *changes)
{
  SdChangesWindow *self = NULL;

  g_return_if_fail (GTK_IS_APPLICATION (application));
  g_return_if_fail (G_IS_LIST_MODEL (changes));

  for (GList *l = gtk_application_get_windows (application); l != NULL && self == NULL; l = l->next)
    if (SD_IS_CHANGES_WINDOW (l->data))
      self = l->data;
  if (self == NULL)
    {
      self = g_object_new (SD_TYPE_CHANGES_WINDOW, "application", application, NULL);
      self->changes = g_object_ref (changes);
      gtk_list_box_bind_model (self->list, changes, create_row, NULL, NULL);
      g_signal_connect_swapped (changes, "items-changed", G_CALLBACK (on_items_changed), self);
      update_stack (self);
    }
  gtk_window_present (GTK_WINDOW (self));
}
