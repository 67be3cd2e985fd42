/* sd-region-row.c — one region of one account, as a card of the dashboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sd-format.h"
#include "sd-health-format.h"
#include "sd-region-row.h"
#include "sd-spinner.h"
#include "sd-widget-util.h"

/* The narrowest a card's text can be: the card's width request (280 px,
 * sd-region-row.ui) less its padding and border (style.css .region-card).
 * A line that fits it does not wrap (sd_label_set_text_wrapping_over()). */
#define CARD_TEXT_WIDTH (280 - 2 * 14 - 2 * 1)
/* The header's spacing (sd-region-row.ui) */
#define HEADER_SPACING 8

struct _SdRegionRow
{
  AdwBin          parent_instance;

  SdRegionStatus *status;        /* owned, nullable */
  gboolean        show_profile;

  /* Template widgets */
  GtkLabel       *name_label;
  GtkLabel       *code_label;
  SdSpinner      *spinner;
  GtkLabel       *state_label;
  GtkWidget      *details_box;
  GtkWidget      *health_box;
  GtkImage       *health_icon;
  GtkLabel       *health_label;
  GtkLabel       *rates_label;
  GtkLabel       *quota_label;
  GtkLevelBar    *sent_bar;
  GtkLabel       *sent_label;
  GtkLabel       *ips_label;
  GtkWidget      *error_box;
  GtkLabel       *error_label;
};

G_DEFINE_FINAL_TYPE (SdRegionRow, sd_region_row, ADW_TYPE_BIN)

static const char * const state_classes[] = {
  "unknown", "sandbox", "production", "pending", "denied", "failed", "error", NULL
};

/* Auxiliary functions */

static void
set_badge (GtkLabel   *badge,
           const char *text,
           const char *css_class)
{
  for (guint i = 0; state_classes[i] != NULL; i++)
    gtk_widget_remove_css_class (GTK_WIDGET (badge), state_classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (badge), css_class);
  gtk_label_set_label (badge, text);
}

/* The accessible label of the whole card: what a screen reader says first. */
static char *
compose_summary (SdRegionRow *self,
                 const char  *state,
                 const char  *health,
                 const char  *problem)
{
  SdRegionStatus *status = self->status;
  GString *text = g_string_new (NULL);

  /* Translators: a region card's accessible label: "Asia Pacific (Tokyo), ap-northeast-1" */
  g_string_append_printf (text, _("%s, %s"), sd_region_status_get_region_name (status),
                          sd_region_status_get_region (status));
  if (self->show_profile && sd_region_status_get_profile (status) != NULL)
    /* Translators: appended to a region card's accessible label: ", profile acme-prod" */
    g_string_append_printf (text, _(", profile %s"), sd_region_status_get_account_name (status));
  if (state != NULL)
    g_string_append_printf (text, ": %s", state);
  if (health != NULL)
    g_string_append_printf (text, ", %s", health);
  if (problem != NULL)
    g_string_append_printf (text, " (%s)", problem);
  if (sd_region_status_get_loading (status))
    /* Translators: appended to a region card's accessible label while it loads */
    g_string_append (text, _(", loading"));
  return g_string_free (text, FALSE);
}

/* The health level (glyph, word, colour) and both rates; returns what a
 * screen reader says of it. */
static char *
show_health (SdRegionRow *self)
{
  SdHealthLevel level = sd_region_status_get_health_level (self->status);
  SdRegionHealth *health = sd_region_status_get_health (self->status);
  g_autofree char *bounce = sd_health_format_rate (sd_region_health_get_rate (health, SD_HEALTH_RATE_BOUNCE));
  g_autofree char *complaint =
    sd_health_format_rate (sd_region_health_get_rate (health, SD_HEALTH_RATE_COMPLAINT));
  g_autofree char *rates = NULL;

  sd_health_level_show (level, self->health_label, self->health_icon);
  /* Translators: a region card's rates: "Bounces 1.20 % · Complaints 0.01 %" (or "No data") */
  rates = g_strdup_printf (_("Bounces %s · Complaints %s"), bounce, complaint);
  sd_label_set_text_wrapping_over (self->rates_label, rates, CARD_TEXT_WIDTH);
  /* Translators: a region card's health as a screen reader says it:
   * "health Watch, bounce rate 2.50 %, complaint rate No data" */
  return g_strdup_printf (_("health %s, bounce rate %s, complaint rate %s"),
                          sd_health_level_to_label (level), bounce, complaint);
}

static void
update (SdRegionRow *self)
{
  SdRegionStatus *status = self->status;
  SdSandboxState state;
  gboolean loading;
  gboolean loaded;
  g_autofree char *code = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *health_text = NULL;
  const char *state_text = NULL;
  GtkWidget *item;
  int badge_width = 0;
  int spinner_width = 0;
  int header_width;

  if (status == NULL)
    return;

  state = sd_region_status_get_state (status);
  loading = sd_region_status_get_loading (status);
  loaded = sd_region_status_get_updated (status) > 0;
  problem = sd_format_region_error (status);

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
  sd_spinner_set_spinning (self->spinner, loading);

  if (state != SD_SANDBOX_STATE_UNKNOWN)
    {
      state_text = sd_sandbox_state_to_label (state);
      set_badge (self->state_label, state_text, sd_region_row_state_css_class (state));
      gtk_widget_set_visible (GTK_WIDGET (self->state_label), TRUE);
    }
  else if (problem != NULL)
    {
      /* Translators: the badge of a region that could not be loaded */
      state_text = _("Error");
      set_badge (self->state_label, state_text, "error");
      gtk_widget_set_visible (GTK_WIDGET (self->state_label), TRUE);
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->state_label), FALSE);
    }

  /* Beside the badge and the spinner, when shown */
  gtk_widget_measure (GTK_WIDGET (self->state_label), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &badge_width, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (self->spinner), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &spinner_width, NULL, NULL);
  header_width = CARD_TEXT_WIDTH - badge_width - spinner_width - 2 * HEADER_SPACING;
  sd_label_set_text_wrapping_over (self->name_label, sd_region_status_get_region_name (status), header_width);
  if (self->show_profile && sd_region_status_get_profile (status) != NULL)
    /* Translators: region code · profile, e.g. "ap-northeast-1 · acme-prod" */
    code = g_strdup_printf (_("%s · %s"), sd_region_status_get_region (status),
                            sd_region_status_get_account_name (status));
  else
    code = g_strdup (sd_region_status_get_region (status));
  sd_label_set_text_wrapping_over (self->code_label, code, header_width);

  gtk_widget_set_visible (self->details_box, loaded);
  if (loaded)
    {
      double quota = sd_region_status_get_max_24_hour_send (status);
      double sent = sd_region_status_get_sent_last_24_hours (status);
      g_autofree char *quota_text = sd_format_quota (quota, sd_region_status_get_max_send_rate (status));
      g_autofree char *sent_text = sd_format_sent (sent, quota);
      g_autofree char *ips_text = sd_format_dedicated_ips (status);

      sd_label_set_text_wrapping_over (self->quota_label, quota_text, CARD_TEXT_WIDTH);
      sd_label_set_text_wrapping_over (self->sent_label, sent_text, CARD_TEXT_WIDTH);
      sd_label_set_text_wrapping_over (self->ips_label, ips_text, CARD_TEXT_WIDTH);
      /* Unlimited (−1) or no quota: nothing to fill. */
      gtk_widget_set_visible (GTK_WIDGET (self->sent_bar), quota > 0);
      if (quota > 0)
        gtk_level_bar_set_value (self->sent_bar, CLAMP (sent / quota, 0.0, 1.0));
      health_text = show_health (self);
    }

  gtk_widget_set_visible (self->error_box, problem != NULL);
  if (problem != NULL)
    {
      g_autofree char *details = sd_format_error_details (sd_region_status_get_error (status));

      gtk_label_set_label (self->error_label, problem);
      gtk_widget_set_tooltip_text (self->error_box, details);
    }

  summary = compose_summary (self, state_text, health_text, problem);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, summary, -1);
  /* GTK before 4.12 has no way to label a list item: label the grid's child that
   * holds this card, which is what takes the keyboard focus. */
  item = gtk_widget_get_parent (GTK_WIDGET (self));
  if (item != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_PROPERTY_LABEL, summary, -1);
}

/* Callbacks */

static void
on_status_changed (SdRegionRow *self)
{
  update (self);
}

/* Overrides */

static void
sd_region_row_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (sd_region_row_parent_class)->root (widget);
  /* The parent is known now: give it the label too. */
  update (SD_REGION_ROW (widget));
}

static void
sd_region_row_dispose (GObject *object)
{
  SdRegionRow *self = SD_REGION_ROW (object);

  sd_region_row_set_status (self, NULL);

  G_OBJECT_CLASS (sd_region_row_parent_class)->dispose (object);
}

static void
sd_region_row_class_init (SdRegionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sd_region_row_dispose;
  widget_class->root = sd_region_row_root;

  g_type_ensure (SD_TYPE_SPINNER);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sesdesk/SesDesk/sd-region-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SdRegionRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, SdRegionRow, code_label);
  gtk_widget_class_bind_template_child (widget_class, SdRegionRow, spinner);
  gtk_widget_class_bind_template_child (widget_class, SdRegionRow, state_label);
  gtk_widget_class_bind_template_child (widget_class, SdRegionRow, details_box);
  gtk_widget_class_bind_template_child (widget_class, SdRegionRow, health_box);
  gtk_widget_class_bind_template_child (widget_class, SdRegionRow, health_icon);
  gtk_widget_class_bind_template_child (widget_class, SdRegionRow, health_label);
  gtk_widget_class_bind_template_child (widget_class, SdRegionRow, rates_label);
  gtk_widget_class_bind_template_child (widget_class, SdRegionRow, quota_label);
  gtk_widget_class_bind_template_child (widget_class, SdRegionRow, sent_bar);
  gtk_widget_class_bind_template_child (widget_class, SdRegionRow, sent_label);
  gtk_widget_class_bind_template_child (widget_class, SdRegionRow, ips_label);
  gtk_widget_class_bind_template_child (widget_class, SdRegionRow, error_box);
  gtk_widget_class_bind_template_child (widget_class, SdRegionRow, error_label);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sd_region_row_init (SdRegionRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The default offsets color a low value as a warning; here low is good. */
  gtk_level_bar_remove_offset_value (self->sent_bar, GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (self->sent_bar, GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (self->sent_bar, GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_level_bar_add_offset_value (self->sent_bar, "sd-ok", 0.8);
  gtk_level_bar_add_offset_value (self->sent_bar, "sd-high", 0.95);
  gtk_level_bar_add_offset_value (self->sent_bar, "sd-full", 1.0);
}

/* Public API */

GtkWidget *
sd_region_row_new (void)
{
  return g_object_new (SD_TYPE_REGION_ROW, NULL);
}

void
sd_region_row_set_status (SdRegionRow    *self,
                          SdRegionStatus *status)
{
  g_return_if_fail (SD_IS_REGION_ROW (self));

  if (self->status == status)
    return;

  if (self->status != NULL)
    g_signal_handlers_disconnect_by_data (self->status, self);
  g_set_object (&self->status, status);
  if (status != NULL)
    {
      g_signal_connect_swapped (status, "changed", G_CALLBACK (on_status_changed), self);
      g_signal_connect_swapped (status, "notify::loading", G_CALLBACK (on_status_changed), self);
    }
  update (self);
}

SdRegionStatus *
sd_region_row_get_status (SdRegionRow *self)
{
  g_return_val_if_fail (SD_IS_REGION_ROW (self), NULL);
  return self->status;
}

void
sd_region_row_set_show_profile (SdRegionRow *self,
                                gboolean     show_profile)
{
  g_return_if_fail (SD_IS_REGION_ROW (self));

  show_profile = !!show_profile;
  if (self->show_profile == show_profile)
    return;
  self->show_profile = show_profile;
  update (self);
}

const char *
sd_region_row_state_css_class (SdSandboxState state)
{
  const char *id = sd_sandbox_state_to_id (state);

  return id != NULL ? id : "unknown";
}
