/* sd-case-page.c — one case's conversation: messages, reply, resolve
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sd-aws-endpoints.h"
#include "sd-aws-error.h"
#include "sd-case-banner.h"
#include "sd-case-format.h"
#include "sd-case-page.h"
#include "sd-reply-box.h"
#include "sd-safe-text.h"
#include "sd-thread-view.h"
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

  /* SD_BENCH_TIMINGS: the frames that showed a scroll, in one burst */
  GdkFrameClock   *bench_clock;    /* owned, nullable: while a burst is recorded */
  guint            bench_done_id;
  guint            bench_frames;
  gboolean         bench_moved;    /* scrolled since the last frame */
  gint64           bench_first;    /* the first frame's time, µs */
  gint64           bench_last;     /* the last one's */
  gint64           bench_longest;  /* the longest time between two */
  gint64           bench_paint;    /* when the frame being drawn started, µs */
  gint64           bench_work;     /* the longest frame's own work (before-paint to after-paint) */
  gint64           bench_tick_bind;   /* the view's bind time at the last heartbeat */
  guint            bench_tick_binds;  /* its rows bound then */
  gint64           bench_start_bind;  /* and at the burst's start */
  guint            bench_start_binds;
  gint64           bench_bind;     /* the time in row binds during the longest stall */
  guint            bench_stall_binds; /* rows bound during it */
  guint            bench_binds;    /* rows bound during the burst */
  gint64           bench_tick;     /* the main loop's last heartbeat, µs */
  gint64           bench_stall;    /* the longest the main loop was busy (heartbeat late) */
  double           bench_value;    /* the scroll position last seen */
  double           bench_jump;     /* the largest single move of it in the burst */
  guint            bench_tick_id;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  AdwHeaderBar    *header_bar;
  AdwWindowTitle  *window_title;
  GtkWidget       *back_button;
  GtkToggleButton *order_button;
  GtkWidget       *refresh_button;
  SdCaseBanner    *banner;
  GtkWidget       *info_box;
  GtkLabel        *status_label;
  GtkLabel        *info_label;
  GtkWidget       *region_button;
  GtkWidget       *resolve_button;
  GtkStack        *stack;
  GtkSpinner      *loading_spinner;
  AdwStatusPage   *error_page;
  GtkScrolledWindow *scroller;
  SdThreadView    *message_list;
  GtkWidget       *reply_area;
  GtkRevealer     *composer_revealer;
  SdReplyBox      *reply_box;
  GtkToggleButton *reply_button;
  GtkLabel        *reply_hint;
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

static const char * const status_classes[] = {
  "case-open", "case-needs-reply", "case-resolved", "case-unknown", NULL
};

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
  g_autoptr(GString) info = g_string_new (NULL);
  g_autofree char *subtitle = NULL;
  const char *language;
  const char *region;
  SdCaseStatus status;
  gboolean known;

  if (case_ == NULL)
    {
      gtk_widget_set_visible (self->region_button, FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.show-region", FALSE);
      return;
    }

  known = sd_case_get_details_known (case_);
  status = sd_case_get_status (case_);

  adw_window_title_set_title (self->window_title, sd_case_get_subject (case_) != NULL
                                                    ? sd_case_get_subject (case_) : _("Case"));
  /* Translators: the number AWS Support gives a case, e.g. "Case 178234561" */
  subtitle = g_strdup_printf (_("Case %s"), sd_case_get_label_id (case_));
  adw_window_title_set_subtitle (self->window_title, subtitle);

  for (guint i = 0; status_classes[i] != NULL; i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), status_classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), sd_case_format_status_class (status));
  gtk_label_set_label (self->status_label, sd_case_status_to_label (status));
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), known);

  /* The number is in the title: the language, and how the app knows the case. */
  language = sd_case_format_language (sd_case_get_language (case_));
  if (language != NULL)
    g_string_append (info, language);
  region = sd_case_get_origin_region (case_);
  if (sd_case_get_origin (case_) != SD_CASE_ORIGIN_NONE)
    {
      if (info->len > 0)
        g_string_append (info, " · ");
      g_string_append (info, sd_case_origin_to_label (sd_case_get_origin (case_)));
      if (region != NULL)
        g_string_append_printf (info, " · %s", sd_aws_region_display_name (region) != NULL
                                                 ? _(sd_aws_region_display_name (region)) : region);
    }
  gtk_label_set_label (self->info_label, info->str);

  /* The region a request of the app opened the case from: a way back to it. */
  if (region != NULL)
    {
      const char *name = sd_aws_region_display_name (region);
      /* Translators: a button's tooltip; %s is a region, e.g. "Europe (Ireland)" */
      g_autofree char *tooltip = g_strdup_printf (_("Show %s in the main window"),
                                                  name != NULL ? _(name) : region);

      gtk_widget_set_tooltip_text (self->region_button, tooltip);
    }
  gtk_widget_set_visible (self->region_button, region != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.show-region", region != NULL);

  gtk_widget_set_visible (self->resolve_button, known && !self->resolving &&
                          !sd_case_status_is_resolved (status));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.resolve",
                                 known && !self->resolving && !sd_case_status_is_resolved (status));
  gtk_label_set_label (self->reply_hint, sd_case_status_is_resolved (status)
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
      adw_status_page_set_title (self->error_page, no_plan ? _("No Access to AWS Support")
                                                   : offline ? _("You Are Offline")
                                                             : _("The Case Could Not Be Loaded"));
      adw_status_page_set_icon_name (self->error_page, offline ? "network-offline-symbolic"
                                                               : "dialog-warning-symbolic");
      {
        /* A status page's description is markup: the message is text. */
        g_autofree char *escaped = g_markup_escape_text (message, -1);

        adw_status_page_set_description (self->error_page, escaped);
      }
    }
  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_spinner_set_spinning (self->loading_spinner, g_str_equal (page, "loading"));

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
  gtk_widget_set_visible (self->reply_area, !no_plan && self->reply != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.refresh", !loading);
}

static void
scroll_to_newest (SdCasePage *self)
{
  if (self->thread == NULL)
    return;
  if (sd_case_thread_get_order (self->thread) == SD_THREAD_ORDER_NEWEST_FIRST)
    sd_thread_view_scroll_to_start (self->message_list);
  else
    sd_thread_view_scroll_to_end (self->message_list);
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

static gboolean
bench_enabled (void)
{
  return g_strcmp0 (g_getenv ("SD_BENCH_TIMINGS"), "1") == 0;
}

static void
on_bench_before_paint (GdkFrameClock *clock,
                       SdCasePage    *self)
{
  self->bench_paint = g_get_monotonic_time ();
}

/* A heartbeat every few ms while a burst is recorded: how late it comes is
 * how long the main loop was busy (frames, input, anything else). */
static gboolean
on_bench_tick (gpointer user_data)
{
  SdCasePage *self = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 bind_usec;
  guint binds;

  sd_thread_view_get_bind_stats (self->message_list, &binds, &bind_usec);
  if (self->bench_tick != 0 && now - self->bench_tick > self->bench_stall)
    {
      self->bench_stall = now - self->bench_tick;
      self->bench_bind = bind_usec - self->bench_tick_bind;
      self->bench_stall_binds = binds - self->bench_tick_binds;
    }
  self->bench_tick = now;
  self->bench_tick_bind = bind_usec;
  self->bench_tick_binds = binds;
  self->bench_binds = binds - self->bench_start_binds;
  return G_SOURCE_CONTINUE;
}

static void
on_bench_after_paint (GdkFrameClock *clock,
                      SdCasePage    *self)
{
  gint64 now = g_get_monotonic_time ();

  /* Only the frames that show a scroll (not a spinner's). */
  if (!self->bench_moved)
    return;
  self->bench_moved = FALSE;
  if (self->bench_paint != 0)
    self->bench_work = MAX (self->bench_work, now - self->bench_paint);
  if (self->bench_frames > 0)
    self->bench_longest = MAX (self->bench_longest, now - self->bench_last);
  else
    self->bench_first = now;
  self->bench_last = now;
  self->bench_frames++;
}

static void
bench_stop (SdCasePage *self)
{
  g_clear_handle_id (&self->bench_done_id, g_source_remove);
  g_clear_handle_id (&self->bench_tick_id, g_source_remove);
  if (self->bench_clock != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->bench_clock, on_bench_after_paint, self);
      g_signal_handlers_disconnect_by_func (self->bench_clock, on_bench_before_paint, self);
    }
  g_clear_object (&self->bench_clock);
}

/* For the benchmark: a burst of scrolling ended (nothing for a while); says
 * how smooth it was and how many rows the list has, as a milestone. */
static gboolean
on_bench_scroll_done (gpointer user_data)
{
  SdCasePage *self = user_data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  g_autofree char *event = NULL;
  guint rows = 0;
  double seconds = (self->bench_last - self->bench_first) / (double) G_USEC_PER_SEC;

  self->bench_done_id = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->message_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    rows++;
  event = g_strdup_printf ("scroll-frames:%s frames=%u seconds=%.3f fps=%.1f longest-ms=%.1f "
                           "work-ms=%.1f stall-ms=%.1f stall-bind-ms=%.1f stall-binds=%u binds=%u jump-px=%.0f rows=%u "
                           "top=%d bottom=%d position=%.0f/%.0f",
                           self->thread != NULL ? sd_case_thread_get_case_id (self->thread) : "",
                           self->bench_frames, seconds,
                           seconds > 0 ? (self->bench_frames - 1) / seconds : 0.0,
                           self->bench_longest / 1000.0, self->bench_work / 1000.0,
                           self->bench_stall / 1000.0, self->bench_bind / 1000.0,
                           self->bench_stall_binds, self->bench_binds, self->bench_jump, rows,
                           gtk_adjustment_get_value (adjustment) <= 0.5,
                           gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment)
                           >= gtk_adjustment_get_upper (adjustment) - 0.5,
                           gtk_adjustment_get_value (adjustment), gtk_adjustment_get_upper (adjustment));
  sd_timings_mark (event);
  bench_stop (self);
  return G_SOURCE_REMOVE;
}

static void
on_scroll_value_changed (SdCasePage *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (!bench_enabled () || clock == NULL)
    return;
  if (self->bench_clock != clock)
    {
      bench_stop (self);
      self->bench_frames = 0;
      self->bench_longest = 0;
      self->bench_paint = 0;
      self->bench_work = 0;
      self->bench_bind = 0;
      self->bench_binds = 0;
      self->bench_stall_binds = 0;
      sd_thread_view_get_bind_stats (self->message_list, &self->bench_start_binds,
                                     &self->bench_start_bind);
      self->bench_tick_bind = self->bench_start_bind;
      self->bench_tick_binds = self->bench_start_binds;
      self->bench_tick = 0;
      self->bench_stall = 0;
      self->bench_jump = 0;
      self->bench_value = gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (self->scroller));
      self->bench_clock = g_object_ref (clock);
      g_signal_connect (clock, "before-paint", G_CALLBACK (on_bench_before_paint), self);
      g_signal_connect (clock, "after-paint", G_CALLBACK (on_bench_after_paint), self);
      self->bench_tick_id = g_timeout_add (5, on_bench_tick, self);
    }
  self->bench_moved = TRUE;
  {
    double value = gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (self->scroller));

    self->bench_jump = MAX (self->bench_jump, fabs (value - self->bench_value));
    self->bench_value = value;
  }
  g_clear_handle_id (&self->bench_done_id, g_source_remove);
  self->bench_done_id = g_timeout_add (1000, on_bench_scroll_done, self);
}

static void
on_items_changed (SdCasePage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->thread));

  /* For the benchmark: from a thread's messages in the model to their first paint. */
  if (self->shown_items == 0 && n > 0 && gtk_widget_get_frame_clock (GTK_WIDGET (self)) != NULL &&
      bench_enabled ())
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
on_save_attachment (SdThreadView              *view,
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
  gboolean open = !gtk_revealer_get_reveal_child (self->composer_revealer);

  gtk_revealer_set_reveal_child (self->composer_revealer, open);
  gtk_toggle_button_set_active (self->reply_button, open);
  if (open)
    sd_reply_box_focus (self->reply_box);
}

static void
on_reply_sent (SdCasePage *self)
{
  gtk_revealer_set_reveal_child (self->composer_revealer, FALSE);
  gtk_toggle_button_set_active (self->reply_button, FALSE);
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

  bench_stop (self);
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
  g_type_ensure (SD_TYPE_REPLY_BOX);
  g_type_ensure (SD_TYPE_THREAD_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sesdesk/SesDesk/sd-case-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SdCasePage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SdCasePage, header_bar);
  gtk_widget_class_bind_template_child (widget_class, SdCasePage, window_title);
  gtk_widget_class_bind_template_child (widget_class, SdCasePage, back_button);
  gtk_widget_class_bind_template_child (widget_class, SdCasePage, order_button);
  gtk_widget_class_bind_template_child (widget_class, SdCasePage, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, SdCasePage, banner);
  gtk_widget_class_bind_template_child (widget_class, SdCasePage, info_box);
  gtk_widget_class_bind_template_child (widget_class, SdCasePage, status_label);
  gtk_widget_class_bind_template_child (widget_class, SdCasePage, info_label);
  gtk_widget_class_bind_template_child (widget_class, SdCasePage, region_button);
  gtk_widget_class_bind_template_child (widget_class, SdCasePage, resolve_button);
  gtk_widget_class_bind_template_child (widget_class, SdCasePage, stack);
  gtk_widget_class_bind_template_child (widget_class, SdCasePage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, SdCasePage, error_page);
  gtk_widget_class_bind_template_child (widget_class, SdCasePage, scroller);
  gtk_widget_class_bind_template_child (widget_class, SdCasePage, message_list);
  gtk_widget_class_bind_template_child (widget_class, SdCasePage, reply_area);
  gtk_widget_class_bind_template_child (widget_class, SdCasePage, composer_revealer);
  gtk_widget_class_bind_template_child (widget_class, SdCasePage, reply_box);
  gtk_widget_class_bind_template_child (widget_class, SdCasePage, reply_button);
  gtk_widget_class_bind_template_child (widget_class, SdCasePage, reply_hint);
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
  sd_stack_track_hidden (self->stack);
  g_signal_connect_swapped (gtk_scrolled_window_get_vadjustment (self->scroller), "value-changed",
                            G_CALLBACK (on_scroll_value_changed), self);
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

  sd_thread_view_set_model (self->message_list, G_LIST_MODEL (thread));
  sd_reply_box_bind (self->reply_box, thread, reply);

  /* A draft being written, or a reply whose fate is open, shows the composer. */
  has_draft = reply != NULL &&
              ((sd_case_reply_get_body (reply) != NULL && *sd_case_reply_get_body (reply) != '\0') ||
               g_list_model_get_n_items (sd_case_reply_get_attachments (reply)) > 0);
  if (thread != NULL && sd_case_thread_get_reply_state (thread) != SD_REPLY_STATE_NONE)
    has_draft = TRUE;
  gtk_revealer_set_reveal_child (self->composer_revealer, has_draft);
  gtk_toggle_button_set_active (self->reply_button, has_draft);

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
  gtk_revealer_set_reveal_child (self->composer_revealer, TRUE);
  gtk_toggle_button_set_active (self->reply_button, TRUE);
  sd_reply_box_attach_file (self->reply_box, file);
}

gboolean
sd_case_page_focus_messages (SdCasePage *self)
{
  g_return_val_if_fail (SD_IS_CASE_PAGE (self), FALSE);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "messages") != 0)
    return FALSE;
  return sd_thread_view_focus_messages (self->message_list);
}

void
sd_case_page_toast (SdCasePage *self,
                    const char *text)
{
  g_return_if_fail (SD_IS_CASE_PAGE (self));

  sd_toast_show (self->toast_overlay, text, 4);
}
