/* sd-request-checks.c — what AWS said of each region before the request goes, and what is good to know
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sd-request-checks.h"
#include "sd-request-util.h"

struct _SdRequestChecks
{
  AdwBin      parent_instance;

  GStrv       notices;            /* owned, nullable; what the notices list shows */
  gboolean    offers_pool;        /* the notices end with the managed pool's row */

  /* Template widgets */
  GtkWidget  *checks_group;
  GtkListBox *checks_list;
  GtkWidget  *readiness_group;
  GtkListBox *readiness_list;
  GtkWidget  *notices_group;
  GtkListBox *notices_list;
};

G_DEFINE_FINAL_TYPE (SdRequestChecks, sd_request_checks, ADW_TYPE_BIN)

enum {
  SHOW_CASE,
  USE_SERVICE_QUOTAS,
  CHECK_AGAIN,
  COPY_FOR_SUPPORT_CENTER,
  ASK_SES_SUPPORT,
  CREATE_MANAGED_POOL,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Auxiliary functions */

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* The section takes no room (nor the form's spacing) while its groups are hidden. */
static void
update_visible (SdRequestChecks *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self),
                          gtk_widget_get_visible (self->checks_group) ||
                          gtk_widget_get_visible (self->readiness_group) ||
                          gtk_widget_get_visible (self->notices_group));
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
  GtkWidget *title_label = sd_request_util_wrapped_label (title);
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
    gtk_box_append (GTK_BOX (texts), sd_request_util_wrapped_label (text));
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

/* Callbacks */

static void
on_show_case_clicked (GtkButton       *button,
                      SdRequestChecks *self)
{
  g_signal_emit (self, signals[SHOW_CASE], 0, g_object_get_data (G_OBJECT (button), "case-id"));
}

static void
on_use_quotas_clicked (GtkButton       *button,
                       SdRequestChecks *self)
{
  g_signal_emit (self, signals[USE_SERVICE_QUOTAS], 0, g_object_get_data (G_OBJECT (button), "region"));
}

static void
on_check_again_clicked (GtkButton       *button,
                        SdRequestChecks *self)
{
  g_signal_emit (self, signals[CHECK_AGAIN], 0);
}

static void
on_by_hand_clicked (GtkButton       *button,
                    SdRequestChecks *self)
{
  g_signal_emit (self, signals[COPY_FOR_SUPPORT_CENTER], 0, g_object_get_data (G_OBJECT (button), "region"));
}

static void
on_ses_support_clicked (GtkButton       *button,
                        SdRequestChecks *self)
{
  g_signal_emit (self, signals[ASK_SES_SUPPORT], 0);
}

static void
on_managed_pool_clicked (GtkButton       *button,
                         SdRequestChecks *self)
{
  g_signal_emit (self, signals[CREATE_MANAGED_POOL], 0);
}

/* Overrides */

static void
sd_request_checks_finalize (GObject *object)
{
  SdRequestChecks *self = SD_REQUEST_CHECKS (object);

  g_strfreev (self->notices);

  G_OBJECT_CLASS (sd_request_checks_parent_class)->finalize (object);
}

static void
sd_request_checks_class_init (SdRequestChecksClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = sd_request_checks_finalize;

  signals[SHOW_CASE] = g_signal_new ("show-case", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[USE_SERVICE_QUOTAS] = g_signal_new ("use-service-quotas", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                              0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[CHECK_AGAIN] = g_signal_new ("check-again", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                       NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[COPY_FOR_SUPPORT_CENTER] = g_signal_new ("copy-for-support-center", G_TYPE_FROM_CLASS (klass),
                                                   G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                   G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[ASK_SES_SUPPORT] = g_signal_new ("ask-ses-support", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                           NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[CREATE_MANAGED_POOL] = g_signal_new ("create-managed-pool", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                               0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sesdesk/SesDesk/sd-request-checks.ui");
  gtk_widget_class_bind_template_child (widget_class, SdRequestChecks, checks_group);
  gtk_widget_class_bind_template_child (widget_class, SdRequestChecks, checks_list);
  gtk_widget_class_bind_template_child (widget_class, SdRequestChecks, readiness_group);
  gtk_widget_class_bind_template_child (widget_class, SdRequestChecks, readiness_list);
  gtk_widget_class_bind_template_child (widget_class, SdRequestChecks, notices_group);
  gtk_widget_class_bind_template_child (widget_class, SdRequestChecks, notices_list);
}

static void
sd_request_checks_init (SdRequestChecks *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

void
sd_request_checks_show_checking (SdRequestChecks *self)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spinner = gtk_spinner_new ();

  g_return_if_fail (SD_IS_REQUEST_CHECKS (self));

  clear_list (self->checks_list);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Checking with AWS…"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("Whether a review or a request is already under way, and where the request goes."));
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_accessible_update_property (GTK_ACCESSIBLE (spinner), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Checking"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), spinner);
  gtk_list_box_append (self->checks_list, row);
  gtk_widget_set_visible (self->checks_group, TRUE);
  update_visible (self);
}

void
sd_request_checks_show_error (SdRequestChecks *self,
                              const char      *message)
{
  GtkWidget *buttons;

  g_return_if_fail (SD_IS_REQUEST_CHECKS (self));

  clear_list (self->checks_list);
  buttons = add_check_row (self->checks_list, "dialog-error-symbolic", "region-error",
                           _("AWS could not be asked"), message, NULL);
  add_row_button (buttons, _("Check Again"), G_CALLBACK (on_check_again_clicked), self);
}

void
sd_request_checks_show_check (SdRequestChecks *self,
                              SdRequest       *request,
                              SdRequestCheck  *check)
{
  GListModel *targets;
  GListModel *readiness;
  guint n_targets;
  guint n_items;
  gboolean several;

  g_return_if_fail (SD_IS_REQUEST_CHECKS (self));
  g_return_if_fail (SD_IS_REQUEST (request));

  targets = sd_request_check_get_targets (check);
  readiness = sd_request_check_get_readiness (check);
  n_targets = g_list_model_get_n_items (targets);
  n_items = g_list_model_get_n_items (readiness);
  several = g_strv_length ((char **) sd_request_get_regions (request)) > 1;

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
      g_autofree char *route = sd_request_describe_route (request, region,
                                                          sd_request_get_route (request, region));
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
      if (sd_request_get_kind (request) != SD_REQUEST_KIND_SENDING_LIMITS && blocker == SD_REQUEST_BLOCKER_NONE &&
          sd_request_check_get_support_api (check) && sd_request_get_service_code (request) != NULL)
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
  update_visible (self);
}

void
sd_request_checks_clear (SdRequestChecks *self)
{
  g_return_if_fail (SD_IS_REQUEST_CHECKS (self));

  clear_list (self->checks_list);
  gtk_widget_set_visible (self->checks_group, FALSE);
  gtk_widget_set_visible (self->readiness_group, FALSE);
  update_visible (self);
}

void
sd_request_checks_hide_checks (SdRequestChecks *self)
{
  g_return_if_fail (SD_IS_REQUEST_CHECKS (self));

  gtk_widget_set_visible (self->checks_group, FALSE);
  update_visible (self);
}

void
sd_request_checks_set_notices (SdRequestChecks *self,
                               SdRequest       *request)
{
  g_auto(GStrv) notices = NULL;
  gboolean offers_pool;

  g_return_if_fail (SD_IS_REQUEST_CHECKS (self));
  g_return_if_fail (SD_IS_REQUEST (request));

  notices = sd_request_dup_notices (request);
  offers_pool = sd_request_get_kind (request) == SD_REQUEST_KIND_DEDICATED_IPS;
  if (self->notices != NULL && offers_pool == self->offers_pool &&
      g_strv_equal ((const char * const *) notices, (const char * const *) self->notices))
    return;
  g_strfreev (self->notices);
  self->notices = g_strdupv (notices);
  self->offers_pool = offers_pool;

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
      label = sd_request_util_wrapped_label (notices[i]);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (box), label);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, notices[i], -1);
      gtk_list_box_append (self->notices_list, row);
    }

  /* The guide's no-case alternative (docs/ses-guide.md, dedicated IPs), as its own action. */
  if (offers_pool)
    {
      GtkWidget *buttons = add_check_row (self->notices_list, "list-add-symbolic", NULL,
                                          _("Managed dedicated IPs instead"),
                                          _("Create a pool with managed scaling now, without a case."), NULL);

      add_row_button (buttons, _("Create Managed Pool…"), G_CALLBACK (on_managed_pool_clicked), self);
    }
  gtk_widget_set_visible (self->notices_group, gtk_widget_get_first_child (GTK_WIDGET (self->notices_list)) != NULL);
  update_visible (self);
}
