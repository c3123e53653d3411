/* followup-catalog.c: reading a GNU .mo file
 *
 * libintl cannot be asked for a language other than the process's, and no
 * other library in Debian reads .mo files from C; the format is small and
 * fixed (the gettext manual, "The Format of GNU MO Files"): a header, then
 * two tables of (length, offset) pairs, the msgids sorted and the
 * translations in the same order. Only what a draft asks for is needed:
 * singular messages, with or without context, found by binary search */
#include "config.h"

#include <string.h>

#include "followup-catalog.h"
#include "followup-i18n.h"

#define MO_MAGIC 0x950412deU
#define MO_MAGIC_SWAPPED 0xde120495U

struct _FollowupCatalog {
  GMappedFile *file;
  const char *data;
  gsize size;
  gboolean swapped;
  guint32 n, originals, translations;
};

static guint32
word (const FollowupCatalog *cat, gsize offset)
{
  guint32 w;

  memcpy (&w, cat->data + offset, sizeof w);
  return cat->swapped ? GUINT32_SWAP_LE_BE (w) : w;
}

/* entry i of a table, NULL when it does not lie inside the file or is not
 * NUL-terminated: a broken catalogue is a missing one, not a crash */
static const char *
string_at (const FollowupCatalog *cat, guint32 table, guint32 i, guint32 *len)
{
  gsize at = (gsize) table + (gsize) i * 8;
  guint32 offset;

  if (at + 8 > cat->size)
    return NULL;
  *len = word (cat, at);
  offset = word (cat, at + 4);
  if ((gsize) offset + *len >= cat->size || cat->data[offset + *len] != '\0')
    return NULL;
  return cat->data + offset;
}

static FollowupCatalog *
catalog_load (const char *path)
{
  g_autoptr (GMappedFile) file = g_mapped_file_new (path, FALSE, NULL);
  FollowupCatalog *cat;
  guint32 magic;

  if (file == NULL || g_mapped_file_get_length (file) < 20)
    return NULL;
  cat = g_new0 (FollowupCatalog, 1);
  cat->data = g_mapped_file_get_contents (file);
  cat->size = g_mapped_file_get_length (file);
  memcpy (&magic, cat->data, sizeof magic);
  cat->swapped = magic == MO_MAGIC_SWAPPED;
  if (magic != MO_MAGIC && !cat->swapped) {
    g_warning ("%s is not a gettext catalogue", path);
    g_free (cat);
    return NULL;
  }
  cat->n = word (cat, 8);
  cat->originals = word (cat, 12);
  cat->translations = word (cat, 16);
  cat->file = g_steal_pointer (&file);
  g_debug ("%s: %u messages", path, cat->n);
  return cat;
}

/* the variants of a language tag, most exact first: "pt-BR" -> pt_BR, pt */
static FollowupCatalog *
catalog_find (const char *language)
{
  g_autofree char *tag = g_strdelimit (g_strdup (language), "-", '_');
  g_auto (GStrv) variants = g_get_locale_variants (tag);

  for (int i = 0; variants[i] != NULL; i++) {
    g_autofree char *path = g_build_filename (followup_i18n_localedir (), variants[i],
                                              "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
    FollowupCatalog *cat;

    if (g_str_equal (variants[i], "en") || g_str_has_prefix (variants[i], "en_"))
      return NULL;
    if ((cat = catalog_load (path)) != NULL)
      return cat;
  }
  return NULL;
}

FollowupCatalog *
followup_catalog_get (const char *language)
{
  /* kept for the life of the process: a few languages at most, each a
   * mapped file the kernel shares with every other followup process */
  static GHashTable *loaded;
  G_LOCK_DEFINE_STATIC (loaded);
  FollowupCatalog *cat;

  if (language == NULL || *language == '\0')
    return NULL;
  G_LOCK (loaded);
  if (loaded == NULL)
    loaded = g_hash_table_new (g_str_hash, g_str_equal);
  if (!g_hash_table_lookup_extended (loaded, language, NULL, (gpointer *) &cat)) {
    cat = catalog_find (language);
    g_hash_table_insert (loaded, g_strdup (language), cat);
  }
  G_UNLOCK (loaded);
  return cat;
}

/* the msgids are sorted by strcmp over their bytes, the context first and
 * an EOT between the two */
static const char *
lookup (const FollowupCatalog *cat, const char *key)
{
  guint32 lo = 0, hi = cat->n;

  while (lo < hi) {
    guint32 mid = lo + (hi - lo) / 2;
    guint32 len;
    const char *id = string_at (cat, cat->originals, mid, &len);
    int cmp;

    if (id == NULL)
      return NULL;
    cmp = strcmp (key, id);
    if (cmp == 0)
      return string_at (cat, cat->translations, mid, &len);
    if (cmp < 0)
      hi = mid;
    else
      lo = mid + 1;
  }
  return NULL;
}

const char *
followup_catalog_pgettext (FollowupCatalog *cat, const char *context, const char *msgid)
{
  g_autofree char *key = NULL;
  const char *found;

  if (cat == NULL)
    return msgid;
  key = context ? g_strconcat (context, "\004", msgid, NULL) : g_strdup (msgid);
  found = lookup (cat, key);
  return found != NULL && *found != '\0' ? found : msgid;
}
