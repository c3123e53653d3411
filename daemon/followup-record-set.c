/* followup-record-set.c: the records of one file, by position and by id;
 * shared by reference, copied for a batch of edits */
#include "config.h"

#define G_LOG_DOMAIN "followup-record-set"

#include "followup-check.h"
#include "followup-i18n.h"
#include "followup-record-set.h"

FollowupRecordSet *
followup_record_set_new (FollowupPolicy *policy)
{
  FollowupRecordSet *set = g_new0 (FollowupRecordSet, 1);

  g_atomic_ref_count_init (&set->ref);
  set->policy = policy ? policy : followup_policy_new_default ();
  set->records = g_ptr_array_new_with_free_func ((GDestroyNotify) followup_record_unref);
  set->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  set->me = g_variant_ref_sink (g_variant_new ("a{sv}", NULL));
  return set;
}

FollowupRecordSet *
followup_record_set_ref (FollowupRecordSet *set)
{
  g_atomic_ref_count_inc (&set->ref);
  return set;
}

void
followup_record_set_unref (FollowupRecordSet *set)
{
  if (set == NULL || !g_atomic_ref_count_dec (&set->ref))
    return;
  followup_policy_free (set->policy);
  g_hash_table_unref (set->by_id);
  g_ptr_array_unref (set->records);
  g_variant_unref (set->me);
  g_free (set);
}

FollowupRecord *
followup_record_set_lookup (FollowupRecordSet *set, const char *id)
{
  return id ? g_hash_table_lookup (set->by_id, id) : NULL;
}

#define MAX_MADE_ID 40 /* bytes; the -N of a taken id still fits the 64 of check_id */

/* letters and digits lower-cased, every run of anything else one "-";
 * unicode: keep any script's letters, else ASCII only */
static void
append_slug (GString *id, const char *text, gboolean unicode)
{
  for (const char *p = text; *p && id->len < MAX_MADE_ID; p = g_utf8_next_char (p)) {
    gunichar c = g_utf8_get_char (p);
    char buf[6];
    gint n;

    if (unicode ? g_unichar_isalnum (c) : (c < 0x80 && g_ascii_isalnum ((char) c))) {
      n = g_unichar_to_utf8 (g_unichar_tolower (c), buf);
      if (id->len + n > MAX_MADE_ID)
        break;
      g_string_append_len (id, buf, n);
    } else if (id->len > 0 && id->str[id->len - 1] != '-') {
      g_string_append_c (id, '-');
    }
  }
  while (id->len > 0 && id->str[id->len - 1] == '-')
    g_string_truncate (id, id->len - 1);
}

/* one part of an id: Latin letters as ASCII ("Zürich" -> "zurich"); a name
 * with none keeps its own script ("株式会社"), so it still reads as itself */
static void
append_part (GString *id, const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text ? text : "", -1);
  g_autofree char *ascii = g_str_to_ascii (valid, "C");
  gsize before = id->len;
  gsize start = before > 0 ? before + 1 : 0; /* after the "-" that joins the parts */

  if (before > 0)
    g_string_append_c (id, '-');
  append_slug (id, ascii, FALSE);
  if (id->len <= start) {
    g_string_truncate (id, before);
    if (before > 0)
      g_string_append_c (id, '-');
    append_slug (id, valid, TRUE);
  }
  if (id->len <= start)
    g_string_truncate (id, before);
}

/* "Acme Corp", "Data Analyst" -> "acme-corp-data-analyst" */
char *
followup_make_id (const char *company, const char *role)
{
  GString *id = g_string_new (NULL);

  append_part (id, company);
  append_part (id, role);
  if (id->len == 0)
    g_string_append (id, "interview");
  return g_string_free (id, FALSE);
}

/* "acme-corp-data-analyst", or "acme-corp-data-analyst-2" when taken */
char *
followup_unique_id (GHashTable *taken, const char *company, const char *role)
{
  g_autofree char *base = followup_make_id (company, role);
  char *id = g_strdup (base);

  for (int n = 2; g_hash_table_contains (taken, id); n++) {
    g_free (id);
    id = g_strdup_printf ("%s-%d", base, n);
  }
  return id;
}

char *
followup_record_set_unique_id (FollowupRecordSet *set, const char *company, const char *role)
{
  return followup_unique_id (set->by_id, company, role);
}

/* a new set sharing every record; the policy is copied by ref of its dict,
 * so changes to the copy leave the old set intact for its readers */
FollowupRecordSet *
followup_record_set_copy (FollowupRecordSet *set)
{
  g_autoptr (FollowupPolicy) policy =
    followup_policy_new_from_variant (set->policy->dict, NULL, NULL);
  FollowupRecordSet *copy = followup_record_set_new (g_steal_pointer (&policy));

  g_variant_unref (copy->me);
  copy->me = g_variant_ref (set->me);

  for (guint i = 0; i < set->records->len; i++) {
    FollowupRecord *r = g_ptr_array_index (set->records, i);

    g_ptr_array_add (copy->records, followup_record_ref (r));
    g_hash_table_insert (copy->by_id, r->id, r);
  }
  return copy;
}

/* `record` replaces the one with `id`, is appended when `id` is NULL, or
 * the one with `id` goes when `record` is NULL; in place, so only on a set
 * no reader holds yet (a batch's own copy): a burst of edits costs one
 * copy, not one per edit */
void
followup_record_set_apply (FollowupRecordSet *set, const char *id, FollowupRecord *record)
{
  FollowupRecord *old = followup_record_set_lookup (set, id);
  guint index;

  if (old == NULL || !g_ptr_array_find (set->records, old, &index)) {
    if (id == NULL && record != NULL) {
      g_ptr_array_add (set->records, followup_record_ref (record));
      g_hash_table_insert (set->by_id, record->id, record);
    }
    return;
  }
  /* the table borrows the id from the record: out before the record goes */
  g_hash_table_remove (set->by_id, id);
  if (record == NULL) {
    g_ptr_array_remove_index (set->records, index);
    return;
  }
  set->records->pdata[index] = followup_record_ref (record);
  g_hash_table_insert (set->by_id, record->id, record);
  followup_record_unref (old);
}

static const char *const me_keys[] = { "name", "phone", "email", NULL };

gboolean
followup_record_set_set_me (FollowupRecordSet *set, GVariant *dict, char **bad_key, GError **error)
{
  g_autoptr (GVariant) owned = g_variant_ref_sink (dict);
  g_auto (FollowupCheck) check = { 0 };
  g_auto (FollowupGroup) group = { 0 };
  const char *text;
  gboolean ok;

  followup_group_init (&group, &check, owned, NULL, 0);
  ok = followup_group_keys (&group, me_keys, _ ("me"));
  for (guint i = 0; ok && me_keys[i] != NULL; i++)
    ok = followup_group_text (&group, me_keys[i], FOLLOWUP_TEXT_OPTIONAL, &text);
  if (!ok) {
    followup_check_finish (&check, bad_key, error);
    return FALSE;
  }
  g_variant_unref (set->me);
  set->me = g_steal_pointer (&owned);
  return TRUE;
}
