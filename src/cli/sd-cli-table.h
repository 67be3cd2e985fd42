/* sd-cli-table.h — ses-desk-cli's tables, aligned by display width
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Columns padded by the width text takes in a terminal, not by bytes:
 * East Asian wide characters take two columns, combining marks none. */
guint sd_cli_text_width (const char *text);

typedef struct _SdCliTable SdCliTable;

/* A table of @n_columns, each as wide as its widest cell (at least its
 * minimum), one space apart. */
SdCliTable *sd_cli_table_new        (guint       n_columns);
void        sd_cli_table_free       (SdCliTable *table);
void        sd_cli_table_set_column (SdCliTable *table,
                                     guint       column,
                                     guint       min_width,
                                     gboolean    align_right);
/* A row of cells, NULL-terminated. A row with fewer cells than columns ends
 * with a cell that spans the rest (its width is not counted). */
void        sd_cli_table_add_row    (SdCliTable *table,
                                     const char *first,
                                     ...) G_GNUC_NULL_TERMINATED;
/* A line printed as it is, between rows. */
void        sd_cli_table_add_line   (SdCliTable *table,
                                     const char *line);
/* Prints the table to standard output; the last column is not padded. */
void        sd_cli_table_print      (SdCliTable *table);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdCliTable, sd_cli_table_free)

G_END_DECLS
