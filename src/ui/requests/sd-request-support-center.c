/* sd-request-support-center.c — what to do in the Support Center when SES Desk cannot open the case itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sd-request-support-center.h"
#include "sd-request-util.h"

struct _SdRequestSupportCenter
{
  AdwBin      parent_instance;

  char       *clipboard_text;     /* owned, nullable; the case text when sent by hand */
  char       *support_url;        /* owned, nullable */

  /* Template widgets */
  GtkLabel   *subscription_label;
  GtkLabel   *subscription_problem;
  GtkListBox *fields_list;
};

G_DEFINE_FINAL_TYPE (SdRequestSupportCenter, sd_request_support_center, ADW_TYPE_BIN)

enum {
  TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Auxiliary functions */

static void
toast (SdRequestSupportCenter *self,
       const char             *text)
{
  g_signal_emit (self, signals[TOAST], 0, text);
}

/* Without Support API access: say so in plain words, put the composed text
 * on the clipboard, open the Support Center's create-case page. The draft
 * stays (the outbox removes it only once AWS has every region). */
static void
on_copy_part_clicked (GtkButton              *button,
                      SdRequestSupportCenter *self)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)),
                          g_object_get_data (G_OBJECT (button), "text"));
  toast (self, g_object_get_data (G_OBJECT (button), "done"));
}

/* One field of the Support Center's form and what goes into it. */
static void
add_field_row (SdRequestSupportCenter *self,
               const char             *field,
               const char             *value,
               const char             *copy_label,
               const char             *copied)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), field);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value != NULL ? value : "");
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  gtk_widget_add_css_class (row, "property");
  if (copy_label != NULL)
    {
      GtkWidget *button = gtk_button_new_with_label (copy_label);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (button), "text", g_strdup (value), g_free);
      g_object_set_data (G_OBJECT (button), "done", (gpointer) copied);
      g_signal_connect (button, "clicked", G_CALLBACK (on_copy_part_clicked), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  gtk_list_box_append (self->fields_list, row);
}

static const char *
answer_label (SdAnswer answer)
{
  return answer == SD_ANSWER_YES ? _("Yes") : answer == SD_ANSWER_NO ? _("No") : "";
}

/* The guide's fields of the create-case page, in its order, named in the
 * UI language; the values as the case has them. */
static void
fill_fields (SdRequestSupportCenter *self,
             SdRequest              *request,
             SdOutboxEntry          *entry)
{
  SdRequestKind kind = sd_request_get_kind (request);
  g_autofree char *region = sd_request_util_region_label (sd_outbox_entry_get_region (entry));
  static const SdRequestField questions[] = {
    SD_REQUEST_FIELD_COMPLIES_WITH_TERMS, SD_REQUEST_FIELD_ONLY_REQUESTED_RECIPIENTS, SD_REQUEST_FIELD_HANDLES_BOUNCES,
  };
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->fields_list))) != NULL)
    gtk_list_box_remove (self->fields_list, child);

  /* The page's own choices, as it shows them. */
  add_field_row (self, _("Regarding"), "Service Limit Increase", NULL, NULL);
  add_field_row (self, _("Limit type"), "SES Sending Limits", NULL, NULL);
  add_field_row (self, sd_request_field_get_label (SD_REQUEST_FIELD_REGIONS, kind), region, NULL, NULL);
  add_field_row (self, sd_request_field_get_label (SD_REQUEST_FIELD_LIMIT, kind), "Desired Daily Sending Quota",
                 NULL, NULL);
  if (kind == SD_REQUEST_KIND_DEDICATED_IPS)
    {
      add_field_row (self, _("New limit value"), sd_request_get_limit_value (request), NULL, NULL);
      add_field_row (self, sd_request_field_get_label (SD_REQUEST_FIELD_MAIL_TYPE, kind),
                     sd_mail_type_get_label (sd_request_get_mail_type (request)), NULL, NULL);
      add_field_row (self, sd_request_field_get_label (SD_REQUEST_FIELD_WEBSITE_URL, kind),
                     sd_request_get_website_url (request), NULL, NULL);
      for (guint i = 0; i < G_N_ELEMENTS (questions); i++)
        add_field_row (self, sd_request_field_get_label (questions[i], kind),
                       answer_label (sd_request_get_answer (request, questions[i])), NULL, NULL);
    }
  add_field_row (self, _("Subject"), sd_outbox_entry_get_subject (entry), _("Copy Subject"),
                 _("The subject is on the clipboard."));
  add_field_row (self, sd_request_field_get_label (SD_REQUEST_FIELD_USE_CASE, kind), sd_outbox_entry_get_body (entry),
                 _("Copy Description"), _("The description is on the clipboard."));
  add_field_row (self, sd_request_field_get_label (SD_REQUEST_FIELD_CONTACT_METHOD, kind), "Web", NULL, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->fields_list), TRUE);
}

/* Callbacks */

static void
on_copy_again_clicked (SdRequestSupportCenter *self)
{
  if (self->clipboard_text == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), self->clipboard_text);
  toast (self, _("The case text is on the clipboard."));
}

static void
on_open_center_clicked (SdRequestSupportCenter *self)
{
  sd_request_util_open_uri (GTK_WIDGET (self), self->support_url, self->subscription_problem);
}

/* Overrides */

static void
sd_request_support_center_finalize (GObject *object)
{
  SdRequestSupportCenter *self = SD_REQUEST_SUPPORT_CENTER (object);

  g_free (self->clipboard_text);
  g_free (self->support_url);

  G_OBJECT_CLASS (sd_request_support_center_parent_class)->finalize (object);
}

static void
sd_request_support_center_class_init (SdRequestSupportCenterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = sd_request_support_center_finalize;

  signals[TOAST] = g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sesdesk/SesDesk/sd-request-support-center.ui");
  gtk_widget_class_bind_template_child (widget_class, SdRequestSupportCenter, subscription_label);
  gtk_widget_class_bind_template_child (widget_class, SdRequestSupportCenter, subscription_problem);
  gtk_widget_class_bind_template_child (widget_class, SdRequestSupportCenter, fields_list);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_again_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_open_center_clicked);
}

static void
sd_request_support_center_init (SdRequestSupportCenter *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

void
sd_request_support_center_show (SdRequestSupportCenter *self,
                                SdRequest              *request,
                                SdOutboxEntry          *entry)
{
  g_return_if_fail (SD_IS_REQUEST_SUPPORT_CENTER (self));
  g_return_if_fail (SD_IS_REQUEST (request));
  g_return_if_fail (SD_IS_OUTBOX_ENTRY (entry));

  g_free (self->clipboard_text);
  self->clipboard_text = sd_outbox_entry_dup_clipboard_text (entry);
  g_free (self->support_url);
  self->support_url = g_strdup (sd_outbox_entry_get_support_center_url (entry));

  if (self->clipboard_text != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), self->clipboard_text);
  if (sd_outbox_entry_get_reason (entry) == SD_OUTBOX_REASON_SUBSCRIPTION_REQUIRED)
    gtk_label_set_label (self->subscription_label,
                         _("This account’s AWS support plan does not include the AWS Support API (it needs "
                           "Business, Enterprise On-Ramp or Enterprise), so SES Desk cannot open the case "
                           "itself. The case text is on the clipboard and the Support Center’s create-case page "
                           "is opening in your browser: paste the text there. Your draft is kept."));
  else
    gtk_label_set_label (self->subscription_label,
                         _("AWS takes a limit increase such as dedicated IPs in the Support Center, not through "
                           "the Support API. The case text is on the clipboard and the create-case page is opening "
                           "in your browser: fill its fields as below. SES Desk then finds the case by the "
                           "reference in its subject. Your draft is kept until then."));
  if (sd_request_get_kind (request) != SD_REQUEST_KIND_SENDING_LIMITS)
    fill_fields (self, request, entry);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->subscription_problem), FALSE);
  sd_request_util_open_uri (GTK_WIDGET (self), self->support_url, self->subscription_problem);
}
