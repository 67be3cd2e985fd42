/* sd-widget-util.c — small fixes the app's widgets share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sd-widget-util.h"

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

void
sd_stack_track_hidden (GtkStack *stack)
{
  g_signal_connect (stack, "notify::visible-child", G_CALLBACK (sd_stack_sync_hidden), NULL);
  sd_stack_sync_hidden (stack);
}
