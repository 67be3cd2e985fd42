/* sd-health-chart.c — 14 days of a region's sending figures, drawn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drawn with cairo in the widget's own colours: the foreground of its style
 * and the named colours of the theme (accent, success, warning, error), so
 * that the light and the dark style both work. Each series has a shape and a
 * line pattern of its own as well as a colour. What is drawn is also said in
 * words: a tooltip per day, and the accessible description lists every value.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sd-health-chart.h"
#include "sd-health-format.h"

/* Room for the plot at its smallest: fits a 360 px window. */
#define MIN_WIDTH 240
#define MIN_HEIGHT 180
/* Natural height: taller than wide charts look squashed at full width. */
#define NAT_HEIGHT 220
/* Padding around the plot and between legend items, in pixels. */
#define PAD 8
#define MARKER 3.5

struct _SdHealthChart
{
  GtkWidget          parent_instance;

  SdHealthChartKind  kind;
  SdRegionHealth    *health;   /* owned, nullable */
  /* Where the last frame put the plot, for the tooltip. */
  double             plot_x;
  double             plot_width;
  /* Frames drawn and the time they took, for the benchmarks. */
  guint              draws;
  gint64             draw_usec;
};

G_DEFINE_FINAL_TYPE (SdHealthChart, sd_health_chart, GTK_TYPE_WIDGET)
G_DEFINE_ENUM_TYPE (SdHealthChartKind, sd_health_chart_kind,
  G_DEFINE_ENUM_VALUE (SD_HEALTH_CHART_ACTIVITY, "activity"),
  G_DEFINE_ENUM_VALUE (SD_HEALTH_CHART_BOUNCE_RATE, "bounce-rate"),
  G_DEFINE_ENUM_VALUE (SD_HEALTH_CHART_COMPLAINT_RATE, "complaint-rate"))

typedef enum {
  MARK_NONE,
  MARK_CIRCLE,
  MARK_SQUARE,
  MARK_TRIANGLE,
  MARK_DIAMOND,
} Mark;

/* How a series looks: its theme colour, line pattern and marker. */
typedef struct {
  SdHealthMetric  metric;
  const char     *color;    /* a named colour of the theme; NULL: the foreground */
  double          dash;     /* 0: a solid line */
  Mark            mark;
  gboolean        bars;
} Series;

static const Series activity_series[] = {
  { SD_HEALTH_METRIC_SEND, "accent_color", 0, MARK_NONE, TRUE },
  { SD_HEALTH_METRIC_DELIVERY, "success_color", 0, MARK_CIRCLE, FALSE },
  { SD_HEALTH_METRIC_BOUNCE, "warning_color", 5, MARK_SQUARE, FALSE },
  { SD_HEALTH_METRIC_COMPLAINT, "error_color", 2, MARK_TRIANGLE, FALSE },
  { SD_HEALTH_METRIC_REJECT, NULL, 8, MARK_DIAMOND, FALSE },
};

static const Series bounce_series[] = {
  { SD_HEALTH_METRIC_BOUNCE_RATE, "accent_color", 0, MARK_CIRCLE, FALSE },
};

static const Series complaint_series[] = {
  { SD_HEALTH_METRIC_COMPLAINT_RATE, "accent_color", 0, MARK_CIRCLE, FALSE },
};

enum {
  PROP_0,
  PROP_KIND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Auxiliary functions */

static const Series *
get_series (SdHealthChart *self,
            guint         *n)
{
  switch (self->kind)
    {
    case SD_HEALTH_CHART_BOUNCE_RATE:
      *n = G_N_ELEMENTS (bounce_series);
      return bounce_series;
    case SD_HEALTH_CHART_COMPLAINT_RATE:
      *n = G_N_ELEMENTS (complaint_series);
      return complaint_series;
    case SD_HEALTH_CHART_ACTIVITY:
    default:
      *n = G_N_ELEMENTS (activity_series);
      return activity_series;
    }
}

static gboolean
is_rate_chart (SdHealthChart *self)
{
  return self->kind != SD_HEALTH_CHART_ACTIVITY;
}

static SdHealthRate
chart_rate (SdHealthChart *self)
{
  return self->kind == SD_HEALTH_CHART_COMPLAINT_RATE ? SD_HEALTH_RATE_COMPLAINT : SD_HEALTH_RATE_BOUNCE;
}

static GdkRGBA
lookup_color (SdHealthChart *self,
              const char    *name)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  GdkRGBA color;

  gtk_style_context_get_color (context, &color);
  if (name != NULL)
    {
      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      /* The theme's named colours: GTK 4.8 has no other way to read them. */
      gtk_style_context_lookup_color (context, name, &color);
      G_GNUC_END_IGNORE_DEPRECATIONS
    }
  return color;
}

static void
set_color (cairo_t       *cr,
           const GdkRGBA *color,
           double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

/* A round number at or above @value: 1, 2 or 5 times a power of ten. */
static double
nice_ceiling (double value)
{
  double power;
  double fraction;

  if (value <= 0)
    return 1;
  power = pow (10, floor (log10 (value)));
  fraction = value / power;
  if (fraction <= 1)
    return power;
  if (fraction <= 2)
    return 2 * power;
  if (fraction <= 5)
    return 5 * power;
  return 10 * power;
}

static double
top_of_scale (SdHealthChart *self)
{
  guint n_series;
  const Series *series = get_series (self, &n_series);
  double top = 0;

  for (guint s = 0; s < n_series; s++)
    for (guint d = 0; d < SD_REGION_HEALTH_N_DAYS; d++)
      {
        double v = sd_region_health_get_value (self->health, series[s].metric, d);

        if (!isnan (v))
          top = MAX (top, v);
      }
  if (is_rate_chart (self))
    {
      /* AWS's pause line is always in sight: the distance to it is the point. */
      top = MAX (top, sd_health_rate_line (chart_rate (self), SD_RATE_BAND_PAUSE_RISK) * 1.15);
      return nice_ceiling (top * 1.05);
    }
  return nice_ceiling (MAX (top, 1));
}

static char *
format_axis_value (SdHealthChart *self,
                   double         value)
{
  if (is_rate_chart (self))
    return sd_health_format_rate (value);
  return sd_health_format_value (SD_HEALTH_METRIC_SEND, value);
}

static void
draw_mark (cairo_t *cr,
           Mark     mark,
           double   x,
           double   y)
{
  switch (mark)
    {
    case MARK_CIRCLE:
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, MARKER, 0, 2 * G_PI);
      break;
    case MARK_SQUARE:
      cairo_rectangle (cr, x - MARKER, y - MARKER, 2 * MARKER, 2 * MARKER);
      break;
    case MARK_TRIANGLE:
      cairo_move_to (cr, x, y - MARKER - 1);
      cairo_line_to (cr, x + MARKER + 1, y + MARKER);
      cairo_line_to (cr, x - MARKER - 1, y + MARKER);
      cairo_close_path (cr);
      break;
    case MARK_DIAMOND:
      cairo_move_to (cr, x, y - MARKER - 1);
      cairo_line_to (cr, x + MARKER + 1, y);
      cairo_line_to (cr, x, y + MARKER + 1);
      cairo_line_to (cr, x - MARKER - 1, y);
      cairo_close_path (cr);
      break;
    case MARK_NONE:
    default:
      return;
    }
  cairo_fill (cr);
}

static void
set_dash (cairo_t *cr,
          double   dash)
{
  if (dash > 0)
    cairo_set_dash (cr, (double[]) { dash, dash > 3 ? 3 : 2 }, 2, 0);
  else
    cairo_set_dash (cr, NULL, 0, 0);
}

/* The legend, left to right, wrapping; returns its height. */
static double
draw_legend (SdHealthChart *self,
             cairo_t       *cr,
             double         width,
             const GdkRGBA *fg)
{
  guint n_series;
  const Series *series = get_series (self, &n_series);
  double x = 0;
  double y = 0;
  double line_height = 0;

  for (guint s = 0; s < n_series; s++)
    {
      g_autoptr(PangoLayout) layout =
        gtk_widget_create_pango_layout (GTK_WIDGET (self), sd_health_metric_to_label (series[s].metric));
      GdkRGBA color = lookup_color (self, series[s].color);
      int tw, th;
      double item;

      pango_layout_get_pixel_size (layout, &tw, &th);
      item = 22 + tw + 2 * PAD;
      if (x > 0 && x + item > width)
        {
          x = 0;
          y += line_height + 2;
        }
      line_height = MAX (line_height, th);
      set_color (cr, &color, 1);
      if (series[s].bars)
        {
          set_color (cr, &color, 0.45);
          cairo_rectangle (cr, x + 4, y + th / 2.0 - 5, 12, 10);
          cairo_fill (cr);
        }
      else
        {
          cairo_set_line_width (cr, 2);
          set_dash (cr, series[s].dash);
          cairo_move_to (cr, x, y + th / 2.0);
          cairo_line_to (cr, x + 20, y + th / 2.0);
          cairo_stroke (cr);
          draw_mark (cr, series[s].mark, x + 10, y + th / 2.0);
        }
      set_color (cr, fg, 0.85);
      cairo_move_to (cr, x + 24, y);
      pango_cairo_show_layout (cr, layout);
      x += item;
    }
  return y + line_height;
}

/* A horizontal line of AWS's at @value, named at the right end. */
static void
draw_rate_line (SdHealthChart *self,
                cairo_t       *cr,
                double         value,
                double         top,
                double         x0,
                double         y0,
                double         w,
                double         h,
                const char    *color_name,
                const char    *text)
{
  GdkRGBA color = lookup_color (self, color_name);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  double y = y0 + h - value / top * h;
  int tw, th;

  set_color (cr, &color, 0.9);
  cairo_set_line_width (cr, 1.5);
  set_dash (cr, 6);
  cairo_move_to (cr, x0, y);
  cairo_line_to (cr, x0 + w, y);
  cairo_stroke (cr);
  pango_layout_get_pixel_size (layout, &tw, &th);
  cairo_move_to (cr, x0 + w - tw - 2, y - th - 1);
  pango_cairo_show_layout (cr, layout);
}

static void
draw (SdHealthChart *self,
      cairo_t       *cr,
      double         width,
      double         height)
{
  guint n_series;
  const Series *series = get_series (self, &n_series);
  GdkRGBA fg = lookup_color (self, NULL);
  double legend_height;
  double top = top_of_scale (self);
  double axis_width = 0;
  double x0, y0, w, h, slot;
  int label_height = 0;
  guint label_every;
  const guint n_ticks = 4;

  legend_height = draw_legend (self, cr, width, &fg);

  /* The y axis: as wide as its widest label. */
  for (guint t = 0; t <= n_ticks; t++)
    {
      g_autofree char *text = format_axis_value (self, top * t / n_ticks);
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
      int tw, th;

      pango_layout_get_pixel_size (layout, &tw, &th);
      axis_width = MAX (axis_width, tw);
      label_height = th;
    }
  x0 = axis_width + PAD;
  y0 = legend_height + PAD + label_height / 2.0;
  w = MAX (1, width - x0 - 2);
  h = MAX (1, height - y0 - label_height - PAD);
  slot = w / SD_REGION_HEALTH_N_DAYS;
  self->plot_x = x0;
  self->plot_width = w;

  /* Grid lines and the y axis' labels. */
  cairo_set_line_width (cr, 1);
  for (guint t = 0; t <= n_ticks; t++)
    {
      g_autofree char *text = format_axis_value (self, top * t / n_ticks);
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
      double y = round (y0 + h - h * t / n_ticks) + 0.5;
      int tw, th;

      set_color (cr, &fg, t == 0 ? 0.35 : 0.12);
      set_dash (cr, 0);
      cairo_move_to (cr, x0, y);
      cairo_line_to (cr, x0 + w, y);
      cairo_stroke (cr);
      pango_layout_get_pixel_size (layout, &tw, &th);
      set_color (cr, &fg, 0.6);
      cairo_move_to (cr, x0 - PAD / 2.0 - tw, y - th / 2.0);
      pango_cairo_show_layout (cr, layout);
    }

  /* The days under the plot, as many as fit. */
  {
    g_autofree char *sample = sd_health_format_day (sd_region_health_get_day (self->health, 0), TRUE);
    g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), sample);
    int tw, th;

    pango_layout_get_pixel_size (layout, &tw, &th);
    label_every = 1;
    while (label_every < SD_REGION_HEALTH_N_DAYS && slot * label_every < tw + PAD)
      label_every++;
  }
  for (guint d = 0; d < SD_REGION_HEALTH_N_DAYS; d++)
    {
      g_autofree char *text = NULL;
      g_autoptr(PangoLayout) layout = NULL;
      int tw, th;

      /* Counted back from today, so that today always has its label. */
      if ((SD_REGION_HEALTH_N_DAYS - 1 - d) % label_every != 0)
        continue;
      text = sd_health_format_day (sd_region_health_get_day (self->health, d), TRUE);
      layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
      pango_layout_get_pixel_size (layout, &tw, &th);
      set_color (cr, &fg, 0.6);
      cairo_move_to (cr, CLAMP (x0 + slot * (d + 0.5) - tw / 2.0, 0, width - tw), y0 + h + 2);
      pango_cairo_show_layout (cr, layout);
    }

  if (is_rate_chart (self))
    {
      SdHealthRate rate = chart_rate (self);
      double review = sd_health_rate_line (rate, SD_RATE_BAND_REVIEW);
      double pause = sd_health_rate_line (rate, SD_RATE_BAND_PAUSE_RISK);
      g_autofree char *review_rate = sd_health_format_rate (review);
      g_autofree char *pause_rate = sd_health_format_rate (pause);
      /* Translators: AWS's line drawn in a rate chart, %s is the rate: "Review 5.00 %" */
      g_autofree char *review_text = g_strdup_printf (_("Review %s"), review_rate);
      /* Translators: AWS's line drawn in a rate chart, %s is the rate: "Pause risk 10.00 %" */
      g_autofree char *pause_text = g_strdup_printf (_("Pause risk %s"), pause_rate);

      draw_rate_line (self, cr, review, top, x0, y0, w, h, "warning_color", review_text);
      draw_rate_line (self, cr, pause, top, x0, y0, w, h, "error_color", pause_text);
    }

  for (guint s = 0; s < n_series; s++)
    {
      GdkRGBA color = lookup_color (self, series[s].color);
      gboolean drawing = FALSE;

      if (series[s].bars)
        {
          for (guint d = 0; d < SD_REGION_HEALTH_N_DAYS; d++)
            {
              double v = sd_region_health_get_value (self->health, series[s].metric, d);
              double bh = isnan (v) ? 0 : v / top * h;

              if (bh <= 0)
                continue;
              set_color (cr, &color, 0.35);
              cairo_rectangle (cr, x0 + slot * d + slot * 0.15, y0 + h - bh, slot * 0.7, bh);
              cairo_fill (cr);
            }
          continue;
        }

      /* A day without a figure breaks the line: no data is not zero. */
      set_color (cr, &color, 1);
      cairo_set_line_width (cr, 2);
      set_dash (cr, series[s].dash);
      for (guint d = 0; d < SD_REGION_HEALTH_N_DAYS; d++)
        {
          double v = sd_region_health_get_value (self->health, series[s].metric, d);
          double x = x0 + slot * (d + 0.5);

          if (isnan (v))
            {
              drawing = FALSE;
              continue;
            }
          if (drawing)
            cairo_line_to (cr, x, y0 + h - v / top * h);
          else
            cairo_move_to (cr, x, y0 + h - v / top * h);
          drawing = TRUE;
        }
      cairo_stroke (cr);
      for (guint d = 0; d < SD_REGION_HEALTH_N_DAYS; d++)
        {
          double v = sd_region_health_get_value (self->health, series[s].metric, d);

          if (!isnan (v))
            draw_mark (cr, series[s].mark, x0 + slot * (d + 0.5), y0 + h - v / top * h);
        }
    }
}

/* Every series' value on @day, one line each, under the date. */
static char *
compose_day (SdHealthChart *self,
             guint          day)
{
  guint n_series;
  const Series *series = get_series (self, &n_series);
  GString *text = g_string_new (NULL);
  g_autofree char *date = sd_health_format_day (sd_region_health_get_day (self->health, day), FALSE);

  g_string_append (text, date);
  for (guint s = 0; s < n_series; s++)
    {
      g_autofree char *value =
        sd_health_format_value (series[s].metric, sd_region_health_get_value (self->health, series[s].metric, day));

      g_string_append_c (text, '\n');
      /* Translators: a series' value in a chart's tooltip: "Sends: 1,200" */
      g_string_append_printf (text, _("%s: %s"), sd_health_metric_to_label (series[s].metric), value);
    }
  return g_string_free (text, FALSE);
}

static void
update_accessible (SdHealthChart *self)
{
  g_autofree char *description = sd_health_chart_dup_description (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description, -1);
}

/* Overrides */

static void
sd_health_chart_dispose (GObject *object)
{
  SdHealthChart *self = SD_HEALTH_CHART (object);

  g_clear_object (&self->health);

  G_OBJECT_CLASS (sd_health_chart_parent_class)->dispose (object);
}

static void
sd_health_chart_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SdHealthChart *self = SD_HEALTH_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_health_chart_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SdHealthChart *self = SD_HEALTH_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      update_accessible (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_health_chart_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MIN_WIDTH;
      *natural = MIN_WIDTH;
    }
  else
    {
      *minimum = MIN_HEIGHT;
      *natural = NAT_HEIGHT;
    }
}

static void
sd_health_chart_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  SdHealthChart *self = SD_HEALTH_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  gint64 start;
  cairo_t *cr;

  if (self->health == NULL || width <= 0 || height <= 0)
    return;
  start = g_get_monotonic_time ();
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw (self, cr, width, height);
  cairo_destroy (cr);
  self->draw_usec += g_get_monotonic_time () - start;
  self->draws++;
}

static gboolean
sd_health_chart_query_tooltip (GtkWidget  *widget,
                               int         x,
                               int         y,
                               gboolean    keyboard_mode,
                               GtkTooltip *tooltip)
{
  SdHealthChart *self = SD_HEALTH_CHART (widget);
  g_autofree char *text = NULL;
  int day;

  if (self->health == NULL || self->plot_width <= 0)
    return FALSE;
  /* From the keyboard there is no pointer: today. */
  if (keyboard_mode)
    day = SD_REGION_HEALTH_N_DAYS - 1;
  else
    day = (int) floor ((x - self->plot_x) / (self->plot_width / SD_REGION_HEALTH_N_DAYS));
  if (day < 0 || day >= SD_REGION_HEALTH_N_DAYS)
    return FALSE;
  text = compose_day (self, day);
  gtk_tooltip_set_text (tooltip, text);
  /* A new tooltip when the pointer moves to the next day. */
  if (!keyboard_mode)
    gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) {
      (int) (self->plot_x + self->plot_width / SD_REGION_HEALTH_N_DAYS * day), 0,
      (int) ceil (self->plot_width / SD_REGION_HEALTH_N_DAYS),
      gtk_widget_get_height (widget)
    });
  return TRUE;
}

static void
sd_health_chart_css_changed (GtkWidget         *widget,
                             GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (sd_health_chart_parent_class)->css_changed (widget, change);
  /* Light to dark and back: the colours are read while drawing. */
  gtk_widget_queue_draw (widget);
}

static void
sd_health_chart_class_init (SdHealthChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sd_health_chart_dispose;
  object_class->get_property = sd_health_chart_get_property;
  object_class->set_property = sd_health_chart_set_property;
  widget_class->measure = sd_health_chart_measure;
  widget_class->snapshot = sd_health_chart_snapshot;
  widget_class->query_tooltip = sd_health_chart_query_tooltip;
  widget_class->css_changed = sd_health_chart_css_changed;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, SD_TYPE_HEALTH_CHART_KIND, SD_HEALTH_CHART_ACTIVITY,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "healthchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
sd_health_chart_init (SdHealthChart *self)
{
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  /* Reachable with Tab, so that the keyboard gets the tooltip and a screen
   * reader the description. */
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
}

/* Public API */

GtkWidget *
sd_health_chart_new (SdHealthChartKind kind)
{
  return g_object_new (SD_TYPE_HEALTH_CHART, "kind", kind, NULL);
}

SdHealthChartKind
sd_health_chart_get_kind (SdHealthChart *self)
{
  g_return_val_if_fail (SD_IS_HEALTH_CHART (self), SD_HEALTH_CHART_ACTIVITY);
  return self->kind;
}

void
sd_health_chart_set_health (SdHealthChart  *self,
                            SdRegionHealth *health)
{
  g_return_if_fail (SD_IS_HEALTH_CHART (self));

  if (!g_set_object (&self->health, health))
    return;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

SdRegionHealth *
sd_health_chart_get_health (SdHealthChart *self)
{
  g_return_val_if_fail (SD_IS_HEALTH_CHART (self), NULL);
  return self->health;
}

char *
sd_health_chart_dup_description (SdHealthChart *self)
{
  guint n_series;
  const Series *series;
  GString *text;

  g_return_val_if_fail (SD_IS_HEALTH_CHART (self), NULL);

  if (self->health == NULL)
    return g_strdup ("");
  series = get_series (self, &n_series);
  text = g_string_new (NULL);
  for (guint s = 0; s < n_series; s++)
    {
      if (s > 0)
        g_string_append (text, "\n");
      /* Translators: the start of a series in a chart's description: "Sends: " */
      g_string_append_printf (text, _("%s: "), sd_health_metric_to_label (series[s].metric));
      for (guint d = 0; d < SD_REGION_HEALTH_N_DAYS; d++)
        {
          g_autofree char *day = sd_health_format_day (sd_region_health_get_day (self->health, d), TRUE);
          g_autofree char *value =
            sd_health_format_value (series[s].metric, sd_region_health_get_value (self->health, series[s].metric, d));

          if (d > 0)
            /* Translators: between two days' values in a chart's description */
            g_string_append (text, C_("list separator", ", "));
          /* Translators: one day's value in a chart's description: "Dec 6 1,200" */
          g_string_append_printf (text, C_("chart value", "%s %s"), day, value);
        }
      /* Translators: the end of a series in a chart's description */
      g_string_append (text, C_("sentence end", "."));
    }
  if (is_rate_chart (self))
    {
      g_autofree char *lines = sd_health_format_lines (chart_rate (self));

      g_string_append_printf (text, "\n%s%s", lines, C_("sentence end", "."));
    }
  return g_string_free (text, FALSE);
}

void
sd_health_chart_get_draw_stats (SdHealthChart *self,
                                guint         *draws,
                                gint64        *usec)
{
  g_return_if_fail (SD_IS_HEALTH_CHART (self));

  if (draws != NULL)
    *draws = self->draws;
  if (usec != NULL)
    *usec = self->draw_usec;
}
