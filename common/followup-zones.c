/* followup-zones.c: the zone name a person most likely meant
 *
 * tzdata's own index (tzdata.zi) lists every zone ("Z Asia/Tokyo …") and
 * every old name ("L Asia/Tokyo Japan"); the nearest by edit distance,
 * ignoring case, wins, comparing the whole name or the city alone. Only
 * read when a name was refused: a typo is rare, a start is not. */
#include "config.h"

#include <string.h>

#include "followup-zones.h"

#define MAX_NAME 64

typedef struct {
  char *best;
  guint score; /* lower is nearer */
} Nearest;

/* optimal string alignment distance: a swap of two letters is one typo */
static guint
distance (const char *a, const char *b)
{
  gsize n = strlen (a), m = strlen (b);
  guint d[MAX_NAME + 1][MAX_NAME + 1];

  if (n > MAX_NAME || m > MAX_NAME)
    return G_MAXUINT;
  for (gsize i = 0; i <= n; i++)
    d[i][0] = i;
  for (gsize j = 0; j <= m; j++)
    d[0][j] = j;
  for (gsize i = 1; i <= n; i++) {
    for (gsize j = 1; j <= m; j++) {
      guint cost = a[i - 1] != b[j - 1];

      d[i][j] = MIN (MIN (d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = MIN (d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[n][m];
}

/* "New York" is typed as often as New_York */
static char *
fold (const char *text)
{
  char *s = g_ascii_strdown (text, -1);

  g_strdelimit (s, " ", '_');
  return s;
}

static void
consider (Nearest *n, const char *wanted, const char *candidate, gboolean canonical)
{
  g_autofree char *folded = fold (candidate);
  const char *city = strrchr (folded, '/');
  guint d = distance (wanted, folded);
  guint score;

  if (city != NULL && strchr (wanted, '/') == NULL)
    d = MIN (d, distance (wanted, city + 1));
  /* a real zone before an old alias at the same distance */
  score = d * 2 + (canonical ? 0 : 1);
  if (n->best == NULL || score < n->score) {
    g_free (n->best);
    n->best = g_strdup (candidate);
    n->score = score;
  }
}

static char *
read_index (void)
{
  const char *dir = g_getenv ("TZDIR");
  g_autofree char *path =
    g_build_filename (dir && *dir ? dir : "/usr/share/zoneinfo", "tzdata.zi", NULL);
  char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return NULL;
  return text;
}

char *
followup_zone_suggest (const char *name)
{
  g_autofree char *index = NULL;
  g_autofree char *wanted = NULL;
  g_auto (GStrv) lines = NULL;
  Nearest n = { 0 };
  guint allowed;

  if (name == NULL || *name == '\0' || strlen (name) > MAX_NAME ||
      !g_utf8_validate (name, -1, NULL))
    return NULL;
  if ((index = read_index ()) == NULL)
    return NULL;
  wanted = fold (name);
  lines = g_strsplit (index, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++) {
    g_auto (GStrv) f = NULL;

    if (lines[i][0] != 'Z' && lines[i][0] != 'L')
      continue;
    f = g_strsplit (lines[i], " ", 4);
    if (f[1] == NULL)
      continue;
    if (lines[i][0] == 'Z')
      consider (&n, wanted, f[1], TRUE);
    else if (f[2] != NULL)
      consider (&n, wanted, f[2], FALSE);
  }
  /* one typo in a short name, two in a longer one; a guess beyond is noise */
  allowed = strlen (wanted) >= 8 ? 2 : 1;
  if (n.best != NULL && n.score / 2 <= allowed)
    return n.best;
  g_free (n.best);
  return NULL;
}
