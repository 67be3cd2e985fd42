/* sd-add-account-dialog.c — add an account's access keys (kept in the Secret Service)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sd-add-account-dialog.h"

struct _SdAddAccountDialog
{
  AdwWindow        parent_instance;

  SdAccountStore  *store;        /* owned */
  GCancellable    *cancellable;  /* owned; cancelled when the dialog closes */
  gboolean         tried;        /* the user pressed Add once: show every error */

  /* Template widgets */
  GtkWidget       *add_button;
  GtkSpinner      *spinner;
  AdwEntryRow     *profile_row;
  AdwEntryRow     *region_row;
  AdwEntryRow     *key_id_row;
  AdwEntryRow     *secret_row;
  GtkLabel        *error_label;
};

G_DEFINE_FINAL_TYPE (SdAddAccountDialog, sd_add_account_dialog, ADW_TYPE_WINDOW)

/* Auxiliary functions */

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
show_error (SdAddAccountDialog *self,
            const char         *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static gboolean
all_filled (SdAddAccountDialog *self)
{
  return *row_text (self->profile_row) != '\0' && *row_text (self->region_row) != '\0' &&
         *row_text (self->key_id_row) != '\0' && *row_text (self->secret_row) != '\0';
}

static void
set_busy (SdAddAccountDialog *self,
          gboolean            busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->profile_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->region_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->key_id_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->secret_row), !busy);
  gtk_widget_set_sensitive (self->add_button, !busy);
}

/* Callbacks */

static void
on_changed (SdAddAccountDialog *self)
{
  g_autoptr(GError) error = NULL;
  gboolean valid;

  valid = sd_account_store_validate (row_text (self->profile_row), row_text (self->region_row),
                                     row_text (self->key_id_row), row_text (self->secret_row),
                                     &error);
  gtk_widget_set_sensitive (self->add_button, valid);
  /* Say what is wrong once there is something to judge, not while typing the first field. */
  show_error (self, !valid && (self->tried || all_filled (self)) ? error->message : NULL);
}

static void
on_add_ready (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SdAddAccountDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!sd_account_store_add_finish (SD_ACCOUNT_STORE (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      show_error (self, error->message);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_add_clicked (SdAddAccountDialog *self)
{
  g_autoptr(GError) error = NULL;

  self->tried = TRUE;
  if (!sd_account_store_validate (row_text (self->profile_row), row_text (self->region_row),
                                  row_text (self->key_id_row), row_text (self->secret_row),
                                  &error))
    {
      show_error (self, error->message);
      return;
    }

  show_error (self, NULL);
  set_busy (self, TRUE);
  sd_account_store_add_async (self->store, row_text (self->profile_row), row_text (self->region_row),
                              row_text (self->key_id_row), row_text (self->secret_row),
                              self->cancellable, on_add_ready, g_object_ref (self));
}

/* Overrides */

static gboolean
sd_add_account_dialog_close_request (GtkWindow *window)
{
  SdAddAccountDialog *self = SD_ADD_ACCOUNT_DIALOG (window);

  g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (sd_add_account_dialog_parent_class)->close_request (window);
}

static void
sd_add_account_dialog_dispose (GObject *object)
{
  SdAddAccountDialog *self = SD_ADD_ACCOUNT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sd_add_account_dialog_parent_class)->dispose (object);
}

static void
sd_add_account_dialog_finalize (GObject *object)
{
  SdAddAccountDialog *self = SD_ADD_ACCOUNT_DIALOG (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (sd_add_account_dialog_parent_class)->finalize (object);
}

static void
sd_add_account_dialog_class_init (SdAddAccountDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = sd_add_account_dialog_dispose;
  object_class->finalize = sd_add_account_dialog_finalize;
  window_class->close_request = sd_add_account_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sesdesk/SesDesk/sd-add-account-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SdAddAccountDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, SdAddAccountDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, SdAddAccountDialog, profile_row);
  gtk_widget_class_bind_template_child (widget_class, SdAddAccountDialog, region_row);
  gtk_widget_class_bind_template_child (widget_class, SdAddAccountDialog, key_id_row);
  gtk_widget_class_bind_template_child (widget_class, SdAddAccountDialog, secret_row);
  gtk_widget_class_bind_template_child (widget_class, SdAddAccountDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sd_add_account_dialog_init (SdAddAccountDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
}

/* Public API */

GtkWidget *
sd_add_account_dialog_new (GtkWindow      *parent,
                           SdAccountStore *store)
{
  SdAddAccountDialog *self;

  g_return_val_if_fail (SD_IS_ACCOUNT_STORE (store), NULL);

  self = g_object_new (SD_TYPE_ADD_ACCOUNT_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  return GTK_WIDGET (self);
}
