/* sd-case-row.c — one AWS Support case, as a row of the case list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sd-aws-endpoints.h"
#include "sd-case-format.h"
#include "sd-case-row.h"

struct _SdCaseRow
{
  AdwBin      parent_instance;

  SdCase     *case_;        /* owned, nullable */
  char       *account;      /* owned, nullable: shown when several accounts' cases are */
  gboolean    current;

  /* Template widgets */
  GtkImage   *unread_image;
  GtkLabel   *subject_label;
  GtkLabel   *status_label;
  GtkLabel   *meta_label;
  GtkLabel   *origin_label;
  GtkButton  *support_center_button;
};

G_DEFINE_FINAL_TYPE (SdCaseRow, sd_case_row, ADW_TYPE_BIN)

static const char * const status_classes[] = {
  "case-open", "case-needs-reply", "case-resolved", "case-unknown", NULL
};

/* Auxiliary functions */

static void
set_badge (GtkLabel   *badge,
           const char *text,
           const char *css_class)
{
  for (guint i = 0; status_classes[i] != NULL; i++)
    gtk_widget_remove_css_class (GTK_WIDGET (badge), status_classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (badge), css_class);
  gtk_label_set_label (badge, text);
}

/* "Case 178234561"; a long case id ("case-1234…") is shown as it is. */
static char *
format_case_id (SdCase *case_)
{
  const char *id = sd_case_get_label_id (case_);

  if (g_str_has_prefix (id, "case-"))
    return g_strdup (id);
  /* Translators: the number AWS Support gives a case, e.g. "Case 178234561" */
  return g_strdup_printf (_("Case %s"), id);
}

/* Callbacks */

static void
on_case_notify (SdCaseRow *self)
{
  sd_case_row_update (self);
}

static void
on_support_center_clicked (SdCaseRow *self)
{
  g_autofree char *uri = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->case_ == NULL)
    return;
  uri = sd_case_dup_support_center_url (self->case_, NULL);
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

/* Overrides */

static void
sd_case_row_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (sd_case_row_parent_class)->root (widget);
  /* The list item holding the row is known now: label it too. */
  sd_case_row_update (SD_CASE_ROW (widget));
}

static void
sd_case_row_dispose (GObject *object)
{
  sd_case_row_set_case (SD_CASE_ROW (object), NULL);
  g_clear_pointer (&SD_CASE_ROW (object)->account, g_free);

  G_OBJECT_CLASS (sd_case_row_parent_class)->dispose (object);
}

static void
sd_case_row_class_init (SdCaseRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sd_case_row_dispose;
  widget_class->root = sd_case_row_root;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sesdesk/SesDesk/sd-case-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SdCaseRow, unread_image);
  gtk_widget_class_bind_template_child (widget_class, SdCaseRow, subject_label);
  gtk_widget_class_bind_template_child (widget_class, SdCaseRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, SdCaseRow, meta_label);
  gtk_widget_class_bind_template_child (widget_class, SdCaseRow, origin_label);
  gtk_widget_class_bind_template_child (widget_class, SdCaseRow, support_center_button);
  gtk_widget_class_bind_template_callback (widget_class, on_support_center_clicked);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sd_case_row_init (SdCaseRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

GtkWidget *
sd_case_row_new (void)
{
  return g_object_new (SD_TYPE_CASE_ROW, NULL);
}

void
sd_case_row_set_case (SdCaseRow *self,
                      SdCase    *case_)
{
  g_return_if_fail (SD_IS_CASE_ROW (self));

  if (self->case_ == case_)
    return;
  if (self->case_ != NULL)
    g_signal_handlers_disconnect_by_data (self->case_, self);
  g_set_object (&self->case_, case_);
  if (case_ != NULL)
    g_signal_connect_swapped (case_, "notify", G_CALLBACK (on_case_notify), self);
  sd_case_row_update (self);
}

SdCase *
sd_case_row_get_case (SdCaseRow *self)
{
  g_return_val_if_fail (SD_IS_CASE_ROW (self), NULL);
  return self->case_;
}

void
sd_case_row_set_current (SdCaseRow *self,
                         gboolean   current)
{
  GtkWidget *item;

  g_return_if_fail (SD_IS_CASE_ROW (self));

  self->current = !!current;
  /* The list item is what shows the highlight, across its whole width. */
  item = gtk_widget_get_parent (GTK_WIDGET (self));
  if (item == NULL)
    item = GTK_WIDGET (self);
  if (current)
    gtk_widget_add_css_class (item, "current-case");
  else
    gtk_widget_remove_css_class (item, "current-case");
}

void
sd_case_row_update (SdCaseRow *self)
{
  SdCase *case_ = self->case_;
  g_autofree char *subject = NULL;
  g_autofree char *when = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(GString) meta = NULL;
  const char *status_text;
  const char *language;
  g_autofree char *id_text = NULL;
  gboolean known;
  gboolean subject_from_origin;
  SdCaseOrigin origin;
  GtkWidget *item;

  g_return_if_fail (SD_IS_CASE_ROW (self));

  if (case_ == NULL)
    return;

  known = sd_case_get_details_known (case_);
  origin = sd_case_get_origin (case_);

  /* A case known only by its id is named after how the app knows it. */
  subject_from_origin = sd_case_get_subject (case_) == NULL && origin != SD_CASE_ORIGIN_NONE;
  if (sd_case_get_subject (case_) != NULL)
    subject = g_strdup (sd_case_get_subject (case_));
  else if (subject_from_origin)
    subject = g_strdup (sd_case_origin_to_label (origin));
  else
    subject = format_case_id (case_);
  gtk_label_set_label (self->subject_label, subject);

  status_text = known ? sd_case_status_to_label (sd_case_get_status (case_)) : NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), status_text != NULL);
  if (status_text != NULL)
    set_badge (self->status_label, status_text, sd_case_format_status_class (sd_case_get_status (case_)));

  id_text = format_case_id (case_);
  meta = g_string_new (NULL);
  if (self->account != NULL)
    /* Translators: the account a case belongs to, before its number: "acme-prod · Case 123" */
    g_string_append_printf (meta, _("%s · "), self->account);
  g_string_append (meta, id_text);
  language = sd_case_format_language (sd_case_get_language (case_));
  if (language != NULL)
    g_string_append_printf (meta, " · %s", language);
  when = sd_case_format_relative (sd_case_get_last_activity (case_), g_get_real_time () / G_USEC_PER_SEC);
  if (when != NULL)
    g_string_append_printf (meta, " · %s", when);
  gtk_label_set_label (self->meta_label, meta->str);

  gtk_widget_set_visible (GTK_WIDGET (self->origin_label), origin != SD_CASE_ORIGIN_NONE &&
                          (!subject_from_origin || sd_case_get_origin_region (case_) != NULL));
  if (origin != SD_CASE_ORIGIN_NONE)
    {
      const char *region = sd_case_get_origin_region (case_);
      const char *region_name = region != NULL && sd_aws_region_display_name (region) != NULL
                                  ? _(sd_aws_region_display_name (region)) : region;
      g_autofree char *text = NULL;

      if (subject_from_origin)
        /* The subject says how the app knows it: the region is what is left. */
        text = g_strdup (region_name != NULL ? region_name : "");
      else if (region != NULL)
        /* Translators: how the app knows a case, and the region of the request: "Production access review · Europe (Ireland)" */
        text = g_strdup_printf (_("%s · %s"), sd_case_origin_to_label (origin), region_name);
      else
        text = g_strdup (sd_case_origin_to_label (origin));
      gtk_label_set_label (self->origin_label, text);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->unread_image), sd_case_get_unread (case_));

  /* Known only by its id: the Support Center is the way to read it. */
  gtk_widget_set_visible (GTK_WIDGET (self->support_center_button), !known);
  {
    /* Translators: a button's accessible label; %s is the case number */
    g_autofree char *label = g_strdup_printf (_("Open case %s in Support Center"),
                                              sd_case_get_label_id (case_));

    gtk_accessible_update_property (GTK_ACCESSIBLE (self->support_center_button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  }

  summary = g_strdup_printf ("%s, %s%s%s%s", subject, meta->str,
                             status_text != NULL ? ", " : "", status_text != NULL ? status_text : "",
                             /* Translators: appended to a case's accessible label when AWS wrote since it was read */
                             sd_case_get_unread (case_) ? _(", new message") : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, summary, -1);
  /* GTK before 4.12 cannot label a list item: label the list's child that
   * holds this row, which is what takes the keyboard focus. */
  item = gtk_widget_get_parent (GTK_WIDGET (self));
  if (item != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_PROPERTY_LABEL, summary, -1);
}

void
sd_case_row_set_account (SdCaseRow  *self,
                         const char *account)
{
  g_return_if_fail (SD_IS_CASE_ROW (self));

  if (g_strcmp0 (self->account, account) == 0)
    return;
  g_free (self->account);
  self->account = g_strdup (account);
  sd_case_row_update (self);
}
