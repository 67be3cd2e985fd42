/* sd-sigv4.h — AWS Signature Version 4 on OpenSSL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  SD_SIGV4_FLAGS_NONE              = 0,
  SD_SIGV4_NO_PATH_NORMALIZATION   = 1 << 0, /* S3: no RFC 3986 dot-segment removal, no double encoding */
  SD_SIGV4_UNSIGNED_PAYLOAD        = 1 << 1, /* payload hash "UNSIGNED-PAYLOAD" */
} SdSigv4Flags;

/* A request to sign. Header names and values are as on the wire; duplicates
 * are allowed and joined with "," in the order given. The headers must
 * already include Host and X-Amz-Date (and X-Amz-Security-Token when there
 * is a session token), exactly as they will be sent.
 *
 * - path: every service but S3 signs it normalized (dot segments removed,
 *   duplicate slashes collapsed) and percent-encoded again, so a segment
 *   sent as "a%3Ab" is signed as "a%253Ab", as botocore and AWS expect.
 *   With SD_SIGV4_NO_PATH_NORMALIZATION (S3) it is signed as sent, with
 *   escapes normalized ("%7e" → "~"). It must start with "/" (NULL or ""
 *   means "/").
 * - query: pairs are decoded, encoded again (RFC 3986) and sorted, so any
 *   valid encoding is fine; '+' is a literal plus, not a space.
 * - headers: User-Agent, Expect, X-Amzn-Trace-Id, Authorization and the
 *   hop-by-hop headers (Connection, Keep-Alive, TE, Trailer,
 *   Transfer-Encoding, Upgrade, Proxy-*) are left out of the signature, as
 *   botocore does, since proxies and HTTP stacks touch them.
 * - payload: SD_SIGV4_UNSIGNED_PAYLOAD, else payload_hash, else the value of
 *   an X-Amz-Content-SHA256 header, else the SHA-256 of the body. */
typedef struct {
  const char          *method;       /* "GET", "POST", … */
  const char          *path;         /* the path as sent, percent-encoded, e.g. "/v2/email/account" */
  const char          *query;        /* the raw query without '?', or NULL */
  const char * const  *headers;      /* NULL-terminated: name, value, name, value, … */
  const guint8        *body;
  gsize                body_len;
  const char          *payload_hash; /* hex SHA-256 of the body if already known, else NULL */
} SdSigv4Request;

typedef struct {
  char *canonical_request;
  char *string_to_sign;
  char *signature;        /* hex */
  char *authorization;    /* the whole Authorization header value */
  char *signed_headers;   /* "host;x-amz-date" */
} SdSigv4Result;

void sd_sigv4_result_clear (SdSigv4Result *result);

/* Caches signing keys per (SHA-256 of the secret, date, region, service);
 * the secret itself is not kept, and the keys are wiped on free.
 * Thread-unsafe, one per client. */
typedef struct _SdSigv4Signer SdSigv4Signer;

SdSigv4Signer *sd_sigv4_signer_new  (void);
void           sd_sigv4_signer_free (SdSigv4Signer *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdSigv4Signer, sd_sigv4_signer_free)

/* Signs @request. @amz_date is the X-Amz-Date value ("20150830T123600Z"),
 * whose first 8 characters are the scope's date. Fills @result (clear it with
 * sd_sigv4_result_clear()). Returns FALSE with SD_AWS_ERROR_FAILED only for a
 * malformed request: bad date, missing method, no Host header, an X-Amz-Date
 * header that differs from @amz_date, a header name that is not an HTTP
 * token or a NULL value, a malformed %-escape in the query (or in an S3
 * path), a path not starting with "/", an empty key, secret, region or
 * service. */
gboolean sd_sigv4_sign (SdSigv4Signer         *self,
                        const SdSigv4Request  *request,
                        const char            *access_key_id,
                        const char            *secret_access_key,
                        const char            *region,
                        const char            *service,
                        const char            *amz_date,
                        SdSigv4Flags           flags,
                        SdSigv4Result         *result,
                        GError               **error);

/* Lower-case hex SHA-256 of @data. */
char *sd_sigv4_sha256_hex (const guint8 *data, gsize len);

/* "20150830T123600Z" for @unix_time (UTC). */
char *sd_sigv4_format_amz_date (gint64 unix_time);

/* RFC 3986 percent-encoding of everything but unreserved characters; with
 * @keep_slash, '/' stays as is (for paths). */
char *sd_sigv4_uri_encode (const char *s, gssize len, gboolean keep_slash);

G_END_DECLS
