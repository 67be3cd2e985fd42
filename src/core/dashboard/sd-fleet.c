/* sd-fleet.c — the accounts × regions overview of a dashboard (a model, no widgets)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rebuilt lazily: a change of the model marks the fleet stale, a change of a
 * region's state only its rows' order and the active regions (no rows made
 * again, no signals connected again), and "changed" is emitted once from an
 * idle, however many of the 1,350 regions of a big refresh changed meanwhile.
 */
#include "config.h"

#include <string.h>

#include "sd-fleet.h"

/* One row: an account and its regions. */
typedef struct {
  char       *key;       /* the profile */
  char       *name;
  char       *name_key;  /* the name's collation key */
  char       *id;        /* nullable */
  GHashTable *cells;     /* region → SdRegionStatus (unowned: the model holds them) */
  guint       severity;  /* its worst region's */
} Row;

struct _SdFleet
{
  GObject      parent_instance;

  GListModel  *model;        /* owned */
  GPtrArray   *rows;         /* owned; Row, in display order */
  GPtrArray   *regions;      /* owned; char*, every region, NULL-terminated */
  GPtrArray   *active;       /* owned; char* (the regions' strings), NULL-terminated */
  GPtrArray   *watched;      /* owned; SdRegionStatus whose notify is connected */
  SdFleetSort  sort;
  gboolean     stale;         /* the rows are to be made again */
  gboolean     unsorted;      /* a region's state changed: order and active regions again */
  guint        idle_id;
};

G_DEFINE_FINAL_TYPE (SdFleet, sd_fleet, G_TYPE_OBJECT)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void on_status_notify (GObject *object, GParamSpec *pspec, gpointer user_data);

/* Auxiliary functions */

static void
row_free (gpointer data)
{
  Row *row = data;

  g_free (row->key);
  g_free (row->name);
  g_free (row->name_key);
  g_free (row->id);
  g_hash_table_unref (row->cells);
  g_free (row);
}

static void
unwatch_all (SdFleet *self)
{
  for (guint i = 0; i < self->watched->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->watched, i),
                                          on_status_notify, self);
  g_ptr_array_set_size (self->watched, 0);
}

/* Whether the account does anything in the region: a column by default. */
static gboolean
status_is_active (SdRegionStatus *status)
{
  SdSandboxState state = sd_region_status_get_state (status);

  return state == SD_SANDBOX_STATE_PRODUCTION || state == SD_SANDBOX_STATE_PENDING ||
         sd_region_status_get_n_dedicated_ips (status) > 0 ||
         sd_region_status_get_sent_last_24_hours (status) > 0;
}

static int
compare_names (const Row *a,
               const Row *b)
{
  int order = strcmp (a->name_key, b->name_key);

  return order != 0 ? order : strcmp (a->key, b->key);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const Row *row_a = *(Row * const *) a;
  const Row *row_b = *(Row * const *) b;
  SdFleet *self = user_data;

  if (self->sort == SD_FLEET_SORT_WORST && row_a->severity != row_b->severity)
    return row_a->severity > row_b->severity ? -1 : 1;
  return compare_names (row_a, row_b);
}

static void
rebuild (SdFleet *self)
{
  g_autoptr(GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = g_list_model_get_n_items (self->model);

  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->regions, 0);
  g_ptr_array_set_size (self->active, 0);
  unwatch_all (self);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdRegionStatus) status = g_list_model_get_item (self->model, i);
      const char *key = sd_region_status_get_profile (status);
      const char *region = sd_region_status_get_region (status);
      Row *row;

      if (key == NULL)
        key = "";
      row = g_hash_table_lookup (by_key, key);
      if (row == NULL)
        {
          row = g_new0 (Row, 1);
          row->key = g_strdup (key);
          row->name = g_strdup (sd_region_status_get_account_name (status));
          row->name_key = g_utf8_collate_key (row->name != NULL ? row->name : "", -1);
          row->cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_hash_table_insert (by_key, row->key, row);
          g_ptr_array_add (self->rows, row);
        }
      if (row->id == NULL && sd_region_status_get_account_id (status) != NULL)
        row->id = g_strdup (sd_region_status_get_account_id (status));
      g_hash_table_replace (row->cells, g_strdup (region), status);

      if (!g_hash_table_contains (seen, region))
        {
          char *copy = g_strdup (region);

          g_hash_table_add (seen, copy);
          g_ptr_array_add (self->regions, copy);
        }

      g_signal_connect_object (status, "notify", G_CALLBACK (on_status_notify), self, 0);
      g_ptr_array_add (self->watched, g_object_ref (status));
    }
  g_ptr_array_add (self->regions, NULL);

  self->stale = FALSE;
  self->unsorted = TRUE;
}

/* What follows from the regions' states: each row's severity, the active
 * regions, the rows' order. */
static void
resort (SdFleet *self)
{
  g_autoptr(GHashTable) active = g_hash_table_new (g_str_hash, g_str_equal);

  g_ptr_array_set_size (self->active, 0);
  for (guint r = 0; r < self->rows->len; r++)
    {
      Row *row = g_ptr_array_index (self->rows, r);
      GHashTableIter iter;
      gpointer region, status;

      row->severity = 0;
      g_hash_table_iter_init (&iter, row->cells);
      while (g_hash_table_iter_next (&iter, &region, &status))
        {
          row->severity = MAX (row->severity, sd_fleet_get_severity (status));
          if (status_is_active (status))
            g_hash_table_add (active, region);
        }
    }
  for (guint i = 0; i + 1 < self->regions->len; i++)
    if (g_hash_table_contains (active, g_ptr_array_index (self->regions, i)))
      g_ptr_array_add (self->active, g_ptr_array_index (self->regions, i));
  g_ptr_array_add (self->active, NULL);

  g_ptr_array_sort_with_data (self->rows, compare_rows, self);
  self->unsorted = FALSE;
}

static void
ensure_built (SdFleet *self)
{
  if (self->stale)
    rebuild (self);
  if (self->unsorted)
    resort (self);
}

static gboolean
emit_changed (gpointer user_data)
{
  SdFleet *self = user_data;

  self->idle_id = 0;
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  return G_SOURCE_REMOVE;
}

static void
schedule_changed (SdFleet *self)
{
  if (self->idle_id == 0)
    self->idle_id = g_idle_add (emit_changed, self);
}

static void
mark_stale (SdFleet *self)
{
  self->stale = TRUE;
  schedule_changed (self);
}

static Row *
get_row (SdFleet *self,
         guint    row)
{
  ensure_built (self);
  g_return_val_if_fail (row < self->rows->len, NULL);
  return g_ptr_array_index (self->rows, row);
}

/* Callbacks */

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  mark_stale (SD_FLEET (user_data));
}

static void
on_status_notify (GObject    *object,
                  GParamSpec *pspec,
                  gpointer    user_data)
{
  /* Each load ends with "loading" going false after the new state is in. */
  if (g_str_equal (pspec->name, "loading") || g_str_equal (pspec->name, "has-error") ||
      g_str_equal (pspec->name, "state"))
    {
      SD_FLEET (user_data)->unsorted = TRUE;
      schedule_changed (SD_FLEET (user_data));
    }
}

/* Overrides */

static void
sd_fleet_dispose (GObject *object)
{
  SdFleet *self = SD_FLEET (object);

  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (self->watched != NULL)
    unwatch_all (self);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_items_changed, self);

  G_OBJECT_CLASS (sd_fleet_parent_class)->dispose (object);
}

static void
sd_fleet_finalize (GObject *object)
{
  SdFleet *self = SD_FLEET (object);

  g_clear_object (&self->model);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->regions, g_ptr_array_unref);
  g_clear_pointer (&self->active, g_ptr_array_unref);
  g_clear_pointer (&self->watched, g_ptr_array_unref);

  G_OBJECT_CLASS (sd_fleet_parent_class)->finalize (object);
}

static void
sd_fleet_class_init (SdFleetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sd_fleet_dispose;
  object_class->finalize = sd_fleet_finalize;

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sd_fleet_init (SdFleet *self)
{
  self->rows = g_ptr_array_new_with_free_func (row_free);
  self->regions = g_ptr_array_new_with_free_func (g_free);
  self->active = g_ptr_array_new ();
  self->watched = g_ptr_array_new_with_free_func (g_object_unref);
  self->stale = TRUE;
}

/* Public API */

SdFleet *
sd_fleet_new (GListModel *region_statuses)
{
  SdFleet *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (region_statuses), NULL);

  self = g_object_new (SD_TYPE_FLEET, NULL);
  self->model = g_object_ref (region_statuses);
  g_signal_connect (region_statuses, "items-changed", G_CALLBACK (on_items_changed), self);
  return self;
}

guint
sd_fleet_get_n_accounts (SdFleet *self)
{
  g_return_val_if_fail (SD_IS_FLEET (self), 0);
  ensure_built (self);
  return self->rows->len;
}

const char *
sd_fleet_get_account_name (SdFleet *self,
                           guint    row)
{
  Row *r;

  g_return_val_if_fail (SD_IS_FLEET (self), NULL);
  r = get_row (self, row);
  return r != NULL ? r->name : NULL;
}

const char *
sd_fleet_get_account_key (SdFleet *self,
                          guint    row)
{
  Row *r;

  g_return_val_if_fail (SD_IS_FLEET (self), NULL);
  r = get_row (self, row);
  return r != NULL ? r->key : NULL;
}

const char *
sd_fleet_get_account_id (SdFleet *self,
                         guint    row)
{
  Row *r;

  g_return_val_if_fail (SD_IS_FLEET (self), NULL);
  r = get_row (self, row);
  return r != NULL ? r->id : NULL;
}

const char * const *
sd_fleet_get_regions (SdFleet  *self,
                      gboolean  all_regions)
{
  g_return_val_if_fail (SD_IS_FLEET (self), NULL);
  ensure_built (self);
  return (const char * const *) (all_regions ? self->regions : self->active)->pdata;
}

SdRegionStatus *
sd_fleet_get_cell (SdFleet    *self,
                   guint       row,
                   const char *region)
{
  Row *r;

  g_return_val_if_fail (SD_IS_FLEET (self), NULL);
  g_return_val_if_fail (region != NULL, NULL);
  r = get_row (self, row);
  return r != NULL ? g_hash_table_lookup (r->cells, region) : NULL;
}

int
sd_fleet_find_account (SdFleet    *self,
                       const char *key)
{
  g_return_val_if_fail (SD_IS_FLEET (self), -1);
  ensure_built (self);
  for (guint i = 0; key != NULL && i < self->rows->len; i++)
    if (g_str_equal (((Row *) g_ptr_array_index (self->rows, i))->key, key))
      return (int) i;
  return -1;
}

guint
sd_fleet_get_severity (SdRegionStatus *status)
{
  /* Sandbox states from best to worst, below every health level. */
  static const guint state_rank[] = {
    [SD_SANDBOX_STATE_PRODUCTION] = 0,
    [SD_SANDBOX_STATE_UNKNOWN] = 1,
    [SD_SANDBOX_STATE_SANDBOX] = 2,
    [SD_SANDBOX_STATE_PENDING] = 3,
    [SD_SANDBOX_STATE_FAILED] = 4,
    [SD_SANDBOX_STATE_DENIED] = 5,
  };
  SdHealthLevel level;

  g_return_val_if_fail (SD_IS_REGION_STATUS (status), 0);

  if (sd_region_status_get_error (status) != NULL)
    return 100;
  level = sd_region_status_get_health_level (status);
  /* Watch and worse outrank any sandbox state; healthy and unknown add nothing. */
  if (level >= SD_HEALTH_LEVEL_WATCH)
    return 10 + (guint) level;
  return state_rank[sd_region_status_get_state (status)];
}

void
sd_fleet_sort (SdFleet     *self,
               SdFleetSort  how)
{
  g_return_if_fail (SD_IS_FLEET (self));

  self->sort = how;
  ensure_built (self);
  g_ptr_array_sort_with_data (self->rows, compare_rows, self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

SdFleetSort
sd_fleet_get_sort (SdFleet *self)
{
  g_return_val_if_fail (SD_IS_FLEET (self), SD_FLEET_SORT_NAME);
  return self->sort;
}
