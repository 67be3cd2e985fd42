/* sd-sigv4.c — AWS Signature Version 4 on OpenSSL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Signing sits on the path of every request, so the hot path keeps its
 * buffers in the signer, fetches the OpenSSL algorithms once, and caches an
 * HMAC context already keyed with the day's signing key: a cache hit costs
 * one SHA-256 of the canonical request (plus the body's) and one HMAC.
 */
#include "config.h"

#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include "sd-aws-error.h"
#include "sd-sigv4.h"
#include "sd-aws-io.h"

#define SHA256_LEN       32
#define SHA256_HEX_LEN   64
#define CACHE_SIZE       64
#define ALGORITHM        "AWS4-HMAC-SHA256"
#define EMPTY_SHA256_HEX "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

/* RFC 3986 unreserved characters: the only bytes SigV4 leaves unencoded. */
static const guint8 unreserved[256] = {
  ['A' ... 'Z'] = 1, ['a' ... 'z'] = 1, ['0' ... '9'] = 1,
  ['-'] = 1, ['.'] = 1, ['_'] = 1, ['~'] = 1,
};

/* RFC 7230 token characters: what a header name may hold. */
static const guint8 tchar[256] = {
  ['A' ... 'Z'] = 1, ['a' ... 'z'] = 1, ['0' ... '9'] = 1,
  ['!'] = 1, ['#'] = 1, ['$'] = 1, ['%'] = 1, ['&'] = 1, ['\''] = 1, ['*'] = 1,
  ['+'] = 1, ['-'] = 1, ['.'] = 1, ['^'] = 1, ['_'] = 1, ['`'] = 1, ['|'] = 1, ['~'] = 1,
};

static const char hex_upper[] = "0123456789ABCDEF";
static const char hex_lower[] = "0123456789abcdef";

typedef struct {
  guint8       secret_fp[SHA256_LEN]; /* SHA-256 of the secret, never the secret itself */
  char         date[9];
  char        *region;                /* owned */
  char        *service;               /* owned */
  EVP_MAC_CTX *mac;                   /* owned; HMAC keyed with the signing key */
  guint64      last_used;             /* 0 = free slot */
} SdSigv4CacheEntry;

typedef struct {
  gsize       name_off;  /* lower-cased name, in the signer's names buffer */
  gsize       name_len;
  const char *value;
} SdSigv4Header;

typedef struct {
  gsize name_off, name_len;   /* encoded, in the signer's scratch buffer */
  gsize value_off, value_len;
} SdSigv4Param;

struct _SdSigv4Signer {
  EVP_MD            *sha256;
  EVP_MAC           *hmac;
  EVP_MD_CTX        *md_ctx;
  GString           *creq;          /* canonical request */
  GString           *sts;           /* string to sign */
  GString           *signed_headers;
  GString           *auth;
  GString           *names;         /* lower-cased header names */
  GString           *scratch;       /* encoded query names and values */
  GArray            *headers;       /* SdSigv4Header */
  GArray            *params;        /* SdSigv4Param */
  GArray            *segments;      /* gsize: where each kept path segment starts in creq */
  guint64            clock;
  SdSigv4CacheEntry  cache[CACHE_SIZE];
};

/* Auxiliary functions */

static gboolean
refuse (GError **error, const char *why)
{
  g_set_error (error, SD_AWS_ERROR, SD_AWS_ERROR_FAILED, "Cannot sign the request: %s", why);
  return FALSE;
}

/* GString's own appends write a NUL and call out of line per piece; these
 * write straight into the buffer. reserve() leaves room for a NUL too. */
static inline char *
reserve (GString *s, gsize extra)
{
  if (G_UNLIKELY (s->len + extra >= s->allocated_len))
    {
      gsize len = s->len;

      g_string_set_size (s, len + extra);
      s->len = len;
    }
  return s->str + s->len;
}

static inline void
put (GString *s, const char *p, gsize n)
{
  memcpy (reserve (s, n), p, n);
  s->len += n;
}

static inline void
put_c (GString *s, char c)
{
  *reserve (s, 1) = c;
  s->len++;
}

static inline void
put_str (GString *s, const char *p)
{
  put (s, p, strlen (p));
}

static inline int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* The end of the string if @c is not in it. */
static inline const char *
find_char (const char *p, char c)
{
  while (*p != '\0' && *p != c)
    p++;
  return p;
}

static void
hex_encode (const guint8 *in, gsize len, char *out)
{
  for (gsize i = 0; i < len; i++)
    {
      *out++ = hex_lower[in[i] >> 4];
      *out++ = hex_lower[in[i] & 0xf];
    }
  *out = '\0';
}

static inline char *
put_encoded (char *d, guint8 c)
{
  *d++ = '%';
  *d++ = hex_upper[c >> 4];
  *d++ = hex_upper[c & 0xf];
  return d;
}

static void
append_encoded (GString *out, const char *p, gsize n, gboolean keep_slash)
{
  char *start = reserve (out, 3 * n);
  char *d = start;

  for (gsize i = 0; i < n; i++)
    {
      guint8 c = (guint8) p[i];

      if (unreserved[c] || (keep_slash && c == '/'))
        *d++ = (char) c;
      else
        d = put_encoded (d, c);
    }
  out->len += (gsize) (d - start);
}

/* Decodes %XX escapes and encodes again, so that any spelling of the same
 * bytes gives one canonical form. With @keep_slash a literal '/' stays (it
 * separates path segments) while an encoded one stays encoded. */
static gboolean
append_reencoded (GString *out, const char *p, gsize n, gboolean keep_slash)
{
  char *start = reserve (out, 3 * n);
  char *d = start;

  for (gsize i = 0; i < n; i++)
    {
      guint8 c = (guint8) p[i];

      if (c == '%')
        {
          int hi = i + 2 < n ? hex_value (p[i + 1]) : -1;
          int lo = hi >= 0 ? hex_value (p[i + 2]) : -1;

          if (lo < 0)
            return FALSE;
          c = (guint8) (hi << 4 | lo);
          i += 2;
          if (unreserved[c])
            *d++ = (char) c;
          else
            d = put_encoded (d, c);
        }
      else if (unreserved[c] || (keep_slash && c == '/'))
        *d++ = (char) c;
      else
        d = put_encoded (d, c);
    }
  out->len += (gsize) (d - start);
  return TRUE;
}

/* Path of every service but S3: RFC 3986 dot-segment removal and empty
 * segments dropped (as botocore does), then each segment encoded as it was
 * sent, so that an already encoded path ends up encoded twice. */
static void
append_normalized_path (SdSigv4Signer *self, const char *path)
{
  GString *out = self->creq;
  const char *p = path;

  g_array_set_size (self->segments, 0);
  put_c (out, '/');
  while (*p != '\0')
    {
      const char *end;
      gsize len;

      while (*p == '/')
        p++;
      end = find_char (p, '/');
      len = (gsize) (end - p);
      if (len == 2 && p[0] == '.' && p[1] == '.')
        {
          if (self->segments->len > 0)
            {
              out->len = g_array_index (self->segments, gsize, self->segments->len - 1);
              g_array_set_size (self->segments, self->segments->len - 1);
            }
        }
      else if (len > 0 && !(len == 1 && p[0] == '.'))
        {
          gsize start = out->len;

          g_array_append_val (self->segments, start);
          append_encoded (out, p, len, FALSE);
          put_c (out, '/');
        }
      p = end;
    }
  /* Each kept segment was written with a '/' after it: it stays only when
   * the path itself ends with one. */
  if (self->segments->len > 0 && p[-1] != '/')
    out->len--;
}

static gboolean
append_canonical_path (SdSigv4Signer  *self,
                       const char     *path,
                       SdSigv4Flags    flags,
                       GError        **error)
{
  if (path == NULL || path[0] == '\0')
    path = "/";
  if (path[0] != '/')
    return refuse (error, "its path does not start with “/”");
  if ((flags & SD_SIGV4_NO_PATH_NORMALIZATION) == 0)
    append_normalized_path (self, path);
  else if (!append_reencoded (self->creq, path, strlen (path), TRUE))
    return refuse (error, "its path has a malformed %-escape");
  return TRUE;
}

static inline int
compare_bytes (const char *a, gsize a_len, const char *b, gsize b_len)
{
  int r = memcmp (a, b, MIN (a_len, b_len));

  if (r != 0)
    return r;
  return a_len < b_len ? -1 : a_len > b_len;
}

static inline int
compare_params (const char *base, const SdSigv4Param *a, const SdSigv4Param *b)
{
  int r = compare_bytes (base + a->name_off, a->name_len, base + b->name_off, b->name_len);

  if (r != 0)
    return r;
  return compare_bytes (base + a->value_off, a->value_len, base + b->value_off, b->value_len);
}

/* Query: pairs split on '&', names and values decoded then encoded again,
 * sorted by encoded name then value; a name without value keeps its '='. */
static gboolean
append_canonical_query (SdSigv4Signer  *self,
                        const char     *query,
                        GError        **error)
{
  GString *scratch = self->scratch;
  SdSigv4Param *items;
  const char *p = query;
  guint n;

  if (query == NULL || query[0] == '\0')
    return TRUE;

  scratch->len = 0;
  g_array_set_size (self->params, 0);
  for (; *p != '\0'; p += *p == '&')
    {
      const char *end = find_char (p, '&');
      const char *eq = memchr (p, '=', (gsize) (end - p));
      const char *value = eq != NULL ? eq + 1 : end;
      SdSigv4Param param;

      if (end == p)
        continue;
      param.name_off = scratch->len;
      if (!append_reencoded (scratch, p, (gsize) ((eq != NULL ? eq : end) - p), FALSE))
        goto bad_escape;
      param.name_len = scratch->len - param.name_off;
      param.value_off = scratch->len;
      if (!append_reencoded (scratch, value, (gsize) (end - value), FALSE))
        goto bad_escape;
      param.value_len = scratch->len - param.value_off;
      g_array_append_val (self->params, param);
      p = end;
    }

  /* Insertion sort: queries have a handful of parameters. */
  items = (SdSigv4Param *) (gpointer) self->params->data;
  n = self->params->len;
  for (guint i = 1; i < n; i++)
    {
      SdSigv4Param item = items[i];
      guint j = i;

      for (; j > 0 && compare_params (scratch->str, &items[j - 1], &item) > 0; j--)
        items[j] = items[j - 1];
      items[j] = item;
    }

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        put_c (self->creq, '&');
      put (self->creq, scratch->str + items[i].name_off, items[i].name_len);
      put_c (self->creq, '=');
      put (self->creq, scratch->str + items[i].value_off, items[i].value_len);
    }
  return TRUE;

bad_escape:
  return refuse (error, "its query has a malformed %-escape");
}

/* Headers a proxy or the HTTP stack may add, change or drop: botocore
 * leaves them unsigned, and so does this signer (and any old Authorization). */
static gboolean
is_unsigned_header (const char *lname, gsize len)
{
#define NAME(lit) { lit, sizeof lit - 1 }
  static const struct {
    const char *name;
    gsize       len;
  } names[] = {
    NAME ("te"), NAME ("expect"), NAME ("trailer"), NAME ("upgrade"), NAME ("connection"),
    NAME ("keep-alive"), NAME ("user-agent"), NAME ("authorization"), NAME ("x-amzn-trace-id"),
    NAME ("transfer-encoding"), NAME ("proxy-authenticate"), NAME ("proxy-authorization"),
  };
#undef NAME

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    if (names[i].len == len && memcmp (names[i].name, lname, len) == 0)
      return TRUE;
  return FALSE;
}

/* Trims @value and folds each inner run of white space into one space.
 * strspn()/strcspn() are vectorised: values are mostly one long run. */
#define WHITE_SPACE " \t\n\v\f\r"

static void
append_trimmed (GString *out, const char *value)
{
  const char *p = value + strspn (value, WHITE_SPACE);
  char *start = reserve (out, strlen (p));
  char *d = start;

  while (*p != '\0')
    {
      gsize run = strcspn (p, WHITE_SPACE);

      memcpy (d, p, run);
      d += run;
      p += run;
      p += strspn (p, WHITE_SPACE);
      if (*p != '\0')
        *d++ = ' ';
    }
  out->len += (gsize) (d - start);
}

#define NAME_IS(lit) (len == sizeof lit - 1 && memcmp (name, lit, sizeof lit - 1) == 0)

static gboolean
append_canonical_headers (SdSigv4Signer        *self,
                          const char * const   *headers,
                          const char           *amz_date,
                          const char          **content_sha256,
                          GError              **error)
{
  GString *out = self->creq;
  GString *names = self->names;
  GString *signed_headers = self->signed_headers;
  SdSigv4Header *items;
  gboolean have_host = FALSE;
  guint n;

  names->len = 0;
  g_array_set_size (self->headers, 0);
  for (gsize i = 0; headers != NULL && headers[i] != NULL; i += 2)
    {
      SdSigv4Header header = { names->len, strlen (headers[i]), headers[i + 1] };
      char *d = reserve (names, header.name_len);

      for (gsize k = 0; k < header.name_len; k++)
        {
          guint8 c = (guint8) headers[i][k];

          if (!tchar[c])
            header.name_len = 0;
          d[k] = (char) (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
        }
      if (header.value == NULL || header.name_len == 0)
        return refuse (error, "a header name is not an HTTP token or has no value");
      if (is_unsigned_header (d, header.name_len))
        continue;
      names->len += header.name_len;
      g_array_append_val (self->headers, header);
    }

  /* Stable insertion sort by lower-cased name: duplicates keep their order. */
  items = (SdSigv4Header *) (gpointer) self->headers->data;
  n = self->headers->len;
  for (guint i = 1; i < n; i++)
    {
      SdSigv4Header item = items[i];
      guint j = i;

      for (; j > 0 && compare_bytes (names->str + items[j - 1].name_off, items[j - 1].name_len,
                                     names->str + item.name_off, item.name_len) > 0; j--)
        items[j] = items[j - 1];
      items[j] = item;
    }

  signed_headers->len = 0;
  for (guint i = 0; i < n; i++)
    {
      const char *name = names->str + items[i].name_off;
      gsize len = items[i].name_len;

      if (i > 0 && compare_bytes (names->str + items[i - 1].name_off, items[i - 1].name_len,
                                  name, len) == 0)
        {
          put_c (out, ',');
          append_trimmed (out, items[i].value);
          continue;
        }
      if (i > 0)
        {
          put_c (out, '\n');
          put_c (signed_headers, ';');
        }
      put (signed_headers, name, len);
      put (out, name, len);
      put_c (out, ':');

      if (NAME_IS ("host"))
        have_host = TRUE;
      else if (NAME_IS ("x-amz-content-sha256"))
        *content_sha256 = items[i].value;
      else if (NAME_IS ("x-amz-date"))
        {
          gsize value_start = out->len;

          append_trimmed (out, items[i].value);
          if (out->len - value_start != 16 || memcmp (out->str + value_start, amz_date, 16) != 0)
            return refuse (error, "its X-Amz-Date header differs from the signing time");
          continue;
        }
      append_trimmed (out, items[i].value);
    }

  if (!have_host)
    return refuse (error, "it has no Host header");
  put_c (out, '\n');
  return TRUE;
}

#undef NAME_IS

static gboolean
is_valid_amz_date (const char *d)
{
  if (d == NULL || strlen (d) != 16 || d[8] != 'T' || d[15] != 'Z')
    return FALSE;
  for (guint i = 0; i < 15; i++)
    if (i != 8 && !g_ascii_isdigit (d[i]))
      return FALSE;
  return TRUE;
}

/* Region, service and access key go into the credential scope, which '/'
 * separates and the Authorization header's ',' and ' ' delimit. */
static gboolean
is_valid_scope_part (const char *s)
{
  if (s == NULL || s[0] == '\0')
    return FALSE;
  for (const char *p = s; *p != '\0'; p++)
    if ((guchar) *p <= ' ' || *p == '/' || *p == ',' || *p == 0x7f)
      return FALSE;
  return TRUE;
}

static gboolean
hmac_once (EVP_MAC_CTX  *ctx,
           const guint8 *key,
           gsize         key_len,
           const char   *data,
           guint8        out[SHA256_LEN])
{
  gsize out_len = 0;

  return EVP_MAC_init (ctx, key, key_len, NULL)
         && EVP_MAC_update (ctx, (const guint8 *) data, strlen (data))
         && EVP_MAC_final (ctx, out, &out_len, SHA256_LEN);
}

static void
cache_entry_clear (SdSigv4CacheEntry *entry)
{
  OPENSSL_cleanse (entry->secret_fp, sizeof entry->secret_fp);
  g_clear_pointer (&entry->region, g_free);
  g_clear_pointer (&entry->service, g_free);
  g_clear_pointer (&entry->mac, EVP_MAC_CTX_free);
  entry->date[0] = '\0';
  entry->last_used = 0;
}

/* Derives the signing key, an HMAC chain over date, region, service and
 * "aws4_request" from "AWS4" + secret; returns an HMAC context keyed with it. */
static EVP_MAC_CTX *
derive_signing_mac (SdSigv4Signer *self,
                    const char    *secret,
                    const char    *date,
                    const char    *region,
                    const char    *service)
{
  OSSL_PARAM params[] = {
    OSSL_PARAM_construct_utf8_string (OSSL_MAC_PARAM_DIGEST, (char *) "SHA256", 0),
    OSSL_PARAM_construct_end (),
  };
  EVP_MAC_CTX *ctx = EVP_MAC_CTX_new (self->hmac);
  gsize secret_len = strlen (secret);
  guint8 *k_secret = g_malloc (secret_len + 4);
  guint8 k1[SHA256_LEN], k2[SHA256_LEN];
  gboolean ok;

  memcpy (k_secret, "AWS4", 4);
  memcpy (k_secret + 4, secret, secret_len);
  ok = ctx != NULL
       && EVP_MAC_CTX_set_params (ctx, params)
       && hmac_once (ctx, k_secret, secret_len + 4, date, k1)
       && hmac_once (ctx, k1, SHA256_LEN, region, k2)
       && hmac_once (ctx, k2, SHA256_LEN, service, k1)
       && hmac_once (ctx, k1, SHA256_LEN, "aws4_request", k2)
       && EVP_MAC_init (ctx, k2, SHA256_LEN, NULL);

  OPENSSL_cleanse (k_secret, secret_len + 4);
  g_free (k_secret);
  OPENSSL_cleanse (k1, sizeof k1);
  OPENSSL_cleanse (k2, sizeof k2);
  if (!ok)
    g_clear_pointer (&ctx, EVP_MAC_CTX_free);
  return ctx;
}

static gboolean
sha256 (SdSigv4Signer *self,
        const void    *data,
        gsize          len,
        guint8         out[SHA256_LEN])
{
  unsigned int out_len = 0;

  return EVP_DigestInit_ex2 (self->md_ctx, self->sha256, NULL)
         && EVP_DigestUpdate (self->md_ctx, data, len)
         && EVP_DigestFinal_ex (self->md_ctx, out, &out_len);
}

/* The cache is keyed by a hash of the secret, so that the plaintext stays
 * with the caller only; least recently used entries make room. */
static EVP_MAC_CTX *
lookup_signing_mac (SdSigv4Signer *self,
                    const char    *secret,
                    const char    *date,
                    const char    *region,
                    const char    *service)
{
  SdSigv4CacheEntry *victim = &self->cache[0];
  SdSigv4CacheEntry *found = NULL;
  guint8 fp[SHA256_LEN];

  if (!sha256 (self, secret, strlen (secret), fp))
    return NULL;

  for (guint i = 0; i < CACHE_SIZE && found == NULL; i++)
    {
      SdSigv4CacheEntry *entry = &self->cache[i];

      if (entry->last_used == 0)
        victim = entry;
      else if (memcmp (entry->date, date, 8) == 0
               && CRYPTO_memcmp (entry->secret_fp, fp, SHA256_LEN) == 0
               && strcmp (entry->region, region) == 0
               && strcmp (entry->service, service) == 0)
        found = entry;
      else if (victim->last_used != 0 && entry->last_used < victim->last_used)
        victim = entry;
    }

  if (found == NULL)
    {
      found = victim;
      cache_entry_clear (found);
      memcpy (found->date, date, 8);
      found->mac = derive_signing_mac (self, secret, found->date, region, service);
      if (found->mac == NULL)
        {
          OPENSSL_cleanse (fp, sizeof fp);
          return NULL;
        }
      memcpy (found->secret_fp, fp, SHA256_LEN);
      found->region = g_strdup (region);
      found->service = g_strdup (service);
    }
  OPENSSL_cleanse (fp, sizeof fp);
  found->last_used = ++self->clock;
  return found->mac;
}

/* Public API */

/* Frees what sd_sigv4_sign() put into @result. */
void
sd_sigv4_result_clear (SdSigv4Result *result)
{
  /* It holds the session token (a signed header). */
  g_clear_pointer (&result->canonical_request, sd_aws_wipe_free);
  g_clear_pointer (&result->string_to_sign, g_free);
  g_clear_pointer (&result->signature, g_free);
  g_clear_pointer (&result->authorization, g_free);
  g_clear_pointer (&result->signed_headers, g_free);
}

/* Creates a signer with an empty signing-key cache. */
SdSigv4Signer *
sd_sigv4_signer_new (void)
{
  SdSigv4Signer *self = g_new0 (SdSigv4Signer, 1);

  self->sha256 = EVP_MD_fetch (NULL, "SHA256", NULL);
  self->hmac = EVP_MAC_fetch (NULL, "HMAC", NULL);
  self->md_ctx = EVP_MD_CTX_new ();
  if (self->sha256 == NULL || self->hmac == NULL || self->md_ctx == NULL)
    g_error ("OpenSSL offers no SHA-256 or HMAC: cannot sign AWS requests");

  self->creq = g_string_sized_new (2048);
  self->sts = g_string_sized_new (256);
  self->signed_headers = g_string_sized_new (256);
  self->auth = g_string_sized_new (512);
  self->names = g_string_sized_new (256);
  self->scratch = g_string_sized_new (256);
  self->headers = g_array_sized_new (FALSE, FALSE, sizeof (SdSigv4Header), 16);
  self->params = g_array_sized_new (FALSE, FALSE, sizeof (SdSigv4Param), 8);
  self->segments = g_array_sized_new (FALSE, FALSE, sizeof (gsize), 16);
  return self;
}

/* Frees @self and wipes the cached signing keys. */
void
sd_sigv4_signer_free (SdSigv4Signer *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < CACHE_SIZE; i++)
    cache_entry_clear (&self->cache[i]);
  EVP_MD_CTX_free (self->md_ctx);
  EVP_MD_free (self->sha256);
  EVP_MAC_free (self->hmac);
  /* The canonical request held the session token. */
  OPENSSL_cleanse (self->creq->str, self->creq->allocated_len);
  g_string_free (self->creq, TRUE);
  g_string_free (self->sts, TRUE);
  g_string_free (self->signed_headers, TRUE);
  g_string_free (self->auth, TRUE);
  g_string_free (self->names, TRUE);
  g_string_free (self->scratch, TRUE);
  g_array_unref (self->headers);
  g_array_unref (self->params);
  g_array_unref (self->segments);
  g_free (self);
}

/* Signs @request with SigV4 and fills @result. */
gboolean
sd_sigv4_sign (SdSigv4Signer         *self,
               const SdSigv4Request  *request,
               const char            *access_key_id,
               const char            *secret_access_key,
               const char            *region,
               const char            *service,
               const char            *amz_date,
               SdSigv4Flags           flags,
               SdSigv4Result         *result,
               GError               **error)
{
  GString *creq = self->creq;
  GString *sts = self->sts;
  GString *auth = self->auth;
  const char *content_sha256 = NULL;
  guint8 digest[SHA256_LEN];
  char hex[SHA256_HEX_LEN + 1];
  gsize digest_len = 0;
  gsize scope_start, scope_end;
  EVP_MAC_CTX *mac;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (request != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (result, 0, sizeof *result);
  if (!is_valid_scope_part (request->method))
    return refuse (error, "it has no HTTP method");
  if (!is_valid_amz_date (amz_date))
    return refuse (error, "the date is not like 20150830T123600Z");
  if (!is_valid_scope_part (access_key_id) || secret_access_key == NULL
      || secret_access_key[0] == '\0' || !is_valid_scope_part (region)
      || !is_valid_scope_part (service))
    return refuse (error, "the access key, secret, region or service is missing or malformed");

  /* Canonical request */
  creq->len = 0;
  for (const char *p = request->method; *p != '\0'; p++)
    put_c (creq, g_ascii_toupper (*p));
  put_c (creq, '\n');
  if (!append_canonical_path (self, request->path, flags, error))
    return FALSE;
  put_c (creq, '\n');
  if (!append_canonical_query (self, request->query, error))
    return FALSE;
  put_c (creq, '\n');
  if (!append_canonical_headers (self, request->headers, amz_date, &content_sha256, error))
    return FALSE;
  put_c (creq, '\n');
  put (creq, self->signed_headers->str, self->signed_headers->len);
  put_c (creq, '\n');

  if (flags & SD_SIGV4_UNSIGNED_PAYLOAD)
    put_str (creq, "UNSIGNED-PAYLOAD");
  else if (request->payload_hash != NULL)
    put_str (creq, request->payload_hash);
  else if (content_sha256 != NULL)
    append_trimmed (creq, content_sha256);
  else if (request->body_len == 0)
    put_str (creq, EMPTY_SHA256_HEX);
  else if (request->body != NULL && sha256 (self, request->body, request->body_len, digest))
    {
      hex_encode (digest, SHA256_LEN, hex);
      put (creq, hex, SHA256_HEX_LEN);
    }
  else
    goto crypto_failed;

  /* String to sign */
  if (!sha256 (self, creq->str, creq->len, digest))
    goto crypto_failed;
  sts->len = 0;
  put_str (sts, ALGORITHM "\n");
  put (sts, amz_date, 16);
  put_c (sts, '\n');
  scope_start = sts->len;
  put (sts, amz_date, 8);
  put_c (sts, '/');
  put_str (sts, region);
  put_c (sts, '/');
  put_str (sts, service);
  put_str (sts, "/aws4_request");
  scope_end = sts->len;
  put_c (sts, '\n');
  hex_encode (digest, SHA256_LEN, hex);
  put (sts, hex, SHA256_HEX_LEN);

  /* Signature */
  mac = lookup_signing_mac (self, secret_access_key, amz_date, region, service);
  if (mac == NULL
      || !EVP_MAC_init (mac, NULL, 0, NULL)
      || !EVP_MAC_update (mac, (const guint8 *) sts->str, sts->len)
      || !EVP_MAC_final (mac, digest, &digest_len, sizeof digest))
    goto crypto_failed;
  hex_encode (digest, SHA256_LEN, hex);

  auth->len = 0;
  put_str (auth, ALGORITHM " Credential=");
  put_str (auth, access_key_id);
  put_c (auth, '/');
  put (auth, sts->str + scope_start, scope_end - scope_start);
  put_str (auth, ", SignedHeaders=");
  put (auth, self->signed_headers->str, self->signed_headers->len);
  put_str (auth, ", Signature=");
  put (auth, hex, SHA256_HEX_LEN);

  result->canonical_request = g_strndup (creq->str, creq->len);
  result->string_to_sign = g_strndup (sts->str, sts->len);
  result->signature = g_strndup (hex, SHA256_HEX_LEN);
  result->authorization = g_strndup (auth->str, auth->len);
  result->signed_headers = g_strndup (self->signed_headers->str, self->signed_headers->len);
  return TRUE;

crypto_failed:
  return refuse (error, "the OpenSSL library failed");
}

/* Lower-case hex SHA-256 of @data. */
char *
sd_sigv4_sha256_hex (const guint8 *data,
                     gsize         len)
{
  guint8 digest[SHA256_LEN];
  unsigned int digest_len = 0;
  char *hex = g_malloc (SHA256_HEX_LEN + 1);

  if (!EVP_Digest (data, len, digest, &digest_len, EVP_sha256 (), NULL))
    g_error ("OpenSSL failed to compute a SHA-256");
  hex_encode (digest, SHA256_LEN, hex);
  return hex;
}

/* "20150830T123600Z" for @unix_time (UTC). */
char *
sd_sigv4_format_amz_date (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_time);

  if (dt == NULL)
    return NULL;
  return g_date_time_format (dt, "%Y%m%dT%H%M%SZ");
}

/* RFC 3986 percent-encoding of all but the unreserved characters. */
char *
sd_sigv4_uri_encode (const char *s,
                     gssize      len,
                     gboolean    keep_slash)
{
  GString *out;

  g_return_val_if_fail (s != NULL || len == 0, NULL);

  if (len < 0)
    len = (gssize) strlen (s);
  out = g_string_sized_new ((gsize) len * 3 + 1);
  append_encoded (out, s, (gsize) len, keep_slash);
  out->str[out->len] = '\0';
  return g_string_free (out, FALSE);
}
