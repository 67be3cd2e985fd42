/* sd-cases-window.c — AWS Support cases and their threads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sd-cases-window.h"

struct _SdCasesWindow
{
  AdwApplicationWindow parent_instance;
};

G_DEFINE_FINAL_TYPE (SdCasesWindow, sd_cases_window, ADW_TYPE_APPLICATION_WINDOW)

static void
sd_cases_window_class_init (SdCasesWindowClass *klass)
{
}

static void
sd_cases_window_init (SdCasesWindow *self)
{
  GtkWidget *page = adw_status_page_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("AWS Support Cases"));
  gtk_window_set_default_size (GTK_WINDOW (self), 900, 680);
  adw_status_page_set_title (ADW_STATUS_PAGE (page), _("AWS Support Cases"));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (self), page);
}

/** Shows the cases window, opening @case_id's thread when given. */
void
sd_cases_window_present (GtkApplication *application,
                         const char     *profile,
                         const char     *case_id)
{
  GList *windows = gtk_application_get_windows (application);
  GtkWindow *window = NULL;

  for (GList *l = windows; l != NULL; l = l->next)
    if (SD_IS_CASES_WINDOW (l->data))
      window = l->data;
  if (window == NULL)
    window = g_object_new (SD_TYPE_CASES_WINDOW, "application", application, NULL);
  gtk_window_present (window);
}
