/* sd-case-banner.c — the line above a case's thread that says how its messages stand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sd-case-banner.h"

struct _SdCaseBanner
{
  AdwBin       parent_instance;

  /* Template widgets */
  GtkRevealer *revealer;
  GtkImage    *icon;
  GtkLabel    *label;
  GtkWidget   *retry_button;
};

G_DEFINE_FINAL_TYPE (SdCaseBanner, sd_case_banner, ADW_TYPE_BIN)

/* Overrides */

static void
sd_case_banner_class_init (SdCaseBannerClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sesdesk/SesDesk/sd-case-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, SdCaseBanner, revealer);
  gtk_widget_class_bind_template_child (widget_class, SdCaseBanner, icon);
  gtk_widget_class_bind_template_child (widget_class, SdCaseBanner, label);
  gtk_widget_class_bind_template_child (widget_class, SdCaseBanner, retry_button);
}

static void
sd_case_banner_init (SdCaseBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/* Public API */

void
sd_case_banner_show (SdCaseBanner *self,
                     const char   *icon_name,
                     const char   *text,
                     gboolean      can_retry)
{
  g_return_if_fail (SD_IS_CASE_BANNER (self));
  g_return_if_fail (text != NULL);

  gtk_image_set_from_icon_name (self->icon, icon_name);
  gtk_revealer_set_reveal_child (self->revealer, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  gtk_label_set_label (self->label, text);
  gtk_widget_set_visible (self->retry_button, can_retry);
}

void
sd_case_banner_hide (SdCaseBanner *self,
                     gboolean      can_retry)
{
  g_return_if_fail (SD_IS_CASE_BANNER (self));

  gtk_revealer_set_reveal_child (self->revealer, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  gtk_widget_set_visible (self->retry_button, can_retry);
}
