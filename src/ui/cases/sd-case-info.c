/* sd-case-info.c — the line under a case's title: its status, language and origin, Show Region, Resolve
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sd-aws-endpoints.h"
#include "sd-case-format.h"
#include "sd-case-info.h"

struct _SdCaseInfo
{
  AdwBin     parent_instance;

  /* Template widgets */
  GtkLabel  *status_label;
  GtkLabel  *info_label;
  GtkWidget *region_button;
  GtkWidget *resolve_button;
};

G_DEFINE_FINAL_TYPE (SdCaseInfo, sd_case_info, ADW_TYPE_BIN)

static const char * const status_classes[] = {
  "case-open", "case-needs-reply", "case-resolved", "case-unknown", NULL
};

/* Overrides */

static void
sd_case_info_class_init (SdCaseInfoClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sesdesk/SesDesk/sd-case-info.ui");
  gtk_widget_class_bind_template_child (widget_class, SdCaseInfo, status_label);
  gtk_widget_class_bind_template_child (widget_class, SdCaseInfo, info_label);
  gtk_widget_class_bind_template_child (widget_class, SdCaseInfo, region_button);
  gtk_widget_class_bind_template_child (widget_class, SdCaseInfo, resolve_button);
}

static void
sd_case_info_init (SdCaseInfo *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

void
sd_case_info_show (SdCaseInfo *self,
                   SdCase     *case_,
                   gboolean    can_resolve)
{
  g_autoptr(GString) info = g_string_new (NULL);
  const char *language;
  const char *region;
  SdCaseStatus status;

  g_return_if_fail (SD_IS_CASE_INFO (self));

  if (case_ == NULL)
    {
      gtk_widget_set_visible (self->region_button, FALSE);
      return;
    }

  status = sd_case_get_status (case_);
  for (guint i = 0; status_classes[i] != NULL; i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), status_classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), sd_case_format_status_class (status));
  gtk_label_set_label (self->status_label, sd_case_status_to_label (status));
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), sd_case_get_details_known (case_));

  /* The number is in the title: the language, and how the app knows the case. */
  language = sd_case_format_language (sd_case_get_language (case_));
  if (language != NULL)
    g_string_append (info, language);
  region = sd_case_get_origin_region (case_);
  if (sd_case_get_origin (case_) != SD_CASE_ORIGIN_NONE)
    {
      if (info->len > 0)
        g_string_append (info, " · ");
      g_string_append (info, sd_case_origin_to_label (sd_case_get_origin (case_)));
      if (region != NULL)
        g_string_append_printf (info, " · %s", sd_aws_region_display_name (region) != NULL
                                                 ? _(sd_aws_region_display_name (region)) : region);
    }
  gtk_label_set_label (self->info_label, info->str);

  /* The region a request of the app opened the case from: a way back to it. */
  if (region != NULL)
    {
      const char *name = sd_aws_region_display_name (region);
      /* Translators: a button's tooltip; %s is a region, e.g. "Europe (Ireland)" */
      g_autofree char *tooltip = g_strdup_printf (_("Show %s in the main window"),
                                                  name != NULL ? _(name) : region);

      gtk_widget_set_tooltip_text (self->region_button, tooltip);
    }
  gtk_widget_set_visible (self->region_button, region != NULL);
  gtk_widget_set_visible (self->resolve_button, can_resolve);
}
