/* sd-fleet-table.c — the overview's tiles, laid out in rows and columns of one size
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GtkGrid of 1,350 tiles measured and drew all of them: each frame of
 * scrolling asked the renderer for every tile, seen or not. The tiles here
 * all have one size, so where a tile is follows from its index, and the
 * table draws only the rows and columns its scrolled window shows.
 */
#include "config.h"

#include "sd-fleet-table.h"

#define SPACING 4

struct _SdFleetTable
{
  GtkWidget      parent_instance;

  GPtrArray     *children;    /* owned refs, in order */
  guint          columns;
  int            cell_width;  /* of the last allocation */
  int            cell_height;
  GtkAdjustment *hadjustment; /* owned, nullable: the scrolled window's, to redraw on scroll */
  GtkAdjustment *vadjustment; /* owned, nullable */
};

G_DEFINE_FINAL_TYPE (SdFleetTable, sd_fleet_table, GTK_TYPE_WIDGET)

/* Auxiliary functions */

static guint
n_rows (SdFleetTable *self)
{
  return self->columns > 0 ? (self->children->len + self->columns - 1) / self->columns : 0;
}

static void
cell_size (SdFleetTable *self,
           int          *width,
           int          *height)
{
  *width = *height = 0;
  if (self->children->len == 0)
    return;
  gtk_widget_measure (g_ptr_array_index (self->children, 0), GTK_ORIENTATION_HORIZONTAL, -1,
                      width, NULL, NULL, NULL);
  gtk_widget_measure (g_ptr_array_index (self->children, 0), GTK_ORIENTATION_VERTICAL, *width,
                      height, NULL, NULL, NULL);
}

/* The first and the last index (excluded) of the cells that @from, @to
 * (pixels along one axis) cross, each cell @size with SPACING between. */
static void
visible_span (double  from,
              double  to,
              int     size,
              guint   count,
              guint  *first,
              guint  *last)
{
  int step = size + SPACING;

  *first = from <= 0 ? 0 : MIN ((guint) (from / step), count);
  *last = to <= 0 ? 0 : MIN ((guint) (to / step) + 1, count);
}

/* Callbacks */

static void
on_scrolled (SdFleetTable *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
watch_adjustments (SdFleetTable *self)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *hadjustment = NULL;
  GtkAdjustment *vadjustment = NULL;

  if (scrolled != NULL)
    {
      hadjustment = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scrolled));
      vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
    }
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->hadjustment, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->vadjustment, self);
  g_set_object (&self->hadjustment, hadjustment);
  g_set_object (&self->vadjustment, vadjustment);
  if (hadjustment != NULL)
    g_signal_connect_swapped (hadjustment, "value-changed", G_CALLBACK (on_scrolled), self);
  if (vadjustment != NULL)
    g_signal_connect_swapped (vadjustment, "value-changed", G_CALLBACK (on_scrolled), self);
}

/* Overrides */

static void
sd_fleet_table_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  SdFleetTable *self = SD_FLEET_TABLE (widget);
  int width;
  int height;
  guint count;
  int size;

  cell_size (self, &width, &height);
  count = orientation == GTK_ORIENTATION_HORIZONTAL ? MIN (self->columns, self->children->len) : n_rows (self);
  size = orientation == GTK_ORIENTATION_HORIZONTAL ? width : height;
  *minimum = *natural = count > 0 ? (int) count * size + ((int) count - 1) * SPACING : 0;
}

static void
sd_fleet_table_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  SdFleetTable *self = SD_FLEET_TABLE (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;

  cell_size (self, &self->cell_width, &self->cell_height);
  for (guint i = 0; i < self->children->len; i++)
    {
      guint column = i % self->columns;
      guint row = i / self->columns;
      int x = (int) column * (self->cell_width + SPACING);
      GtkAllocation cell = {
        rtl ? width - x - self->cell_width : x,
        (int) row * (self->cell_height + SPACING),
        self->cell_width,
        self->cell_height,
      };

      gtk_widget_size_allocate (g_ptr_array_index (self->children, i), &cell, -1);
    }
}

static void
sd_fleet_table_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  SdFleetTable *self = SD_FLEET_TABLE (widget);
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t view;
  guint first_row, last_row, first_column, last_column;
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;

  if (self->children->len == 0 || self->columns == 0 || self->cell_width <= 0)
    return;
  /* What the scrolled window shows, in the table's coordinates. */
  if (scrolled == NULL || !gtk_widget_compute_bounds (scrolled, widget, &view))
    graphene_rect_init (&view, 0, 0, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  if (rtl)
    view.origin.x = gtk_widget_get_width (widget) - view.origin.x - view.size.width;
  visible_span (view.origin.y, view.origin.y + view.size.height, self->cell_height, n_rows (self),
                &first_row, &last_row);
  visible_span (view.origin.x, view.origin.x + view.size.width, self->cell_width, self->columns,
                &first_column, &last_column);
  for (guint row = first_row; row < last_row; row++)
    for (guint column = first_column; column < last_column; column++)
      {
        guint i = row * self->columns + column;

        if (i < self->children->len)
          gtk_widget_snapshot_child (widget, g_ptr_array_index (self->children, i), snapshot);
      }
}

static void
sd_fleet_table_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (sd_fleet_table_parent_class)->root (widget);
  watch_adjustments (SD_FLEET_TABLE (widget));
}

static void
sd_fleet_table_unroot (GtkWidget *widget)
{
  SdFleetTable *self = SD_FLEET_TABLE (widget);

  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->hadjustment, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->vadjustment, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);
  GTK_WIDGET_CLASS (sd_fleet_table_parent_class)->unroot (widget);
}

static void
sd_fleet_table_dispose (GObject *object)
{
  SdFleetTable *self = SD_FLEET_TABLE (object);

  if (self->children != NULL)
    sd_fleet_table_remove_all (self);
  g_clear_pointer (&self->children, g_ptr_array_unref);

  G_OBJECT_CLASS (sd_fleet_table_parent_class)->dispose (object);
}

static void
sd_fleet_table_class_init (SdFleetTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sd_fleet_table_dispose;
  widget_class->measure = sd_fleet_table_measure;
  widget_class->size_allocate = sd_fleet_table_size_allocate;
  widget_class->snapshot = sd_fleet_table_snapshot;
  widget_class->root = sd_fleet_table_root;
  widget_class->unroot = sd_fleet_table_unroot;

  gtk_widget_class_set_css_name (widget_class, "fleettable");
  /* A group (a panel to AT-SPI), as the GtkGrid it replaces was. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sd_fleet_table_init (SdFleetTable *self)
{
  self->children = g_ptr_array_new ();
  self->columns = 1;
}

/* Public API */

GtkWidget *
sd_fleet_table_new (void)
{
  return g_object_new (SD_TYPE_FLEET_TABLE, NULL);
}

void
sd_fleet_table_set_columns (SdFleetTable *self,
                            guint         columns)
{
  g_return_if_fail (SD_IS_FLEET_TABLE (self));

  columns = MAX (columns, 1);
  if (self->columns == columns)
    return;
  self->columns = columns;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
sd_fleet_table_append (SdFleetTable *self,
                       GtkWidget    *child)
{
  g_return_if_fail (SD_IS_FLEET_TABLE (self));
  g_return_if_fail (GTK_IS_WIDGET (child));
  g_return_if_fail (gtk_widget_get_parent (child) == NULL);

  gtk_widget_set_parent (child, GTK_WIDGET (self));
  g_ptr_array_add (self->children, child);
}

void
sd_fleet_table_remove_all (SdFleetTable *self)
{
  GtkWidget *child;

  g_return_if_fail (SD_IS_FLEET_TABLE (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_ptr_array_set_size (self->children, 0);
}
