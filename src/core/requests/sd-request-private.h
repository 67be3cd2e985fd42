/* sd-request-private.h — SdRequest's fields, for the files of the one class
 * (sd-request.c: the object; -fields.c: kinds and fields; -validate.c: the
 * checks; -route.c: routes, references and payloads)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sd-enum-nick.h"
#include "sd-request.h"

G_BEGIN_DECLS

#define MAX_NUMBER          G_GUINT64_CONSTANT (1000000000000)
#define MIN_USE_CASE_CHARS  10
#define MAX_WEBSITE_CHARS   1000
#define MAX_CC_CASE         10
#define MAX_CC_ACCOUNT      4
#define SANDBOX_DAILY       200
#define SANDBOX_RATE        1

/* What the request knows of one region. */
typedef struct {
  SdSandboxState state;
  double         max24;
  double         maxrate;
  int            n_ips;
} RegionInfo;

struct _SdRequest
{
  GObject        parent_instance;

  SdRequestKind  kind;
  char          *id;                /* owned */
  gint64         created;
  gint64         modified;

  /* The user's fields, as typed. */
  char          *profile;           /* owned, nullable */
  GStrv          regions;           /* owned, never NULL */
  SdLimitKind    limit;
  char          *limit_value;       /* owned, never NULL */
  char          *ip_count;          /* owned, never NULL */
  GStrv          release_ips;       /* owned, never NULL */
  SdMailType     mail_type;
  char          *website_url;       /* owned, never NULL */
  SdAnswer       answers[3];        /* terms, recipients, bounces */
  char          *use_case;          /* owned, never NULL */
  char          *support_language;  /* owned */
  char          *contact_emails;    /* owned, never NULL */

  GHashTable    *references;        /* region → reference; kept in the draft */
  GHashTable    *quota_regions;     /* set: denied regions sent through Service Quotas */
  gboolean       ses_case;          /* dedicated IPs: an API case to SES support instead */

  /* Learnt, not saved. */
  GHashTable    *region_info;       /* region → RegionInfo */
  GHashTable    *quota_codes;       /* region → confirmed quota code */
  char          *service_code;      /* owned, nullable */
  char          *category_code;     /* owned, nullable */
  gboolean       support_api;

  /* Validation results, by field; owned, nullable. */
  char          *errors[SD_REQUEST_N_FIELDS];
  char          *advice[SD_REQUEST_N_FIELDS];
  gboolean       valid;
  gboolean       validating;
  guint          freeze;
};

/* The index of a compliance question in answers[], or -1. */
int         sd_request_answer_index    (SdRequestField  question);
/* What is known of @region, or NULL. */
RegionInfo *sd_request_region_info     (SdRequest      *self,
                                        const char     *region);
/* @text without surrounding white space, "" for NULL. */
char       *sd_request_strip_dup       (const char     *text);
/* A JSON array of @strv's strings (NULL: empty). */
JsonArray  *sd_request_strv_to_array   (const char * const *strv);
/* Checks every field: fills errors[] and advice[]; TRUE when none blocks sending. */
gboolean    sd_request_validate_fields (SdRequest      *self);
/* Validates again, then notifies "valid" when it changed and emits "changed". */
void        sd_request_revalidate      (SdRequest      *self);

G_END_DECLS
