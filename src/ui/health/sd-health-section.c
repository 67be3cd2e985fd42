/* sd-health-section.c — a region's sending health: rates against AWS's lines, charts and a table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rates are AWS's own figures (CloudWatch's Reputation.BounceRate and
 * Reputation.ComplaintRate), which AWS measures over a representative
 * volume and which cannot be computed from the daily counts: the section
 * says so, and shows "No data" where AWS has no figure (docs/health.md).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sd-format.h"
#include "sd-health-chart.h"
#include "sd-health-format.h"
#include "sd-health-section.h"
#include "sd-safe-text.h"

struct _SdHealthSection
{
  AdwBin          parent_instance;

  SdRegionStatus *status;   /* owned, nullable */

  /* Template widgets */
  GtkListBox     *rates_list;
  GtkWidget      *source_box;
  GtkLabel       *source_label;
  SdHealthChart  *activity_chart;
  SdHealthChart  *bounce_chart;
  SdHealthChart  *complaint_chart;
  GtkGrid        *table_grid;
};

G_DEFINE_FINAL_TYPE (SdHealthSection, sd_health_section, ADW_TYPE_BIN)

/* The table's columns, left to right. */
static const SdHealthMetric table_metrics[] = {
  SD_HEALTH_METRIC_SEND,
  SD_HEALTH_METRIC_DELIVERY,
  SD_HEALTH_METRIC_BOUNCE,
  SD_HEALTH_METRIC_COMPLAINT,
  SD_HEALTH_METRIC_REJECT,
  SD_HEALTH_METRIC_BOUNCE_RATE,
  SD_HEALTH_METRIC_COMPLAINT_RATE,
};

/* Auxiliary functions */

static SdHealthLevel
level_of_band (SdRateBand band)
{
  switch (band)
    {
    case SD_RATE_BAND_OK: return SD_HEALTH_LEVEL_HEALTHY;
    case SD_RATE_BAND_WATCH: return SD_HEALTH_LEVEL_WATCH;
    case SD_RATE_BAND_REVIEW: return SD_HEALTH_LEVEL_UNDER_REVIEW;
    case SD_RATE_BAND_PAUSE_RISK: return SD_HEALTH_LEVEL_AT_RISK;
    case SD_RATE_BAND_NO_DATA:
    default:
      return SD_HEALTH_LEVEL_UNKNOWN;
    }
}

/* A row naming a value, with the glyph of @level before the value. */
static void
add_value_row (SdHealthSection *self,
               const char      *title,
               const char      *subtitle,
               const char      *value,
               SdHealthLevel    level)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *label = gtk_label_new (NULL);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  sd_health_level_show (level, GTK_LABEL (label), GTK_IMAGE (icon));
  gtk_label_set_label (GTK_LABEL (label), value);
  gtk_widget_add_css_class (label, "health-value");
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, label, NULL, -1);
  gtk_list_box_append (self->rates_list, row);
}

static void
fill_rates (SdHealthSection *self,
            SdRegionHealth  *health)
{
  static const struct {
    SdHealthRate   rate;
    SdHealthMetric metric;
  } rates[] = {
    { SD_HEALTH_RATE_BOUNCE, SD_HEALTH_METRIC_BOUNCE_RATE },
    { SD_HEALTH_RATE_COMPLAINT, SD_HEALTH_METRIC_COMPLAINT_RATE },
  };
  SdHealthLevel level = sd_region_status_get_health_level (self->status);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->rates_list))) != NULL)
    gtk_list_box_remove (self->rates_list, child);

  add_value_row (self, _("Health"), NULL, sd_health_level_to_label (level), level);
  for (guint i = 0; i < G_N_ELEMENTS (rates); i++)
    {
      double value = sd_region_health_get_rate (health, rates[i].rate);
      g_autofree char *text = sd_health_format_rate (value);
      g_autofree char *lines = sd_health_format_lines (rates[i].rate);

      add_value_row (self, sd_health_metric_to_label (rates[i].metric), lines, text,
                     level_of_band (sd_health_rate_band (rates[i].rate, value)));
    }
  if (sd_region_health_has_counts (health))
    {
      g_autofree char *sends = sd_format_count (sd_region_health_get_total (health, SD_HEALTH_METRIC_SEND));

      add_value_row (self, _("Sends, last 14 days"), NULL, sends, SD_HEALTH_LEVEL_UNKNOWN);
    }
}

/* Where the figures came from, when it was not CloudWatch. */
static void
fill_source (SdHealthSection *self,
             SdRegionHealth  *health)
{
  const GError *error = sd_region_health_get_error (health);
  g_autofree char *message = NULL;
  g_autofree char *text = NULL;

  switch (sd_region_health_get_source (health))
    {
    case SD_HEALTH_SOURCE_SEND_STATISTICS:
      if (sd_region_health_get_missing_permission (health) != NULL)
        /* Translators: %s is an IAM permission, "cloudwatch:GetMetricData" */
        text = g_strdup_printf (_("CloudWatch refused the rates: the %s permission would show them. "
                                  "The counts come from SES's GetSendStatistics instead, without deliveries."),
                                sd_region_health_get_missing_permission (health));
      else
        {
          message = sd_text_safe_line (error != NULL ? error->message : "", -1, 200);
          /* Translators: %s is CloudWatch's error message */
          text = g_strdup_printf (_("CloudWatch did not answer (%s). "
                                    "The counts come from SES's GetSendStatistics instead, without deliveries."),
                                  message);
        }
      break;
    case SD_HEALTH_SOURCE_UNAVAILABLE:
      message = sd_text_safe_line (error != NULL ? error->message : "", -1, 200);
      /* Translators: %s is the error message */
      text = g_strdup_printf (_("The sending figures could not be loaded: %s"), message);
      break;
    case SD_HEALTH_SOURCE_NONE:
    case SD_HEALTH_SOURCE_CLOUDWATCH:
    default:
      break;
    }
  gtk_widget_set_visible (self->source_box, text != NULL);
  gtk_label_set_label (self->source_label, text != NULL ? text : "");
}

static GtkWidget *
attach_cell (SdHealthSection *self,
             const char      *text,
             int              column,
             int              row,
             gboolean         header)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0.0 : 1.0);
  gtk_widget_add_css_class (label, header ? "heading" : "numeric");
  gtk_grid_attach (self->table_grid, label, column, row, 1, 1);
  return label;
}

/* The same numbers as the charts, one row a day, newest first. */
static void
fill_table (SdHealthSection *self,
            SdRegionHealth  *health)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->table_grid))) != NULL)
    gtk_grid_remove (self->table_grid, child);

  attach_cell (self, _("Day"), 0, 0, TRUE);
  for (guint c = 0; c < G_N_ELEMENTS (table_metrics); c++)
    attach_cell (self, sd_health_metric_to_label (table_metrics[c]), c + 1, 0, TRUE);
  for (guint r = 0; r < SD_REGION_HEALTH_N_DAYS; r++)
    {
      guint day = SD_REGION_HEALTH_N_DAYS - 1 - r;
      g_autofree char *date = sd_health_format_day (sd_region_health_get_day (health, day), FALSE);

      attach_cell (self, date, 0, r + 1, FALSE);
      for (guint c = 0; c < G_N_ELEMENTS (table_metrics); c++)
        {
          g_autofree char *value =
            sd_health_format_value (table_metrics[c], sd_region_health_get_value (health, table_metrics[c], day));

          attach_cell (self, value, c + 1, r + 1, FALSE);
        }
    }
}

/* Overrides */

static void
sd_health_section_dispose (GObject *object)
{
  SdHealthSection *self = SD_HEALTH_SECTION (object);

  g_clear_object (&self->status);

  G_OBJECT_CLASS (sd_health_section_parent_class)->dispose (object);
}

static void
sd_health_section_class_init (SdHealthSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sd_health_section_dispose;

  g_type_ensure (SD_TYPE_HEALTH_CHART);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sesdesk/SesDesk/sd-health-section.ui");
  gtk_widget_class_bind_template_child (widget_class, SdHealthSection, rates_list);
  gtk_widget_class_bind_template_child (widget_class, SdHealthSection, source_box);
  gtk_widget_class_bind_template_child (widget_class, SdHealthSection, source_label);
  gtk_widget_class_bind_template_child (widget_class, SdHealthSection, activity_chart);
  gtk_widget_class_bind_template_child (widget_class, SdHealthSection, bounce_chart);
  gtk_widget_class_bind_template_child (widget_class, SdHealthSection, complaint_chart);
  gtk_widget_class_bind_template_child (widget_class, SdHealthSection, table_grid);
}

static void
sd_health_section_init (SdHealthSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

GtkWidget *
sd_health_section_new (void)
{
  return g_object_new (SD_TYPE_HEALTH_SECTION, NULL);
}

void
sd_health_section_set_status (SdHealthSection *self,
                              SdRegionStatus  *status)
{
  SdRegionHealth *health;

  g_return_if_fail (SD_IS_HEALTH_SECTION (self));

  g_set_object (&self->status, status);
  health = status != NULL ? sd_region_status_get_health (status) : NULL;
  sd_health_chart_set_health (self->activity_chart, health);
  sd_health_chart_set_health (self->bounce_chart, health);
  sd_health_chart_set_health (self->complaint_chart, health);
  if (health == NULL)
    return;
  fill_rates (self, health);
  fill_source (self, health);
  fill_table (self, health);
}

void
sd_health_section_get_draw_stats (SdHealthSection *self,
                                  guint           *frames,
                                  gint64          *usec)
{
  SdHealthChart *charts[] = { self->activity_chart, self->bounce_chart, self->complaint_chart };
  guint fewest = G_MAXUINT;
  gint64 total = 0;

  g_return_if_fail (SD_IS_HEALTH_SECTION (self));

  for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
    {
      guint draws;
      gint64 chart_usec;

      sd_health_chart_get_draw_stats (charts[i], &draws, &chart_usec);
      fewest = MIN (fewest, draws);
      total += chart_usec;
    }
  if (frames != NULL)
    *frames = fewest;
  if (usec != NULL)
    *usec = total;
}

void
sd_health_section_redraw_charts (SdHealthSection *self)
{
  g_return_if_fail (SD_IS_HEALTH_SECTION (self));

  gtk_widget_queue_draw (GTK_WIDGET (self->activity_chart));
  gtk_widget_queue_draw (GTK_WIDGET (self->bounce_chart));
  gtk_widget_queue_draw (GTK_WIDGET (self->complaint_chart));
}
