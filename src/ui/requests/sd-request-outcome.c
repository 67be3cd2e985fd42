/* sd-request-outcome.c — how a request's send came out: an icon or a spinner, a title, a description
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sd-outbox-entry.h"
#include "sd-request-outcome.h"

struct _SdRequestOutcome
{
  AdwBin      parent_instance;

  /* Template widgets */
  GtkStack   *icon_stack;
  GtkSpinner *spinner;
  GtkImage   *icon;
  GtkLabel   *title;
  GtkLabel   *description;
};

G_DEFINE_FINAL_TYPE (SdRequestOutcome, sd_request_outcome, ADW_TYPE_BIN)

/* Auxiliary functions */

/* The icon in its color (NULL: still sending, a spinner). */
static void
set_icon (SdRequestOutcome *self,
          const char       *icon)
{
  static const char * const classes[] = { "success", "warning", "error", "accent" };
  GtkWidget *image = GTK_WIDGET (self->icon);

  gtk_stack_set_visible_child_name (self->icon_stack, icon == NULL ? "spinner" : "icon");
  gtk_spinner_set_spinning (self->spinner, icon == NULL);
  if (icon == NULL)
    return;
  gtk_image_set_from_icon_name (self->icon, icon);
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (image, classes[i]);
  gtk_widget_add_css_class (image, g_str_equal (icon, "emblem-ok-symbolic") ? "success"
                                   : g_str_equal (icon, "dialog-warning-symbolic") ? "warning"
                                   : g_str_equal (icon, "dialog-error-symbolic") ? "error" : "accent");
}

/* Overrides */

static void
sd_request_outcome_class_init (SdRequestOutcomeClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sesdesk/SesDesk/sd-request-outcome.ui");
  gtk_widget_class_bind_template_child (widget_class, SdRequestOutcome, icon_stack);
  gtk_widget_class_bind_template_child (widget_class, SdRequestOutcome, spinner);
  gtk_widget_class_bind_template_child (widget_class, SdRequestOutcome, icon);
  gtk_widget_class_bind_template_child (widget_class, SdRequestOutcome, title);
  gtk_widget_class_bind_template_child (widget_class, SdRequestOutcome, description);
}

static void
sd_request_outcome_init (SdRequestOutcome *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

void
sd_request_outcome_set (SdRequestOutcome *self,
                        const char       *icon_name,
                        const char       *title,
                        const char       *description)
{
  g_return_if_fail (SD_IS_REQUEST_OUTCOME (self));

  gtk_label_set_label (self->title, title);
  gtk_label_set_label (self->description, description);
  set_icon (self, icon_name);
}

void
sd_request_outcome_show_entries (SdRequestOutcome *self,
                                 GListModel       *entries,
                                 gboolean          sending,
                                 gboolean          support_api)
{
  guint n = entries != NULL ? g_list_model_get_n_items (entries) : 0;
  guint confirmed = 0, failed = 0, needs_user = 0, waiting = 0, by_hand = 0;
  const char *icon = NULL;
  const char *title;
  const char *description;

  g_return_if_fail (SD_IS_REQUEST_OUTCOME (self));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdOutboxEntry) entry = g_list_model_get_item (entries, i);

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

  if (sending || (waiting > 0 && n > 0))
    {
      title = sending ? _("Sending…") : _("Waiting for AWS");
      description = sending
        ? _("Each region is written to the outbox before it leaves, so nothing is lost or sent twice.")
        : _("AWS’s answer did not come back; SES Desk checks whether the request arrived before it offers "
            "to send it again.");
    }
  else if (by_hand > 0)
    {
      icon = "dialog-warning-symbolic";
      title = _("Create the Case in the Support Center");
      description = support_api
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

  sd_request_outcome_set (self, icon, title, description);
}
