/* sd-reply-box.c — the reply composer of a case's thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sd-case.h"
#include "sd-reply-box.h"
#include "sd-safe-text.h"

struct _SdReplyBox
{
  AdwBin         parent_instance;

  SdCaseThread  *thread;          /* owned, nullable */
  SdCaseReply   *reply;           /* owned, nullable */
  char          *message;         /* owned, nullable: the last send's outcome */
  gboolean       message_is_error;
  char          *attach_error;    /* owned, nullable: why a file was not attached */
  gboolean       body_touched;    /* the user typed: an empty message is worth a word */
  gboolean       syncing;         /* copying the model into the widgets */
  gboolean       sending;         /* a send of ours is under way */
  GtkFileChooserNative *chooser;  /* owned, nullable */

  /* Template widgets */
  GtkTextView   *body_view;
  GtkLabel      *body_error_label;
  GtkEntry      *cc_entry;
  GtkLabel      *cc_error_label;
  GtkListBox    *attachments_list;
  GtkLabel      *attachments_error_label;
  GtkLabel      *draft_error_label;
  GtkWidget     *state_box;
  GtkSpinner    *state_spinner;
  GtkLabel      *state_label;
  GtkWidget     *attach_button;
  GtkWidget     *check_button;
  GtkWidget     *send_button;
};

G_DEFINE_FINAL_TYPE (SdReplyBox, sd_reply_box, ADW_TYPE_BIN)

enum {
  SIGNAL_SENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update (SdReplyBox *self);

/* Auxiliary functions */

static void
set_message (SdReplyBox *self,
             const char *message,
             gboolean    is_error)
{
  g_free (self->message);
  /* Errors may quote a server: one safe line. */
  self->message = message != NULL ? sd_text_safe_line (message, -1, 600) : NULL;
  self->message_is_error = is_error;
  update (self);
}

static void
set_attach_error (SdReplyBox *self,
                  const char *message)
{
  g_free (self->attach_error);
  self->attach_error = message != NULL ? sd_text_safe_line (message, -1, 600) : NULL;
  update (self);
}

static void
set_error_label (GtkLabel   *label,
                 const char *text)
{
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
  gtk_label_set_label (label, text != NULL ? text : "");
}

static gboolean
is_busy (SdReplyState state)
{
  return state == SD_REPLY_STATE_UPLOADING || state == SD_REPLY_STATE_SENDING ||
         state == SD_REPLY_STATE_CHECKING;
}

static void
sync_from_model (SdReplyBox *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  g_autofree char *text = NULL;
  GtkTextIter start, end;
  const char *body = self->reply != NULL ? sd_case_reply_get_body (self->reply) : "";
  const char *cc = self->reply != NULL ? sd_case_reply_get_cc_text (self->reply) : "";

  self->syncing = TRUE;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strcmp0 (text, body != NULL ? body : "") != 0)
    gtk_text_buffer_set_text (buffer, body != NULL ? body : "", -1);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->cc_entry)), cc != NULL ? cc : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->cc_entry), cc != NULL ? cc : "");
  self->syncing = FALSE;
}

static void
on_remove_clicked (GtkButton  *button,
                   SdReplyBox *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);

  if (self->reply == NULL || row == NULL)
    return;
  sd_case_reply_remove_attachment (self->reply, gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)));
}

static GtkWidget *
create_attachment_row (gpointer item,
                       gpointer user_data)
{
  SdReplyBox *self = user_data;
  GFile *file = item;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *shown = sd_text_safe_line (name, -1, 80);
  g_autofree char *accessible = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("mail-attachment-symbolic");
  GtkWidget *remove = gtk_button_new_from_icon_name ("edit-delete-symbolic");

  /* A title is markup in an AdwActionRow: the name is escaped first. */
  {
    g_autofree char *escaped = g_markup_escape_text (shown, -1);

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  }
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, shown, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Attachment"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  /* Translators: a button's accessible label; %s is an attached file's name */
  accessible = g_strdup_printf (_("Remove %s"), shown);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

static const char *
state_text (SdReplyBox   *self,
            SdReplyState  state)
{
  switch (state)
    {
    case SD_REPLY_STATE_UPLOADING:
      return self->reply != NULL && sd_case_reply_get_attachments (self->reply) != NULL &&
             g_list_model_get_n_items (sd_case_reply_get_attachments (self->reply)) > 0
               ? _("Uploading the attachments…") : _("Sending…");
    case SD_REPLY_STATE_SENDING:
      return _("Sending…");
    case SD_REPLY_STATE_CHECKING:
      return _("The connection failed while sending. Checking whether the reply arrived…");
    case SD_REPLY_STATE_UNCERTAIN:
      return _("The reply may have reached AWS Support. It will not be sent again until that is "
               "known: check again in a moment.");
    case SD_REPLY_STATE_NOT_SENT:
      return _("The reply did not reach AWS Support. Your text is kept: send it again.");
    case SD_REPLY_STATE_NONE:
    default:
      return NULL;
    }
}

static void
update (SdReplyBox *self)
{
  SdReplyState state = self->thread != NULL ? sd_case_thread_get_reply_state (self->thread)
                                            : SD_REPLY_STATE_NONE;
  gboolean busy = self->sending || is_busy (state);
  gboolean bound = self->reply != NULL;
  const char *body_error = bound ? sd_case_reply_get_body_error (self->reply) : NULL;
  const char *text = state_text (self, state);
  const char *attachments_error = bound ? sd_case_reply_get_attachments_error (self->reply) : NULL;
  gboolean error_state;

  /* "Write a message." once there was one, not before the user begins. */
  if (body_error != NULL && !self->body_touched &&
      (sd_case_reply_get_body (self->reply) == NULL || *sd_case_reply_get_body (self->reply) == '\0'))
    body_error = NULL;
  set_error_label (self->body_error_label, body_error);
  set_error_label (self->cc_error_label, bound ? sd_case_reply_get_cc_error (self->reply) : NULL);
  set_error_label (self->attachments_error_label,
                   attachments_error != NULL ? attachments_error : self->attach_error);
  set_error_label (self->draft_error_label, bound ? sd_case_reply_get_draft_error (self->reply) : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->attachments_list),
                          bound && g_list_model_get_n_items (sd_case_reply_get_attachments (self->reply)) > 0);

  /* While it is on its way, what is being sent cannot change. */
  gtk_text_view_set_editable (self->body_view, bound && !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cc_entry), bound && !busy);
  gtk_widget_set_sensitive (self->attach_button, bound && !busy &&
                            g_list_model_get_n_items (sd_case_reply_get_attachments (self->reply))
                            < SD_REPLY_MAX_ATTACHMENTS);
  gtk_widget_set_sensitive (self->send_button,
                            bound && !busy && state != SD_REPLY_STATE_UNCERTAIN &&
                            sd_case_reply_get_valid (self->reply));
  gtk_widget_set_visible (self->check_button, state == SD_REPLY_STATE_UNCERTAIN);
  gtk_widget_set_sensitive (self->check_button, self->thread != NULL && !sd_case_thread_get_loading (self->thread));

  if (text == NULL)
    text = self->message;
  error_state = state == SD_REPLY_STATE_UNCERTAIN || state == SD_REPLY_STATE_NOT_SENT ||
                (text == self->message && self->message_is_error);
  gtk_widget_set_visible (self->state_box, text != NULL);
  gtk_label_set_label (self->state_label, text != NULL ? text : "");
  if (error_state)
    gtk_widget_add_css_class (GTK_WIDGET (self->state_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), "warning");
  gtk_widget_set_visible (GTK_WIDGET (self->state_spinner), busy);
  gtk_spinner_set_spinning (self->state_spinner, busy);
}

/* Callbacks */

static void
on_model_notify (SdReplyBox *self)
{
  if (self->syncing)
    return;
  sync_from_model (self);
  update (self);
}

static void
on_thread_notify (SdReplyBox *self)
{
  update (self);
}

static void
on_buffer_changed (GtkTextBuffer *buffer,
                   SdReplyBox    *self)
{
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (self->syncing || self->reply == NULL)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  self->body_touched = TRUE;
  self->syncing = TRUE;
  sd_case_reply_set_body (self->reply, text);
  self->syncing = FALSE;
  update (self);
}

static void
on_cc_changed (SdReplyBox *self)
{
  if (self->syncing || self->reply == NULL)
    return;
  self->syncing = TRUE;
  sd_case_reply_set_cc_text (self->reply, gtk_editable_get_text (GTK_EDITABLE (self->cc_entry)));
  self->syncing = FALSE;
  update (self);
}

static void
on_attachment_added (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(SdReplyBox) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!sd_case_reply_add_attachment_finish (SD_CASE_REPLY (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (SD_CASE_REPLY (source) == self->reply)
        set_attach_error (self, error->message);
      return;
    }
  if (SD_CASE_REPLY (source) == self->reply)
    set_attach_error (self, NULL);
}

static void
on_chooser_response (GtkNativeDialog *dialog,
                     int              response,
                     SdReplyBox      *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);

          sd_reply_box_attach_file (self, file);
        }
    }
  g_clear_object (&self->chooser);
}

static void
on_attach_clicked (SdReplyBox *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Attach Files"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Attach"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_reply_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SdReplyBox) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = sd_case_thread_reply_finish (SD_CASE_THREAD (source), result, &error);

  if (SD_CASE_THREAD (source) != self->thread)
    return;
  self->sending = FALSE;
  if (ok)
    {
      self->body_touched = FALSE;
      set_message (self, NULL, FALSE);
      g_signal_emit (self, signals[SIGNAL_SENT], 0);
      return;
    }
  /* The uncertain and not-sent states speak for themselves. */
  if (g_error_matches (error, SD_CASE_ERROR, SD_CASE_ERROR_UNCERTAIN) ||
      g_error_matches (error, SD_CASE_ERROR, SD_CASE_ERROR_NOT_SENT))
    set_message (self, NULL, FALSE);
  else
    set_message (self, error->message, TRUE);
}

static void
on_send_clicked (SdReplyBox *self)
{
  if (self->thread == NULL || self->reply == NULL || self->sending ||
      !gtk_widget_get_sensitive (self->send_button))
    return;
  self->sending = TRUE;
  g_clear_pointer (&self->attach_error, g_free);
  set_message (self, NULL, FALSE);
  /* No cancellable: once it leaves, its fate is found out even if the
   * window closes. */
  sd_case_thread_reply_async (self->thread, self->reply, NULL, on_reply_done, g_object_ref (self));
}

static void
on_check_clicked (SdReplyBox *self)
{
  if (self->thread != NULL)
    sd_case_thread_refresh_async (self->thread, NULL, NULL, NULL);
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         SdReplyBox    *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) || self->reply == NULL)
    return FALSE;
  files = g_value_get_boxed (value);
  for (GSList *l = files; l != NULL; l = l->next)
    sd_reply_box_attach_file (self, l->data);
  return TRUE;
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                SdReplyBox            *self)
{
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter) && (state & GDK_CONTROL_MASK) != 0)
    {
      on_send_clicked (self);
      return TRUE;
    }
  return FALSE;
}

/* Overrides */

static void
sd_reply_box_dispose (GObject *object)
{
  SdReplyBox *self = SD_REPLY_BOX (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  sd_reply_box_bind (self, NULL, NULL);

  G_OBJECT_CLASS (sd_reply_box_parent_class)->dispose (object);
}

static void
sd_reply_box_finalize (GObject *object)
{
  SdReplyBox *self = SD_REPLY_BOX (object);

  g_free (self->message);
  g_free (self->attach_error);

  G_OBJECT_CLASS (sd_reply_box_parent_class)->finalize (object);
}

static void
sd_reply_box_class_init (SdReplyBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sd_reply_box_dispose;
  object_class->finalize = sd_reply_box_finalize;

  signals[SIGNAL_SENT] = g_signal_new ("sent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                       NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sesdesk/SesDesk/sd-reply-box.ui");
  gtk_widget_class_bind_template_child (widget_class, SdReplyBox, body_view);
  gtk_widget_class_bind_template_child (widget_class, SdReplyBox, body_error_label);
  gtk_widget_class_bind_template_child (widget_class, SdReplyBox, cc_entry);
  gtk_widget_class_bind_template_child (widget_class, SdReplyBox, cc_error_label);
  gtk_widget_class_bind_template_child (widget_class, SdReplyBox, attachments_list);
  gtk_widget_class_bind_template_child (widget_class, SdReplyBox, attachments_error_label);
  gtk_widget_class_bind_template_child (widget_class, SdReplyBox, draft_error_label);
  gtk_widget_class_bind_template_child (widget_class, SdReplyBox, state_box);
  gtk_widget_class_bind_template_child (widget_class, SdReplyBox, state_spinner);
  gtk_widget_class_bind_template_child (widget_class, SdReplyBox, state_label);
  gtk_widget_class_bind_template_child (widget_class, SdReplyBox, attach_button);
  gtk_widget_class_bind_template_child (widget_class, SdReplyBox, check_button);
  gtk_widget_class_bind_template_child (widget_class, SdReplyBox, send_button);
  gtk_widget_class_bind_template_callback (widget_class, on_cc_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_attach_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_send_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_check_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_buffer_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_drop);
  gtk_widget_class_bind_template_callback (widget_class, on_key_pressed);
}

static void
sd_reply_box_init (SdReplyBox *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->body_view),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->body_error_label, NULL, -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->cc_entry),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->cc_error_label, NULL, -1);
  update (self);
}

/* Public API */

GtkWidget *
sd_reply_box_new (void)
{
  return g_object_new (SD_TYPE_REPLY_BOX, NULL);
}

void
sd_reply_box_bind (SdReplyBox   *self,
                   SdCaseThread *thread,
                   SdCaseReply  *reply)
{
  g_return_if_fail (SD_IS_REPLY_BOX (self));

  if (self->thread == thread && self->reply == reply)
    return;

  if (self->thread != NULL)
    g_signal_handlers_disconnect_by_data (self->thread, self);
  if (self->reply != NULL)
    g_signal_handlers_disconnect_by_data (self->reply, self);
  g_set_object (&self->thread, thread);
  g_set_object (&self->reply, reply);
  self->sending = FALSE;
  self->body_touched = FALSE;
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->attach_error, g_free);

  if (thread != NULL)
    {
      g_signal_connect_swapped (thread, "notify::reply-state", G_CALLBACK (on_thread_notify), self);
      g_signal_connect_swapped (thread, "notify::loading", G_CALLBACK (on_thread_notify), self);
    }
  if (reply != NULL)
    {
      g_signal_connect_swapped (reply, "notify", G_CALLBACK (on_model_notify), self);
      gtk_list_box_bind_model (self->attachments_list, sd_case_reply_get_attachments (reply),
                               create_attachment_row, self, NULL);
    }
  else
    gtk_list_box_bind_model (self->attachments_list, NULL, NULL, NULL, NULL);

  sync_from_model (self);
  update (self);
}

void
sd_reply_box_attach_file (SdReplyBox *self,
                          GFile      *file)
{
  g_return_if_fail (SD_IS_REPLY_BOX (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->reply == NULL)
    return;
  sd_case_reply_add_attachment_async (self->reply, file, NULL, on_attachment_added, g_object_ref (self));
}

void
sd_reply_box_focus (SdReplyBox *self)
{
  g_return_if_fail (SD_IS_REPLY_BOX (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
}
