/* sd-case-page.c — one case's conversation: messages, reply, resolve
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sd-aws-error.h"
#include "sd-case-banner.h"
#include "sd-case-format.h"
#include "sd-case-info.h"
#include "sd-case-page.h"
#include "sd-case-reply-area.h"
#include "sd-case-thread-area.h"
#include "sd-safe-text.h"
#include "sd-timings.h"
#include "sd-widget-util.h"

struct _SdCasePage
{
  AdwBin           parent_instance;

  SdCaseThread    *thread;         /* owned, nullable */
  SdCaseReply     *reply;          /* owned, nullable */
  SdCase          *case_;          /* owned, nullable: the thread's case, watched */
  GCancellable    *cancellable;    /* owned: of this thread's loads; cancelled on change */
  GtkFileChooserNative *chooser;   /* owned, nullable */
  guint            shown_items;    /* messages shown before the last change */
  gboolean         resolving;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  AdwHeaderBar    *header_bar;
  AdwWindowTitle  *window_title;
  GtkWidget       *back_button;
  GtkToggleButton *order_button;
  GtkWidget       *refresh_button;
  SdCaseBanner    *banner;
  SdCaseInfo      *info;
  SdCaseThreadArea *thread_area;
  SdCaseReplyArea *reply_area;
};

G_DEFINE_FINAL_TYPE (SdCasePage, sd_case_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_NEWEST_FIRST,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_REFRESHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Auxiliary functions */

static gboolean
is_subscription_error (const GError *error)
{
  return g_error_matches (error, SD_AWS_ERROR, SD_AWS_ERROR_SUBSCRIPTION_REQUIRED);
}

static void
update_case (SdCasePage *self)
{
  SdCase *case_ = self->case_;
  g_autofree char *subtitle = NULL;
  SdCaseStatus status;
  gboolean can_resolve;

  if (case_ == NULL)
    {
      sd_case_info_show (self->info, NULL, FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.show-region", FALSE);
      return;
    }

  status = sd_case_get_status (case_);
  can_resolve = sd_case_get_details_known (case_) && !self->resolving && !sd_case_status_is_resolved (status);

  adw_window_title_set_title (self->window_title, sd_case_get_subject (case_) != NULL
                                                    ? sd_case_get_subject (case_) : _("Case"));
  /* Translators: the number AWS Support gives a case, e.g. "Case 178234561" */
  subtitle = g_strdup_printf (_("Case %s"), sd_case_get_label_id (case_));
  adw_window_title_set_subtitle (self->window_title, subtitle);

  sd_case_info_show (self->info, case_, can_resolve);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.show-region", sd_case_get_origin_region (case_) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.resolve", can_resolve);
  sd_case_reply_area_set_hint (self->reply_area, sd_case_status_is_resolved (status)
                                                 ? _("The case is resolved: a reply reopens it.") : "");
}

static void
update_view (SdCasePage *self)
{
  SdCaseThread *thread = self->thread;
  guint n = thread != NULL ? g_list_model_get_n_items (G_LIST_MODEL (thread)) : 0;
  gboolean loading = thread != NULL && sd_case_thread_get_loading (thread);
  const GError *error = thread != NULL ? sd_case_thread_get_error (thread) : NULL;
  gboolean offline = thread != NULL && sd_case_thread_get_offline (thread);
  gboolean no_plan = is_subscription_error (error);
  g_autofree char *banner = NULL;
  const char *banner_icon = NULL;
  const char *page;

  if (thread == NULL)
    return;

  if (n > 0)
    page = "messages";
  else if (error != NULL && !loading)
    page = "error";
  else if (loading || sd_case_thread_get_updated (thread) == 0)
    page = "loading";
  else
    page = "empty";

  if (g_str_equal (page, "error"))
    {
      g_autofree char *message = NULL;

      if (no_plan)
        message = g_strdup (_("This account’s support plan does not include the AWS Support API, "
                              "so SES Desk cannot read the case. Open it in the Support Center."));
      else if (offline)
        message = g_strdup (_("AWS Support cannot be reached, and this case was never saved for "
                              "reading offline. Check the network connection, then try again."));
      else
        message = sd_text_safe_line (error->message, -1, 600);
      sd_case_thread_area_set_error (self->thread_area,
                                     no_plan ? _("No Access to AWS Support")
                                     : offline ? _("You Are Offline")
                                               : _("The Case Could Not Be Loaded"),
                                     offline ? "network-offline-symbolic" : "dialog-warning-symbolic",
                                     message);
    }
  sd_case_thread_area_set_page (self->thread_area, page);

  /* The messages stay; the banner says how they stand. */
  if (n > 0 && offline)
    {
      g_autofree char *when = NULL;

      if (sd_case_thread_get_updated (thread) > 0)
        {
          g_autoptr(GDateTime) saved = g_date_time_new_from_unix_utc (sd_case_thread_get_updated (thread));

          when = sd_case_format_time (saved);
          /* Translators: %s is when the saved copy was read from AWS */
          banner = g_strdup_printf (_("Offline — showing the saved copy of %s."), when);
        }
      else
        banner = g_strdup (_("Offline — showing the saved copy."));
      banner_icon = "network-offline-symbolic";
    }
  else if (n > 0 && error != NULL)
    {
      banner = sd_text_safe_line (error->message, -1, 600);
      banner_icon = "dialog-warning-symbolic";
    }
  else if (n > 0 && sd_case_thread_get_partial (thread))
    {
      banner = g_strdup (_("AWS Support gave only the newest messages of this case."));
      banner_icon = "dialog-information-symbolic";
    }
  if (banner != NULL)
    sd_case_banner_show (self->banner, banner_icon, banner, offline || error != NULL);
  else
    sd_case_banner_hide (self->banner, offline || error != NULL);

  /* Without the API there is nothing to reply through. */
  gtk_widget_set_visible (GTK_WIDGET (self->reply_area), !no_plan && self->reply != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.refresh", !loading);
}

static void
scroll_to_newest (SdCasePage *self)
{
  if (self->thread == NULL)
    return;
  sd_case_thread_area_scroll_to_newest (self->thread_area,
                                        sd_case_thread_get_order (self->thread) == SD_THREAD_ORDER_NEWEST_FIRST);
}

static void
set_case (SdCasePage *self,
          SdCase     *case_)
{
  if (self->case_ == case_)
    return;
  if (self->case_ != NULL)
    g_signal_handlers_disconnect_by_data (self->case_, self);
  g_set_object (&self->case_, case_);
  if (case_ != NULL)
    g_signal_connect_swapped (case_, "notify", G_CALLBACK (update_case), self);
  update_case (self);
}

static GtkWindow *
parent_window (SdCasePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* Callbacks */

static void
on_thread_notify (SdCasePage *self)
{
  update_view (self);
}

static void
on_thread_case (SdCasePage *self)
{
  set_case (self, sd_case_thread_get_case (self->thread));
}

static void
on_after_paint (GdkFrameClock *clock,
                SdCasePage    *self)
{
  g_autofree char *event = NULL;

  g_signal_handlers_disconnect_by_func (clock, on_after_paint, self);
  if (self->thread == NULL)
    return;
  event = g_strdup_printf ("thread-shown:%s", sd_case_thread_get_case_id (self->thread));
  sd_timings_mark (event);
}

static void
on_items_changed (SdCasePage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->thread));

  /* For the benchmark: from a thread's messages in the model to their first paint. */
  if (self->shown_items == 0 && n > 0 && gtk_widget_get_frame_clock (GTK_WIDGET (self)) != NULL &&
      sd_timings_enabled ())
    {
      g_autofree char *event = g_strdup_printf ("thread-data:%s", sd_case_thread_get_case_id (self->thread));

      sd_timings_mark (event);
      g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                        G_CALLBACK (on_after_paint), self);
    }

  /* First shown, or grown (a reply, an answer): bring the newest in view. */
  if (n > self->shown_items)
    scroll_to_newest (self);
  self->shown_items = n;
  update_view (self);
}

static void
on_refreshed (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SdCasePage) self = user_data;
  g_autoptr(GError) error = NULL;

  /* Failures are shown from the thread's own state. */
  if (!sd_case_thread_refresh_finish (SD_CASE_THREAD (source), result, &error))
    return;
  if (SD_CASE_THREAD (source) == self->thread)
    g_signal_emit (self, signals[SIGNAL_REFRESHED], 0);
}

static void
on_cached_loaded (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(SdCasePage) self = user_data;

  sd_case_thread_load_cached_finish (SD_CASE_THREAD (source), result, NULL);
}

static void
on_save_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SdCasePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!sd_case_thread_save_attachment_finish (SD_CASE_THREAD (source), result, &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = sd_text_safe_line (error->message, -1, 200);
      /* Translators: %s says why an attachment could not be saved */
      text = g_strdup_printf (_("Not saved: %s"), message);
    }
  else
    text = g_strdup (_("Attachment saved"));
  sd_case_page_toast (self, text);
}

static void
on_save_response (GtkNativeDialog *dialog,
                  int              response,
                  SdCasePage      *self)
{
  SdCommunicationAttachment *attachment = g_object_get_data (G_OBJECT (dialog), "attachment");

  if (response == GTK_RESPONSE_ACCEPT && attachment != NULL && self->thread != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        sd_case_thread_save_attachment_async (self->thread, attachment, file, self->cancellable,
                                              on_save_done, g_object_ref (self));
    }
  g_clear_object (&self->chooser);
}

static void
on_save_attachment (SdCaseThreadArea          *area,
                    SdCommunicationAttachment *attachment,
                    SdCasePage                *self)
{
  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Save Attachment"), parent_window (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser),
                                     sd_communication_attachment_get_suggested_name (attachment));
  g_object_set_data_full (G_OBJECT (self->chooser), "attachment", g_object_ref (attachment), g_object_unref);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_save_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_resolved (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(SdCasePage) self = user_data;
  g_autoptr(GError) error = NULL;

  self->resolving = FALSE;
  if (!sd_case_thread_resolve_finish (SD_CASE_THREAD (source), result, &error))
    {
      g_autofree char *message = NULL;
      g_autofree char *text = NULL;

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          message = sd_text_safe_line (error->message, -1, 200);
          /* Translators: %s says why a case could not be resolved */
          text = g_strdup_printf (_("Not resolved: %s"), message);
          sd_case_page_toast (self, text);
        }
    }
  else if (SD_CASE_THREAD (source) == self->thread)
    sd_case_page_toast (self, _("Case resolved"));
  update_case (self);
}

static void
on_resolve_response (AdwMessageDialog *dialog,
                     const char       *response,
                     SdCasePage       *self)
{
  if (!g_str_equal (response, "resolve") || self->thread == NULL)
    return;
  self->resolving = TRUE;
  update_case (self);
  sd_case_thread_resolve_async (self->thread, self->cancellable, on_resolved, g_object_ref (self));
}

static void
on_resolve_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SdCasePage *self = SD_CASE_PAGE (widget);
  GtkWidget *dialog;
  g_autofree char *body = NULL;

  if (self->case_ == NULL || self->resolving)
    return;
  /* Translators: %s is the case number */
  body = g_strdup_printf (_("AWS Support will close case %s. You can reopen it later by replying."),
                          sd_case_get_label_id (self->case_));
  dialog = adw_message_dialog_new (parent_window (self), _("Resolve This Case?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "resolve", _("_Resolve"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "resolve",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_resolve_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_refresh_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  sd_case_page_refresh (SD_CASE_PAGE (widget));
}

static void
on_support_center_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  SdCasePage *self = SD_CASE_PAGE (widget);
  g_autofree char *uri = NULL;

  if (self->case_ == NULL)
    return;
  uri = sd_case_dup_support_center_url (self->case_, NULL);
  gtk_show_uri (parent_window (self), uri, GDK_CURRENT_TIME);
}

static void
on_copy_id_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SdCasePage *self = SD_CASE_PAGE (widget);

  if (self->case_ == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), sd_case_get_label_id (self->case_));
  sd_case_page_toast (self, _("Case number copied"));
}

static void
on_show_region_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SdCasePage *self = SD_CASE_PAGE (widget);
  const char *region = self->case_ != NULL ? sd_case_get_origin_region (self->case_) : NULL;
  const char *profile = self->thread != NULL ? sd_case_thread_get_profile (self->thread) : NULL;
  GApplication *app = g_application_get_default ();

  if (region == NULL || app == NULL)
    return;
  /* An empty profile is the default one. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "show-region",
                                  g_variant_new ("(ss)", profile != NULL ? profile : "", region));
}

static void
on_reply_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SdCasePage *self = SD_CASE_PAGE (widget);
  gboolean open = !sd_case_reply_area_get_open (self->reply_area);

  sd_case_reply_area_set_open (self->reply_area, open);
  if (open)
    sd_case_reply_area_focus (self->reply_area);
}

static void
on_reply_sent (SdCasePage *self)
{
  sd_case_reply_area_set_open (self->reply_area, FALSE);
  sd_case_page_toast (self, _("Reply sent"));
  scroll_to_newest (self);
}

/* Overrides */

static void
sd_case_page_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SdCasePage *self = SD_CASE_PAGE (object);

  switch (prop_id)
    {
    case PROP_NEWEST_FIRST:
      g_value_set_boolean (value, self->thread != NULL &&
                           sd_case_thread_get_order (self->thread) == SD_THREAD_ORDER_NEWEST_FIRST);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_case_page_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  SdCasePage *self = SD_CASE_PAGE (object);

  switch (prop_id)
    {
    case PROP_NEWEST_FIRST:
      if (self->thread != NULL)
        {
          SdThreadOrder order = g_value_get_boolean (value) ? SD_THREAD_ORDER_NEWEST_FIRST
                                                            : SD_THREAD_ORDER_OLDEST_FIRST;

          if (sd_case_thread_get_order (self->thread) != order)
            {
              sd_case_thread_set_order (self->thread, order);
              scroll_to_newest (self);
              g_object_notify_by_pspec (object, pspec);
            }
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_case_page_dispose (GObject *object)
{
  SdCasePage *self = SD_CASE_PAGE (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  sd_case_page_set_thread (self, NULL, NULL);
  /* No gtk_widget_dispose_template(): AdwBin unparents its child itself,
   * and would find it gone. */

  G_OBJECT_CLASS (sd_case_page_parent_class)->dispose (object);
}

static void
sd_case_page_finalize (GObject *object)
{
  SdCasePage *self = SD_CASE_PAGE (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (sd_case_page_parent_class)->finalize (object);
}

static void
sd_case_page_class_init (SdCasePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sd_case_page_dispose;
  object_class->finalize = sd_case_page_finalize;
  object_class->get_property = sd_case_page_get_property;
  object_class->set_property = sd_case_page_set_property;

  properties[PROP_NEWEST_FIRST] =
    g_param_spec_boolean ("newest-first", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_REFRESHED] = g_signal_new ("refreshed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (SD_TYPE_CASE_BANNER);
  g_type_ensure (SD_TYPE_CASE_INFO);
  g_type_ensure (SD_TYPE_CASE_REPLY_AREA);
  g_type_ensure (SD_TYPE_CASE_THREAD_AREA);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sesdesk/SesDesk/sd-case-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SdCasePage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SdCasePage, header_bar);
  gtk_widget_class_bind_template_child (widget_class, SdCasePage, window_title);
  gtk_widget_class_bind_template_child (widget_class, SdCasePage, back_button);
  gtk_widget_class_bind_template_child (widget_class, SdCasePage, order_button);
  gtk_widget_class_bind_template_child (widget_class, SdCasePage, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, SdCasePage, banner);
  gtk_widget_class_bind_template_child (widget_class, SdCasePage, info);
  gtk_widget_class_bind_template_child (widget_class, SdCasePage, thread_area);
  gtk_widget_class_bind_template_child (widget_class, SdCasePage, reply_area);
  gtk_widget_class_bind_template_callback (widget_class, on_save_attachment);
  gtk_widget_class_bind_template_callback (widget_class, on_reply_sent);

  gtk_widget_class_install_action (widget_class, "page.refresh", NULL, on_refresh_action);
  gtk_widget_class_install_action (widget_class, "page.resolve", NULL, on_resolve_action);
  gtk_widget_class_install_action (widget_class, "page.open-support-center", NULL, on_support_center_action);
  gtk_widget_class_install_action (widget_class, "page.copy-id", NULL, on_copy_id_action);
  gtk_widget_class_install_action (widget_class, "page.reply", NULL, on_reply_action);
  gtk_widget_class_install_action (widget_class, "page.show-region", NULL, on_show_region_action);
  gtk_widget_class_install_property_action (widget_class, "page.newest-first", "newest-first");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "page.refresh", NULL);
}

static void
sd_case_page_init (SdCasePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  g_object_bind_property (self, "newest-first", self->order_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.show-region", FALSE);
}

/* Public API */

GtkWidget *
sd_case_page_new (void)
{
  return g_object_new (SD_TYPE_CASE_PAGE, NULL);
}

void
sd_case_page_set_thread (SdCasePage   *self,
                         SdCaseThread *thread,
                         SdCaseReply  *reply)
{
  gboolean has_draft;

  g_return_if_fail (SD_IS_CASE_PAGE (self));

  if (self->thread == thread && self->reply == reply)
    return;

  /* The old thread's loads are of no use any more (a reply being sent is
   * not cancelled: the composer sends it without a cancellable). */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->resolving = FALSE;

  if (self->thread != NULL)
    g_signal_handlers_disconnect_by_data (self->thread, self);
  set_case (self, NULL);
  g_set_object (&self->thread, thread);
  g_set_object (&self->reply, reply);
  self->shown_items = thread != NULL ? g_list_model_get_n_items (G_LIST_MODEL (thread)) : 0;

  sd_case_thread_area_set_thread (self->thread_area, thread);
  sd_case_reply_area_bind (self->reply_area, thread, reply);

  /* A draft being written, or a reply whose fate is open, shows the composer. */
  has_draft = reply != NULL &&
              ((sd_case_reply_get_body (reply) != NULL && *sd_case_reply_get_body (reply) != '\0') ||
               g_list_model_get_n_items (sd_case_reply_get_attachments (reply)) > 0);
  if (thread != NULL && sd_case_thread_get_reply_state (thread) != SD_REPLY_STATE_NONE)
    has_draft = TRUE;
  sd_case_reply_area_set_open (self->reply_area, has_draft);

  if (thread == NULL)
    return;

  g_signal_connect_swapped (thread, "notify::loading", G_CALLBACK (on_thread_notify), self);
  g_signal_connect_swapped (thread, "notify::offline", G_CALLBACK (on_thread_notify), self);
  g_signal_connect_swapped (thread, "notify::partial", G_CALLBACK (on_thread_notify), self);
  g_signal_connect_swapped (thread, "notify::error", G_CALLBACK (on_thread_notify), self);
  g_signal_connect_swapped (thread, "notify::updated", G_CALLBACK (on_thread_notify), self);
  g_signal_connect_swapped (thread, "notify::case", G_CALLBACK (on_thread_case), self);
  g_signal_connect_swapped (thread, "notify::order", G_CALLBACK (on_thread_notify), self);
  g_signal_connect_swapped (thread, "items-changed", G_CALLBACK (on_items_changed), self);
  set_case (self, sd_case_thread_get_case (thread));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEWEST_FIRST]);
  update_view (self);
  if (self->shown_items > 0)
    scroll_to_newest (self);

  /* The saved copy at once, then AWS's. */
  if (sd_case_thread_get_updated (thread) == 0)
    sd_case_thread_load_cached_async (thread, self->cancellable, on_cached_loaded, g_object_ref (self));
  sd_case_page_refresh (self);
}

SdCaseThread *
sd_case_page_get_thread (SdCasePage *self)
{
  g_return_val_if_fail (SD_IS_CASE_PAGE (self), NULL);
  return self->thread;
}

void
sd_case_page_refresh (SdCasePage *self)
{
  g_return_if_fail (SD_IS_CASE_PAGE (self));

  if (self->thread == NULL)
    return;
  sd_case_thread_refresh_async (self->thread, self->cancellable, on_refreshed, g_object_ref (self));
  update_view (self);
}

void
sd_case_page_set_folded (SdCasePage *self,
                         gboolean    folded)
{
  g_return_if_fail (SD_IS_CASE_PAGE (self));

  gtk_widget_set_visible (self->back_button, folded);
  adw_header_bar_set_show_start_title_buttons (self->header_bar, folded);
  /* Narrow: the title needs the room; both are in the case menu too. */
  gtk_widget_set_visible (self->refresh_button, !folded);
  gtk_widget_set_visible (GTK_WIDGET (self->order_button), !folded);
}

void
sd_case_page_attach_file (SdCasePage *self,
                          GFile      *file)
{
  g_return_if_fail (SD_IS_CASE_PAGE (self));

  if (self->reply == NULL)
    return;
  sd_case_reply_area_attach_file (self->reply_area, file);
}

gboolean
sd_case_page_focus_messages (SdCasePage *self)
{
  g_return_val_if_fail (SD_IS_CASE_PAGE (self), FALSE);

  return sd_case_thread_area_focus_messages (self->thread_area);
}

void
sd_case_page_toast (SdCasePage *self,
                    const char *text)
{
  g_return_if_fail (SD_IS_CASE_PAGE (self));

  sd_toast_show (self->toast_overlay, text, 4);
}
