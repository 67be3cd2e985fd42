/* sd-thread-view.c — a case's messages, scrolled: only those in view have widgets
 *
 * A thread can hold thousands of messages of very different lengths. The
 * view keeps a row widget for the messages in view and a few around them,
 * remembers each message's height once laid out (an average stands in for
 * the others), and holds its place as the message at its top and how far
 * into it the view starts: scrolling by a wheel click binds the one or two
 * rows that come into view, nothing more, and a height learnt late never
 * moves what is shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "sd-case-thread.h"
#include "sd-thread-row.h"
#include "sd-thread-view.h"

/* Rows kept beyond those in view, on each side: what the keyboard and a
 * screen reader reach next, and a short thread whole. */
#define EXTRA_ROWS   8
/* Unused rows kept for the next ones to come into view. */
#define SPARE_ROWS   8
/* The height of a message not laid out yet, before any is. */
#define GUESS_HEIGHT 120

typedef struct
{
  GtkWidget *row;
  guint      index;
  int        y;       /* its top, relative to the view's, at the last layout; or: */
} Slot;

#define NOT_PLACED G_MININT   /* bound since the last layout */

struct _SdThreadView
{
  GtkWidget      parent_instance;

  GListModel    *model;          /* owned, nullable */
  GtkAdjustment *hadjustment;    /* owned, nullable */
  GtkAdjustment *vadjustment;    /* owned, nullable */
  guint          hscroll_policy : 1;
  guint          vscroll_policy : 1;

  GArray        *heights;        /* int per message: its height at @width, 0 = not laid out */
  gint64         known_sum;      /* the heights known, summed */
  guint          n_known;
  int            width;          /* the width the heights are for, -1 = none yet */
  int            page;           /* the view's height at the last layout */

  guint          anchor;         /* the message at the view's top */
  int            offset;         /* how far below that message's top the view starts, px */
  gboolean       pin_end;        /* the view stays at the end (the newest when oldest first) */
  gboolean       configuring;    /* the adjustment is being set from here */
  guint          prepare_id;     /* tick: rows to bind before the next layout */
  gboolean       missing;        /* the last layout lacked a row it needed */

  GArray        *slots;          /* Slot, by index: the rows bound */
  GPtrArray     *spare;          /* SdThreadRow, unowned (children): rows not in use */

  guint          n_binds;        /* for the benchmark: rows bound, and the time it took */
  gint64         bind_usec;
};

static void scrollable_iface_init (GtkScrollableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SdThreadView, sd_thread_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, scrollable_iface_init))

enum {
  PROP_0,
  PROP_HADJUSTMENT,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
  N_PROPS
};

enum {
  SIGNAL_SAVE_ATTACHMENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule_prepare (SdThreadView *self);

/* Auxiliary functions */

static guint
n_items (SdThreadView *self)
{
  return self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
}

static int
guess_height (SdThreadView *self)
{
  return self->n_known > 0 ? (int) (self->known_sum / self->n_known) : GUESS_HEIGHT;
}

/* A message's height as known, or as guessed. */
static int
estimate (SdThreadView *self,
          guint         index)
{
  int height = g_array_index (self->heights, int, index);

  return height > 0 ? height : guess_height (self);
}

static void
set_height (SdThreadView *self,
            guint         index,
            int           height)
{
  int *known = &g_array_index (self->heights, int, index);

  height = MAX (height, 1);
  if (*known == height)
    return;
  if (*known > 0)
    self->known_sum -= *known;
  else
    self->n_known++;
  self->known_sum += height;
  *known = height;
}

static void
forget_heights (SdThreadView *self)
{
  memset (self->heights->data, 0, sizeof (int) * self->heights->len);
  self->known_sum = 0;
  self->n_known = 0;
}

/* Where a message starts, with the heights known or guessed. */
static gint64
estimate_top (SdThreadView *self,
              guint         index)
{
  gint64 top = 0;
  int guess = guess_height (self);

  for (guint i = 0; i < index; i++)
    {
      int height = g_array_index (self->heights, int, i);

      top += height > 0 ? height : guess;
    }
  return top;
}

static Slot *
find_slot (SdThreadView *self,
           guint         index,
           guint        *position)
{
  guint lo = 0, hi = self->slots->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      Slot *slot = &g_array_index (self->slots, Slot, mid);

      if (slot->index == index)
        {
          if (position != NULL)
            *position = mid;
          return slot;
        }
      if (slot->index < index)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (position != NULL)
    *position = lo;
  return NULL;
}

static void
on_row_save_attachment (SdThreadRow               *row,
                        SdCommunicationAttachment *attachment,
                        SdThreadView              *self)
{
  g_signal_emit (self, signals[SIGNAL_SAVE_ATTACHMENT], 0, attachment);
}

static void
hide_row (GtkWidget *row)
{
  gtk_widget_set_child_visible (row, FALSE);
  gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
}

/* The row showing message @index: bound now if it was not. */
static GtkWidget *
ensure_row (SdThreadView *self,
            guint         index)
{
  g_autoptr(GObject) item = NULL;
  guint position;
  Slot *slot = find_slot (self, index, &position);
  Slot added = { NULL, index, NOT_PLACED };
  GtkWidget *next;

  if (slot != NULL)
    return slot->row;
  item = g_list_model_get_item (self->model, index);

  /* A spare row that still shows this message (scrolled back) needs no bind. */
  for (guint i = 0; i < self->spare->len && added.row == NULL; i++)
    if (sd_thread_row_get_communication (g_ptr_array_index (self->spare, i)) == (gpointer) item)
      added.row = g_ptr_array_steal_index (self->spare, i);
  if (added.row == NULL && self->spare->len > 0)
    added.row = g_ptr_array_steal_index (self->spare, self->spare->len - 1);
  if (added.row == NULL)
    {
      added.row = sd_thread_row_new ();
      g_signal_connect (added.row, "save-attachment", G_CALLBACK (on_row_save_attachment), self);
      gtk_widget_set_parent (added.row, GTK_WIDGET (self));
    }

  if (sd_thread_row_get_communication (SD_THREAD_ROW (added.row)) != (gpointer) item)
    {
      gint64 start = g_get_monotonic_time ();

      sd_thread_row_set_communication (SD_THREAD_ROW (added.row), SD_COMMUNICATION (item));
      self->bind_usec += g_get_monotonic_time () - start;
      self->n_binds++;
    }

  /* Children in the messages' order: what Tab and a screen reader follow. */
  next = position < self->slots->len ? g_array_index (self->slots, Slot, position).row : NULL;
  if (next == NULL && self->slots->len > 0)
    next = gtk_widget_get_next_sibling (g_array_index (self->slots, Slot, self->slots->len - 1).row);
  if (next == NULL && self->slots->len == 0)
    next = gtk_widget_get_first_child (GTK_WIDGET (self));
  if (next != added.row && gtk_widget_get_next_sibling (added.row) != next)
    gtk_widget_insert_before (added.row, GTK_WIDGET (self), next);

  gtk_accessible_update_state (GTK_ACCESSIBLE (added.row), GTK_ACCESSIBLE_STATE_HIDDEN, FALSE, -1);
  gtk_widget_set_child_visible (added.row, TRUE);
  g_array_insert_val (self->slots, position, added);
  return added.row;
}

static void
release_slot (SdThreadView *self,
              guint         position)
{
  GtkWidget *row = g_array_index (self->slots, Slot, position).row;

  g_array_remove_index (self->slots, position);
  if (self->spare->len >= SPARE_ROWS)
    {
      gtk_widget_unparent (row);
      return;
    }
  hide_row (row);
  gtk_widget_insert_before (row, GTK_WIDGET (self), NULL);
  g_ptr_array_add (self->spare, row);
}

/* A message's height, laid out at the view's width. Without @bind (in a
 * layout: children must not change then) a message without a row is
 * guessed, and the view binds it before the next frame. */
static int
measure (SdThreadView *self,
         guint         index,
         gboolean      bind)
{
  Slot *slot = find_slot (self, index, NULL);
  GtkWidget *row;
  int minimum, natural;

  if (slot != NULL)
    row = slot->row;
  else if (bind)
    row = ensure_row (self, index);
  else
    {
      self->missing = TRUE;
      return estimate (self, index);
    }
  if (self->width <= 0)
    return estimate (self, index);   /* laid out once the view has a width */
  gtk_widget_measure (row, GTK_ORIENTATION_VERTICAL, self->width, &minimum, &natural, NULL, NULL);
  set_height (self, index, MAX (minimum, natural));
  return g_array_index (self->heights, int, index);
}

/* Brings the anchor to the message the view's top is in. */
static void
normalize (SdThreadView *self,
           gboolean      bind)
{
  guint n = n_items (self);

  if (n == 0)
    {
      self->anchor = 0;
      self->offset = 0;
      return;
    }
  if (self->anchor >= n)
    {
      self->anchor = n - 1;
      self->offset = 0;
    }
  while (self->offset < 0 && self->anchor > 0)
    {
      self->anchor--;
      self->offset += measure (self, self->anchor, bind);
    }
  if (self->offset < 0)
    self->offset = 0;
  while (self->anchor + 1 < n)
    {
      int height = measure (self, self->anchor, bind);

      if (self->offset < height)
        break;
      self->offset -= height;
      self->anchor++;
    }
}

static gboolean
holds_focus (SdThreadView *self,
             GtkWidget    *row)
{
  return gtk_widget_get_focus_child (GTK_WIDGET (self)) == row;
}

static void
configure_adjustments (SdThreadView *self,
                       int           width,
                       int           height)
{
  guint n = n_items (self);
  double value = n > 0 ? (double) (estimate_top (self, self->anchor) + self->offset) : 0;
  double upper = n > 0 ? (double) estimate_top (self, n) : 0;

  self->configuring = TRUE;
  if (self->vadjustment != NULL)
    gtk_adjustment_configure (self->vadjustment, value, 0, MAX (upper, value + height),
                              height * 0.1, height * 0.9, height);
  if (self->hadjustment != NULL)
    gtk_adjustment_configure (self->hadjustment, 0, 0, width, width * 0.1, width * 0.9, width);
  self->configuring = FALSE;
}

/* The first message whose row is, at least in part, in view after the
 * last layout. */
static guint
first_in_view (SdThreadView *self)
{
  for (guint i = 0; i < self->slots->len; i++)
    {
      Slot *slot = &g_array_index (self->slots, Slot, i);

      if (slot->y + g_array_index (self->heights, int, slot->index) > 0)
        return slot->index;
    }
  return self->anchor;
}

/* Moves the focus to message @index's row, and the view to show it: the
 * least move that does (a message taller than the view shows its start). */
static void
focus_message (SdThreadView *self,
               guint         index)
{
  guint n = n_items (self);
  Slot *slot;
  GtkWidget *row;
  int height;

  if (n == 0)
    return;
  index = MIN (index, n - 1);
  slot = find_slot (self, index, NULL);
  if (slot != NULL && slot->y == NOT_PLACED)
    slot = NULL;
  height = measure (self, index, TRUE);
  if (slot != NULL && ((slot->y >= 0 && slot->y + height <= self->page) ||
                       (slot->y <= 0 && slot->y + height >= self->page)))
    ;   /* in view already, or filling it */
  else if ((slot != NULL ? slot->y < 0 : index < self->anchor) || height >= self->page)
    {
      self->anchor = index;
      self->offset = 0;
      self->pin_end = FALSE;
    }
  else
    {
      self->anchor = index;
      self->offset = height - self->page;
      self->pin_end = index == n - 1;
    }
  row = ensure_row (self, index);
  schedule_prepare (self);
  gtk_widget_grab_focus (row);
}

static guint
focused_message (SdThreadView *self)
{
  GtkWidget *focus = gtk_widget_get_focus_child (GTK_WIDGET (self));

  for (guint i = 0; focus != NULL && i < self->slots->len; i++)
    if (g_array_index (self->slots, Slot, i).row == focus)
      return g_array_index (self->slots, Slot, i).index;
  return first_in_view (self);
}

/* Finds which messages the view shows from its anchor, and where each
 * row goes. With @bind, rows are bound for those in reach and released
 * for the others; without, only the rows there are placed. */
static void
place (SdThreadView *self,
       gboolean      bind)
{
  guint n = n_items (self);
  guint last, keep_first = 1, keep_last = 0;
  int height = self->page;
  int y;

  self->missing = FALSE;
  if (n > 0)
    {
      if (self->pin_end)
        {
          self->anchor = n - 1;
          self->offset = measure (self, n - 1, bind) - height;
        }
      normalize (self, bind);
      /* No room left after the last message: the view ends with it. */
      for (y = -self->offset, last = self->anchor; last < n && y < height; last++)
        y += measure (self, last, bind);
      if (y < height)
        {
          self->offset -= height - y;
          normalize (self, bind);
        }
      for (y = -self->offset, last = self->anchor; last + 1 < n && y + measure (self, last, bind) < height; last++)
        y += estimate (self, last);
      keep_first = self->anchor > EXTRA_ROWS ? self->anchor - EXTRA_ROWS : 0;
      keep_last = MIN (n - 1, last + EXTRA_ROWS);
      for (guint i = keep_first; bind && i <= keep_last; i++)
        measure (self, i, TRUE);
    }

  /* Rows gone out of reach are for the next ones (the focused one stays:
   * the keyboard is still in it). */
  for (guint i = self->slots->len; bind && i > 0; i--)
    {
      Slot *slot = &g_array_index (self->slots, Slot, i - 1);

      if ((slot->index < keep_first || slot->index > keep_last) && !holds_focus (self, slot->row))
        release_slot (self, i - 1);
    }

  /* Each row where its message is, from the one at the top. */
  for (guint i = 0; i < self->slots->len; i++)
    {
      Slot *slot = &g_array_index (self->slots, Slot, i);

      if (slot->index < keep_first || slot->index > keep_last)
        slot->y = slot->index < self->anchor ? -measure (self, slot->index, bind) - height
                                             : 2 * height;   /* far away */
      else
        {
          slot->y = -self->offset;
          for (guint j = self->anchor; j < slot->index; j++)
            slot->y += estimate (self, j);
          for (guint j = slot->index; j < self->anchor; j++)
            slot->y -= estimate (self, j);
        }
    }
}

static gboolean
on_prepare_tick (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       user_data)
{
  SdThreadView *self = SD_THREAD_VIEW (widget);

  /* Before this frame's layout: rows may be bound and shown here. */
  self->prepare_id = 0;
  place (self, TRUE);
  gtk_widget_queue_allocate (widget);
  return G_SOURCE_REMOVE;
}

/* Binds the rows the view needs before the next frame, and lays it out. */
static void
schedule_prepare (SdThreadView *self)
{
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  if (self->prepare_id == 0)
    self->prepare_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_prepare_tick, NULL, NULL);
}

/* Callbacks */

static void
on_items_changed (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  SdThreadView *self)
{
  for (guint i = position; i < position + removed; i++)
    {
      int height = g_array_index (self->heights, int, i);

      if (height > 0)
        {
          self->known_sum -= height;
          self->n_known--;
        }
    }
  g_array_remove_range (self->heights, position, removed);
  g_array_set_size (self->heights, self->heights->len + added);
  if (position + added < self->heights->len)
    memmove (&g_array_index (self->heights, int, position + added),
             &g_array_index (self->heights, int, position),
             sizeof (int) * (self->heights->len - position - added));
  memset (&g_array_index (self->heights, int, position), 0, sizeof (int) * added);

  /* Rows of messages that stay keep them, under their new index. */
  for (guint i = self->slots->len; i > 0; i--)
    {
      Slot *slot = &g_array_index (self->slots, Slot, i - 1);

      if (slot->index >= position + removed)
        slot->index = slot->index + added - removed;
      else if (slot->index >= position)
        release_slot (self, i - 1);
    }

  /* The message at the top stays there, if it is still in the thread. */
  if (self->anchor >= position + removed)
    self->anchor = self->anchor + added - removed;
  else if (self->anchor >= position)
    {
      self->anchor = position;
      self->offset = 0;
    }
  schedule_prepare (self);
}

static void
on_adjustment_value_changed (GtkAdjustment *adjustment,
                             SdThreadView  *self)
{
  guint n = n_items (self);
  double value = gtk_adjustment_get_value (adjustment);
  gint64 target, top = 0;
  guint index = 0;
  int guess = guess_height (self);

  if (self->configuring || n == 0)
    return;
  /* Found with the same heights the value was given with. */
  target = (gint64) floor (value);
  for (; index + 1 < n; index++)
    {
      int height = g_array_index (self->heights, int, index);

      height = height > 0 ? height : guess;
      if (top + height > target)
        break;
      top += height;
    }
  self->anchor = index;
  self->offset = (int) (target - top);
  self->pin_end = value + gtk_adjustment_get_page_size (adjustment) >= gtk_adjustment_get_upper (adjustment) - 0.5;
  schedule_prepare (self);
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                SdThreadView          *self)
{
  guint n = n_items (self);
  guint current;

  if ((state & (GDK_SHIFT_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0 || n == 0)
    return FALSE;
  current = focused_message (self);
  switch (keyval)
    {
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      sd_thread_view_scroll_to_start (self);
      gtk_widget_grab_focus (ensure_row (self, 0));
      return TRUE;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      sd_thread_view_scroll_to_end (self);
      gtk_widget_grab_focus (ensure_row (self, n - 1));
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      if ((state & GDK_CONTROL_MASK) != 0)
        return FALSE;
      focus_message (self, current > 0 ? current - 1 : 0);
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if ((state & GDK_CONTROL_MASK) != 0)
        return FALSE;
      focus_message (self, current + 1);
      return TRUE;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      if ((state & GDK_CONTROL_MASK) != 0)
        return FALSE;
      /* A page, and the focus to the first message then starting in view. */
      self->offset += keyval == GDK_KEY_Page_Up || keyval == GDK_KEY_KP_Page_Up ? -self->page : self->page;
      self->pin_end = FALSE;
      normalize (self, TRUE);
      current = self->anchor;
      if (self->offset > 0 && current + 1 < n && measure (self, current, TRUE) - self->offset < self->page)
        current++;
      gtk_widget_grab_focus (ensure_row (self, current));
      schedule_prepare (self);
      return TRUE;
    default:
      return FALSE;
    }
}

/* A click on a message (not on its text or buttons) puts the focus on it. */
static void
on_pressed (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            SdThreadView    *self)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);

  while (picked != NULL && gtk_widget_get_parent (picked) != GTK_WIDGET (self))
    picked = gtk_widget_get_parent (picked);
  if (picked != NULL && gtk_widget_get_focus_child (GTK_WIDGET (self)) != picked)
    gtk_widget_grab_focus (picked);
}

static void
set_adjustment (SdThreadView   *self,
                GtkAdjustment **slot,
                GtkAdjustment  *adjustment)
{
  if (*slot == adjustment)
    return;
  if (*slot != NULL)
    g_signal_handlers_disconnect_by_func (*slot, on_adjustment_value_changed, self);
  g_set_object (slot, adjustment);
  if (*slot != NULL && slot == &self->vadjustment)
    g_signal_connect (*slot, "value-changed", G_CALLBACK (on_adjustment_value_changed), self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* Overrides */

static void
sd_thread_view_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  *minimum = *natural = 0;
  /* Scrolled: it asks for no height; as wide as a message needs. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL && child != NULL)
    gtk_widget_measure (child, orientation, -1, minimum, natural, NULL, NULL);
}

static GtkSizeRequestMode
sd_thread_view_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
sd_thread_view_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  SdThreadView *self = SD_THREAD_VIEW (widget);

  if (width != self->width)
    {
      forget_heights (self);
      self->width = width;
    }
  self->page = height;

  /* With the rows there are: any other is bound before the next frame. */
  place (self, FALSE);
  if (self->missing)
    schedule_prepare (self);

  for (guint i = 0; i < self->slots->len; i++)
    {
      Slot *slot = &g_array_index (self->slots, Slot, i);

      gtk_widget_allocate (slot->row, width, measure (self, slot->index, FALSE), -1,
                           gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (0, slot->y)));
    }

  configure_adjustments (self, width, height);
}

static void
sd_thread_view_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  SdThreadView *self = SD_THREAD_VIEW (widget);
  int height = gtk_widget_get_height (widget);

  /* Only the rows in view: the others are kept, not drawn. */
  for (guint i = 0; i < self->slots->len; i++)
    {
      Slot *slot = &g_array_index (self->slots, Slot, i);

      if (slot->y < height && slot->y + gtk_widget_get_height (slot->row) > 0)
        gtk_widget_snapshot_child (widget, slot->row, snapshot);
    }
}

static void
sd_thread_view_set_focus_child (GtkWidget *widget,
                                GtkWidget *child)
{
  SdThreadView *self = SD_THREAD_VIEW (widget);

  GTK_WIDGET_CLASS (sd_thread_view_parent_class)->set_focus_child (widget, child);
  /* Tab into a message out of view brings it in. */
  for (guint i = 0; child != NULL && i < self->slots->len; i++)
    {
      Slot *slot = &g_array_index (self->slots, Slot, i);

      if (slot->row == child && slot->y != NOT_PLACED &&
          (slot->y + gtk_widget_get_height (child) <= 0 || slot->y >= self->page))
        {
          self->anchor = slot->index;
          self->offset = 0;
          self->pin_end = FALSE;
          schedule_prepare (self);
        }
    }
}

static void
sd_thread_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SdThreadView *self = SD_THREAD_VIEW (object);

  switch (prop_id)
    {
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_thread_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SdThreadView *self = SD_THREAD_VIEW (object);

  switch (prop_id)
    {
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      self->hscroll_policy = g_value_get_enum (value);
      break;
    case PROP_VSCROLL_POLICY:
      self->vscroll_policy = g_value_get_enum (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_thread_view_dispose (GObject *object)
{
  SdThreadView *self = SD_THREAD_VIEW (object);
  GtkWidget *child;

  if (self->prepare_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->prepare_id);
  self->prepare_id = 0;
  sd_thread_view_set_model (self, NULL);
  set_adjustment (self, &self->hadjustment, NULL);
  set_adjustment (self, &self->vadjustment, NULL);
  g_array_set_size (self->slots, 0);
  g_ptr_array_set_size (self->spare, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (sd_thread_view_parent_class)->dispose (object);
}

static void
sd_thread_view_finalize (GObject *object)
{
  SdThreadView *self = SD_THREAD_VIEW (object);

  g_array_unref (self->heights);
  g_array_unref (self->slots);
  g_ptr_array_unref (self->spare);

  G_OBJECT_CLASS (sd_thread_view_parent_class)->finalize (object);
}

static void
scrollable_iface_init (GtkScrollableInterface *iface)
{
}

static void
sd_thread_view_class_init (SdThreadViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sd_thread_view_dispose;
  object_class->finalize = sd_thread_view_finalize;
  object_class->get_property = sd_thread_view_get_property;
  object_class->set_property = sd_thread_view_set_property;
  widget_class->measure = sd_thread_view_measure;
  widget_class->get_request_mode = sd_thread_view_get_request_mode;
  widget_class->size_allocate = sd_thread_view_size_allocate;
  widget_class->snapshot = sd_thread_view_snapshot;
  widget_class->set_focus_child = sd_thread_view_set_focus_child;

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  signals[SIGNAL_SAVE_ATTACHMENT] =
    g_signal_new ("save-attachment", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, SD_TYPE_COMMUNICATION_ATTACHMENT);

  gtk_widget_class_set_css_name (widget_class, "threadview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LIST);
}

static void
sd_thread_view_init (SdThreadView *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkWidget *row = sd_thread_row_new ();

  self->heights = g_array_new (FALSE, TRUE, sizeof (int));
  self->slots = g_array_new (FALSE, FALSE, sizeof (Slot));
  self->spare = g_ptr_array_new ();
  self->width = -1;

  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  /* One row from the start: the width a message needs is measured on it. */
  g_signal_connect (row, "save-attachment", G_CALLBACK (on_row_save_attachment), self);
  gtk_widget_set_parent (row, GTK_WIDGET (self));
  hide_row (row);
  g_ptr_array_add (self->spare, row);
}

/* Public API */

GtkWidget *
sd_thread_view_new (void)
{
  return g_object_new (SD_TYPE_THREAD_VIEW, NULL);
}

void
sd_thread_view_set_model (SdThreadView *self,
                          GListModel   *model)
{
  g_return_if_fail (SD_IS_THREAD_VIEW (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;
  if (self->model != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->model, on_items_changed, self);
      on_items_changed (self->model, 0, n_items (self), 0, self);
    }
  g_set_object (&self->model, model);
  self->anchor = 0;
  self->offset = 0;
  self->pin_end = FALSE;
  if (model != NULL)
    {
      g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), self);
      on_items_changed (model, 0, 0, n_items (self), self);
    }
}

void
sd_thread_view_scroll_to_start (SdThreadView *self)
{
  g_return_if_fail (SD_IS_THREAD_VIEW (self));

  self->anchor = 0;
  self->offset = 0;
  self->pin_end = FALSE;
  schedule_prepare (self);
}

void
sd_thread_view_scroll_to_end (SdThreadView *self)
{
  g_return_if_fail (SD_IS_THREAD_VIEW (self));

  self->pin_end = TRUE;
  schedule_prepare (self);
}

gboolean
sd_thread_view_focus_messages (SdThreadView *self)
{
  guint n;
  guint index;

  g_return_val_if_fail (SD_IS_THREAD_VIEW (self), FALSE);

  n = n_items (self);
  if (n == 0)
    return FALSE;
  if (gtk_widget_get_focus_child (GTK_WIDGET (self)) != NULL)
    index = focused_message (self);
  else if (self->pin_end)
    index = n - 1;
  else
    {
      Slot *slot;

      /* The first message starting in view, rather than one cut at the top. */
      index = first_in_view (self);
      slot = find_slot (self, index, NULL);
      if (slot != NULL && slot->y != NOT_PLACED && slot->y < 0 && index + 1 < n)
        index++;
    }
  focus_message (self, index);
  return TRUE;
}

void
sd_thread_view_get_bind_stats (SdThreadView *self,
                               guint        *n_binds,
                               gint64       *bind_usec)
{
  g_return_if_fail (SD_IS_THREAD_VIEW (self));

  if (n_binds != NULL)
    *n_binds = self->n_binds;
  if (bind_usec != NULL)
    *bind_usec = self->bind_usec;
}
