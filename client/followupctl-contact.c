/* followupctl-contact.c: followupctl contact ID add|edit|rm NAME — the
 * people of an interview, one at a time */
#include "config.h"

#include <string.h>

#include "followup-i18n.h"
#include "followupctl-commands.h"
#include "followupctl-contact.h"

typedef struct {
  char *email;
  char *phone;
  char *prefers;
  char *tz;
} ContactOptions;

static void
contact_options_clear (ContactOptions *o)
{
  g_free (o->email);
  g_free (o->phone);
  g_free (o->prefers);
  g_free (o->tz);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ContactOptions, contact_options_clear)

static const char *const fields[] = { "email", "phone", "prefers", "timezone" };

static const char *const *
option_values (const ContactOptions *o, const char *values[4])
{
  values[0] = o->email;
  values[1] = o->phone;
  values[2] = o->prefers;
  values[3] = o->tz;
  return values;
}

/* the contact with its fields changed: a value replaces, "" removes */
static GVariant *
edited_contact (GVariant *old, const char *name, const ContactOptions *o)
{
  g_auto (GVariantDict) dict;
  const char *values[4];

  g_variant_dict_init (&dict, old);
  g_variant_dict_insert (&dict, "name", "s", name);
  option_values (o, values);
  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++) {
    if (values[i] == NULL)
      continue;
    if (*values[i] == '\0')
      g_variant_dict_remove (&dict, fields[i]);
    else
      g_variant_dict_insert (&dict, fields[i], "s", values[i]);
  }
  return g_variant_dict_end (&dict);
}

/* events and rounds that name the person: a removal would leave them
 * pointing at nobody */
static guint
mentions (GVariant *record, const char *name)
{
  g_autoptr (GVariant) events =
    g_variant_lookup_value (record, "events", G_VARIANT_TYPE ("aa{sv}"));
  g_autoptr (GVariant) rounds =
    g_variant_lookup_value (record, "rounds", G_VARIANT_TYPE ("aa{sv}"));
  guint n = 0;

  for (gsize i = 0; events != NULL && i < g_variant_n_children (events); i++) {
    g_autoptr (GVariant) e = g_variant_get_child_value (events, i);

    n += g_strcmp0 (followupctl_lookup_string (e, "contact"), name) == 0;
  }
  for (gsize i = 0; rounds != NULL && i < g_variant_n_children (rounds); i++) {
    g_autoptr (GVariant) r = g_variant_get_child_value (rounds, i);
    g_autofree const char **with = NULL;

    if (g_variant_lookup (r, "with", "^a&s", &with))
      n += g_strv_contains (with, name);
  }
  return n;
}

/* the record's contacts with the people in added (aa{sv}) after them; NULL
 * with a usage error if one of them is a contact already */
GVariant *
followupctl_contacts_adding (GVariant *record, GVariant *added, GError **error)
{
  g_autoptr (GVariant) owned = g_variant_ref_sink (added);
  g_autoptr (GVariant) old = g_variant_lookup_value (record, "contacts", G_VARIANT_TYPE ("aa{sv}"));
  const char *id = followupctl_lookup_string (record, "id");
  GVariantBuilder all;

  for (gsize i = 0; i < g_variant_n_children (owned); i++) {
    g_autoptr (GVariant) c = g_variant_get_child_value (owned, i);
    const char *name = followupctl_lookup_string (c, "name");
    g_autoptr (GVariant) there = followupctl_record_find_contact (record, name);

    if (there != NULL && g_strcmp0 (followupctl_lookup_string (there, "name"), name) == 0) {
      followupctl_usage_error (error,
                               _ ("%s is already a contact of %s (change them with followupctl "
                                  "contact %s edit)"),
                               name, id, id);
      return NULL;
    }
  }
  g_variant_builder_init (&all, G_VARIANT_TYPE ("aa{sv}"));
  for (gsize i = 0; old != NULL && i < g_variant_n_children (old); i++) {
    g_autoptr (GVariant) c = g_variant_get_child_value (old, i);

    g_variant_builder_add_value (&all, c);
  }
  for (gsize i = 0; i < g_variant_n_children (owned); i++) {
    g_autoptr (GVariant) c = g_variant_get_child_value (owned, i);

    g_variant_builder_add_value (&all, c);
  }
  return g_variant_ref_sink (g_variant_builder_end (&all));
}

static gboolean
new_contacts (GVariant *record, const char *verb, const char *name, const ContactOptions *o,
              GVariant **out, GError **error)
{
  g_autoptr (GVariant) old = g_variant_lookup_value (record, "contacts", G_VARIANT_TYPE ("aa{sv}"));
  gsize n = old ? g_variant_n_children (old) : 0;
  gboolean found = FALSE;
  GVariantBuilder all;

  if (g_str_equal (verb, "add")) {
    GVariant *one = edited_contact (NULL, name, o);

    *out = followupctl_contacts_adding (record, g_variant_new_array (NULL, &one, 1), error);
    return *out != NULL;
  }
  g_variant_builder_init (&all, G_VARIANT_TYPE ("aa{sv}"));
  for (gsize i = 0; i < n; i++) {
    g_autoptr (GVariant) c = g_variant_get_child_value (old, i);

    if (g_strcmp0 (followupctl_lookup_string (c, "name"), name) != 0) {
      g_variant_builder_add_value (&all, c);
      continue;
    }
    found = TRUE;
    if (g_str_equal (verb, "edit"))
      g_variant_builder_add_value (&all, edited_contact (c, name, o));
  }
  *out = g_variant_ref_sink (g_variant_builder_end (&all));
  if (!found) {
    g_clear_pointer (out, g_variant_unref);
    return followupctl_usage_error (
      error, _ ("there is no contact named “%s” (followupctl show lists them)"), name);
  }
  if (g_str_equal (verb, "rm") && mentions (record, name) > 0) {
    g_clear_pointer (out, g_variant_unref);
    return followupctl_usage_error (error,
                                    _ ("%s is named in the events or rounds of this interview, so "
                                       "they stay a contact"),
                                    name);
  }
  return TRUE;
}

static gboolean
check_options (const char *verb, const ContactOptions *o, GError **error)
{
  const char *values[4];
  gboolean any = FALSE;

  option_values (o, values);
  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++) {
    g_autofree char *option = g_strconcat ("--", i == 3 ? "tz" : fields[i], NULL);

    if (values[i] != NULL && !followupctl_check_text (option, values[i], error))
      return FALSE;
    any |= values[i] != NULL;
  }
  if (g_str_equal (verb, "rm") && any)
    return followupctl_usage_error (error, _ ("contact rm takes no options"));
  if (g_str_equal (verb, "edit") && !any)
    return followupctl_usage_error (error, _ ("nothing to change: give at least one option"));
  if (o->prefers != NULL && *o->prefers != '\0' && !g_str_equal (o->prefers, "phone") &&
      !g_str_equal (o->prefers, "email"))
    return followupctl_usage_error (error, _ ("--prefers is phone or email, not “%s”"), o->prefers);
  return TRUE;
}

gboolean
followupctl_cmd_contact (FollowupctlCtx *ctx, char **argv, GError **error)
{
  g_auto (ContactOptions) o = { 0 };
  const GOptionEntry entries[] = {
    { "email", 0, 0, G_OPTION_ARG_FILENAME, &o.email, N_ ("Their email address"), "ADDRESS" },
    { "phone", 0, 0, G_OPTION_ARG_FILENAME, &o.phone, N_ ("Their phone number"), "NUMBER" },
    { "prefers", 0, 0, G_OPTION_ARG_FILENAME, &o.prefers, N_ ("phone or email"), "HOW" },
    { "tz", 0, 0, G_OPTION_ARG_FILENAME, &o.tz, N_ ("Their own time zone"), "ZONE" },
    { NULL },
  };
  g_autoptr (GVariant) record = NULL;
  g_autoptr (GVariant) contacts = NULL;
  g_autoptr (GError) local_error = NULL;
  g_auto (GVariantDict) changes = G_VARIANT_DICT_INIT (NULL);
  FollowupDBusFollowup1 *proxy;
  const char *verb;

  if (!followupctl_parse (ctx, argv, entries, NULL, 3, 3, error))
    return FALSE;
  verb = argv[2];
  if (!g_str_equal (verb, "add") && !g_str_equal (verb, "edit") && !g_str_equal (verb, "rm"))
    return followupctl_usage_error (error, _ ("unknown “%s” (use add, edit or rm)"), verb);
  if (!followupctl_check_text ("NAME", argv[3], error) || !check_options (verb, &o, error) ||
      (record = followupctl_get_record (ctx, argv[1], error)) == NULL ||
      !new_contacts (record, verb, argv[3], &o, &contacts, error) ||
      (proxy = followupctl_proxy (ctx, error)) == NULL)
    return FALSE;
  g_variant_dict_insert_value (&changes, "contacts", contacts);
  if (!followup_dbus_followup1_call_update_sync (proxy, argv[1], g_variant_dict_end (&changes),
                                                 NULL, &local_error))
    return followupctl_daemon_error (error, local_error);
  g_print (g_str_equal (verb, "add")    ? _ ("Added %s to %s.\n")
           : g_str_equal (verb, "edit") ? _ ("Updated %s in %s.\n")
                                        : _ ("Removed %s from %s.\n"),
           argv[3], argv[1]);
  return TRUE;
}
