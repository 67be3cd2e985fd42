/* sd-thread-slice.h — the newest messages of a thread, a GListModel that grows toward the oldest
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Shows at most "size" items of a model: its last ones (at-end, for a
 * thread shown oldest first) or its first ones (newest first). Growing
 * announces only the items that join — where GtkSliceListModel, moving its
 * offset, would replace every item and lose the list's place. Once the
 * size covers the whole model its changes pass through as they are. */
#define SD_TYPE_THREAD_SLICE (sd_thread_slice_get_type ())
G_DECLARE_FINAL_TYPE (SdThreadSlice, sd_thread_slice, SD, THREAD_SLICE, GObject)

SdThreadSlice *sd_thread_slice_new      (void);
/* @model: nullable. */
void           sd_thread_slice_set_model  (SdThreadSlice *self,
                                           GListModel    *model);
/* TRUE: the last items; FALSE: the first ones. */
void           sd_thread_slice_set_at_end (SdThreadSlice *self,
                                           gboolean       at_end);
/* How many items at most (G_MAXUINT: all). */
void           sd_thread_slice_set_size   (SdThreadSlice *self,
                                           guint          size);
guint          sd_thread_slice_get_size   (SdThreadSlice *self);

G_END_DECLS
