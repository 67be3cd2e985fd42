/* sd-request-draft-bar.c — the offer to continue an unsent draft of the same request
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sd-request-draft-bar.h"

struct _SdRequestDraftBar
{
  AdwBin     parent_instance;

  /* Template widgets */
  GtkLabel  *draft_label;
  GtkWidget *continue_draft_button;
};

G_DEFINE_FINAL_TYPE (SdRequestDraftBar, sd_request_draft_bar, ADW_TYPE_BIN)

enum {
  CONTINUE,
  DISCARD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Callbacks */

static void
on_continue_draft_clicked (SdRequestDraftBar *self)
{
  g_signal_emit (self, signals[CONTINUE], 0);
}

static void
on_discard_draft_clicked (SdRequestDraftBar *self)
{
  g_signal_emit (self, signals[DISCARD], 0);
}

/* Overrides */

static void
sd_request_draft_bar_class_init (SdRequestDraftBarClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  signals[CONTINUE] = g_signal_new ("continue", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[DISCARD] = g_signal_new ("discard", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sesdesk/SesDesk/sd-request-draft-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, SdRequestDraftBar, draft_label);
  gtk_widget_class_bind_template_child (widget_class, SdRequestDraftBar, continue_draft_button);
  gtk_widget_class_bind_template_callback (widget_class, on_continue_draft_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_discard_draft_clicked);
}

static void
sd_request_draft_bar_init (SdRequestDraftBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

void
sd_request_draft_bar_offer (SdRequestDraftBar *self,
                            gint64             modified)
{
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (SD_IS_REQUEST_DRAFT_BAR (self));

  time = g_date_time_new_from_unix_local (modified);
  when = time != NULL ? g_date_time_format (time, "%x %R") : g_strdup ("");
  /* Translators: %s is a date and time */
  text = g_strdup_printf (_("You have an unsent draft of this request, last changed %s. Continue it, or "
                            "discard it and start anew?"), when);
  gtk_label_set_label (self->draft_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
}

void
sd_request_draft_bar_focus_continue (SdRequestDraftBar *self)
{
  g_return_if_fail (SD_IS_REQUEST_DRAFT_BAR (self));

  gtk_widget_grab_focus (self->continue_draft_button);
}
