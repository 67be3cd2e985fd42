/* sd-health-chart.h — 14 days of a region's sending figures, drawn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include "sd-region-health.h"

G_BEGIN_DECLS

/* What a chart draws. */
typedef enum {
  SD_HEALTH_CHART_ACTIVITY,        /* sends as bars; deliveries, bounces, complaints, rejects as lines */
  SD_HEALTH_CHART_BOUNCE_RATE,     /* the daily bounce rate with AWS's review and pause lines */
  SD_HEALTH_CHART_COMPLAINT_RATE,  /* likewise for complaints */
} SdHealthChartKind;

#define SD_TYPE_HEALTH_CHART_KIND (sd_health_chart_kind_get_type ())
GType           sd_health_chart_kind_get_type (void) G_GNUC_CONST;

/* A chart in the widget's own colours (light or dark style), with a tooltip
 * per day; its accessible description holds every value it draws. */
#define SD_TYPE_HEALTH_CHART (sd_health_chart_get_type ())
G_DECLARE_FINAL_TYPE (SdHealthChart, sd_health_chart, SD, HEALTH_CHART, GtkWidget)

GtkWidget      *sd_health_chart_new           (SdHealthChartKind  kind);
SdHealthChartKind sd_health_chart_get_kind    (SdHealthChart     *self);
/* Draws @health (a reference is taken; NULL draws nothing). */
void            sd_health_chart_set_health    (SdHealthChart     *self,
                                               SdRegionHealth    *health);
SdRegionHealth *sd_health_chart_get_health    (SdHealthChart     *self);
/* The chart's values in words, as its accessible description says them:
 * one sentence per series ("Sends: Dec 1 120, Dec 2 130, …"). Newly allocated. */
char           *sd_health_chart_dup_description (SdHealthChart   *self);
/* How many times the chart has drawn its figures, and the time that took in
 * all, in microseconds (for the benchmarks). */
void            sd_health_chart_get_draw_stats (SdHealthChart    *self,
                                                guint            *draws,
                                                gint64           *usec);

G_END_DECLS
