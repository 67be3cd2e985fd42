/* sd-request-dialog.c — request dedicated IPs, release them, leave the sandbox or raise limits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "sd-outbox-row.h"
#include "sd-request-check.h"
#include "sd-request-dialog.h"
#include "sd-request-form.h"
#include "sd-request-manager.h"
#include "sd-request-outcome.h"
#include "sd-request-preview.h"
#include "sd-request-util.h"
#include "sd-support.h"
#include "sd-widget-util.h"

/* Choosing regions one after the other checks once, when the user stops. */
#define CHECK_DELAY_MS 400

struct _SdRequestDialog
{
  AdwWindow            parent_instance;

  SdRequestManager    *manager;            /* owned */
  SdRequest           *request;            /* owned */
  SdRequest           *offered_draft;      /* owned, nullable: an unsent draft to continue */
  SdRequestCheck      *check;              /* owned, nullable: the last check's result */
  GCancellable        *cancellable;        /* owned; cancelled when the dialog goes */
  GCancellable        *check_cancellable;  /* owned, nullable; of the check under way */
  GtkFilterListModel  *result_model;       /* owned, nullable; this request's outbox entries */
  GStrv                notices;            /* owned; what the notices list shows */
  char                *clipboard_text;     /* owned, nullable; the case text when sent by hand */
  char                *support_url;        /* owned, nullable */
  SdRequestForm       *form;               /* unowned; in form_bin */
  guint                check_id;
  gboolean             tracked;            /* the draft store follows the request */
  gboolean             checking;
  gboolean             sending;
  gboolean             sent;

  /* Template widgets */
  AdwToastOverlay     *toast_overlay;
  AdwWindowTitle      *window_title;
  GtkWidget           *cancel_button;
  GtkWidget           *back_button;
  GtkWidget           *preview_button;
  GtkWidget           *send_button;
  GtkWidget           *close_button;
  GtkStack            *stack;
  GtkWidget           *form_scrolled;
  GtkWidget           *draft_bar;
  GtkLabel            *draft_label;
  GtkWidget           *discard_draft_button;
  GtkWidget           *continue_draft_button;
  GtkWidget           *checks_group;
  GtkListBox          *checks_list;
  GtkWidget           *readiness_group;
  GtkListBox          *readiness_list;
  GtkWidget           *notices_group;
  GtkListBox          *notices_list;
  AdwBin              *form_bin;
  GtkActionBar        *problems_bar;
  GtkLabel            *problems_label;
  GtkWidget           *next_problem_button;
  GtkWidget           *preview_box;
  SdRequestOutcome    *outcome;
  GtkWidget           *subscription_box;
  GtkLabel            *subscription_label;
  GtkLabel            *subscription_problem;
  GtkWidget           *copy_again_button;
  GtkWidget           *open_center_button;
  GtkListBox          *fields_list;
  GtkListBox          *result_list;
};

G_DEFINE_FINAL_TYPE (SdRequestDialog, sd_request_dialog, ADW_TYPE_WINDOW)

static void run_check (SdRequestDialog *self);
static void update_buttons (SdRequestDialog *self);
static void on_request_changed (SdRequestDialog *self);
static void on_request_modified (SdRequestDialog *self);
static void on_regions_changed (SdRequestDialog *self);
static void schedule_check (SdRequestDialog *self);

/* Auxiliary functions */

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
new_wrapped_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  return label;
}

static void
toast (SdRequestDialog *self,
       const char      *text)
{
  sd_toast_show (self->toast_overlay, text, 6);
}

/* A row of the checks: an icon, a title, what to know, and buttons that wrap
 * under it at 360 px. Returns the box the buttons go into. */
static GtkWidget *
add_check_row (GtkListBox  *list,
               const char  *icon_name,
               const char  *icon_class,
               const char  *title,
               const char  *text,
               GtkWidget  **row_out)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title_label = new_wrapped_label (title);
  g_autofree char *accessible = NULL;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  /* Text to read, not a stop for Tab: its buttons are. */
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_add_css_class (box, "check-row");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  if (icon_class != NULL)
    gtk_widget_add_css_class (icon, icon_class);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_box_append (GTK_BOX (top), icon);
  gtk_widget_add_css_class (title_label, "heading");
  gtk_box_append (GTK_BOX (texts), title_label);
  if (text != NULL)
    gtk_box_append (GTK_BOX (texts), new_wrapped_label (text));
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (top), texts);
  gtk_box_append (GTK_BOX (box), top);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_set_visible (buttons, FALSE);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  accessible = text != NULL ? g_strdup_printf ("%s: %s", title, text) : g_strdup (title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_list_box_append (list, row);
  if (row_out != NULL)
    *row_out = row;
  return buttons;
}

static GtkWidget *
add_row_button (GtkWidget  *buttons,
                const char *label,
                GCallback   callback,
                gpointer    user_data)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  g_signal_connect (button, "clicked", callback, user_data);
  gtk_box_append (GTK_BOX (buttons), button);
  gtk_widget_set_visible (buttons, TRUE);
  return button;
}

static char *
describe_regions (SdRequest *request)
{
  const char * const *regions = sd_request_get_regions (request);
  GString *text = g_string_new (NULL);

  for (guint i = 0; regions[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, regions[i]);
    }
  if (sd_request_get_profile (request) != NULL)
    {
      if (text->len > 0)
        g_string_append (text, " · ");
      g_string_append (text, sd_request_get_profile (request));
    }
  return g_string_free (text, FALSE);
}

/* What the dashboard knows of every region of the profile: the routes and
 * the checks follow it until AWS is asked. */
static void
apply_region_info (SdRequestDialog *self)
{
  GListModel *regions = sd_request_manager_get_regions (self->manager);
  guint n = regions != NULL ? g_list_model_get_n_items (regions) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdRegionStatus) status = g_list_model_get_item (regions, i);

      if (g_strcmp0 (sd_region_status_get_profile (status), sd_request_get_profile (self->request)) == 0 &&
          sd_region_status_get_updated (status) > 0)
        sd_request_set_region_status (self->request, status);
    }
}

static void
update_title (SdRequestDialog *self)
{
  g_autofree char *subtitle = describe_regions (self->request);
  const char *title = sd_request_kind_get_title (sd_request_get_kind (self->request));

  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

static void
show_page (SdRequestDialog *self,
           const char      *page)
{
  gboolean form = g_str_equal (page, "form");
  gboolean preview = g_str_equal (page, "preview");
  gboolean result = g_str_equal (page, "result");

  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_widget_set_visible (self->cancel_button, form);
  gtk_widget_set_visible (self->back_button, preview || (result && !self->sending && !self->sent));
  gtk_widget_set_visible (self->preview_button, form);
  gtk_widget_set_visible (self->send_button, preview);
  gtk_widget_set_visible (self->close_button, result);
  /* Dedicated IPs: a limit increase case, which only the Support Center takes. */
  gtk_button_set_label (GTK_BUTTON (self->send_button),
                        sd_request_get_kind (self->request) == SD_REQUEST_KIND_SENDING_LIMITS
                        ? _("Send") : _("Open in Support Center"));
  update_buttons (self);
}

/* Notices */

static void
on_managed_pool_created (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(SdRequestDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!sd_outbox_create_managed_pool_finish (SD_OUTBOX (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }
  toast (self, _("The managed pool is ready: SES leases and warms up its addresses as your volume grows."));
  sd_request_manager_schedule_refresh (self->manager);
}

static gboolean
pool_name_is_valid (const char *name)
{
  gsize len = strlen (name);

  if (len == 0 || len > 64)
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;
  return TRUE;
}

static void
on_pool_name_changed (GtkEditable      *editable,
                      AdwMessageDialog *dialog)
{
  adw_message_dialog_set_response_enabled (dialog, "create", pool_name_is_valid (gtk_editable_get_text (editable)));
}

static void
on_pool_response (AdwMessageDialog *dialog,
                  const char       *response,
                  SdRequestDialog  *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  SdOutbox *outbox = sd_request_manager_get_outbox (self->manager);
  const char *region = sd_request_get_region (self->request);

  if (!g_str_equal (response, "create"))
    return;
  if (outbox == NULL || region == NULL)
    {
      toast (self, _("SES Desk is not connected to AWS yet: try again in a moment."));
      return;
    }
  sd_outbox_create_managed_pool_async (outbox, sd_request_get_profile (self->request), region,
                                       gtk_editable_get_text (entry), self->cancellable,
                                       on_managed_pool_created, g_object_ref (self));
  toast (self, _("Creating the managed pool…"));
}

static void
on_managed_pool_clicked (GtkButton       *button,
                         SdRequestDialog *self)
{
  const char *region = sd_request_get_region (self->request);
  GtkWidget *dialog;
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *entry = adw_entry_row_new ();
  g_autofree char *body = NULL;

  if (region == NULL)
    {
      toast (self, _("Choose a region first."));
      return;
    }
  /* Translators: %s is a region's name */
  body = g_strdup_printf (_("A pool with managed scaling in %s: SES leases dedicated IP addresses for it, warms "
                            "them up and adds or removes them as your volume changes. No support case is "
                            "needed; each address is billed monthly."),
                          sd_request_util_region_name (region));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Create a Managed Dedicated IP Pool?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "create", _("C_reate Pool"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "create", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "create");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), _("Pool name"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "managed");
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (entry), TRUE);
  gtk_list_box_append (GTK_LIST_BOX (list), entry);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_signal_connect (entry, "changed", G_CALLBACK (on_pool_name_changed), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_pool_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
update_notices (SdRequestDialog *self)
{
  g_auto(GStrv) notices = sd_request_dup_notices (self->request);

  if (self->notices != NULL && g_strv_equal ((const char * const *) notices, (const char * const *) self->notices))
    return;
  g_strfreev (self->notices);
  self->notices = g_strdupv (notices);

  clear_list (self->notices_list);
  for (guint i = 0; notices[i] != NULL; i++)
    {
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-information-symbolic");
      GtkWidget *label;

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_set_focusable (row, FALSE);
      gtk_widget_add_css_class (box, "check-row");
      gtk_widget_set_valign (icon, GTK_ALIGN_START);
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
      gtk_box_append (GTK_BOX (box), icon);
      label = new_wrapped_label (notices[i]);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (box), label);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, notices[i], -1);
      gtk_list_box_append (self->notices_list, row);
    }

  /* The guide's no-case alternative (docs/ses-guide.md, dedicated IPs), as its own action. */
  if (sd_request_get_kind (self->request) == SD_REQUEST_KIND_DEDICATED_IPS)
    {
      GtkWidget *buttons = add_check_row (self->notices_list, "list-add-symbolic", NULL,
                                          _("Managed dedicated IPs instead"),
                                          _("Create a pool with managed scaling now, without a case."), NULL);

      add_row_button (buttons, _("Create Managed Pool…"), G_CALLBACK (on_managed_pool_clicked), self);
    }
  gtk_widget_set_visible (self->notices_group, gtk_widget_get_first_child (GTK_WIDGET (self->notices_list)) != NULL);
}

/* Checks */

static gboolean
check_allows_send (SdRequestDialog *self)
{
  if (self->check == NULL)
    return TRUE;
  /* Without Support API access, sending is what copies the text and opens the Support Center. */
  return sd_request_check_get_sendable (self->check) || !sd_request_check_get_support_api (self->check);
}

static void
update_buttons (SdRequestDialog *self)
{
  gboolean valid = sd_request_get_valid (self->request);
  guint problems = self->form != NULL ? sd_request_form_count_problems (self->form) : 0;
  gboolean on_form = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "form") == 0;

  gtk_widget_set_sensitive (self->preview_button, valid);
  gtk_widget_set_sensitive (self->send_button, valid && !self->sending && !self->sent && check_allows_send (self));
  gtk_action_bar_set_revealed (self->problems_bar, on_form && problems > 0);
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
}

static void
on_show_case_clicked (GtkButton       *button,
                      SdRequestDialog *self)
{
  sd_request_util_show_case (GTK_WIDGET (self), sd_request_get_profile (self->request),
                             g_object_get_data (G_OBJECT (button), "case-id"));
}

static void
on_use_quotas_clicked (GtkButton       *button,
                       SdRequestDialog *self)
{
  sd_request_set_use_service_quotas (self->request, g_object_get_data (G_OBJECT (button), "region"), TRUE);
  run_check (self);
}

static void
on_check_again_clicked (GtkButton       *button,
                        SdRequestDialog *self)
{
  run_check (self);
}

static char *
compose_case_text (SdRequestDialog *self,
                   const char      *region)
{
  g_autoptr(SdRequestPreview) preview = sd_request_preview_new (self->request, region);
  const char *subject = sd_request_preview_get_subject (preview);
  const char *body = sd_request_preview_get_body (preview);

  return g_strdup_printf ("%s\n\n%s", subject != NULL ? subject : "", body != NULL ? body : "");
}

static void
on_by_hand_clicked (GtkButton       *button,
                    SdRequestDialog *self)
{
  const char *region = g_object_get_data (G_OBJECT (button), "region");
  g_autofree char *text = NULL;

  if (!sd_request_get_valid (self->request))
    {
      sd_request_form_focus_first_problem (self->form);
      toast (self, _("Complete the form first: the text for the Support Center is made from it."));
      return;
    }
  text = compose_case_text (self, region);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  sd_request_util_open_uri (GTK_WIDGET (self), sd_support_center_create_case_url (region), NULL);
  toast (self, _("The case text is on the clipboard: paste it into the Support Center’s form."));
}

static void on_send_clicked (SdRequestDialog *self);

/* The labelled alternative: the same text as a question to SES support. */
static void
on_ses_support_clicked (GtkButton       *button,
                        SdRequestDialog *self)
{
  if (!sd_request_get_valid (self->request))
    {
      sd_request_form_focus_first_problem (self->form);
      toast (self, _("Complete the form first: the text for the Support Center is made from it."));
      return;
    }
  sd_request_set_ses_support_case (self->request, TRUE);
  on_send_clicked (self);
}

static void
show_checking (SdRequestDialog *self)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spinner = gtk_spinner_new ();

  clear_list (self->checks_list);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Checking with AWS…"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("Whether a review or a request is already under way, and where the request goes."));
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_accessible_update_property (GTK_ACCESSIBLE (spinner), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Checking"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), spinner);
  gtk_list_box_append (self->checks_list, row);
  gtk_widget_set_visible (self->checks_group, TRUE);
}

static void
fill_checks (SdRequestDialog *self)
{
  GListModel *targets = sd_request_check_get_targets (self->check);
  GListModel *readiness = sd_request_check_get_readiness (self->check);
  guint n_targets = g_list_model_get_n_items (targets);
  guint n_items = g_list_model_get_n_items (readiness);
  gboolean several = g_strv_length ((char **) sd_request_get_regions (self->request)) > 1;

  clear_list (self->checks_list);
  for (guint i = 0; i < n_targets; i++)
    {
      g_autoptr(SdRequestTarget) target = g_list_model_get_item (targets, i);
      const char *region = sd_request_target_get_region (target);
      SdRequestBlocker blocker = sd_request_target_get_blocker (target);
      SdRequestOffers offers = sd_request_target_get_offers (target);
      const char *message = sd_request_target_get_message (target);
      const char *review_case = sd_request_target_get_review_case_id (target);
      const char *open_case = sd_request_target_get_open_request_case_id (target);
      g_autofree char *route = sd_request_describe_route (self->request, region,
                                                          sd_request_get_route (self->request, region));
      g_autofree char *title = sd_request_util_region_label (region);
      g_autofree char *text = NULL;
      const char *icon = "emblem-ok-symbolic";
      const char *icon_class = "ok-icon";
      GtkWidget *buttons;

      switch (blocker)
        {
        case SD_REQUEST_BLOCKER_NONE:
          break;
        case SD_REQUEST_BLOCKER_NO_SUPPORT_API:
        case SD_REQUEST_BLOCKER_REVIEW_PENDING:
        case SD_REQUEST_BLOCKER_QUOTA_REQUEST_OPEN:
        case SD_REQUEST_BLOCKER_ALREADY_AT_VALUE:
          icon = "dialog-warning-symbolic";
          icon_class = "warning-icon";
          break;
        case SD_REQUEST_BLOCKER_REVIEW_DENIED:
        case SD_REQUEST_BLOCKER_CHECK_FAILED:
        default:
          icon = "dialog-error-symbolic";
          icon_class = "region-error";
          break;
        }
      /* Review FAILED: AWS never received the last request; this one may go. */
      if (offers & SD_REQUEST_OFFER_SEND_AGAIN)
        {
          icon = "dialog-warning-symbolic";
          icon_class = "warning-icon";
        }
      if (blocker == SD_REQUEST_BLOCKER_NONE && message == NULL)
        /* Translators: where a region's request goes, e.g. "Goes as: SESv2 PutAccountDetails in eu-west-1" */
        text = g_strdup_printf (_("Goes as: %s"), route);
      else if (blocker == SD_REQUEST_BLOCKER_CHECK_FAILED && message == NULL)
        text = g_strdup (sd_request_target_get_error (target) != NULL
                         ? sd_request_target_get_error (target)->message : _("The region could not be checked."));
      else if (blocker == SD_REQUEST_BLOCKER_NONE)
        text = g_strdup_printf ("%s\n%s", message, route);
      else
        text = g_strdup (message);

      buttons = add_check_row (self->checks_list, icon, icon_class, title, text, NULL);

      if ((offers & SD_REQUEST_OFFER_REPLY_ON_CASE) && review_case != NULL)
        {
          GtkWidget *button = add_row_button (buttons, _("Open Review Case"), G_CALLBACK (on_show_case_clicked), self);

          g_object_set_data_full (G_OBJECT (button), "case-id", g_strdup (review_case), g_free);
        }
      if (offers & SD_REQUEST_OFFER_SERVICE_QUOTAS)
        {
          GtkWidget *button = add_row_button (buttons, _("Use Service Quotas"), G_CALLBACK (on_use_quotas_clicked), self);

          gtk_widget_set_tooltip_text (button, _("Ask for a higher quota through Service Quotas instead"));
          g_object_set_data_full (G_OBJECT (button), "region", g_strdup (region), g_free);
        }
      if ((offers & SD_REQUEST_OFFER_SHOW_OPEN_REQUEST) && open_case != NULL)
        {
          GtkWidget *button = add_row_button (buttons, _("Open the Request’s Case"), G_CALLBACK (on_show_case_clicked),
                                              self);

          g_object_set_data_full (G_OBJECT (button), "case-id", g_strdup (open_case), g_free);
        }
      if (offers & SD_REQUEST_OFFER_SUPPORT_CENTER)
        {
          GtkWidget *button = add_row_button (buttons, _("Copy Text and Open Support Center"),
                                              G_CALLBACK (on_by_hand_clicked), self);

          g_object_set_data_full (G_OBJECT (button), "region", g_strdup (region), g_free);
        }
      if (blocker == SD_REQUEST_BLOCKER_CHECK_FAILED)
        add_row_button (buttons, _("Check Again"), G_CALLBACK (on_check_again_clicked), self);
      if (sd_request_get_kind (self->request) != SD_REQUEST_KIND_SENDING_LIMITS && blocker == SD_REQUEST_BLOCKER_NONE &&
          sd_request_check_get_support_api (self->check) && sd_request_get_service_code (self->request) != NULL)
        {
          GtkWidget *button = add_row_button (buttons, _("Ask SES Support Instead"),
                                              G_CALLBACK (on_ses_support_clicked), self);

          gtk_widget_set_tooltip_text (button, _("Send the same text through the Support API as a question to SES "
                                                 "support, which may answer that a limit increase case is needed"));
        }
    }
  gtk_widget_set_visible (self->checks_group, n_targets > 0);

  clear_list (self->readiness_list);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(SdReadinessItem) item = g_list_model_get_item (readiness, i);
      SdReadinessStatus status = sd_readiness_item_get_status (item);
      g_autofree char *title = NULL;
      const char *icon = status == SD_READINESS_DONE ? "emblem-ok-symbolic"
                       : status == SD_READINESS_TO_DO ? "dialog-warning-symbolic" : "dialog-question-symbolic";
      const char *icon_class = status == SD_READINESS_DONE ? "ok-icon"
                             : status == SD_READINESS_TO_DO ? "warning-icon" : NULL;

      if (several)
        /* Translators: a region's code and a readiness item, e.g. "eu-west-1: DKIM verified for your domains" */
        title = g_strdup_printf (_("%s: %s"), sd_readiness_item_get_region (item), sd_readiness_item_get_title (item));
      else
        title = g_strdup (sd_readiness_item_get_title (item));
      add_check_row (self->readiness_list, icon, icon_class, title, sd_readiness_item_get_detail (item), NULL);
    }
  gtk_widget_set_visible (self->readiness_group, n_items > 0);
}

static void
on_checked (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(SdRequestDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SdRequestCheck) check = sd_request_check_finish (result, &error);

  if (check == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          GtkWidget *buttons;

          self->checking = FALSE;
          clear_list (self->checks_list);
          buttons = add_check_row (self->checks_list, "dialog-error-symbolic", "region-error",
                                   _("AWS could not be asked"), error->message, NULL);
          add_row_button (buttons, _("Check Again"), G_CALLBACK (on_check_again_clicked), self);
        }
      return;
    }
  self->checking = FALSE;
  g_clear_object (&self->check_cancellable);
  g_set_object (&self->check, check);
  fill_checks (self);
  update_buttons (self);
}

static void
run_check (SdRequestDialog *self)
{
  SdAwsClient *client = sd_request_manager_get_client (self->manager);
  SdRequestCheckFlags flags = SD_REQUEST_CHECK_NONE;

  g_clear_handle_id (&self->check_id, g_source_remove);
  if (self->check_cancellable != NULL)
    g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);

  if (sd_request_get_regions (self->request)[0] == NULL)
    {
      clear_list (self->checks_list);
      gtk_widget_set_visible (self->checks_group, FALSE);
      gtk_widget_set_visible (self->readiness_group, FALSE);
      g_clear_object (&self->check);
      update_buttons (self);
      return;
    }
  if (client == NULL)
    {
      /* Checked once the main window has its client (notify::client). */
      gtk_widget_set_visible (self->checks_group, FALSE);
      return;
    }

  if (sd_request_get_kind (self->request) == SD_REQUEST_KIND_SENDING_LIMITS)
    flags |= SD_REQUEST_CHECK_READINESS;
  self->check_cancellable = g_cancellable_new ();
  self->checking = TRUE;
  show_checking (self);
  sd_request_check_async (client, self->request, flags, self->check_cancellable, on_checked, g_object_ref (self));
}

static gboolean
on_check_timeout (gpointer user_data)
{
  SdRequestDialog *self = user_data;

  self->check_id = 0;
  run_check (self);
  return G_SOURCE_REMOVE;
}

/* The request */

static void
set_request (SdRequestDialog *self,
             SdRequest       *request,
             gboolean         restored)
{
  GtkWidget *form;

  if (self->request != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->request, self);
      if (self->tracked)
        sd_draft_store_untrack (sd_request_manager_get_drafts (self->manager), self->request);
    }
  self->tracked = FALSE;
  g_set_object (&self->request, request);
  g_clear_object (&self->check);
  g_clear_pointer (&self->notices, g_strfreev);

  apply_region_info (self);
  form = sd_request_form_new (request, sd_request_manager_get_regions (self->manager));
  self->form = SD_REQUEST_FORM (form);
  adw_bin_set_child (self->form_bin, form);

  /* A draft is already on disk: follow it. A new request is saved from the
   * first change on, so that opening and closing leaves nothing behind. */
  if (restored)
    {
      sd_draft_store_track (sd_request_manager_get_drafts (self->manager), request);
      self->tracked = TRUE;
      sd_request_form_reveal_problems (self->form);
    }

  g_signal_connect_swapped (request, "changed", G_CALLBACK (on_request_changed), self);
  g_signal_connect_swapped (request, "notify::modified", G_CALLBACK (on_request_modified), self);
  g_signal_connect_swapped (request, "notify::regions", G_CALLBACK (on_regions_changed), self);
  /* The quota asked for decides which open quota request stands in the way. */
  g_signal_connect_swapped (request, "notify::limit", G_CALLBACK (schedule_check), self);

  update_title (self);
  update_notices (self);
  update_buttons (self);
  run_check (self);
}

/* Preview */

/* The text is its own accessible name: what a screen reader reads is what goes out. */
static GtkWidget *
new_text_card (const char *text,
               gboolean    monospace)
{
  GtkWidget *label = new_wrapped_label (text);

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

static void
build_preview (SdRequestDialog *self)
{
  g_autoptr(GListModel) previews = sd_request_build_previews (self->request);
  guint n = g_list_model_get_n_items (previews);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->preview_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->preview_box), child);

  {
    GtkWidget *intro = new_wrapped_label (g_dngettext (GETTEXT_PACKAGE,
                                                       "This is exactly what goes to AWS. It is sent once; the "
                                                       "outcome shows here and under Requests.",
                                                       "This is exactly what goes to AWS, region by region. Each "
                                                       "region is sent once and tracked on its own; the outcome "
                                                       "shows here and under Requests.", n));

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
          GtkWidget *heading = new_wrapped_label (route == SD_REQUEST_ROUTE_PUT_ACCOUNT_DETAILS
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

/* Sending and its outcome */

static gboolean
filter_own_entries (gpointer item,
                    gpointer user_data)
{
  SdRequestDialog *self = user_data;

  return g_strcmp0 (sd_outbox_entry_get_request_id (SD_OUTBOX_ENTRY (item)), sd_request_get_id (self->request)) == 0;
}

static GtkWidget *
create_result_row (gpointer item,
                   gpointer user_data)
{
  GtkWidget *row = sd_outbox_row_new (SD_OUTBOX_ENTRY (item));

  sd_outbox_row_set_compact (SD_OUTBOX_ROW (row), TRUE);
  return row;
}

static void
update_outcome (SdRequestDialog *self)
{
  GListModel *model = G_LIST_MODEL (self->result_model);
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;
  guint confirmed = 0, failed = 0, needs_user = 0, waiting = 0, by_hand = 0;
  const char *icon = NULL;
  const char *title;
  const char *description;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdOutboxEntry) entry = g_list_model_get_item (model, i);

      switch (sd_outbox_entry_get_state (entry))
        {
        case SD_OUTBOX_STATE_CONFIRMED:
          confirmed++;
          break;
        case SD_OUTBOX_STATE_FAILED:
          failed++;
          break;
        case SD_OUTBOX_STATE_NEEDS_USER:
          needs_user++;
          if (sd_outbox_entry_get_reason (entry) == SD_OUTBOX_REASON_SUBSCRIPTION_REQUIRED ||
              sd_outbox_entry_get_reason (entry) == SD_OUTBOX_REASON_SUPPORT_CENTER)
            by_hand++;
          break;
        case SD_OUTBOX_STATE_PENDING:
        case SD_OUTBOX_STATE_SENDING:
        case SD_OUTBOX_STATE_UNCERTAIN:
        default:
          waiting++;
          break;
        }
    }

  if (self->sending || (waiting > 0 && n > 0))
    {
      title = self->sending ? _("Sending…") : _("Waiting for AWS");
      description = self->sending
        ? _("Each region is written to the outbox before it leaves, so nothing is lost or sent twice.")
        : _("AWS’s answer did not come back; SES Desk checks whether the request arrived before it offers "
            "to send it again.");
    }
  else if (by_hand > 0)
    {
      icon = "dialog-warning-symbolic";
      title = _("Create the Case in the Support Center");
      description = sd_request_get_support_api (self->request)
        ? _("Waiting for you to submit it in the Support Center.")
        : _("Nothing was sent: this account’s support plan has no AWS Support API access.");
    }
  else if (needs_user > 0)
    {
      icon = "dialog-warning-symbolic";
      title = _("Needs Your Attention");
      description = _("Nothing was sent for the regions below; each says why and what you can do.");
    }
  else if (failed > 0)
    {
      icon = "dialog-error-symbolic";
      title = _("Not Sent");
      description = _("AWS did not receive it. Fix what is said below, or send it again.");
    }
  else if (confirmed > 0)
    {
      icon = "emblem-ok-symbolic";
      title = confirmed == 1 ? _("Sent") : _("Sent to Every Region");
      description = _("AWS has the request. Its answers arrive in the case; the region shows how it stands.");
    }
  else
    {
      icon = "dialog-information-symbolic";
      title = _("Nothing Sent");
      description = _("No region had anything to send.");
    }

  sd_request_outcome_set (self->outcome, icon, title, description);
}

static void
on_result_items_changed (SdRequestDialog *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->result_model));

  /* Each entry moves on by itself (reconciled later, answered): follow it. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdOutboxEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->result_model), i);

      g_signal_handlers_disconnect_by_data (entry, self);
      g_signal_connect_object (entry, "notify::state", G_CALLBACK (update_outcome), self, G_CONNECT_SWAPPED);
    }
  update_outcome (self);
}

/* Without Support API access: say so in plain words, put the composed text
 * on the clipboard, open the Support Center's create-case page. The draft
 * stays (the outbox removes it only once AWS has every region). */
static void
on_copy_part_clicked (GtkButton       *button,
                      SdRequestDialog *self)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)),
                          g_object_get_data (G_OBJECT (button), "text"));
  toast (self, g_object_get_data (G_OBJECT (button), "done"));
}

/* One field of the Support Center's form and what goes into it. */
static void
add_field_row (SdRequestDialog *self,
               const char      *field,
               const char      *value,
               const char      *copy_label,
               const char      *copied)
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
fill_fields (SdRequestDialog *self,
             SdOutboxEntry   *entry)
{
  SdRequestKind kind = sd_request_get_kind (self->request);
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
      add_field_row (self, _("New limit value"), sd_request_get_limit_value (self->request), NULL, NULL);
      add_field_row (self, sd_request_field_get_label (SD_REQUEST_FIELD_MAIL_TYPE, kind),
                     sd_mail_type_get_label (sd_request_get_mail_type (self->request)), NULL, NULL);
      add_field_row (self, sd_request_field_get_label (SD_REQUEST_FIELD_WEBSITE_URL, kind),
                     sd_request_get_website_url (self->request), NULL, NULL);
      for (guint i = 0; i < G_N_ELEMENTS (questions); i++)
        add_field_row (self, sd_request_field_get_label (questions[i], kind),
                       answer_label (sd_request_get_answer (self->request, questions[i])), NULL, NULL);
    }
  add_field_row (self, _("Subject"), sd_outbox_entry_get_subject (entry), _("Copy Subject"),
                 _("The subject is on the clipboard."));
  add_field_row (self, sd_request_field_get_label (SD_REQUEST_FIELD_USE_CASE, kind), sd_outbox_entry_get_body (entry),
                 _("Copy Description"), _("The description is on the clipboard."));
  add_field_row (self, sd_request_field_get_label (SD_REQUEST_FIELD_CONTACT_METHOD, kind), "Web", NULL, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->fields_list), TRUE);
}

static void
handle_by_hand (SdRequestDialog *self,
                SdOutboxEntry   *entry)
{
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
  if (sd_request_get_kind (self->request) != SD_REQUEST_KIND_SENDING_LIMITS)
    fill_fields (self, entry);
  gtk_widget_set_visible (self->subscription_box, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->subscription_problem), FALSE);
  sd_request_util_open_uri (GTK_WIDGET (self), self->support_url, self->subscription_problem);
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(SdRequestDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = sd_outbox_send_finish (SD_OUTBOX (source), result, &error);

  self->sending = FALSE;
  if (entries == NULL)
    {
      sd_request_outcome_set (self->outcome, "dialog-error-symbolic", _("Not Sent"), error->message);
      show_page (self, "result");
      return;
    }

  self->sent = TRUE;
  for (guint i = 0; i < entries->len; i++)
    {
      SdOutboxEntry *entry = g_ptr_array_index (entries, i);

      if (sd_outbox_entry_get_state (entry) == SD_OUTBOX_STATE_NEEDS_USER &&
          (sd_outbox_entry_get_reason (entry) == SD_OUTBOX_REASON_SUBSCRIPTION_REQUIRED ||
           sd_outbox_entry_get_reason (entry) == SD_OUTBOX_REASON_SUPPORT_CENTER))
        {
          handle_by_hand (self, entry);
          break;
        }
    }
  show_page (self, "result");
  update_outcome (self);
}

/* Callbacks */

static void
on_request_changed (SdRequestDialog *self)
{
  update_notices (self);
  update_buttons (self);
}

/* The first change makes the request a draft; a change after AWS confirmed
 * every region (and the draft went) makes it one again. Tracking twice is
 * a no-op. */
static void
on_request_modified (SdRequestDialog *self)
{
  sd_draft_store_track (sd_request_manager_get_drafts (self->manager), self->request);
  self->tracked = TRUE;
}

static void
schedule_check (SdRequestDialog *self)
{
  g_clear_handle_id (&self->check_id, g_source_remove);
  self->check_id = g_timeout_add (CHECK_DELAY_MS, on_check_timeout, self);
}

static void
on_regions_changed (SdRequestDialog *self)
{
  update_title (self);
  schedule_check (self);
}

static void
on_preview_clicked (SdRequestDialog *self)
{
  if (!sd_request_get_valid (self->request))
    {
      sd_request_form_focus_first_problem (self->form);
      return;
    }
  build_preview (self);
  show_page (self, "preview");
  gtk_widget_grab_focus (self->send_button);
}

static void
on_back_clicked (SdRequestDialog *self)
{
  show_page (self, "form");
}

static void
on_send_clicked (SdRequestDialog *self)
{
  SdOutbox *outbox = sd_request_manager_get_outbox (self->manager);

  if (self->sending || !sd_request_get_valid (self->request))
    return;
  if (outbox == NULL)
    {
      toast (self, _("SES Desk is not connected to AWS yet: try again in a moment."));
      return;
    }

  if (self->result_model == NULL)
    {
      GtkCustomFilter *filter = gtk_custom_filter_new (filter_own_entries, self, NULL);

      self->result_model = gtk_filter_list_model_new (g_object_ref (sd_request_manager_get_entries (self->manager)),
                                                      GTK_FILTER (filter));
      gtk_list_box_bind_model (self->result_list, G_LIST_MODEL (self->result_model), create_result_row, NULL, NULL);
      g_signal_connect_swapped (self->result_model, "items-changed", G_CALLBACK (on_result_items_changed), self);
    }

  self->sending = TRUE;
  gtk_widget_set_visible (self->subscription_box, FALSE);
  show_page (self, "result");
  update_outcome (self);
  sd_outbox_send_async (outbox, self->request, NULL, on_sent, g_object_ref (self));
}

static void
on_next_problem_clicked (SdRequestDialog *self)
{
  sd_request_form_focus_first_problem (self->form);
}

static void
on_continue_draft_clicked (SdRequestDialog *self)
{
  g_autoptr(SdRequest) draft = g_steal_pointer (&self->offered_draft);
  SdRequest *abandoned = self->request;

  gtk_widget_set_visible (self->draft_bar, FALSE);
  if (draft == NULL)
    return;
  /* The new request was never changed, or its draft stays for later. */
  if (!self->tracked && abandoned != NULL)
    sd_draft_store_discard (sd_request_manager_get_drafts (self->manager), sd_request_get_id (abandoned), NULL);
  set_request (self, draft, TRUE);
  gtk_widget_grab_focus (self->preview_button);
}

static void
on_discard_draft_clicked (SdRequestDialog *self)
{
  g_autoptr(GError) error = NULL;

  gtk_widget_set_visible (self->draft_bar, FALSE);
  if (self->offered_draft == NULL)
    return;
  if (!sd_draft_store_discard (sd_request_manager_get_drafts (self->manager),
                               sd_request_get_id (self->offered_draft), &error))
    toast (self, error->message);
  else
    toast (self, _("Draft discarded"));
  g_clear_object (&self->offered_draft);
}

static void
on_copy_again_clicked (SdRequestDialog *self)
{
  if (self->clipboard_text == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), self->clipboard_text);
  toast (self, _("The case text is on the clipboard."));
}

static void
on_open_center_clicked (SdRequestDialog *self)
{
  sd_request_util_open_uri (GTK_WIDGET (self), self->support_url, self->subscription_problem);
}

/* Overrides */

static void
sd_request_dialog_dispose (GObject *object)
{
  SdRequestDialog *self = SD_REQUEST_DIALOG (object);

  g_clear_handle_id (&self->check_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  if (self->check_cancellable != NULL)
    g_cancellable_cancel (self->check_cancellable);
  if (self->result_model != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->result_model));

      g_signal_handlers_disconnect_by_data (self->result_model, self);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GObject) entry = g_list_model_get_item (G_LIST_MODEL (self->result_model), i);

          g_signal_handlers_disconnect_by_data (entry, self);
        }
    }
  if (self->request != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->request, self);
      /* What was typed last reaches the disk; the draft stays for later. */
      if (self->tracked && self->manager != NULL)
        sd_draft_store_untrack (sd_request_manager_get_drafts (self->manager), self->request);
      self->tracked = FALSE;
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), SD_TYPE_REQUEST_DIALOG);

  g_clear_object (&self->result_model);
  g_clear_object (&self->check);
  g_clear_object (&self->offered_draft);
  g_clear_object (&self->request);
  g_clear_object (&self->manager);

  G_OBJECT_CLASS (sd_request_dialog_parent_class)->dispose (object);
}

static void
sd_request_dialog_finalize (GObject *object)
{
  SdRequestDialog *self = SD_REQUEST_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->check_cancellable);
  g_strfreev (self->notices);
  g_free (self->clipboard_text);
  g_free (self->support_url);

  G_OBJECT_CLASS (sd_request_dialog_parent_class)->finalize (object);
}

static void
sd_request_dialog_class_init (SdRequestDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sd_request_dialog_dispose;
  object_class->finalize = sd_request_dialog_finalize;

  g_type_ensure (SD_TYPE_REQUEST_OUTCOME);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sesdesk/SesDesk/sd-request-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SdRequestDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SdRequestDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, SdRequestDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, SdRequestDialog, back_button);
  gtk_widget_class_bind_template_child (widget_class, SdRequestDialog, preview_button);
  gtk_widget_class_bind_template_child (widget_class, SdRequestDialog, send_button);
  gtk_widget_class_bind_template_child (widget_class, SdRequestDialog, close_button);
  gtk_widget_class_bind_template_child (widget_class, SdRequestDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, SdRequestDialog, form_scrolled);
  gtk_widget_class_bind_template_child (widget_class, SdRequestDialog, draft_bar);
  gtk_widget_class_bind_template_child (widget_class, SdRequestDialog, draft_label);
  gtk_widget_class_bind_template_child (widget_class, SdRequestDialog, discard_draft_button);
  gtk_widget_class_bind_template_child (widget_class, SdRequestDialog, continue_draft_button);
  gtk_widget_class_bind_template_child (widget_class, SdRequestDialog, checks_group);
  gtk_widget_class_bind_template_child (widget_class, SdRequestDialog, checks_list);
  gtk_widget_class_bind_template_child (widget_class, SdRequestDialog, readiness_group);
  gtk_widget_class_bind_template_child (widget_class, SdRequestDialog, readiness_list);
  gtk_widget_class_bind_template_child (widget_class, SdRequestDialog, notices_group);
  gtk_widget_class_bind_template_child (widget_class, SdRequestDialog, notices_list);
  gtk_widget_class_bind_template_child (widget_class, SdRequestDialog, form_bin);
  gtk_widget_class_bind_template_child (widget_class, SdRequestDialog, problems_bar);
  gtk_widget_class_bind_template_child (widget_class, SdRequestDialog, problems_label);
  gtk_widget_class_bind_template_child (widget_class, SdRequestDialog, next_problem_button);
  gtk_widget_class_bind_template_child (widget_class, SdRequestDialog, preview_box);
  gtk_widget_class_bind_template_child (widget_class, SdRequestDialog, outcome);
  gtk_widget_class_bind_template_child (widget_class, SdRequestDialog, subscription_box);
  gtk_widget_class_bind_template_child (widget_class, SdRequestDialog, subscription_label);
  gtk_widget_class_bind_template_child (widget_class, SdRequestDialog, subscription_problem);
  gtk_widget_class_bind_template_child (widget_class, SdRequestDialog, copy_again_button);
  gtk_widget_class_bind_template_child (widget_class, SdRequestDialog, open_center_button);
  gtk_widget_class_bind_template_child (widget_class, SdRequestDialog, fields_list);
  gtk_widget_class_bind_template_child (widget_class, SdRequestDialog, result_list);
  gtk_widget_class_bind_template_callback (widget_class, on_preview_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_send_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_next_problem_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_continue_draft_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_discard_draft_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_again_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_open_center_clicked);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sd_request_dialog_init (SdRequestDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/* Public API */

static GtkWindow *
parent_window (GtkWidget *from)
{
  GtkRoot *root = gtk_widget_get_root (from);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static SdRequestDialog *
find_open_dialog (GtkWidget  *from,
                  const char *request_id)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (SD_IS_REQUEST_DIALOG (window) && SD_REQUEST_DIALOG (window)->request != NULL &&
          g_strcmp0 (sd_request_get_id (SD_REQUEST_DIALOG (window)->request), request_id) == 0)
        return SD_REQUEST_DIALOG (window);
    }
  return NULL;
}

static SdRequestDialog *
new_dialog (GtkWidget        *from,
            SdRequestManager *manager)
{
  SdRequestDialog *self = g_object_new (SD_TYPE_REQUEST_DIALOG,
                                        "transient-for", parent_window (from),
                                        NULL);

  self->manager = g_object_ref (manager);
  g_signal_connect_object (manager, "notify::client", G_CALLBACK (run_check), self, G_CONNECT_SWAPPED);
  return self;
}

/* An unsent draft of the same request: same kind and account, and the region
 * among its regions (or none chosen yet). */
static SdRequest *
find_draft (SdRequestManager *manager,
            SdRequestKind     kind,
            const char       *profile,
            const char       *region)
{
  g_autoptr(GPtrArray) drafts = sd_draft_store_load_all (sd_request_manager_get_drafts (manager), NULL, NULL);

  for (guint i = 0; drafts != NULL && i < drafts->len; i++)
    {
      SdRequest *draft = g_ptr_array_index (drafts, i);
      const char * const *regions = sd_request_get_regions (draft);

      if (sd_request_get_kind (draft) != kind || g_strcmp0 (sd_request_get_profile (draft), profile) != 0)
        continue;
      if (find_open_dialog (NULL, sd_request_get_id (draft)) != NULL)
        continue;
      if (regions[0] == NULL || region == NULL || g_strv_contains (regions, region))
        return g_object_ref (draft);
    }
  return NULL;
}

void
sd_request_dialog_present (GtkWidget          *from,
                           SdRequestKind       kind,
                           SdRegionStatus     *status,
                           const char * const *release_ips)
{
  SdRequestManager *manager;
  SdRequestDialog *self;
  g_autoptr(SdRequest) request = NULL;
  const char *profile = status != NULL ? sd_region_status_get_profile (status) : NULL;
  const char *region = status != NULL ? sd_region_status_get_region (status) : NULL;

  g_return_if_fail (GTK_IS_WIDGET (from));

  manager = sd_request_manager_from_widget (from);
  g_return_if_fail (manager != NULL);

  request = sd_request_new (kind);
  /* A new request follows the setting; a restored draft keeps its own language. */
  sd_request_set_support_language (request, sd_request_manager_get_support_language (manager));
  sd_request_set_profile (request, profile);
  if (region != NULL)
    sd_request_set_region (request, region);
  if (release_ips != NULL && kind == SD_REQUEST_KIND_RELEASE_IPS)
    {
      g_autofree char *count = g_strdup_printf ("%u", g_strv_length ((char **) release_ips));

      sd_request_set_release_ips (request, release_ips);
      if (release_ips[0] != NULL)
        sd_request_set_ip_count (request, count);
    }

  self = new_dialog (from, manager);
  set_request (self, request, FALSE);

  self->offered_draft = find_draft (manager, kind, profile, region);
  if (self->offered_draft != NULL)
    {
      g_autoptr(GDateTime) modified = g_date_time_new_from_unix_local (sd_request_get_modified (self->offered_draft));
      g_autofree char *when = modified != NULL ? g_date_time_format (modified, "%x %R") : g_strdup ("");
      g_autofree char *text = NULL;

      /* Translators: %s is a date and time */
      text = g_strdup_printf (_("You have an unsent draft of this request, last changed %s. Continue it, or "
                                "discard it and start anew?"), when);
      gtk_label_set_label (self->draft_label, text);
      gtk_widget_set_visible (self->draft_bar, TRUE);
    }
  show_page (self, "form");
  gtk_window_present (GTK_WINDOW (self));
  if (self->offered_draft != NULL)
    gtk_widget_grab_focus (self->continue_draft_button);
}

void
sd_request_dialog_present_request (GtkWidget *from,
                                   SdRequest *request)
{
  SdRequestManager *manager;
  SdRequestDialog *self;

  g_return_if_fail (GTK_IS_WIDGET (from));
  g_return_if_fail (SD_IS_REQUEST (request));

  self = find_open_dialog (from, sd_request_get_id (request));
  if (self != NULL)
    {
      /* "Edit Request…" on the dialog's own outcome: back to its form, to
       * change what AWS refused and send the regions it does not have. */
      if (!self->sending && g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "result") == 0)
        {
          self->sent = FALSE;
          show_page (self, "form");
          run_check (self);
        }
      gtk_window_present (GTK_WINDOW (self));
      return;
    }
  manager = sd_request_manager_from_widget (from);
  g_return_if_fail (manager != NULL);

  self = new_dialog (from, manager);
  set_request (self, request, TRUE);
  show_page (self, "form");
  gtk_window_present (GTK_WINDOW (self));
}

SdRequest *
sd_request_dialog_get_request (SdRequestDialog *self)
{
  g_return_val_if_fail (SD_IS_REQUEST_DIALOG (self), NULL);
  return self->request;
}
