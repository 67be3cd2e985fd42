/* sd-request-problems-bar.c — how many fields of the request's form are left to complete
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sd-request-problems-bar.h"

struct _SdRequestProblemsBar
{
  AdwBin        parent_instance;

  guint         problems;

  /* Template widgets */
  GtkActionBar *problems_bar;
  GtkLabel     *problems_label;
};

G_DEFINE_FINAL_TYPE (SdRequestProblemsBar, sd_request_problems_bar, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_PROBLEMS,
  PROP_REVEALED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  NEXT_PROBLEM,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Callbacks */

static void
on_next_problem_clicked (SdRequestProblemsBar *self)
{
  g_signal_emit (self, signals[NEXT_PROBLEM], 0);
}

/* Overrides */

static void
sd_request_problems_bar_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  SdRequestProblemsBar *self = SD_REQUEST_PROBLEMS_BAR (object);

  switch (prop_id)
    {
    case PROP_PROBLEMS:
      g_value_set_uint (value, self->problems);
      break;
    case PROP_REVEALED:
      g_value_set_boolean (value, gtk_action_bar_get_revealed (self->problems_bar));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_request_problems_bar_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  SdRequestProblemsBar *self = SD_REQUEST_PROBLEMS_BAR (object);

  switch (prop_id)
    {
    case PROP_PROBLEMS:
      sd_request_problems_bar_set_problems (self, g_value_get_uint (value));
      break;
    case PROP_REVEALED:
      sd_request_problems_bar_set_revealed (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_request_problems_bar_class_init (SdRequestProblemsBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = sd_request_problems_bar_get_property;
  object_class->set_property = sd_request_problems_bar_set_property;

  properties[PROP_PROBLEMS] = g_param_spec_uint ("problems", NULL, NULL, 0, G_MAXUINT, 0,
                                                 G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                 G_PARAM_STATIC_STRINGS);
  properties[PROP_REVEALED] = g_param_spec_boolean ("revealed", NULL, NULL, TRUE,
                                                    G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                    G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[NEXT_PROBLEM] = g_signal_new ("next-problem", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                        NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sesdesk/SesDesk/sd-request-problems-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, SdRequestProblemsBar, problems_bar);
  gtk_widget_class_bind_template_child (widget_class, SdRequestProblemsBar, problems_label);
  gtk_widget_class_bind_template_callback (widget_class, on_next_problem_clicked);
}

static void
sd_request_problems_bar_init (SdRequestProblemsBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

void
sd_request_problems_bar_set_problems (SdRequestProblemsBar *self,
                                      guint                 problems)
{
  g_return_if_fail (SD_IS_REQUEST_PROBLEMS_BAR (self));

  if (problems > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u field to complete before the preview",
                                                            "%u fields to complete before the preview",
                                                            problems), problems);

      gtk_label_set_label (self->problems_label, text);
    }
  else
    gtk_label_set_label (self->problems_label, "");
  if (self->problems == problems)
    return;
  self->problems = problems;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEMS]);
}

void
sd_request_problems_bar_set_revealed (SdRequestProblemsBar *self,
                                      gboolean              revealed)
{
  g_return_if_fail (SD_IS_REQUEST_PROBLEMS_BAR (self));

  revealed = !!revealed;
  if (gtk_action_bar_get_revealed (self->problems_bar) == revealed)
    return;
  gtk_action_bar_set_revealed (self->problems_bar, revealed);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEALED]);
}
