/* sd-aws-proxy.c — the proxy variables AWS tools honour
 *
 * The AWS CLI and SDKs take their proxy from HTTPS_PROXY, HTTP_PROXY and
 * NO_PROXY. GIO's default resolver reads them only through libproxy; on a
 * GNOME desktop glib-networking's GNOME resolver wins and follows the
 * desktop's settings alone. So when a variable is set it is applied here,
 * with a GSimpleProxyResolver, and the desktop's settings otherwise.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sd-aws-proxy.h"

/* Auxiliary functions */

static const char *
getenv_either (const char * const *envp,
               const char         *lower,
               const char         *upper)
{
  const char *value = g_environ_getenv ((char **) envp, lower);

  if (value == NULL || *value == '\0')
    value = g_environ_getenv ((char **) envp, upper);
  return value != NULL && *value != '\0' ? value : NULL;
}

/* "proxy:3128" means http://proxy:3128, as for curl and Python's requests. */
static char *
proxy_uri (const char *value)
{
  if (strstr (value, "://") != NULL)
    return g_strdup (value);
  return g_strconcat ("http://", value, NULL);
}

/* NO_PROXY's comma-separated hosts, domains (".example.com" or
 * "example.com", subdomains included) and addresses, as ignore-hosts. */
static char **
ignore_hosts (const char *no_proxy,
              gboolean   *all)
{
  g_auto(GStrv) parts = g_strsplit (no_proxy != NULL ? no_proxy : "", ",", -1);
  g_autoptr(GStrvBuilder) out = g_strv_builder_new ();

  *all = FALSE;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *entry = g_strstrip (parts[i]);

      if (strcmp (entry, "*") == 0)
        *all = TRUE;
      else if (*entry != '\0')
        g_strv_builder_add (out, entry);
    }
  return g_strv_builder_end (out);
}

/* Public API */

GProxyResolver *
sd_aws_proxy_resolver_new_from_environ (const char * const *envp)
{
  const char *https = getenv_either (envp, "https_proxy", "HTTPS_PROXY");
  const char *http = getenv_either (envp, "http_proxy", "HTTP_PROXY");
  g_auto(GStrv) ignore = NULL;
  GProxyResolver *resolver;
  gboolean all;

  if (https == NULL && http == NULL)
    return NULL;

  ignore = ignore_hosts (getenv_either (envp, "no_proxy", "NO_PROXY"), &all);
  resolver = g_simple_proxy_resolver_new (NULL, ignore);
  if (all)
    return resolver;  /* no proxy for anything: direct:// */
  if (https != NULL)
    {
      g_autofree char *uri = proxy_uri (https);
      g_simple_proxy_resolver_set_uri_proxy (G_SIMPLE_PROXY_RESOLVER (resolver), "https", uri);
    }
  if (http != NULL)
    {
      g_autofree char *uri = proxy_uri (http);
      g_simple_proxy_resolver_set_uri_proxy (G_SIMPLE_PROXY_RESOLVER (resolver), "http", uri);
    }
  return resolver;
}
