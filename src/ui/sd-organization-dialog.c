/* sd-organization-dialog.c — add an AWS Organization, whose member accounts the app then shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sd-organization.h"
#include "sd-organization-dialog.h"

struct _SdOrganizationDialog
{
  AdwWindow    parent_instance;

  GSettings   *settings;     /* owned */
  gboolean     tried;        /* Add was pressed once: say every problem */

  /* Template widgets */
  GtkWidget   *add_button;
  AdwComboRow *profile_row;
  AdwEntryRow *role_row;
  AdwEntryRow *external_id_row;
  AdwEntryRow *session_row;
  GtkLabel    *error_label;
};

G_DEFINE_FINAL_TYPE (SdOrganizationDialog, sd_organization_dialog, ADW_TYPE_WINDOW)

/* Auxiliary functions */

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static const char *
chosen_profile (SdOrganizationDialog *self)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (self->profile_row);

  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

/* What is wrong with the form, or NULL. */
static char *
problem (SdOrganizationDialog *self)
{
  const char *profile = chosen_profile (self);
  const char *external_id = row_text (self->external_id_row);
  const char *session = row_text (self->session_row);
  g_autoptr(GVariant) organizations = g_settings_get_value (self->settings, "organizations");
  GVariantIter iter;
  const char *known;
  g_autoptr(GError) error = NULL;

  if (profile == NULL)
    return g_strdup (_("Choose the profile of the organization’s management account. SES Desk reads the profiles of "
                       "~/.aws/config and ~/.aws/credentials."));
  /* The role is required here (the CLI's --role has a default). */
  if (*row_text (self->role_row) == '\0')
    return g_strdup (_("The role name is 1 to 64 letters, digits or the characters _+=,.@- (for example "
                       "OrganizationAccountAccessRole)."));
  if (!sd_organization_check_names (row_text (self->role_row), external_id, session, &error))
    return g_strdup (error->message);

  g_variant_iter_init (&iter, organizations);
  while (g_variant_iter_next (&iter, "(&s&s&s&s)", &known, NULL, NULL, NULL))
    if (g_str_equal (known, profile))
      return g_strdup (_("This organization is already added. Remove it in Preferences first to change its role."));
  return NULL;
}

static void
show_problem (SdOrganizationDialog *self)
{
  g_autofree char *message = problem (self);

  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL && self->tried);
}

/* Callbacks */

static void
on_changed (SdOrganizationDialog *self)
{
  show_problem (self);
}

static void
on_add_clicked (SdOrganizationDialog *self)
{
  g_autoptr(SdOrganization) organization = NULL;
  g_autoptr(GVariant) organizations = NULL;
  g_autoptr(GVariantBuilder) builder = NULL;
  const char *external_id = row_text (self->external_id_row);
  const char *session = row_text (self->session_row);
  GVariantIter iter;
  GVariant *child;
  g_autofree char *wrong = NULL;

  self->tried = TRUE;
  show_problem (self);
  wrong = problem (self);
  if (wrong != NULL)
    return;

  organization = sd_organization_new (chosen_profile (self), row_text (self->role_row),
                                      *external_id != '\0' ? external_id : NULL,
                                      *session != '\0' ? session : NULL);
  organizations = g_settings_get_value (self->settings, "organizations");
  builder = g_variant_builder_new (G_VARIANT_TYPE ("a(ssss)"));
  g_variant_iter_init (&iter, organizations);
  while ((child = g_variant_iter_next_value (&iter)) != NULL)
    {
      g_variant_builder_add_value (builder, child);
      g_variant_unref (child);
    }
  g_variant_builder_add_value (builder, sd_organization_serialize (organization));
  g_settings_set_value (self->settings, "organizations", g_variant_builder_end (builder));
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Overrides */

static void
sd_organization_dialog_dispose (GObject *object)
{
  SdOrganizationDialog *self = SD_ORGANIZATION_DIALOG (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sd_organization_dialog_parent_class)->dispose (object);
}

static void
sd_organization_dialog_class_init (SdOrganizationDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sd_organization_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sesdesk/SesDesk/sd-organization-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SdOrganizationDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, SdOrganizationDialog, profile_row);
  gtk_widget_class_bind_template_child (widget_class, SdOrganizationDialog, role_row);
  gtk_widget_class_bind_template_child (widget_class, SdOrganizationDialog, external_id_row);
  gtk_widget_class_bind_template_child (widget_class, SdOrganizationDialog, session_row);
  gtk_widget_class_bind_template_child (widget_class, SdOrganizationDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sd_organization_dialog_init (SdOrganizationDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

GtkWidget *
sd_organization_dialog_new (GtkWindow  *parent,
                            GListModel *profiles,
                            GSettings  *settings)
{
  SdOrganizationDialog *self;
  g_autoptr(GtkExpression) expression = NULL;

  g_return_val_if_fail (G_IS_LIST_MODEL (profiles), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (SD_TYPE_ORGANIZATION_DIALOG, "transient-for", parent, NULL);
  self->settings = g_object_ref (settings);
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  adw_combo_row_set_expression (self->profile_row, expression);
  adw_combo_row_set_model (self->profile_row, profiles);
  show_problem (self);
  return GTK_WIDGET (self);
}

GVariant *
sd_organizations_without (GSettings  *settings,
                          const char *profile)
{
  g_autoptr(GVariant) organizations = g_settings_get_value (settings, "organizations");
  g_autoptr(GVariantBuilder) builder = g_variant_builder_new (G_VARIANT_TYPE ("a(ssss)"));
  GVariantIter iter;
  GVariant *child;

  g_variant_iter_init (&iter, organizations);
  while ((child = g_variant_iter_next_value (&iter)) != NULL)
    {
      const char *known;

      g_variant_get_child (child, 0, "&s", &known);
      if (g_strcmp0 (known, profile) != 0)
        g_variant_builder_add_value (builder, child);
      g_variant_unref (child);
    }
  return g_variant_builder_end (builder);
}
