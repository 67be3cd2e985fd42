/* sd-request-outcome.c — how a request's send came out: an icon or a spinner, a title, a description
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sd-request-outcome.h"

struct _SdRequestOutcome
{
  AdwBin      parent_instance;

  /* Template widgets */
  GtkStack   *icon_stack;
  GtkSpinner *spinner;
  GtkImage   *icon;
  GtkLabel   *title;
  GtkLabel   *description;
};

G_DEFINE_FINAL_TYPE (SdRequestOutcome, sd_request_outcome, ADW_TYPE_BIN)

/* Auxiliary functions */

/* The icon in its color (NULL: still sending, a spinner). */
static void
set_icon (SdRequestOutcome *self,
          const char       *icon)
{
  static const char * const classes[] = { "success", "warning", "error", "accent" };
  GtkWidget *image = GTK_WIDGET (self->icon);

  gtk_stack_set_visible_child_name (self->icon_stack, icon == NULL ? "spinner" : "icon");
  gtk_spinner_set_spinning (self->spinner, icon == NULL);
  if (icon == NULL)
    return;
  gtk_image_set_from_icon_name (self->icon, icon);
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (image, classes[i]);
  gtk_widget_add_css_class (image, g_str_equal (icon, "emblem-ok-symbolic") ? "success"
                                   : g_str_equal (icon, "dialog-warning-symbolic") ? "warning"
                                   : g_str_equal (icon, "dialog-error-symbolic") ? "error" : "accent");
}

/* Overrides */

static void
sd_request_outcome_class_init (SdRequestOutcomeClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sesdesk/SesDesk/sd-request-outcome.ui");
  gtk_widget_class_bind_template_child (widget_class, SdRequestOutcome, icon_stack);
  gtk_widget_class_bind_template_child (widget_class, SdRequestOutcome, spinner);
  gtk_widget_class_bind_template_child (widget_class, SdRequestOutcome, icon);
  gtk_widget_class_bind_template_child (widget_class, SdRequestOutcome, title);
  gtk_widget_class_bind_template_child (widget_class, SdRequestOutcome, description);
}

static void
sd_request_outcome_init (SdRequestOutcome *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

void
sd_request_outcome_set (SdRequestOutcome *self,
                        const char       *icon_name,
                        const char       *title,
                        const char       *description)
{
  g_return_if_fail (SD_IS_REQUEST_OUTCOME (self));

  gtk_label_set_label (self->title, title);
  gtk_label_set_label (self->description, description);
  set_icon (self, icon_name);
}
