/* sd-case-thread-area.c — a case's messages, or why they are not there: loading, an error, none
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "sd-case-thread-area.h"
#include "sd-thread-view.h"
#include "sd-timings.h"
#include "sd-widget-util.h"

struct _SdCaseThreadArea
{
  AdwBin           parent_instance;

  SdCaseThread    *thread;         /* owned, nullable */

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
  GtkStack        *stack;
  GtkSpinner      *loading_spinner;
  AdwStatusPage   *error_page;
  GtkScrolledWindow *scroller;
  SdThreadView    *message_list;
};

G_DEFINE_FINAL_TYPE (SdCaseThreadArea, sd_case_thread_area, ADW_TYPE_BIN)

enum {
  SIGNAL_SAVE_ATTACHMENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Callbacks */

static void
on_bench_before_paint (GdkFrameClock    *clock,
                       SdCaseThreadArea *self)
{
  self->bench_paint = g_get_monotonic_time ();
}

/* A heartbeat every few ms while a burst is recorded: how late it comes is
 * how long the main loop was busy (frames, input, anything else). */
static gboolean
on_bench_tick (gpointer user_data)
{
  SdCaseThreadArea *self = user_data;
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
on_bench_after_paint (GdkFrameClock    *clock,
                      SdCaseThreadArea *self)
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
bench_stop (SdCaseThreadArea *self)
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
  SdCaseThreadArea *self = user_data;
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
on_scroll_value_changed (SdCaseThreadArea *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (!sd_timings_enabled () || clock == NULL)
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
on_save_attachment (SdThreadView              *view,
                    SdCommunicationAttachment *attachment,
                    SdCaseThreadArea          *self)
{
  g_signal_emit (self, signals[SIGNAL_SAVE_ATTACHMENT], 0, attachment);
}

/* Overrides */

static void
sd_case_thread_area_dispose (GObject *object)
{
  SdCaseThreadArea *self = SD_CASE_THREAD_AREA (object);

  bench_stop (self);
  g_clear_object (&self->thread);

  G_OBJECT_CLASS (sd_case_thread_area_parent_class)->dispose (object);
}

static void
sd_case_thread_area_class_init (SdCaseThreadAreaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sd_case_thread_area_dispose;

  signals[SIGNAL_SAVE_ATTACHMENT] = g_signal_new ("save-attachment", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                                  SD_TYPE_COMMUNICATION_ATTACHMENT);

  g_type_ensure (SD_TYPE_THREAD_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sesdesk/SesDesk/sd-case-thread-area.ui");
  gtk_widget_class_bind_template_child (widget_class, SdCaseThreadArea, stack);
  gtk_widget_class_bind_template_child (widget_class, SdCaseThreadArea, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, SdCaseThreadArea, error_page);
  gtk_widget_class_bind_template_child (widget_class, SdCaseThreadArea, scroller);
  gtk_widget_class_bind_template_child (widget_class, SdCaseThreadArea, message_list);
  gtk_widget_class_bind_template_callback (widget_class, on_save_attachment);
  gtk_widget_class_bind_template_callback (widget_class, on_scroll_value_changed);
  gtk_widget_class_bind_template_callback (widget_class, sd_stack_sync_hidden);
}

static void
sd_case_thread_area_init (SdCaseThreadArea *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  sd_stack_sync_hidden (self->stack);
}

/* Public API */

void
sd_case_thread_area_set_thread (SdCaseThreadArea *self,
                                SdCaseThread     *thread)
{
  g_return_if_fail (SD_IS_CASE_THREAD_AREA (self));

  g_set_object (&self->thread, thread);
  sd_thread_view_set_model (self->message_list, G_LIST_MODEL (thread));
}

void
sd_case_thread_area_set_page (SdCaseThreadArea *self,
                              const char       *page)
{
  g_return_if_fail (SD_IS_CASE_THREAD_AREA (self));

  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_spinner_set_spinning (self->loading_spinner, g_str_equal (page, "loading"));
}

void
sd_case_thread_area_set_error (SdCaseThreadArea *self,
                               const char       *title,
                               const char       *icon_name,
                               const char       *message)
{
  /* A status page's description is markup: the message is text. */
  g_autofree char *escaped = NULL;

  g_return_if_fail (SD_IS_CASE_THREAD_AREA (self));

  escaped = g_markup_escape_text (message, -1);
  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_icon_name (self->error_page, icon_name);
  adw_status_page_set_description (self->error_page, escaped);
}

void
sd_case_thread_area_scroll_to_newest (SdCaseThreadArea *self,
                                      gboolean          newest_first)
{
  g_return_if_fail (SD_IS_CASE_THREAD_AREA (self));

  if (newest_first)
    sd_thread_view_scroll_to_start (self->message_list);
  else
    sd_thread_view_scroll_to_end (self->message_list);
}

gboolean
sd_case_thread_area_focus_messages (SdCaseThreadArea *self)
{
  g_return_val_if_fail (SD_IS_CASE_THREAD_AREA (self), FALSE);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "messages") != 0)
    return FALSE;
  return sd_thread_view_focus_messages (self->message_list);
}
