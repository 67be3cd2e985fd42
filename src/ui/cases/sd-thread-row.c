/* sd-thread-row.c — one message of a case's thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sd-case-format.h"
#include "sd-safe-text.h"
#include "sd-thread-body.h"
#include "sd-thread-row.h"

struct _SdThreadRow
{
  AdwBin           parent_instance;

  SdCommunication *communication;  /* owned, nullable */

  /* Template widgets */
  GtkWidget       *card;
  GtkImage        *author_image;
  GtkLabel        *author_label;
  GtkLabel        *detail_label;
  SdThreadBody    *body;
  GtkWidget       *attachments_box;
};

G_DEFINE_FINAL_TYPE (SdThreadRow, sd_thread_row, ADW_TYPE_BIN)

enum {
  SIGNAL_SAVE_ATTACHMENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Auxiliary functions */

static void
clear_attachments (SdThreadRow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->attachments_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->attachments_box), child);
  gtk_widget_set_visible (self->attachments_box, FALSE);
}

static void
on_save_clicked (GtkButton   *button,
                 SdThreadRow *self)
{
  SdCommunicationAttachment *attachment = g_object_get_data (G_OBJECT (button), "attachment");

  if (attachment != NULL)
    g_signal_emit (self, signals[SIGNAL_SAVE_ATTACHMENT], 0, attachment);
}

static void
add_attachment (SdThreadRow               *self,
                SdCommunicationAttachment *attachment)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon = gtk_image_new_from_icon_name ("mail-attachment-symbolic");
  GtkWidget *label = gtk_label_new (sd_communication_attachment_get_file_name (attachment));
  GtkWidget *button = gtk_button_new_from_icon_name ("document-save-symbolic");
  g_autofree char *accessible = NULL;

  gtk_widget_add_css_class (box, "attachment");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Attachment"), -1);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  /* Translators: a button's accessible label; %s is an attachment's file name */
  accessible = g_strdup_printf (_("Save %s"), sd_communication_attachment_get_file_name (attachment));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_widget_set_tooltip_text (button, accessible);
  g_object_set_data_full (G_OBJECT (button), "attachment", g_object_ref (attachment), g_object_unref);
  g_signal_connect (button, "clicked", G_CALLBACK (on_save_clicked), self);

  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), button);
  gtk_box_append (GTK_BOX (self->attachments_box), box);
}

static void
update (SdThreadRow *self)
{
  SdCommunication *message = self->communication;
  gboolean from_aws;
  GListModel *attachments;
  g_autofree char *time_text = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *summary = NULL;
  const char *author;
  const char *submitter;

  clear_attachments (self);
  if (message == NULL)
    return;

  from_aws = sd_communication_get_author (message) == SD_AUTHOR_AWS;
  author = sd_communication_get_author_name (message);
  submitter = sd_communication_get_submitted_by (message);
  if (author == NULL || *author == '\0')
    author = from_aws ? _("Amazon Web Services") : _("Your account");

  gtk_image_set_from_icon_name (self->author_image, from_aws ? "network-server-symbolic"
                                                             : "avatar-default-symbolic");
  gtk_label_set_label (self->author_label, author);

  /* The time first, then who exactly: one line each (cheap to measure in
   * a long list, and the time is never the part cut off), in full on hover. */
  time_text = sd_case_format_time (sd_communication_get_time (message));
  /* Translators: a message's time, then who wrote it: "11/21/26 09:41 · AWS Support" */
  detail = g_strdup_printf (_("%s · %s"), time_text,
                            from_aws ? _("AWS Support")
                                     : submitter != NULL && *submitter != '\0' ? submitter
                                                                               : _("Your account"));
  gtk_label_set_label (self->detail_label, detail);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->author_label), author);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->detail_label), detail);
  if (from_aws)
    {
      gtk_widget_add_css_class (self->card, "from-aws");
      gtk_widget_remove_css_class (self->card, "from-account");
    }
  else
    {
      gtk_widget_add_css_class (self->card, "from-account");
      gtk_widget_remove_css_class (self->card, "from-aws");
    }

  sd_thread_body_set_text (self->body, sd_communication_get_body (message));

  attachments = sd_communication_get_attachments (message);
  for (guint i = 0; attachments != NULL && i < g_list_model_get_n_items (attachments); i++)
    {
      g_autoptr(SdCommunicationAttachment) attachment = g_list_model_get_item (attachments, i);

      add_attachment (self, attachment);
    }
  gtk_widget_set_visible (self->attachments_box,
                          attachments != NULL && g_list_model_get_n_items (attachments) > 0);

  /* Translators: a message's accessible label: "Message from Amazon Web Services, 2026-05-01 10:00" */
  summary = g_strdup_printf (_("Message from %s, %s"), author, time_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, summary, -1);
}

/* Overrides */

static void
sd_thread_row_dispose (GObject *object)
{
  SdThreadRow *self = SD_THREAD_ROW (object);

  g_clear_object (&self->communication);

  G_OBJECT_CLASS (sd_thread_row_parent_class)->dispose (object);
}

static void
sd_thread_row_class_init (SdThreadRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sd_thread_row_dispose;

  signals[SIGNAL_SAVE_ATTACHMENT] =
    g_signal_new ("save-attachment", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, SD_TYPE_COMMUNICATION_ATTACHMENT);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sesdesk/SesDesk/sd-thread-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SdThreadRow, card);
  gtk_widget_class_bind_template_child (widget_class, SdThreadRow, author_image);
  gtk_widget_class_bind_template_child (widget_class, SdThreadRow, author_label);
  gtk_widget_class_bind_template_child (widget_class, SdThreadRow, detail_label);
  gtk_widget_class_bind_template_child (widget_class, SdThreadRow, body);
  gtk_widget_class_bind_template_child (widget_class, SdThreadRow, attachments_box);

  gtk_widget_class_set_css_name (widget_class, "messagerow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LIST_ITEM);

  g_type_ensure (SD_TYPE_THREAD_BODY);
}

static void
sd_thread_row_init (SdThreadRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* A stop for the keyboard: the view moves it from message to message. */
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
}

/* Public API */

GtkWidget *
sd_thread_row_new (void)
{
  return g_object_new (SD_TYPE_THREAD_ROW, NULL);
}

void
sd_thread_row_set_communication (SdThreadRow     *self,
                                 SdCommunication *communication)
{
  g_return_if_fail (SD_IS_THREAD_ROW (self));

  if (self->communication == communication)
    return;
  g_set_object (&self->communication, communication);
  update (self);
}

SdCommunication *
sd_thread_row_get_communication (SdThreadRow *self)
{
  g_return_val_if_fail (SD_IS_THREAD_ROW (self), NULL);
  return self->communication;
}
