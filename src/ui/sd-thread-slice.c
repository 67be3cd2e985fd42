/* sd-thread-slice.c — the newest messages of a thread, a GListModel that grows toward the oldest
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sd-thread-slice.h"

struct _SdThreadSlice
{
  GObject     parent_instance;

  GListModel *model;     /* owned, nullable */
  gboolean    at_end;
  guint       size;
  guint       n_model;   /* the model's length as last announced */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SdThreadSlice, sd_thread_slice, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* Auxiliary functions */

static guint
shown (SdThreadSlice *self,
       guint          n)
{
  return MIN (n, self->size);
}

/* Callbacks */

static void
on_items_changed (GListModel    *model,
                  guint          position,
                  guint          removed,
                  guint          added,
                  SdThreadSlice *self)
{
  guint old_n = self->n_model;
  guint new_n = old_n - removed + added;
  guint old_k = shown (self, old_n);
  guint new_k = shown (self, new_n);

  self->n_model = new_n;

  /* The whole model shown, before and after: the change as it is. */
  if (old_k == old_n && new_k == new_n)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
      return;
    }
  /* The first items shown, and the change after them: nothing to say. */
  if (!self->at_end && position >= old_k && old_k == new_k)
    return;
  /* Rare (a message while the slice still grows): everything again. */
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_k, new_k);
}

/* GListModel */

static GType
sd_thread_slice_get_item_type (GListModel *model)
{
  SdThreadSlice *self = SD_THREAD_SLICE (model);

  return self->model != NULL ? g_list_model_get_item_type (self->model) : G_TYPE_OBJECT;
}

static guint
sd_thread_slice_get_n_items (GListModel *model)
{
  SdThreadSlice *self = SD_THREAD_SLICE (model);

  return shown (self, self->n_model);
}

static gpointer
sd_thread_slice_get_item (GListModel *model,
                          guint       position)
{
  SdThreadSlice *self = SD_THREAD_SLICE (model);
  guint k = shown (self, self->n_model);

  if (self->model == NULL || position >= k)
    return NULL;
  return g_list_model_get_item (self->model, self->at_end ? self->n_model - k + position : position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = sd_thread_slice_get_item_type;
  iface->get_n_items = sd_thread_slice_get_n_items;
  iface->get_item = sd_thread_slice_get_item;
}

/* Overrides */

static void
sd_thread_slice_dispose (GObject *object)
{
  SdThreadSlice *self = SD_THREAD_SLICE (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_items_changed, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (sd_thread_slice_parent_class)->dispose (object);
}

static void
sd_thread_slice_class_init (SdThreadSliceClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sd_thread_slice_dispose;
}

static void
sd_thread_slice_init (SdThreadSlice *self)
{
  self->size = G_MAXUINT;
  self->at_end = TRUE;
}

/* Public API */

/** Creates an empty slice showing all of its model. */
SdThreadSlice *
sd_thread_slice_new (void)
{
  return g_object_new (SD_TYPE_THREAD_SLICE, NULL);
}

/** Shows @model's items (at most "size" of them). */
void
sd_thread_slice_set_model (SdThreadSlice *self,
                           GListModel    *model)
{
  guint old_k;

  g_return_if_fail (SD_IS_THREAD_SLICE (self));

  if (self->model == model)
    return;
  old_k = shown (self, self->n_model);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_items_changed, self);
  g_set_object (&self->model, model);
  self->n_model = model != NULL ? g_list_model_get_n_items (model) : 0;
  if (model != NULL)
    g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), self);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_k, shown (self, self->n_model));
}

/** Shows the last items (TRUE) or the first ones. */
void
sd_thread_slice_set_at_end (SdThreadSlice *self,
                            gboolean       at_end)
{
  guint k;

  g_return_if_fail (SD_IS_THREAD_SLICE (self));

  at_end = !!at_end;
  if (self->at_end == at_end)
    return;
  self->at_end = at_end;
  k = shown (self, self->n_model);
  if (k < self->n_model)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, k, k);
}

/** Shows at most @size items; growing announces only those that join. */
void
sd_thread_slice_set_size (SdThreadSlice *self,
                          guint          size)
{
  guint old_k;
  guint new_k;

  g_return_if_fail (SD_IS_THREAD_SLICE (self));

  old_k = shown (self, self->n_model);
  self->size = size;
  new_k = shown (self, self->n_model);
  if (new_k > old_k)
    g_list_model_items_changed (G_LIST_MODEL (self), self->at_end ? 0 : old_k, 0, new_k - old_k);
  else if (new_k < old_k)
    g_list_model_items_changed (G_LIST_MODEL (self), self->at_end ? 0 : new_k, old_k - new_k, 0);
}

/** How many items it shows at most. */
guint
sd_thread_slice_get_size (SdThreadSlice *self)
{
  g_return_val_if_fail (SD_IS_THREAD_SLICE (self), 0);
  return self->size;
}
