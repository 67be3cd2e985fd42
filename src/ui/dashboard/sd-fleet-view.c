/* sd-fleet-view.c — the overview: one row per account, one column per region
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sd-aws-endpoints.h"
#include "sd-fleet-cell.h"
#include "sd-fleet-table.h"
#include "sd-fleet-view.h"
#include "sd-health-format.h"
#include "sd-widget-util.h"

/* Narrower than this, the table gives way to a list by account. */
#define NARROW_WIDTH 500
#define SPACING      4

struct _SdFleetView
{
  GtkWidget     parent_instance;

  SdFleet      *fleet;          /* owned, nullable */
  GtkFilter    *filter;         /* owned, nullable */
  gboolean      all_regions;
  SdFleetSort   sort;
  gboolean      narrow;
  gboolean      dirty;          /* something changed while the view was not on screen */
  gboolean      updating;       /* sorting the fleet: its "changed" is ours */
  guint         idle_id;
  guint         narrow_id;
  char        **regions;        /* owned: the columns shown */
  GArray       *rows;           /* owned, of guint: the fleet's row of each row shown */
  GPtrArray    *row_keys;       /* owned, of char *: each row's account key, to see changes */
  GPtrArray    *cells;          /* owned refs to SdFleetCell, row by row */
  gboolean      list_built;
  char         *last_key;       /* owned, nullable: the account of the tile opened last */
  char         *last_region;    /* owned, nullable: and its region, to come back to */

  /* Template widgets */
  GtkWidget    *box;
  GtkDropDown  *sort_dropdown;
  GtkSwitch    *all_switch;
  GtkStack     *stack;
  GtkWidget    *header_window;
  GtkGrid      *header_grid;
  GtkWidget    *names_window;
  GtkGrid      *names_grid;
  GtkWidget    *body_window;
  SdFleetTable *body_grid;
  GtkListBox   *account_list;
};

G_DEFINE_FINAL_TYPE (SdFleetView, sd_fleet_view, GTK_TYPE_WIDGET)

enum {
  SIGNAL_OPEN_REGION,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule_update (SdFleetView *self);

/* Auxiliary functions */

static void
remove_children (GtkWidget *parent)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (parent)) != NULL)
    {
      if (GTK_IS_LIST_BOX (parent))
        gtk_list_box_remove (GTK_LIST_BOX (parent), child);
      else
        gtk_grid_remove (GTK_GRID (parent), child);
    }
}

static guint
n_columns (SdFleetView *self)
{
  return self->regions != NULL ? g_strv_length (self->regions) : 0;
}

static gboolean
cell_matches (SdFleetView    *self,
              SdRegionStatus *status)
{
  return status != NULL && (self->filter == NULL || gtk_filter_match (self->filter, status));
}

/* The rows the filters leave: accounts with a tile they keep. */
static void
collect_rows (SdFleetView *self,
              GArray      *rows,
              GPtrArray   *keys)
{
  guint n = sd_fleet_get_n_accounts (self->fleet);

  for (guint r = 0; r < n; r++)
    {
      gboolean keep = self->filter == NULL;

      for (guint c = 0; !keep && self->regions[c] != NULL; c++)
        keep = cell_matches (self, sd_fleet_get_cell (self->fleet, r, self->regions[c]));
      if (!keep)
        continue;
      g_array_append_val (rows, r);
      g_ptr_array_add (keys, g_strdup (sd_fleet_get_account_key (self->fleet, r)));
    }
}

static gboolean
same_keys (GPtrArray *a,
           GPtrArray *b)
{
  if (a == NULL || a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (g_strcmp0 (g_ptr_array_index (a, i), g_ptr_array_index (b, i)) != 0)
      return FALSE;
  return TRUE;
}

static GtkWidget *
make_column_header (const char *region)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *code = gtk_label_new (region);
  /* The region's name in the interface's language, as the cards give it. */
  const char *display = sd_aws_region_display_name (region) != NULL ? _(sd_aws_region_display_name (region)) : region;
  GtkWidget *name = gtk_label_new (display);

  gtk_widget_set_size_request (box, SD_FLEET_CELL_WIDTH, -1);
  gtk_label_set_xalign (GTK_LABEL (code), 0);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (code), PANGO_ELLIPSIZE_END);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  /* As wide as the tiles below, however long the region's name (the tooltip
   * has it whole). */
  gtk_label_set_max_width_chars (GTK_LABEL (code), 1);
  gtk_label_set_max_width_chars (GTK_LABEL (name), 1);
  gtk_widget_add_css_class (code, "heading");
  gtk_widget_add_css_class (name, "caption");
  gtk_widget_add_css_class (name, "dim-label");
  gtk_widget_set_tooltip_text (box, display);
  gtk_box_append (GTK_BOX (box), code);
  gtk_box_append (GTK_BOX (box), name);
  return box;
}

static GtkWidget *
make_row_header (SdFleetView *self,
                 guint        row)
{
  const char *name = sd_fleet_get_account_name (self->fleet, row);
  const char *key = sd_fleet_get_account_key (self->fleet, row);
  const char *account_id = sd_fleet_get_account_id (self->fleet, row);
  /* One line, name then id, so that a row of names is never taller than a
   * row of tiles in any script (the two grids scroll together). */
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (name);

  gtk_widget_set_size_request (box, -1, SD_FLEET_CELL_HEIGHT);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  /* The account id under the name (an organization's member), or the
   * profile when the name is another. */
  if (account_id != NULL || g_strcmp0 (name, key) != 0)
    {
      GtkWidget *sub = gtk_label_new (account_id != NULL ? account_id : key);

      gtk_label_set_xalign (GTK_LABEL (sub), 0);
      gtk_widget_set_valign (sub, GTK_ALIGN_BASELINE);
      gtk_label_set_ellipsize (GTK_LABEL (sub), PANGO_ELLIPSIZE_MIDDLE);
      gtk_widget_add_css_class (sub, "caption");
      gtk_widget_add_css_class (sub, "dim-label");
      gtk_box_append (GTK_BOX (box), sub);
    }
  gtk_widget_set_tooltip_text (box, name);
  return box;
}

/* Makes the headers and the tiles for the rows and columns of now. */
static void
rebuild_table (SdFleetView *self)
{
  guint columns = n_columns (self);

  remove_children (GTK_WIDGET (self->header_grid));
  remove_children (GTK_WIDGET (self->names_grid));
  sd_fleet_table_remove_all (self->body_grid);
  g_ptr_array_set_size (self->cells, 0);
  sd_fleet_table_set_columns (self->body_grid, columns);

  for (guint i = 0; i < self->rows->len; i++)
    {
      guint row = g_array_index (self->rows, guint, i);
      const char *name = sd_fleet_get_account_name (self->fleet, row);

      gtk_grid_attach (self->names_grid, make_row_header (self, row), 0, i, 1, 1);
      for (guint c = 0; c < columns; c++)
        {
          GtkWidget *cell = sd_fleet_cell_new (i, c);
          SdRegionStatus *status = sd_fleet_get_cell (self->fleet, row, self->regions[c]);

          sd_fleet_cell_set_status (SD_FLEET_CELL (cell), status, name, cell_matches (self, status));
          sd_fleet_table_append (self->body_grid, cell);
          g_ptr_array_add (self->cells, g_object_ref (cell));
        }
    }
  /* A column's header is as wide as its tiles, which are as wide as their
   * words need (in Japanese, wider than in English). */
  for (guint c = 0; c < columns; c++)
    {
      GtkWidget *header = make_column_header (self->regions[c]);

      gtk_grid_attach (self->header_grid, header, c, 0, 1, 1);
      if (self->rows->len > 0)
        {
          g_autoptr(GtkSizeGroup) group = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);

          gtk_size_group_add_widget (group, header);
          gtk_size_group_add_widget (group, g_ptr_array_index (self->cells, c));
        }
    }
}

/* Same rows and columns: each tile is told its region again (the dashboard
 * may have made new ones) and whether the filters keep it. */
static void
rebind_table (SdFleetView *self)
{
  guint columns = n_columns (self);

  for (guint i = 0; i < self->rows->len; i++)
    {
      guint row = g_array_index (self->rows, guint, i);
      const char *name = sd_fleet_get_account_name (self->fleet, row);

      for (guint c = 0; c < columns; c++)
        {
          SdFleetCell *cell = g_ptr_array_index (self->cells, i * columns + c);
          SdRegionStatus *status = sd_fleet_get_cell (self->fleet, row, self->regions[c]);

          sd_fleet_cell_set_status (cell, status, name, cell_matches (self, status));
        }
    }
}

/* "Production 2 · Sandbox 1 · Error 1": an account's regions at a glance. */
static char *
account_summary (SdFleetView *self,
                 guint        row)
{
  guint counts[SD_SANDBOX_STATE_FAILED + 2] = { 0 };
  guint errors = 0;
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint c = 0; self->regions[c] != NULL; c++)
    {
      SdRegionStatus *status = sd_fleet_get_cell (self->fleet, row, self->regions[c]);
      SdSandboxState state;

      if (status == NULL)
        continue;
      state = sd_region_status_get_state (status);
      if (state == SD_SANDBOX_STATE_UNKNOWN && sd_region_status_get_error (status) != NULL)
        errors++;
      else if ((guint) state < G_N_ELEMENTS (counts))
        counts[state]++;
    }
  for (guint s = 0; s < G_N_ELEMENTS (counts); s++)
    if (counts[s] > 0 && s != SD_SANDBOX_STATE_UNKNOWN)
      g_string_append_printf (text, "%s%s %u", text->len > 0 ? " · " : "",
                              sd_sandbox_state_to_label (s), counts[s]);
  if (errors > 0)
    g_string_append_printf (text, "%s%s %u", text->len > 0 ? " · " : "", C_("tile", "Error"), errors);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
on_region_row_activated (AdwActionRow *row,
                         SdFleetView  *self)
{
  SdRegionStatus *status = g_object_get_data (G_OBJECT (row), "sd-status");

  if (status != NULL)
    g_signal_emit (self, signals[SIGNAL_OPEN_REGION], 0, status);
}

/* An account's regions are made when it is opened: fifty accounts of
 * twenty-seven regions would be many rows nobody looks at. */
static void
on_expanded (AdwExpanderRow *expander,
             GParamSpec     *pspec,
             SdFleetView    *self)
{
  guint row = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (expander), "sd-row"));
  const char *name = sd_fleet_get_account_name (self->fleet, row);

  if (!adw_expander_row_get_expanded (expander) || g_object_get_data (G_OBJECT (expander), "sd-filled"))
    return;
  g_object_set_data (G_OBJECT (expander), "sd-filled", GINT_TO_POINTER (TRUE));
  for (guint c = 0; self->regions[c] != NULL; c++)
    {
      SdRegionStatus *status = sd_fleet_get_cell (self->fleet, row, self->regions[c]);
      g_autofree char *label = NULL;
      GtkWidget *region_row;

      if (!cell_matches (self, status))
        continue;
      label = sd_fleet_cell_describe (status, name);
      region_row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (region_row), sd_region_status_get_region_name (status));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (region_row), sd_fleet_cell_short_state (status));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (region_row), TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (region_row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      if (sd_region_status_get_updated (status) > 0 &&
          sd_health_level_icon_name (sd_region_status_get_health_level (status)) != NULL)
        {
          GtkWidget *icon = gtk_image_new_from_icon_name (
            sd_health_level_icon_name (sd_region_status_get_health_level (status)));

          gtk_widget_add_css_class (icon, sd_health_level_css_class (sd_region_status_get_health_level (status)));
          adw_action_row_add_prefix (ADW_ACTION_ROW (region_row), icon);
        }
      adw_action_row_add_suffix (ADW_ACTION_ROW (region_row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_object_set_data_full (G_OBJECT (region_row), "sd-status", g_object_ref (status), g_object_unref);
      g_signal_connect (region_row, "activated", G_CALLBACK (on_region_row_activated), self);
      adw_expander_row_add_row (expander, region_row);
    }
}

static void
rebuild_list (SdFleetView *self)
{
  remove_children (GTK_WIDGET (self->account_list));
  for (guint i = 0; self->fleet != NULL && i < self->rows->len; i++)
    {
      guint row = g_array_index (self->rows, guint, i);
      GtkWidget *expander = adw_expander_row_new ();
      g_autofree char *summary = account_summary (self, row);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), sd_fleet_get_account_name (self->fleet, row));
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), summary);
      g_object_set_data (G_OBJECT (expander), "sd-row", GUINT_TO_POINTER (row));
      g_signal_connect (expander, "notify::expanded", G_CALLBACK (on_expanded), self);
      gtk_list_box_append (self->account_list, expander);
    }
  self->list_built = TRUE;
}

static void
update_now (SdFleetView *self)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) regions = NULL;
  gboolean same;

  g_clear_handle_id (&self->idle_id, g_source_remove);
  /* Off screen (the cards are shown): look once shown. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->dirty = TRUE;
      return;
    }
  self->dirty = FALSE;

  if (self->fleet != NULL)
    {
      self->updating = TRUE;
      sd_fleet_sort (self->fleet, self->sort);
      self->updating = FALSE;
      regions = g_strdupv ((char **) sd_fleet_get_regions (self->fleet, self->all_regions));
    }
  else
    regions = g_new0 (char *, 1);

  same = self->regions != NULL && g_strv_equal ((const char * const *) self->regions,
                                                (const char * const *) regions);
  g_strfreev (self->regions);
  self->regions = g_steal_pointer (&regions);
  if (self->fleet != NULL)
    collect_rows (self, rows, keys);
  same = same && same_keys (self->row_keys, keys);

  g_array_unref (self->rows);
  self->rows = g_steal_pointer (&rows);
  g_clear_pointer (&self->row_keys, g_ptr_array_unref);
  self->row_keys = g_steal_pointer (&keys);

  if (same)
    rebind_table (self);
  else
    {
      rebuild_table (self);
      self->list_built = FALSE;
    }
  /* The list is made only for narrow windows, and again when what it shows changed. */
  if (self->narrow)
    rebuild_list (self);
  else
    self->list_built = FALSE;
}

static gboolean
on_idle_update (gpointer user_data)
{
  update_now (SD_FLEET_VIEW (user_data));
  return G_SOURCE_REMOVE;
}

static void
schedule_update (SdFleetView *self)
{
  if (self->idle_id == 0)
    self->idle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, on_idle_update, self, NULL);
}

static SdFleetCell *
cell_at (SdFleetView *self,
         int          row,
         int          column)
{
  guint columns = n_columns (self);

  if (row < 0 || column < 0 || (guint) row >= self->rows->len || (guint) column >= columns)
    return NULL;
  return g_ptr_array_index (self->cells, row * columns + column);
}

/* Moves the focus from @cell by @drow rows and @dcolumn columns, over
 * places where an account has no such region. */
static gboolean
move_focus (SdFleetView *self,
            SdFleetCell *cell,
            int          drow,
            int          dcolumn)
{
  int row = sd_fleet_cell_get_row (cell);
  int column = sd_fleet_cell_get_column (cell);
  SdFleetCell *next;

  do
    {
      row += drow;
      column += dcolumn;
      next = cell_at (self, row, column);
    }
  while (next != NULL && sd_fleet_cell_get_status (next) == NULL);
  if (next == NULL)
    return TRUE;  /* At the edge: stay, rather than leave the table. */
  gtk_widget_grab_focus (GTK_WIDGET (next));
  return TRUE;
}

/* Opens @cell's region; the focus comes back to it (sd_fleet_view_focus()). */
static void
open_cell (SdFleetView *self,
           SdFleetCell *cell)
{
  SdRegionStatus *status = sd_fleet_cell_get_status (cell);
  guint row = sd_fleet_cell_get_row (cell);

  if (status == NULL)
    return;
  g_free (self->last_key);
  self->last_key = row < self->row_keys->len ? g_strdup (g_ptr_array_index (self->row_keys, row)) : NULL;
  g_free (self->last_region);
  self->last_region = g_strdup (sd_region_status_get_region (status));
  g_signal_emit (self, signals[SIGNAL_OPEN_REGION], 0, status);
}

/* Callbacks */

static void
on_fleet_changed (SdFleetView *self)
{
  if (!self->updating)
    schedule_update (self);
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                SdFleetView           *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  SdFleetCell *cell;

  if (!SD_IS_FLEET_CELL (focus) || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;
  cell = SD_FLEET_CELL (focus);
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      return move_focus (self, cell, 0, gtk_widget_get_direction (focus) == GTK_TEXT_DIR_RTL ? 1 : -1);
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      return move_focus (self, cell, 0, gtk_widget_get_direction (focus) == GTK_TEXT_DIR_RTL ? -1 : 1);
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      return move_focus (self, cell, -1, 0);
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      return move_focus (self, cell, 1, 0);
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
      open_cell (self, cell);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
on_click_released (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   SdFleetView     *self)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self->body_grid), x, y, GTK_PICK_DEFAULT);

  if (!SD_IS_FLEET_CELL (picked) || sd_fleet_cell_get_status (SD_FLEET_CELL (picked)) == NULL)
    return;
  gtk_widget_grab_focus (picked);
  open_cell (self, SD_FLEET_CELL (picked));
}

static void
on_sort_selected (SdFleetView *self)
{
  self->sort = gtk_drop_down_get_selected (self->sort_dropdown) == 1 ? SD_FLEET_SORT_WORST : SD_FLEET_SORT_NAME;
  update_now (self);
}

static void
on_all_regions (SdFleetView *self)
{
  self->all_regions = gtk_switch_get_active (self->all_switch);
  update_now (self);
}

static gboolean
on_narrow_idle (gpointer user_data)
{
  SdFleetView *self = user_data;

  self->narrow_id = 0;
  gtk_stack_set_visible_child_name (self->stack, self->narrow ? "list" : "table");
  if (self->narrow && !self->list_built)
    rebuild_list (self);
  return G_SOURCE_REMOVE;
}

/* Overrides */

/* No layout manager: the allocation is where the width is seen. */
static void
sd_fleet_view_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  gtk_widget_measure (SD_FLEET_VIEW (widget)->box, orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
sd_fleet_view_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  SdFleetView *self = SD_FLEET_VIEW (widget);
  gboolean narrow = width < NARROW_WIDTH;

  gtk_widget_allocate (self->box, width, height, baseline, NULL);
  /* Switching pages queues a resize: not while allocating. */
  if (narrow != self->narrow)
    {
      self->narrow = narrow;
      if (self->narrow_id == 0)
        self->narrow_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, on_narrow_idle, self, NULL);
    }
}

static void
sd_fleet_view_map (GtkWidget *widget)
{
  SdFleetView *self = SD_FLEET_VIEW (widget);

  GTK_WIDGET_CLASS (sd_fleet_view_parent_class)->map (widget);
  if (self->dirty)
    schedule_update (self);
}

static void
sd_fleet_view_dispose (GObject *object)
{
  SdFleetView *self = SD_FLEET_VIEW (object);

  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_clear_handle_id (&self->narrow_id, g_source_remove);
  if (self->fleet != NULL)
    g_signal_handlers_disconnect_by_data (self->fleet, self);
  g_clear_pointer (&self->cells, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), SD_TYPE_FLEET_VIEW);
  g_clear_object (&self->fleet);
  g_clear_object (&self->filter);

  G_OBJECT_CLASS (sd_fleet_view_parent_class)->dispose (object);
}

static void
sd_fleet_view_finalize (GObject *object)
{
  SdFleetView *self = SD_FLEET_VIEW (object);

  g_strfreev (self->regions);
  g_free (self->last_key);
  g_free (self->last_region);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->row_keys, g_ptr_array_unref);

  G_OBJECT_CLASS (sd_fleet_view_parent_class)->finalize (object);
}

static void
sd_fleet_view_class_init (SdFleetViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sd_fleet_view_dispose;
  object_class->finalize = sd_fleet_view_finalize;
  widget_class->measure = sd_fleet_view_measure;
  widget_class->size_allocate = sd_fleet_view_size_allocate;
  widget_class->map = sd_fleet_view_map;

  /* Emitted with the region a tile (or a row of the narrow list) opens. */
  signals[SIGNAL_OPEN_REGION] =
    g_signal_new ("open-region", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, SD_TYPE_REGION_STATUS);

  g_type_ensure (SD_TYPE_FLEET_TABLE);
  gtk_widget_class_set_css_name (widget_class, "fleetview");
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sesdesk/SesDesk/sd-fleet-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SdFleetView, box);
  gtk_widget_class_bind_template_child (widget_class, SdFleetView, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SdFleetView, all_switch);
  gtk_widget_class_bind_template_child (widget_class, SdFleetView, stack);
  gtk_widget_class_bind_template_child (widget_class, SdFleetView, header_window);
  gtk_widget_class_bind_template_child (widget_class, SdFleetView, header_grid);
  gtk_widget_class_bind_template_child (widget_class, SdFleetView, names_window);
  gtk_widget_class_bind_template_child (widget_class, SdFleetView, names_grid);
  gtk_widget_class_bind_template_child (widget_class, SdFleetView, body_window);
  gtk_widget_class_bind_template_child (widget_class, SdFleetView, body_grid);
  gtk_widget_class_bind_template_child (widget_class, SdFleetView, account_list);
  gtk_widget_class_bind_template_callback (widget_class, on_sort_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_all_regions);
  gtk_widget_class_bind_template_callback (widget_class, on_key_pressed);
  gtk_widget_class_bind_template_callback (widget_class, on_click_released);
  gtk_widget_class_bind_template_callback (widget_class, sd_stack_sync_hidden);
}

static void
sd_fleet_view_init (SdFleetView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_array_new (FALSE, FALSE, sizeof (guint));
  self->cells = g_ptr_array_new_with_free_func (g_object_unref);
  self->sort = SD_FLEET_SORT_NAME;
  /* The page not shown is not read out either (GTK 4.8 would). */
  sd_stack_sync_hidden (self->stack);

  /* Sticky headers: the region names scroll sideways with the tiles, the
   * account names up and down with them. */
  gtk_scrolled_window_set_hadjustment (GTK_SCROLLED_WINDOW (self->header_window),
                                       gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (self->body_window)));
  gtk_scrolled_window_set_vadjustment (GTK_SCROLLED_WINDOW (self->names_window),
                                       gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->body_window)));
}

/* Public API */

GtkWidget *
sd_fleet_view_new (void)
{
  return g_object_new (SD_TYPE_FLEET_VIEW, NULL);
}

void
sd_fleet_view_set_fleet (SdFleetView *self,
                         SdFleet     *fleet)
{
  g_return_if_fail (SD_IS_FLEET_VIEW (self));

  if (self->fleet == fleet)
    return;
  if (self->fleet != NULL)
    g_signal_handlers_disconnect_by_data (self->fleet, self);
  g_set_object (&self->fleet, fleet);
  if (fleet != NULL)
    g_signal_connect_swapped (fleet, "changed", G_CALLBACK (on_fleet_changed), self);
  /* New regions altogether: nothing of the old table is kept. */
  g_clear_pointer (&self->row_keys, g_ptr_array_unref);
  schedule_update (self);
}

void
sd_fleet_view_set_filter (SdFleetView *self,
                          GtkFilter   *filter)
{
  g_return_if_fail (SD_IS_FLEET_VIEW (self));

  g_set_object (&self->filter, filter);
  schedule_update (self);
}

void
sd_fleet_view_update (SdFleetView *self)
{
  g_return_if_fail (SD_IS_FLEET_VIEW (self));
  schedule_update (self);
}

void
sd_fleet_view_focus (SdFleetView *self)
{
  g_return_if_fail (SD_IS_FLEET_VIEW (self));

  if (self->narrow)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->account_list));
      return;
    }
  /* The tile opened last, when it is still there. */
  for (guint r = 0; self->last_key != NULL && self->row_keys != NULL && r < self->row_keys->len; r++)
    for (guint c = 0; g_str_equal (g_ptr_array_index (self->row_keys, r), self->last_key) && self->regions[c] != NULL; c++)
      if (g_str_equal (self->regions[c], self->last_region) && cell_at (self, r, c) != NULL &&
          sd_fleet_cell_get_status (cell_at (self, r, c)) != NULL)
        {
          gtk_widget_grab_focus (GTK_WIDGET (cell_at (self, r, c)));
          return;
        }
  for (guint i = 0; i < self->cells->len; i++)
    if (sd_fleet_cell_get_status (g_ptr_array_index (self->cells, i)) != NULL)
      {
        gtk_widget_grab_focus (g_ptr_array_index (self->cells, i));
        return;
      }
}
