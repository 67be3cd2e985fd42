/* sd-case-reply-area.c — the foot of a case page: the Reply button, a hint, and the composer it opens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sd-case-reply-area.h"
#include "sd-reply-box.h"

struct _SdCaseReplyArea
{
  AdwBin           parent_instance;

  /* Template widgets */
  GtkRevealer     *composer_revealer;
  SdReplyBox      *reply_box;
  GtkToggleButton *reply_button;
  GtkLabel        *reply_hint;
};

G_DEFINE_FINAL_TYPE (SdCaseReplyArea, sd_case_reply_area, ADW_TYPE_BIN)

enum {
  SIGNAL_SENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Callbacks */

static void
on_reply_sent (SdCaseReplyArea *self)
{
  g_signal_emit (self, signals[SIGNAL_SENT], 0);
}

/* Overrides */

static void
sd_case_reply_area_class_init (SdCaseReplyAreaClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  signals[SIGNAL_SENT] = g_signal_new ("sent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (SD_TYPE_REPLY_BOX);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sesdesk/SesDesk/sd-case-reply-area.ui");
  gtk_widget_class_bind_template_child (widget_class, SdCaseReplyArea, composer_revealer);
  gtk_widget_class_bind_template_child (widget_class, SdCaseReplyArea, reply_box);
  gtk_widget_class_bind_template_child (widget_class, SdCaseReplyArea, reply_button);
  gtk_widget_class_bind_template_child (widget_class, SdCaseReplyArea, reply_hint);
  gtk_widget_class_bind_template_callback (widget_class, on_reply_sent);
}

static void
sd_case_reply_area_init (SdCaseReplyArea *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

void
sd_case_reply_area_bind (SdCaseReplyArea *self,
                         SdCaseThread    *thread,
                         SdCaseReply     *reply)
{
  g_return_if_fail (SD_IS_CASE_REPLY_AREA (self));

  sd_reply_box_bind (self->reply_box, thread, reply);
}

gboolean
sd_case_reply_area_get_open (SdCaseReplyArea *self)
{
  g_return_val_if_fail (SD_IS_CASE_REPLY_AREA (self), FALSE);

  return gtk_revealer_get_reveal_child (self->composer_revealer);
}

void
sd_case_reply_area_set_open (SdCaseReplyArea *self,
                             gboolean         open)
{
  g_return_if_fail (SD_IS_CASE_REPLY_AREA (self));

  gtk_revealer_set_reveal_child (self->composer_revealer, open);
  gtk_toggle_button_set_active (self->reply_button, open);
}

void
sd_case_reply_area_focus (SdCaseReplyArea *self)
{
  g_return_if_fail (SD_IS_CASE_REPLY_AREA (self));

  sd_reply_box_focus (self->reply_box);
}

void
sd_case_reply_area_set_hint (SdCaseReplyArea *self,
                             const char      *hint)
{
  g_return_if_fail (SD_IS_CASE_REPLY_AREA (self));

  gtk_label_set_label (self->reply_hint, hint);
}

void
sd_case_reply_area_attach_file (SdCaseReplyArea *self,
                                GFile           *file)
{
  g_return_if_fail (SD_IS_CASE_REPLY_AREA (self));

  sd_case_reply_area_set_open (self, TRUE);
  sd_reply_box_attach_file (self->reply_box, file);
}
