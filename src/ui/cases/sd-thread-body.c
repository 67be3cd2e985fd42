/* sd-thread-body.c — a message body: safe text with http(s) links, wrapped
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sd-case-format.h"
#include "sd-thread-body.h"

/* What the body asks for across: the list gives it its whole width anyway. */
#define BODY_WIDTH 160

struct _SdThreadBody
{
  GtkWidget  parent_instance;

  GtkWidget *label;   /* owned (child) */
};

G_DEFINE_FINAL_TYPE (SdThreadBody, sd_thread_body, GTK_TYPE_WIDGET)

/* Callbacks */

static gboolean
on_activate_link (GtkLabel     *label,
                  const char   *uri,
                  SdThreadBody *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  /* Only what the safe text marked as a web link is ever opened. */
  if (sd_text_is_web_uri (uri))
    gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
  return TRUE;
}

/* Overrides */

static void
sd_thread_body_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  SdThreadBody *self = SD_THREAD_BODY (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* A wrapping label would lay its text out one word a line to find
       * its minimum: costly for long bodies, and of no use here. */
      *minimum = *natural = BODY_WIDTH;
      return;
    }
  if (for_size < 0)
    {
      /* Asked without a width (a scrolled window's natural size): any
       * answer is a guess, and a layout at a made-up width wasted. */
      *minimum = *natural = 0;
      return;
    }
  gtk_widget_measure (self->label, GTK_ORIENTATION_VERTICAL, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static GtkSizeRequestMode
sd_thread_body_get_request_mode (GtkWidget *widget)
{
  /* Its height depends on the width it is given: without this, containers
   * would measure it without one. */
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
sd_thread_body_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  gtk_widget_allocate (SD_THREAD_BODY (widget)->label, width, height, baseline, NULL);
}

static void
sd_thread_body_dispose (GObject *object)
{
  SdThreadBody *self = SD_THREAD_BODY (object);

  g_clear_pointer (&self->label, gtk_widget_unparent);

  G_OBJECT_CLASS (sd_thread_body_parent_class)->dispose (object);
}

static void
sd_thread_body_class_init (SdThreadBodyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sd_thread_body_dispose;
  widget_class->measure = sd_thread_body_measure;
  widget_class->get_request_mode = sd_thread_body_get_request_mode;
  widget_class->size_allocate = sd_thread_body_size_allocate;

  gtk_widget_class_set_css_name (widget_class, "messagebody");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sd_thread_body_init (SdThreadBody *self)
{
  self->label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->label), 0);
  gtk_label_set_yalign (GTK_LABEL (self->label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (self->label), TRUE);
  gtk_widget_add_css_class (self->label, "message-body");
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));
  g_signal_connect (self->label, "activate-link", G_CALLBACK (on_activate_link), self);
}

/* Public API */

GtkWidget *
sd_thread_body_new (void)
{
  return g_object_new (SD_TYPE_THREAD_BODY, NULL);
}

void
sd_thread_body_set_text (SdThreadBody     *self,
                         const SdSafeText *text)
{
  g_return_if_fail (SD_IS_THREAD_BODY (self));

  if (text == NULL)
    {
      gtk_label_set_use_markup (GTK_LABEL (self->label), FALSE);
      gtk_label_set_text (GTK_LABEL (self->label), "");
      return;
    }
  /* Links become markup only through escaped runs, and a body without
   * links is never parsed as markup at all. */
  if (sd_safe_text_get_n_links (text) > 0)
    {
      g_autofree char *markup = sd_case_format_body_markup (text);

      gtk_label_set_markup (GTK_LABEL (self->label), markup);
    }
  else
    {
      gtk_label_set_use_markup (GTK_LABEL (self->label), FALSE);
      gtk_label_set_text (GTK_LABEL (self->label), sd_safe_text_get_text (text, NULL));
    }
}
