/* test-proxy.c — the proxy variables: which URL goes through which proxy
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sd-aws-proxy.h"

/* The first proxy @envp's resolver gives for @uri ("none" without a resolver). */
static char *
proxy_for (const char * const *envp,
           const char         *uri)
{
  g_autoptr(GProxyResolver) resolver = sd_aws_proxy_resolver_new_from_environ (envp);
  g_auto(GStrv) proxies = NULL;
  g_autoptr(GError) error = NULL;

  if (resolver == NULL)
    return g_strdup ("none");
  proxies = g_proxy_resolver_lookup (resolver, uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (proxies[0]);
  return g_strdup (proxies[0]);
}

#define assert_proxy(envp, uri, expected) \
  G_STMT_START { \
    g_autofree char *got_ = proxy_for (envp, uri); \
    g_assert_cmpstr (got_, ==, expected); \
  } G_STMT_END

static void
test_none_set (void)
{
  const char *envp[] = { "NO_PROXY=example.com", "PATH=/usr/bin", NULL };

  /* No proxy variable: the desktop's settings (GIO's default resolver). */
  assert_proxy (envp, "https://email.us-east-1.amazonaws.com/", "none");
}

static void
test_by_scheme (void)
{
  const char *envp[] = { "HTTPS_PROXY=http://proxy.corp:3128", "http_proxy=plain:8080", NULL };

  assert_proxy (envp, "https://email.us-east-1.amazonaws.com/", "http://proxy.corp:3128");
  /* Without a scheme: http://, as for curl. */
  assert_proxy (envp, "http://127.0.0.1:4566/", "http://plain:8080");
}

static void
test_https_only (void)
{
  const char *envp[] = { "https_proxy=http://proxy.corp:3128", NULL };

  assert_proxy (envp, "http://127.0.0.1:4566/", "direct://");
}

static void
test_lower_case_first (void)
{
  const char *envp[] = { "HTTPS_PROXY=http://upper:1", "https_proxy=http://lower:2", NULL };

  assert_proxy (envp, "https://support.us-east-1.amazonaws.com/", "http://lower:2");
}

static void
test_no_proxy (void)
{
  const char *envp[] = { "HTTPS_PROXY=http://proxy.corp:3128",
                         "no_proxy= .internal.example, amazonaws.com.cn ,127.0.0.1,,", NULL };

  assert_proxy (envp, "https://a.internal.example/", "direct://");
  /* A domain takes its subdomains. */
  assert_proxy (envp, "https://email.cn-north-1.amazonaws.com.cn/", "direct://");
  assert_proxy (envp, "https://127.0.0.1:4566/", "direct://");
  assert_proxy (envp, "https://email.us-east-1.amazonaws.com/", "http://proxy.corp:3128");
}

static void
test_no_proxy_all (void)
{
  const char *envp[] = { "HTTPS_PROXY=http://proxy.corp:3128", "NO_PROXY=*", NULL };

  assert_proxy (envp, "https://email.us-east-1.amazonaws.com/", "direct://");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/proxy/none-set", test_none_set);
  g_test_add_func ("/proxy/by-scheme", test_by_scheme);
  g_test_add_func ("/proxy/https-only", test_https_only);
  g_test_add_func ("/proxy/lower-case-first", test_lower_case_first);
  g_test_add_func ("/proxy/no-proxy", test_no_proxy);
  g_test_add_func ("/proxy/no-proxy-all", test_no_proxy_all);
  return g_test_run ();
}
