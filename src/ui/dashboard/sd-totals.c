/* sd-totals.c — totals across the regions shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sd-format.h"
#include "sd-health.h"
#include "sd-region-status.h"
#include "sd-totals.h"

struct _SdTotals
{
  AdwBin      parent_instance;

  GListModel *model;  /* owned, nullable; of SdRegionStatus */

  /* Template widgets */
  GtkWidget  *regions_box;
  GtkLabel   *regions_number;
  GtkLabel   *regions_caption;
  GtkWidget  *ips_box;
  GtkLabel   *ips_number;
  GtkLabel   *ips_caption;
  GtkWidget  *sandbox_box;
  GtkLabel   *sandbox_number;
  GtkLabel   *sandbox_caption;
  GtkWidget  *pending_box;
  GtkLabel   *pending_number;
  GtkLabel   *pending_caption;
  GtkWidget  *risk_box;
  GtkLabel   *risk_number;
  GtkLabel   *risk_caption;
  GtkWidget  *errors_box;
  GtkLabel   *errors_number;
  GtkLabel   *errors_caption;
};

G_DEFINE_FINAL_TYPE (SdTotals, sd_totals, ADW_TYPE_BIN)

/* Auxiliary functions */

static void
set_total (GtkWidget  *box,
           GtkLabel   *number_label,
           GtkLabel   *caption_label,
           guint       n,
           const char *caption)
{
  g_autofree char *number = sd_format_count (n);
  g_autofree char *label = NULL;

  gtk_label_set_label (number_label, number);
  gtk_label_set_label (caption_label, caption);
  /* Translators: a total as a screen reader says it: "27 regions" */
  label = g_strdup_printf (C_("total", "%s %s"), number, caption);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

/* Callbacks */

static void
on_items_changed (SdTotals *self)
{
  sd_totals_update (self);
}

/* Overrides */

static void
sd_totals_dispose (GObject *object)
{
  SdTotals *self = SD_TOTALS (object);

  sd_totals_set_model (self, NULL);

  G_OBJECT_CLASS (sd_totals_parent_class)->dispose (object);
}

static void
sd_totals_class_init (SdTotalsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sd_totals_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sesdesk/SesDesk/sd-totals.ui");
  gtk_widget_class_bind_template_child (widget_class, SdTotals, regions_box);
  gtk_widget_class_bind_template_child (widget_class, SdTotals, regions_number);
  gtk_widget_class_bind_template_child (widget_class, SdTotals, regions_caption);
  gtk_widget_class_bind_template_child (widget_class, SdTotals, ips_box);
  gtk_widget_class_bind_template_child (widget_class, SdTotals, ips_number);
  gtk_widget_class_bind_template_child (widget_class, SdTotals, ips_caption);
  gtk_widget_class_bind_template_child (widget_class, SdTotals, sandbox_box);
  gtk_widget_class_bind_template_child (widget_class, SdTotals, sandbox_number);
  gtk_widget_class_bind_template_child (widget_class, SdTotals, sandbox_caption);
  gtk_widget_class_bind_template_child (widget_class, SdTotals, pending_box);
  gtk_widget_class_bind_template_child (widget_class, SdTotals, pending_number);
  gtk_widget_class_bind_template_child (widget_class, SdTotals, pending_caption);
  gtk_widget_class_bind_template_child (widget_class, SdTotals, risk_box);
  gtk_widget_class_bind_template_child (widget_class, SdTotals, risk_number);
  gtk_widget_class_bind_template_child (widget_class, SdTotals, risk_caption);
  gtk_widget_class_bind_template_child (widget_class, SdTotals, errors_box);
  gtk_widget_class_bind_template_child (widget_class, SdTotals, errors_number);
  gtk_widget_class_bind_template_child (widget_class, SdTotals, errors_caption);
}

static void
sd_totals_init (SdTotals *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Only numbers to read: Tab must pass them by (a GtkFlowBox keeps the focus
   * otherwise, even with no focusable child). */
  gtk_widget_set_can_focus (GTK_WIDGET (self), FALSE);
  sd_totals_update (self);
}

/* Public API */

GtkWidget *
sd_totals_new (void)
{
  return g_object_new (SD_TYPE_TOTALS, NULL);
}

void
sd_totals_set_model (SdTotals   *self,
                     GListModel *model)
{
  g_return_if_fail (SD_IS_TOTALS (self));

  if (self->model == model)
    return;
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, model);
  if (model != NULL)
    g_signal_connect_swapped (model, "items-changed", G_CALLBACK (on_items_changed), self);
  sd_totals_update (self);
}

void
sd_totals_update (SdTotals *self)
{
  guint n = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
  guint n_ips = 0;
  guint n_sandbox = 0;
  guint n_pending = 0;
  guint n_errors = 0;
  guint n_risk = 0;

  g_return_if_fail (SD_IS_TOTALS (self));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdRegionStatus) status = g_list_model_get_item (self->model, i);
      SdSandboxState state = sd_region_status_get_state (status);

      n_ips += sd_region_status_get_n_dedicated_ips (status);
      /* Pending, denied and failed reviews leave the region in the sandbox too. */
      if (state != SD_SANDBOX_STATE_UNKNOWN && state != SD_SANDBOX_STATE_PRODUCTION)
        n_sandbox++;
      if (state == SD_SANDBOX_STATE_PENDING)
        n_pending++;
      if (sd_region_status_get_error (status) != NULL)
        n_errors++;
      /* Under review, at risk of pause or paused: what AWS acts on. */
      if (sd_region_status_get_health_level (status) >= SD_HEALTH_LEVEL_UNDER_REVIEW)
        n_risk++;
    }

  set_total (self->regions_box, self->regions_number, self->regions_caption, n,
             g_dngettext (GETTEXT_PACKAGE, "region", "regions", n));
  set_total (self->ips_box, self->ips_number, self->ips_caption, n_ips,
             g_dngettext (GETTEXT_PACKAGE, "dedicated IP", "dedicated IPs", n_ips));
  set_total (self->sandbox_box, self->sandbox_number, self->sandbox_caption, n_sandbox,
             g_dngettext (GETTEXT_PACKAGE, "in the sandbox", "in the sandbox", n_sandbox));
  set_total (self->pending_box, self->pending_number, self->pending_caption, n_pending,
             g_dngettext (GETTEXT_PACKAGE, "review pending", "reviews pending", n_pending));
  set_total (self->risk_box, self->risk_number, self->risk_caption, n_risk,
             g_dngettext (GETTEXT_PACKAGE, "with health at risk", "with health at risk", n_risk));
  set_total (self->errors_box, self->errors_number, self->errors_caption, n_errors,
             g_dngettext (GETTEXT_PACKAGE, "with an error", "with errors", n_errors));
}
