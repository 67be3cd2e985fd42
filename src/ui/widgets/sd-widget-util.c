/* sd-widget-util.c — small fixes the app's widgets share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sd-safe-text.h"
#include "sd-widget-util.h"

/* A toast is one short line: longer text belongs in the page. */
#define TOAST_MAX_CHARS 300

void
sd_stack_sync_hidden (GtkStack *stack)
{
  GtkWidget *visible = gtk_stack_get_visible_child (stack);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (stack));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_accessible_update_state (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_STATE_HIDDEN,
                                 child != visible, -1);
}

static void
on_live_row_finalized (gpointer  user_data,
                       GObject  *row)
{
  g_ptr_array_remove_fast (user_data, row);
}

void
sd_live_rows_add (GPtrArray *rows,
                  GtkWidget *row)
{
  g_ptr_array_add (rows, row);
  g_object_weak_ref (G_OBJECT (row), on_live_row_finalized, rows);
}

void
sd_live_rows_clear (GPtrArray *rows)
{
  while (rows->len > 0)
    {
      GObject *row = g_ptr_array_steal_index_fast (rows, 0);

      g_object_weak_unref (row, on_live_row_finalized, rows);
    }
}

void
sd_toast_show (AdwToastOverlay *overlay,
               const char      *text,
               guint            timeout)
{
  g_autofree char *line = NULL;
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));

  line = sd_text_safe_line (text, -1, TOAST_MAX_CHARS);
  escaped = g_markup_escape_text (line, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, timeout);
  adw_toast_overlay_add_toast (overlay, toast);
}

void
sd_label_set_text_wrapping_over (GtkLabel   *label,
                                 const char *text,
                                 int         width)
{
  int natural = 0;

  g_return_if_fail (GTK_IS_LABEL (label));

  /* The same text and room measure from GTK's size cache. A label's
   * natural width is its text on one line, wrapping or not. */
  if (g_strcmp0 (gtk_label_get_label (label), text) != 0)
    {
      gtk_label_set_wrap (label, FALSE);
      gtk_label_set_label (label, text);
    }
  gtk_widget_measure (GTK_WIDGET (label), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  gtk_label_set_wrap (label, natural > width);
}

static void
on_string_label_setup (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), GPOINTER_TO_INT (user_data));
  gtk_list_item_set_child (item, label);
}

static void
on_string_label_bind (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      gpointer                  user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (string));
}

GtkListItemFactory *
sd_string_label_factory_new (int max_width_chars)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (on_string_label_setup), GINT_TO_POINTER (max_width_chars));
  g_signal_connect (factory, "bind", G_CALLBACK (on_string_label_bind), NULL);
  return factory;
}
