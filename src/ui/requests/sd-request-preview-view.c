/* sd-request-preview-view.c — exactly what a request sends, region by region
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sd-request-preview.h"
#include "sd-request-preview-view.h"
#include "sd-request-util.h"

struct _SdRequestPreviewView
{
  AdwBin     parent_instance;

  /* Template widgets */
  GtkWidget *preview_box;
};

G_DEFINE_FINAL_TYPE (SdRequestPreviewView, sd_request_preview_view, ADW_TYPE_BIN)

/* Auxiliary functions */

/* The text is its own accessible name: what a screen reader reads is what goes out. */
static GtkWidget *
new_text_card (const char *text,
               gboolean    monospace)
{
  GtkWidget *label = sd_request_util_wrapped_label (text);

  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "card");
  gtk_widget_add_css_class (label, "preview-text");
  if (monospace)
    gtk_widget_add_css_class (label, "monospace");
  return label;
}

static GtkWidget *
new_preview_row (const char *title,
                 const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  gtk_widget_add_css_class (row, "property");
  return row;
}

/* Overrides */

static void
sd_request_preview_view_class_init (SdRequestPreviewViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sesdesk/SesDesk/sd-request-preview-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SdRequestPreviewView, preview_box);
}

static void
sd_request_preview_view_init (SdRequestPreviewView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

void
sd_request_preview_view_show (SdRequestPreviewView *self,
                              SdRequest            *request)
{
  g_autoptr(GListModel) previews = NULL;
  guint n;
  GtkWidget *child;

  g_return_if_fail (SD_IS_REQUEST_PREVIEW_VIEW (self));
  g_return_if_fail (SD_IS_REQUEST (request));

  previews = sd_request_build_previews (request);
  n = g_list_model_get_n_items (previews);

  while ((child = gtk_widget_get_first_child (self->preview_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->preview_box), child);

  {
    const char *text = g_dngettext (GETTEXT_PACKAGE,
                                    "This is exactly what goes to AWS. It is sent once; the "
                                    "outcome shows here and under Requests.",
                                    "This is exactly what goes to AWS, region by region. Each "
                                    "region is sent once and tracked on its own; the outcome "
                                    "shows here and under Requests.", n);
    GtkWidget *intro = sd_request_util_wrapped_label (text);

    gtk_widget_add_css_class (intro, "dim-label");
    gtk_box_append (GTK_BOX (self->preview_box), intro);
  }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdRequestPreview) preview = g_list_model_get_item (previews, i);
      const char *region = sd_request_preview_get_region (preview);
      const char *subject = sd_request_preview_get_subject (preview);
      const char *body = sd_request_preview_get_body (preview);
      const char *payload = sd_request_preview_get_payload (preview);
      SdRequestRoute route = sd_request_preview_get_route (preview);
      g_autofree char *title = sd_request_util_region_label (region);
      GtkWidget *group = adw_preferences_group_new ();
      GtkWidget *list = gtk_list_box_new ();
      GtkWidget *expander;

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);

      gtk_list_box_append (GTK_LIST_BOX (list), new_preview_row (_("Route"), sd_request_preview_get_route_label (preview)));
      if (sd_request_preview_get_reference (preview) != NULL && route != SD_REQUEST_ROUTE_NONE)
        gtk_list_box_append (GTK_LIST_BOX (list),
                             new_preview_row (_("Reference"), sd_request_preview_get_reference (preview)));
      if (subject != NULL)
        gtk_list_box_append (GTK_LIST_BOX (list), new_preview_row (_("Subject"), subject));

      if (body != NULL)
        {
          GtkWidget *heading = sd_request_util_wrapped_label (route == SD_REQUEST_ROUTE_PUT_ACCOUNT_DETAILS
                                                              ? _("Use case description sent to SES")
                                                              : _("Case text"));

          gtk_widget_add_css_class (heading, "heading");
          gtk_widget_set_margin_top (heading, 12);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), heading);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                     new_text_card (body, FALSE));
        }

      if (payload != NULL)
        {
          GtkWidget *row = gtk_list_box_row_new ();

          expander = adw_expander_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("Exact Request"));
          adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), _("The operation’s input, as JSON"));
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
          gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), new_text_card (payload, TRUE));
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
          gtk_list_box_append (GTK_LIST_BOX (list), expander);
        }
      else
        gtk_list_box_append (GTK_LIST_BOX (list),
                             new_preview_row (_("Nothing is sent"), _("This region has nothing to send now.")));

      gtk_box_append (GTK_BOX (self->preview_box), group);
    }
}
