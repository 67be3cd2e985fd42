/* sd-spinner.c — a spinner drawn by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "sd-spinner.h"

#define SIZE 16
#define PERIOD_US (G_USEC_PER_SEC * 3 / 4)

struct _SdSpinner
{
  GtkWidget parent_instance;

  gboolean  spinning;
  guint     tick_id;
  double    angle;  /* radians */
};

G_DEFINE_FINAL_TYPE (SdSpinner, sd_spinner, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SPINNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  SdSpinner *self = SD_SPINNER (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);

  self->angle = 2 * G_PI * (double) (now % PERIOD_US) / PERIOD_US;
  gtk_widget_queue_draw (widget);
  return G_SOURCE_CONTINUE;
}

static void
update_tick (SdSpinner *self)
{
  gboolean want = self->spinning && gtk_widget_get_mapped (GTK_WIDGET (self));

  if (want && self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_tick, NULL, NULL);
  else if (!want && self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
}

static void
sd_spinner_snapshot (GtkWidget   *widget,
                     GtkSnapshot *snapshot)
{
  SdSpinner *self = SD_SPINNER (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double radius = MIN (width, height) / 2.0 - 1.5;
  GdkRGBA color;
  cairo_t *cr;

  if (!self->spinning || radius <= 0)
    return;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_line_width (cr, 2.0);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  /* A faint full ring, and a brighter quarter turning on it. */
  color.alpha *= 0.25f;
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_arc (cr, width / 2.0, height / 2.0, radius, 0, 2 * G_PI);
  cairo_stroke (cr);
  color.alpha *= 4.0f;
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_arc (cr, width / 2.0, height / 2.0, radius, self->angle, self->angle + G_PI / 2);
  cairo_stroke (cr);
  cairo_destroy (cr);
}

static void
sd_spinner_measure (GtkWidget      *widget,
                    GtkOrientation  orientation,
                    int             for_size,
                    int            *minimum,
                    int            *natural,
                    int            *minimum_baseline,
                    int            *natural_baseline)
{
  *minimum = *natural = SIZE;
}

static void
sd_spinner_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (sd_spinner_parent_class)->map (widget);
  update_tick (SD_SPINNER (widget));
}

static void
sd_spinner_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (sd_spinner_parent_class)->unmap (widget);
  update_tick (SD_SPINNER (widget));
}

static void
sd_spinner_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_SPINNING:
      g_value_set_boolean (value, SD_SPINNER (object)->spinning);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_spinner_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_SPINNING:
      sd_spinner_set_spinning (SD_SPINNER (object), g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_spinner_class_init (SdSpinnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = sd_spinner_get_property;
  object_class->set_property = sd_spinner_set_property;
  widget_class->snapshot = sd_spinner_snapshot;
  widget_class->measure = sd_spinner_measure;
  widget_class->map = sd_spinner_map;
  widget_class->unmap = sd_spinner_unmap;

  properties[PROP_SPINNING] =
    g_param_spec_boolean ("spinning", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "sd-spinner");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PROGRESS_BAR);
}

static void
sd_spinner_init (SdSpinner *self)
{
}

GtkWidget *
sd_spinner_new (void)
{
  return g_object_new (SD_TYPE_SPINNER, NULL);
}

void
sd_spinner_set_spinning (SdSpinner *self,
                         gboolean   spinning)
{
  g_return_if_fail (SD_IS_SPINNER (self));

  spinning = !!spinning;
  if (self->spinning == spinning)
    return;
  self->spinning = spinning;
  update_tick (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPINNING]);
}

gboolean
sd_spinner_get_spinning (SdSpinner *self)
{
  g_return_val_if_fail (SD_IS_SPINNER (self), FALSE);
  return self->spinning;
}
