/* sd-managed-pool-dialog.c — asks for the name of a managed dedicated IP pool to create
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "sd-managed-pool-dialog.h"
#include "sd-request-util.h"

struct _SdManagedPoolDialog
{
  AdwMessageDialog parent_instance;

  /* Template widgets */
  GtkEditable     *entry;
};

G_DEFINE_FINAL_TYPE (SdManagedPoolDialog, sd_managed_pool_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* Auxiliary functions */

static gboolean
pool_name_is_valid (const char *name)
{
  gsize len = strlen (name);

  if (len == 0 || len > 64)
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;
  return TRUE;
}

/* Callbacks */

static void
on_pool_name_changed (SdManagedPoolDialog *self)
{
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "create",
                                           pool_name_is_valid (gtk_editable_get_text (self->entry)));
}

/* Overrides */

static void
sd_managed_pool_dialog_class_init (SdManagedPoolDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sesdesk/SesDesk/sd-managed-pool-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SdManagedPoolDialog, entry);
  gtk_widget_class_bind_template_callback (widget_class, on_pool_name_changed);
}

static void
sd_managed_pool_dialog_init (SdManagedPoolDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

GtkWidget *
sd_managed_pool_dialog_new (GtkWindow  *parent,
                            const char *region)
{
  g_autofree char *body = NULL;

  g_return_val_if_fail (region != NULL, NULL);

  /* Translators: %s is a region's name */
  body = g_strdup_printf (_("A pool with managed scaling in %s: SES leases dedicated IP addresses for it, warms "
                            "them up and adds or removes them as your volume changes. No support case is "
                            "needed; each address is billed monthly."),
                          sd_request_util_region_name (region));
  return g_object_new (SD_TYPE_MANAGED_POOL_DIALOG,
                       "transient-for", parent,
                       "body", body,
                       NULL);
}

const char *
sd_managed_pool_dialog_get_pool_name (SdManagedPoolDialog *self)
{
  g_return_val_if_fail (SD_IS_MANAGED_POOL_DIALOG (self), NULL);

  return gtk_editable_get_text (self->entry);
}
