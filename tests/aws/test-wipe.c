/* test-wipe.c — copies of secrets are wiped before they are freed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each case runs in a child process with MALLOC_PERTURB_=0 (freed memory
 * keeps its bytes, as it does in the app), hands a secret to the code
 * under test, frees everything, then searches the process's writable
 * memory for the secret. The secret exists in the test only XOR-masked, and
 * the test wipes its own unmasked copies.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "sd-aws-io.h"
#include "sd-sigv4.h"

#define MASK 0x5A

/* "SECRETTOKEN-7f3a9c21-wipe-me" XOR MASK: never in memory unmasked but in the copies under test. */
static const guint8 masked_secret[] = {
  0x09, 0x1f, 0x19, 0x08, 0x1f, 0x0e, 0x0e, 0x15, 0x11, 0x1f, 0x14, 0x77, 0x6d, 0x3c, 0x69, 0x3b,
  0x63, 0x39, 0x68, 0x6b, 0x77, 0x2d, 0x33, 0x2a, 0x3f, 0x77, 0x37, 0x3f,
};

static char *
unmask_secret (void)
{
  char *secret = g_malloc (sizeof masked_secret + 1);

  for (gsize i = 0; i < sizeof masked_secret; i++)
    secret[i] = masked_secret[i] ^ MASK;
  secret[sizeof masked_secret] = '\0';
  return secret;
}

/* The end of the secret is searched for: a freed block's first bytes are
 * the allocator's own (glibc's tcache keeps two pointers there). */
#define NEEDLE_OFFSET 16
#define NEEDLE_LEN    (sizeof masked_secret - NEEDLE_OFFSET)

/* Whether the secret is anywhere in the process's writable memory. */
static gboolean
secret_in_memory (void)
{
  FILE *maps = fopen ("/proc/self/maps", "r");
  char line[512];
  gboolean found = FALSE;

  g_assert_nonnull (maps);
  while (!found && fgets (line, sizeof line, maps) != NULL)
    {
      unsigned long start, end;
      char perms[8] = "";
      char path[256] = "";

      if (sscanf (line, "%lx-%lx %7s %*s %*s %*s %255s", &start, &end, perms, path) < 3)
        continue;
      if (strncmp (perms, "rw", 2) != 0 || (path[0] != '\0' && strcmp (path, "[heap]") != 0))
        continue;
      for (const guint8 *p = (const guint8 *) start; p + NEEDLE_LEN <= (const guint8 *) end; p++)
        {
          gsize i = 0;

          while (i < NEEDLE_LEN && (p[i] ^ MASK) == masked_secret[NEEDLE_OFFSET + i])
            i++;
          if (i == NEEDLE_LEN)
            {
              found = TRUE;
              break;
            }
        }
    }
  fclose (maps);
  return found;
}

/* Runs @name's child case; it fails when the secret is found. */
static void
run_in_child (const char *name)
{
  g_autofree char *path = g_strdup_printf ("/wipe/%s/subprocess", name);

  g_setenv ("MALLOC_PERTURB_", "0", TRUE);
  g_test_trap_subprocess (path, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* The canonical request holds the session token (a signed header). */
static void
child_canonical_request (void)
{
  char *token = unmask_secret ();
  const char *headers[] = { "Host", "email.us-east-1.amazonaws.com", "X-Amz-Date", "20240101T000000Z",
                            "X-Amz-Security-Token", token, NULL };
  SdSigv4Request request = { .method = "GET", .path = "/v2/email/account", .headers = headers };
  SdSigv4Result result = { 0 };
  g_autoptr(GError) error = NULL;
  SdSigv4Signer *signer = sd_sigv4_signer_new ();

  g_assert_true (sd_sigv4_sign (signer, &request, "AKIDEXAMPLE", "secret", "us-east-1", "ses",
                                "20240101T000000Z", SD_SIGV4_FLAGS_NONE, &result, &error));
  g_assert_nonnull (strstr (result.canonical_request, "x-amz-security-token:"));
  sd_sigv4_result_clear (&result);
  sd_sigv4_signer_free (signer);
  sd_aws_wipe_free (token);
  g_assert_false (secret_in_memory ());
}

/* The reader's answer bytes, dropped with the wiping unref. */
static void
child_bytes (void)
{
  char *secret = unmask_secret ();
  char *json = g_strdup_printf ("{\"SecretAccessKey\": \"%s\"}", secret);
  GBytes *bytes = g_bytes_new_take (json, strlen (json));

  sd_aws_wipe_free (secret);
  sd_aws_wipe_bytes_unref (bytes);
  g_assert_false (secret_in_memory ());
}

/* The search finds a secret left in freed memory: the cases above can fail. */
static void
child_search_works (void)
{
  char *secret = unmask_secret ();

  g_free (secret);
  g_assert_true (secret_in_memory ());
}

static void test_canonical_request (void) { run_in_child ("canonical-request"); }
static void test_bytes (void) { run_in_child ("bytes"); }
static void test_search_works (void) { run_in_child ("search-works"); }

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/wipe/canonical-request", test_canonical_request);
  g_test_add_func ("/wipe/canonical-request/subprocess", child_canonical_request);
  g_test_add_func ("/wipe/bytes", test_bytes);
  g_test_add_func ("/wipe/bytes/subprocess", child_bytes);
  g_test_add_func ("/wipe/search-works", test_search_works);
  g_test_add_func ("/wipe/search-works/subprocess", child_search_works);
  return g_test_run ();
}
