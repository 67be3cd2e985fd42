/* baseline-window.c — the toolkit's floor for bench-dashboard
 *
 * The smallest libadwaita application: one AdwApplicationWindow holding an
 * empty AdwStatusPage. With SD_BENCH_TIMINGS=1 it prints
 * "sd-timing first-frame" on stdout once its first frame has been painted,
 * exactly as ses-desk does, so the bench can set the app's launch time beside
 * what any libadwaita window costs on this machine.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>

#include <adwaita.h>

static gboolean timings_enabled;

/* Callbacks */

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       user_data)
{
  GtkWidget *window = user_data;

  /* Once: only the first frame is measured. */
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, window);
  if (timings_enabled)
    {
      GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));

      /* Which of GTK's renderers painted it, for the benchmark report. */
      if (renderer != NULL)
        fprintf (stdout, "sd-timing renderer %s\n", G_OBJECT_TYPE_NAME (renderer));
      fputs ("sd-timing first-frame\n", stdout);
      fflush (stdout);
    }
}

static void
on_map (GtkWidget *window,
        gpointer   user_data)
{
  /* The frame clock exists only once the window is realized; "map" comes
   * after that and before the first frame is drawn. */
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_handlers_disconnect_by_func (window, on_map, user_data);
  if (clock != NULL)
    g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_after_paint), window, 0);
}

static void
on_activate (GApplication *app,
             gpointer      user_data)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));

  gtk_window_set_title (GTK_WINDOW (window), "Baseline");
  /* The size of ses-desk's main window: the same number of pixels to paint. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 720);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), adw_status_page_new ());
  g_signal_connect (window, "map", G_CALLBACK (on_map), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(AdwApplication) app = NULL;

  timings_enabled = g_strcmp0 (g_getenv ("SD_BENCH_TIMINGS"), "1") == 0;
  app = adw_application_new ("io.github.sesdesk.SesDesk.BenchBaseline", G_APPLICATION_DEFAULT_FLAGS);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
