/* sd-cli-table.c — ses-desk-cli's tables, aligned by display width
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "sd-cli-table.h"

typedef struct {
  GStrv    cells;
  gboolean line;
} Row;

struct _SdCliTable {
  guint     n_columns;
  guint    *widths;
  gboolean *right;
  GArray   *rows;
};

guint
sd_cli_text_width (const char *text)
{
  guint width = 0;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return text != NULL ? (guint) strlen (text) : 0;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

static void
row_clear (gpointer data)
{
  Row *row = data;

  g_strfreev (row->cells);
}

SdCliTable *
sd_cli_table_new (guint n_columns)
{
  SdCliTable *table;

  g_return_val_if_fail (n_columns > 0, NULL);
  table = g_new0 (SdCliTable, 1);
  table->n_columns = n_columns;
  table->widths = g_new0 (guint, n_columns);
  table->right = g_new0 (gboolean, n_columns);
  table->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (table->rows, row_clear);
  return table;
}

void
sd_cli_table_free (SdCliTable *table)
{
  if (table == NULL)
    return;
  g_array_unref (table->rows);
  g_free (table->widths);
  g_free (table->right);
  g_free (table);
}

void
sd_cli_table_set_column (SdCliTable *table,
                         guint       column,
                         guint       min_width,
                         gboolean    align_right)
{
  g_return_if_fail (table != NULL && column < table->n_columns);
  table->widths[column] = MAX (table->widths[column], min_width);
  table->right[column] = align_right;
}

void
sd_cli_table_add_row (SdCliTable *table,
                      const char *first,
                      ...)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  Row row = { NULL, FALSE };
  va_list args;

  g_return_if_fail (table != NULL);
  va_start (args, first);
  for (const char *cell = first; cell != NULL && cells->len < table->n_columns;
       cell = va_arg (args, const char *))
    g_ptr_array_add (cells, g_strdup (cell));
  va_end (args);
  g_ptr_array_add (cells, NULL);
  row.cells = (GStrv) g_ptr_array_steal (cells, NULL);

  /* A spanning last cell does not widen its column. */
  for (guint i = 0; row.cells[i] != NULL; i++)
    {
      gboolean spans = row.cells[i + 1] == NULL && i + 1 < table->n_columns;

      if (!spans)
        table->widths[i] = MAX (table->widths[i], sd_cli_text_width (row.cells[i]));
    }
  g_array_append_val (table->rows, row);
}

void
sd_cli_table_add_line (SdCliTable *table,
                       const char *line)
{
  Row row = { NULL, TRUE };

  g_return_if_fail (table != NULL && line != NULL);
  row.cells = g_new0 (char *, 2);
  row.cells[0] = g_strdup (line);
  g_array_append_val (table->rows, row);
}

static void
print_spaces (GString *out,
              guint    n)
{
  for (guint i = 0; i < n; i++)
    g_string_append_c (out, ' ');
}

void
sd_cli_table_print (SdCliTable *table)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_if_fail (table != NULL);
  for (guint r = 0; r < table->rows->len; r++)
    {
      const Row *row = &g_array_index (table->rows, Row, r);

      if (row->line)
        {
          g_string_append (out, row->cells[0]);
          g_string_append_c (out, '\n');
          continue;
        }
      for (guint i = 0; row->cells[i] != NULL; i++)
        {
          const char *cell = row->cells[i];
          gboolean last = row->cells[i + 1] == NULL;
          guint pad = table->widths[i] - MIN (table->widths[i], sd_cli_text_width (cell));

          if (i > 0)
            g_string_append_c (out, ' ');
          if (last && (i + 1 < table->n_columns || !table->right[i]))
            {
              /* The last column, or a cell spanning the rest: no trailing spaces. */
              g_string_append (out, cell);
              break;
            }
          if (table->right[i])
            print_spaces (out, pad);
          g_string_append (out, cell);
          if (!table->right[i])
            print_spaces (out, pad);
        }
      /* An empty last cell leaves spaces behind. */
      while (out->len > 0 && out->str[out->len - 1] == ' ')
        g_string_truncate (out, out->len - 1);
      g_string_append_c (out, '\n');
    }
  g_print ("%s", out->str);
}
