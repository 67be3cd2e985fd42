/* sd-fleet-cell.c — one region of one account as a compact tile of the overview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sd-fleet-cell.h"
#include "sd-health-format.h"
#include "sd-region-row.h"

#define ICON_SIZE 16
#define PADDING   8

struct _SdFleetCell
{
  GtkWidget       parent_instance;

  SdRegionStatus *status;        /* owned, nullable */
  char           *account_name;  /* owned, nullable */
  char           *css_class;     /* owned, nullable: the state class applied */
  PangoLayout    *layout;        /* owned, nullable: made on first draw */
  guint           row;
  guint           column;
  gboolean        matches;
};

G_DEFINE_FINAL_TYPE (SdFleetCell, sd_fleet_cell, GTK_TYPE_WIDGET)

/* The named colour of the theme that goes with each health level (style.css
 * gives the same to the cards' glyphs). */
static const char *
health_color_name (SdHealthLevel level)
{
  switch (level)
    {
    case SD_HEALTH_LEVEL_HEALTHY: return "success_color";
    case SD_HEALTH_LEVEL_WATCH: return "accent_color";
    case SD_HEALTH_LEVEL_UNDER_REVIEW: return "warning_color";
    case SD_HEALTH_LEVEL_AT_RISK:
    case SD_HEALTH_LEVEL_PAUSED: return "error_color";
    case SD_HEALTH_LEVEL_UNKNOWN:
    default:
      return NULL;
    }
}

/* Auxiliary functions */

static const char *
state_class (SdRegionStatus *status)
{
  SdSandboxState state;

  if (status == NULL)
    return "absent";
  state = sd_region_status_get_state (status);
  if (state != SD_SANDBOX_STATE_UNKNOWN)
    return sd_region_row_state_css_class (state);
  if (sd_region_status_get_error (status) != NULL)
    return "error";
  return "unknown";
}

static void
update (SdFleetCell *self)
{
  const char *css_class = state_class (self->status);

  if (g_strcmp0 (css_class, self->css_class) != 0)
    {
      if (self->css_class != NULL)
        gtk_widget_remove_css_class (GTK_WIDGET (self), self->css_class);
      gtk_widget_add_css_class (GTK_WIDGET (self), css_class);
      g_free (self->css_class);
      self->css_class = g_strdup (css_class);
    }
  if (self->matches)
    gtk_widget_remove_css_class (GTK_WIDGET (self), "filtered-out");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self), "filtered-out");

  if (self->status != NULL)
    {
      g_autofree char *label = sd_fleet_cell_describe (self->status, self->account_name);

      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self), label);
    }
  else
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self), NULL);
    }
  if (self->layout != NULL)
    pango_layout_set_text (self->layout, sd_fleet_cell_short_state (self->status), -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Callbacks */

static void
on_status_changed (SdFleetCell *self)
{
  update (self);
}

/* The widest of the words a tile can show, laid out in @widget's font. */
static int
widest_word (GtkWidget *widget)
{
  static const SdSandboxState states[] = {
    SD_SANDBOX_STATE_PRODUCTION, SD_SANDBOX_STATE_SANDBOX, SD_SANDBOX_STATE_PENDING,
    SD_SANDBOX_STATE_DENIED, SD_SANDBOX_STATE_FAILED,
  };
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, C_("tile", "Error"));
  int widest;

  pango_layout_get_pixel_size (layout, &widest, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      int width;

      pango_layout_set_text (layout, sd_fleet_cell_state_word (states[i]), -1);
      pango_layout_get_pixel_size (layout, &width, NULL);
      widest = MAX (widest, width);
    }
  return widest;
}

/* Overrides */

static void
sd_fleet_cell_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  *minimum = *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? sd_fleet_cell_get_width (SD_FLEET_CELL (widget))
                                                                   : SD_FLEET_CELL_HEIGHT;
}

static void
sd_fleet_cell_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  SdFleetCell *self = SD_FLEET_CELL (widget);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int text_x = PADDING;
  int text_width;
  int text_height;
  GdkRGBA color;

  if (self->status == NULL)
    return;

  gtk_style_context_get_color (context, &color);

  /* The health glyph, in the health level's colour, before the state's word. */
  if (sd_region_status_get_updated (self->status) > 0)
    {
      SdHealthLevel level = sd_region_status_get_health_level (self->status);
      const char *icon_name = sd_health_level_icon_name (level);
      const char *color_name = health_color_name (level);

      if (icon_name != NULL)
        {
          GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (widget));
          g_autoptr(GtkIconPaintable) icon =
            gtk_icon_theme_lookup_icon (theme, icon_name, NULL, ICON_SIZE, gtk_widget_get_scale_factor (widget),
                                        gtk_widget_get_direction (widget), 0);
          GdkRGBA icon_color = color;

          if (color_name != NULL)
            gtk_style_context_lookup_color (context, color_name, &icon_color);
          gtk_snapshot_save (snapshot);
          gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (PADDING, (height - ICON_SIZE) / 2.0));
          gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (icon), snapshot,
                                                    ICON_SIZE, ICON_SIZE, &icon_color, 1);
          gtk_snapshot_restore (snapshot);
          text_x += ICON_SIZE + 4;
        }
    }

  if (self->layout == NULL)
    {
      self->layout = gtk_widget_create_pango_layout (widget, sd_fleet_cell_short_state (self->status));
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_set_width (self->layout, MAX (1, width - text_x - PADDING) * PANGO_SCALE);
  pango_layout_get_pixel_size (self->layout, &text_width, &text_height);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (text_x, (height - text_height) / 2.0));
  gtk_snapshot_append_layout (snapshot, self->layout, &color);
  gtk_snapshot_restore (snapshot);
}

static void
sd_fleet_cell_css_changed (GtkWidget         *widget,
                           GtkCssStyleChange *change)
{
  SdFleetCell *self = SD_FLEET_CELL (widget);

  GTK_WIDGET_CLASS (sd_fleet_cell_parent_class)->css_changed (widget, change);
  /* A new font or language: lay the word out again. */
  g_clear_object (&self->layout);
}

static void
sd_fleet_cell_dispose (GObject *object)
{
  SdFleetCell *self = SD_FLEET_CELL (object);

  if (self->status != NULL)
    g_signal_handlers_disconnect_by_data (self->status, self);
  g_clear_object (&self->status);
  g_clear_object (&self->layout);

  G_OBJECT_CLASS (sd_fleet_cell_parent_class)->dispose (object);
}

static void
sd_fleet_cell_finalize (GObject *object)
{
  SdFleetCell *self = SD_FLEET_CELL (object);

  g_free (self->account_name);
  g_free (self->css_class);

  G_OBJECT_CLASS (sd_fleet_cell_parent_class)->finalize (object);
}

static void
sd_fleet_cell_class_init (SdFleetCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sd_fleet_cell_dispose;
  object_class->finalize = sd_fleet_cell_finalize;
  widget_class->measure = sd_fleet_cell_measure;
  widget_class->snapshot = sd_fleet_cell_snapshot;
  widget_class->css_changed = sd_fleet_cell_css_changed;

  gtk_widget_class_set_css_name (widget_class, "fleetcell");
  /* A button to assistive technologies: it opens the region's page. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_BUTTON);
}

static void
sd_fleet_cell_init (SdFleetCell *self)
{
  self->matches = TRUE;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}

/* Public API */

GtkWidget *
sd_fleet_cell_new (guint row,
                   guint column)
{
  SdFleetCell *self = g_object_new (SD_TYPE_FLEET_CELL, NULL);

  self->row = row;
  self->column = column;
  return GTK_WIDGET (self);
}

guint
sd_fleet_cell_get_row (SdFleetCell *self)
{
  g_return_val_if_fail (SD_IS_FLEET_CELL (self), 0);
  return self->row;
}

guint
sd_fleet_cell_get_column (SdFleetCell *self)
{
  g_return_val_if_fail (SD_IS_FLEET_CELL (self), 0);
  return self->column;
}

void
sd_fleet_cell_set_status (SdFleetCell    *self,
                          SdRegionStatus *status,
                          const char     *account_name,
                          gboolean        matches)
{
  g_return_if_fail (SD_IS_FLEET_CELL (self));
  g_return_if_fail (status == NULL || SD_IS_REGION_STATUS (status));

  if (self->status == status && self->matches == matches &&
      g_strcmp0 (self->account_name, account_name) == 0)
    return;
  if (self->status != status)
    {
      if (self->status != NULL)
        g_signal_handlers_disconnect_by_data (self->status, self);
      g_set_object (&self->status, status);
      if (status != NULL)
        {
          g_signal_connect_swapped (status, "changed", G_CALLBACK (on_status_changed), self);
          g_signal_connect_swapped (status, "notify::loading", G_CALLBACK (on_status_changed), self);
        }
    }
  g_free (self->account_name);
  self->account_name = g_strdup (account_name);
  self->matches = matches;
  /* An empty place is not a stop for the keyboard. */
  gtk_widget_set_focusable (GTK_WIDGET (self), status != NULL);
  update (self);
}

SdRegionStatus *
sd_fleet_cell_get_status (SdFleetCell *self)
{
  g_return_val_if_fail (SD_IS_FLEET_CELL (self), NULL);
  return self->status;
}

/* Every tile of a font is as wide: the widest word, its glyph and padding,
 * or SD_FLEET_CELL_WIDTH when that is wider. Measured once a font and
 * language (all tiles share them), so that 1,350 tiles lay out at the cost
 * of one. */
int
sd_fleet_cell_get_width (SdFleetCell *self)
{
  static guint font_hash;
  static char *language;
  static int width;
  PangoContext *context;
  const PangoFontDescription *font;
  const char *lang;

  g_return_val_if_fail (SD_IS_FLEET_CELL (self), SD_FLEET_CELL_WIDTH);

  context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  font = pango_context_get_font_description (context);
  lang = pango_language_to_string (pango_context_get_language (context));
  if (width == 0 || font_hash != pango_font_description_hash (font) || g_strcmp0 (language, lang) != 0)
    {
      font_hash = pango_font_description_hash (font);
      g_free (language);
      language = g_strdup (lang);
      width = MAX (SD_FLEET_CELL_WIDTH, widest_word (GTK_WIDGET (self)) + ICON_SIZE + 4 + 2 * PADDING);
    }
  return width;
}

const char *
sd_fleet_cell_state_word (SdSandboxState state)
{
  switch (state)
    {
    /* Translators: a region's state on a small tile of the overview; keep it short */
    case SD_SANDBOX_STATE_PRODUCTION: return C_("tile", "Production");
    /* Translators: a region's state on a small tile of the overview; keep it short */
    case SD_SANDBOX_STATE_SANDBOX: return C_("tile", "Sandbox");
    /* Translators: a region's state on a small tile of the overview: production access under review */
    case SD_SANDBOX_STATE_PENDING: return C_("tile", "Review");
    /* Translators: a region's state on a small tile of the overview; keep it short */
    case SD_SANDBOX_STATE_DENIED: return C_("tile", "Denied");
    /* Translators: a region's state on a small tile of the overview; keep it short */
    case SD_SANDBOX_STATE_FAILED: return C_("tile", "Failed");
    case SD_SANDBOX_STATE_UNKNOWN:
    default:
      return NULL;
    }
}

const char *
sd_fleet_cell_short_state (SdRegionStatus *status)
{
  const char *word;

  if (status == NULL)
    return "";
  word = sd_fleet_cell_state_word (sd_region_status_get_state (status));
  if (word != NULL)
    return word;
  if (sd_region_status_get_error (status) != NULL)
    /* Translators: a region that could not be loaded, on a small tile of the overview */
    return C_("tile", "Error");
  /* A region not loaded yet. */
  return "…";
}

char *
sd_fleet_cell_describe (SdRegionStatus *status,
                        const char     *account_name)
{
  GString *text = g_string_new (NULL);
  SdSandboxState state = sd_region_status_get_state (status);
  SdHealthLevel level = sd_region_status_get_health_level (status);
  guint n_ips = sd_region_status_get_n_dedicated_ips (status);
  const GError *error = sd_region_status_get_error (status);
  /* The whole message: it says what happened and what to do (a suspended
   * account, a role that cannot be assumed), where a card has room for
   * its first words only. */
  const char *problem = error != NULL ? error->message : NULL;

  /* Translators: an overview tile as a screen reader says it, before its state:
   * "acme-prod, Europe (Ireland)" */
  g_string_append_printf (text, _("%s, %s"), account_name != NULL ? account_name
                                                                  : sd_region_status_get_profile (status),
                          sd_region_status_get_region_name (status));
  if (state != SD_SANDBOX_STATE_UNKNOWN)
    g_string_append_printf (text, ": %s", sd_sandbox_state_to_label (state));
  else if (problem != NULL)
    /* Translators: an overview tile of a region that could not be loaded: ": Error, " then why */
    g_string_append_printf (text, _(": Error, %s"), problem);
  else if (sd_region_status_get_loading (status))
    /* Translators: an overview tile while its region loads */
    g_string_append (text, _(": loading"));
  if (sd_region_status_get_updated (status) > 0 && level != SD_HEALTH_LEVEL_UNKNOWN)
    {
      g_autofree char *word = g_utf8_strdown (sd_health_level_to_label (level), -1);

      g_string_append_printf (text, ", %s", word);
    }
  if (n_ips > 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, ", %u dedicated IP", ", %u dedicated IPs", n_ips),
                            n_ips);
  if (state != SD_SANDBOX_STATE_UNKNOWN && problem != NULL)
    g_string_append_printf (text, " (%s)", problem);
  return g_string_free (text, FALSE);
}
